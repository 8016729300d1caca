// Sending a reading's outputs to the PACS (issue 13): the SR, the Encapsulated PDF and the Key Object Selection,
// already written to disk, each sent into the source study (whatever the protocol), each object's status told as it
// comes. Nothing is deleted: on failure the files stay where they are and `retryFailed` sends only the objects that
// failed, so an object the PACS stored is never sent again.

import { readFile } from 'node:fs/promises';
import { parseDicomBounded } from '@shared/dicom/decode/parse-bounded';
import { TAG } from '@shared/dicom/tags';
import { PacsError } from './pacs-error';
import { pacsNodeLabel, sendNodeFiles } from './nodes';
import type { PacsNode, StoreOutcome } from './nodes';

export type ReadingObjectKind = 'sr' | 'pdf' | 'kos';

export interface ReadingOutput {
  readonly kind: ReadingObjectKind;
  /** The Part 10 file on disk. */
  readonly file: string;
}

export type ReadingObjectStatus = 'pending' | 'stored' | 'warning' | 'failed';

export interface ReadingObjectState {
  readonly kind: ReadingObjectKind;
  readonly file: string;
  readonly sopInstanceUid: string;
  readonly status: ReadingObjectStatus;
  /** Why it failed, or what the PACS warned about, in words. */
  readonly reason?: string;
}

export interface SendReadingResult {
  /** Where it went (no credentials). */
  readonly node: string;
  readonly studyInstanceUid: string;
  readonly objects: readonly ReadingObjectState[];
  /** Every object stored (with or without a warning). */
  readonly complete: boolean;
}

export interface SendReadingOptions {
  readonly signal?: AbortSignal;
  /** Each object's state when it changes (pending first, then its outcome). */
  readonly onObject?: (state: ReadingObjectState) => void;
}

export const KIND_LABEL: Readonly<Record<ReadingObjectKind, string>> = { sr: 'structured report', pdf: 'report PDF', kos: 'key images' };

/** The study and instance an output belongs to, read from the file itself. */
async function identity(output: ReadingOutput): Promise<{ studyInstanceUid: string; sopInstanceUid: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(output.file);
  } catch {
    throw new PacsError('local-file', `The ${KIND_LABEL[output.kind]} file ${output.file} could not be read.`);
  }
  try {
    const ds = parseDicomBounded(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), { untilTag: 'x00200010' } as never);
    const text = (tag: string): string => (ds.string(tag) ?? '').replace(/\0/g, '').trim();
    return { studyInstanceUid: text(TAG.studyInstanceUid), sopInstanceUid: text(TAG.sopInstanceUid) };
  } catch {
    throw new PacsError('local-file', `The ${KIND_LABEL[output.kind]} file ${output.file} is not a DICOM file.`);
  }
}

const stateOf = (output: ReadingOutput, sopInstanceUid: string, outcome: StoreOutcome): ReadingObjectState => {
  const status: ReadingObjectStatus = outcome.status === 'stored' ? 'stored' : outcome.status === 'stored-with-warning' ? 'warning' : 'failed';
  const reason = outcome.reasonText ?? (outcome.reason !== undefined ? `status ${outcome.reason}` : undefined);
  return { kind: output.kind, file: output.file, sopInstanceUid, status, ...(reason !== undefined ? { reason } : {}) };
};

/**
 * Sends the outputs into their study. They must all name the same StudyInstanceUID (and `studyInstanceUid`, when
 * given: the study the reading was made on), so a send can never start a new study on the PACS.
 */
export async function sendReading(node: PacsNode, outputs: readonly ReadingOutput[], options: SendReadingOptions & { readonly studyInstanceUid?: string } = {}): Promise<SendReadingResult> {
  if (outputs.length === 0) throw new PacsError('bad-request', 'There is nothing to send.');
  const ids = await Promise.all(outputs.map(identity));
  const study = options.studyInstanceUid ?? ids[0]?.studyInstanceUid ?? '';
  for (const [i, id] of ids.entries()) {
    if (id.studyInstanceUid !== study) throw new PacsError('bad-request', `The ${KIND_LABEL[outputs[i]?.kind ?? 'sr']} belongs to another study than the reading; nothing was sent.`);
  }
  const states = outputs.map((output, i): ReadingObjectState => ({ kind: output.kind, file: output.file, sopInstanceUid: ids[i]?.sopInstanceUid ?? '', status: 'pending' }));
  for (const state of states) options.onObject?.(state);
  const outcomes = await sendNodeFiles(node, outputs.map((o) => o.file), {
    ...(options.signal ? { signal: options.signal } : {}),
    onObject: (outcome) => {
      const i = outputs.findIndex((o) => o.file === outcome.file);
      if (i < 0) return;
      states[i] = stateOf(outputs[i] as ReadingOutput, states[i]?.sopInstanceUid ?? '', outcome);
      options.onObject?.(states[i] as ReadingObjectState);
    },
  });
  // An object the node never answered for (it should not happen) counts as failed, never as stored.
  for (const [i, state] of states.entries()) {
    if (state.status === 'pending') {
      const outcome = outcomes.find((o) => o.file === state.file);
      states[i] = outcome !== undefined ? stateOf(outputs[i] as ReadingOutput, state.sopInstanceUid, outcome) : { ...state, status: 'failed', reason: 'the PACS did not confirm it' };
      options.onObject?.(states[i] as ReadingObjectState);
    }
  }
  return { node: pacsNodeLabel(node), studyInstanceUid: study, objects: states, complete: states.every((s) => s.status === 'stored' || s.status === 'warning') };
}

/** Sends again only the objects of `previous` that failed; the stored ones keep their state and are not sent. */
export async function retryFailed(node: PacsNode, previous: SendReadingResult, options: SendReadingOptions = {}): Promise<SendReadingResult> {
  const failed = previous.objects.filter((o) => o.status === 'failed');
  if (failed.length === 0) return previous;
  const again = await sendReading(node, failed.map((o) => ({ kind: o.kind, file: o.file })), { ...options, studyInstanceUid: previous.studyInstanceUid });
  const objects = previous.objects.map((o) => again.objects.find((a) => a.file === o.file) ?? o);
  return { ...again, objects, complete: objects.every((s) => s.status === 'stored' || s.status === 'warning') };
}
