// "Send to PACS" (issue 13): a signed reading's DICOM SR, Encapsulated PDF and Key Object Selection, made by the
// report pipeline from the open study session, written into the app's outbox (0600 files in a 0700 folder) and
// sent into the reading's own study by send-reading.ts, each object with its status. The files stay in the outbox
// whatever happens; "Retry" sends only the objects that failed (an object the PACS stored is never sent twice).

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { RequestOf, ResponseOf } from '@shared/ipc/contract';
import { KIND_LABEL, retryFailed, sendReading } from '../pacs/send-reading';
import type { ReadingOutput, SendReadingResult } from '../pacs/send-reading';
import type { PacsNode } from '../pacs/nodes';
import { PacsError } from '../pacs/pacs-error';
import { makePrivateDir, writePrivateFile } from '../private-files';
import { produceReport } from '../report/produce';
import type { PrintPdf } from '../report/report-channels';
import { sessionReportStudy } from '../report/report-channels';
import type { StudySessions } from '../study-session';
import { NodeStoreRefusal } from './node-store';
import { SecretUnavailable } from './secrets';

type SendChannel = 'pacs:send-reading' | 'pacs:retry-send';
export type SendHandlers = { readonly [C in SendChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

export const outboxDir = (dataDir: string): string => join(dataDir, 'outbox');

export interface SendChannelDeps {
  readonly dataDir: string;
  /** The open study sessions the report is made from (absent: nothing can be sent). */
  readonly studies?: StudySessions;
  readonly printPdf?: PrintPdf;
  /** The configured node with its credentials (main only). */
  readonly node: (id: string) => Promise<PacsNode>;
  readonly now?: () => Date;
}

type Answer = ResponseOf<'pacs:send-reading'>;

function failed(error: unknown, fallback: string): Answer {
  if (error instanceof PacsError || error instanceof NodeStoreRefusal || error instanceof SecretUnavailable) return { status: 'failed', message: error.message };
  return { status: 'failed', message: fallback };
}

function answerOf(sendId: string, folder: string, result: SendReadingResult, note?: string): Answer {
  return {
    status: 'sent',
    sendId,
    folder,
    complete: result.complete,
    objects: result.objects.map((o) => ({ kind: o.kind, label: KIND_LABEL[o.kind], status: o.status, ...(o.reason === undefined ? {} : { reason: o.reason.slice(0, 2000) }) })),
    ...(note === undefined ? {} : { note }),
  };
}

export function sendHandlers(deps: SendChannelDeps): SendHandlers {
  const now = deps.now ?? (() => new Date());
  /** This run's sends, for "Retry": which node, what was sent, where the files are. */
  const sends = new Map<string, { nodeId: string; folder: string; result: SendReadingResult; note?: string }>();
  return {
    'pacs:send-reading': async (request) => {
      const doc = request.document;
      // Only a signed reading leaves for the PACS; the panel offers it only then, and main checks again.
      if (doc.signoff.state === 'draft' || doc.signoff.amendment !== null) return { status: 'failed', message: 'Only a signed report is sent to the PACS: sign it first.' };
      const studies = deps.studies;
      if (studies === undefined) return { status: 'failed', message: 'No study is open to make the report from.' };
      try {
        const node = await deps.node(request.id);
        const at = now();
        const produced = await produceReport({
          studyPaths: [],
          openStudy: (sops) => sessionReportStudy(studies, request.sessionId, doc, sops),
          document: doc,
          images: request.images,
          page: request.page,
          ...(request.compareWith !== undefined ? { compareWith: request.compareWith } : {}),
          want: { sr: true, pdf: true, encapsulatedPdf: true, kos: true },
          now: at,
          ...(deps.printPdf !== undefined ? { printPdf: deps.printPdf } : {}),
        });
        if (produced.study.studyInstanceUIDDerived === true) return { status: 'failed', message: 'The study\'s files carry no StudyInstanceUID, so the report cannot join the study on the PACS; nothing was sent.' };
        const folder = join(outboxDir(deps.dataDir), `${produced.study.studyInstanceUID}-${at.getTime()}`);
        await makePrivateDir(folder);
        const outputs: ReadingOutput[] = [];
        for (const [kind, bytes, name] of [['sr', produced.sr, 'sr.dcm'], ['pdf', produced.encapsulatedPdf, 'report-pdf.dcm'], ['kos', produced.kos, 'key-images.dcm']] as const) {
          if (bytes === undefined) continue;
          const file = join(folder, name);
          await writePrivateFile(file, bytes, 'wx');
          outputs.push({ kind, file });
        }
        const note = produced.kos === undefined ? 'No key image could be referenced, so no key-image selection was made.' : undefined;
        const result = await sendReading(node, outputs, { studyInstanceUid: produced.study.studyInstanceUID });
        const sendId = randomBytes(9).toString('base64url');
        sends.set(sendId, { nodeId: request.id, folder, result, ...(note === undefined ? {} : { note }) });
        return answerOf(sendId, folder, result, note);
      } catch (error) {
        return failed(error, 'The report could not be sent to the PACS.');
      }
    },
    'pacs:retry-send': async ({ sendId }) => {
      const send = sends.get(sendId);
      if (send === undefined) return { status: 'failed', message: 'This send is no longer known (the app was restarted): send the report again.' };
      try {
        const result = await retryFailed(await deps.node(send.nodeId), send.result);
        send.result = result;
        return answerOf(sendId, send.folder, result, send.note);
      } catch (error) {
        return failed(error, 'The report could not be sent to the PACS.');
      }
    },
  };
}
