// The report:* host channels: the report of the renderer's document on one of its open study sessions, through the
// same pipeline as the CLI (produce.ts). The session supplies the index and its allow-listed bytes reader, so no
// study is re-indexed and no file outside the index is read.
import type { AnnotationDocument } from '@shared/annotation/schema';
import type { RequestOf, ResponseOf } from '@shared/ipc/contract';
import type { Destination } from '@shared/ipc/report-schemas';
import { studySrs } from './study-srs';
import { chooseKeyImages } from '@shared/report/key-images';
import type { ReportModel } from '@shared/report/model';
import type { PageSize } from '@shared/report/html';
import type { StudySessions } from '../study-session';
import { produceReport, renderKeyImagePictures } from './produce';
import { reportStudyFromIndex } from './study-source';
import type { ReportStudySource } from './study-source';
import { outputBaseName, writeOutputs } from './write-outputs';
import type { OutputFormat } from './write-outputs';

type ReportChannel = 'report:copy-text' | 'report:key-images' | 'report:pdf' | 'report:export' | 'report:study-srs';
type ReportHandlers = { readonly [C in ReportChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

export type PrintPdf = (html: string, model: ReportModel, page: PageSize) => Promise<Uint8Array>;

export interface ReportChannelDeps {
  readonly studies: StudySessions;
  /** Electron: printToPDF in a hidden sandboxed window; absent: headless Chromium (browser mode, tests). */
  readonly printPdf?: PrintPdf;
  /** Electron: the native folder dialog (null when cancelled); absent in browser mode. */
  readonly pickFolder?: (purpose: 'pdf' | 'export') => Promise<string | null>;
  /** Electron: the system clipboard; absent in browser mode. */
  readonly writeClipboard?: (text: string) => void;
  readonly now?: () => Date;
  /** The installation's secret for de-identified pseudonyms (installation-secret.ts). */
  readonly installationSecret: () => Promise<string>;
}

const BROWSER_DIALOG_REASON = 'Browser mode has no native folder dialog: type the path of an existing folder instead.';

/** The report's study, from the open session the document belongs to. */
export async function sessionReportStudy(studies: StudySessions, sessionId: string, doc: AnnotationDocument, sops: readonly string[]): Promise<ReportStudySource> {
  const index = await studies.getIndex(sessionId);
  const known = index.patients.some((p) => p.studies.some((s) => s.uid === doc.studyInstanceUID));
  if (!known) throw new Error(`the document belongs to study ${doc.studyInstanceUID}, which is not in this session`);
  return reportStudyFromIndex(index, (id) => studies.readInstance(sessionId, id), doc.studyInstanceUID, sops);
}

export function reportHandlers(deps: ReportChannelDeps): ReportHandlers {
  const now = deps.now ?? (() => new Date());

  async function folderOf(destination: Destination, purpose: 'pdf' | 'export'): Promise<string | { status: 'cancelled' } | { status: 'unavailable'; reason: string }> {
    if (destination.kind === 'folder') return destination.path;
    if (deps.pickFolder === undefined) return { status: 'unavailable', reason: BROWSER_DIALOG_REASON };
    const picked = await deps.pickFolder(purpose);
    return picked === null ? { status: 'cancelled' } : picked;
  }

  async function run(request: RequestOf<'report:pdf'>, formats: readonly OutputFormat[], purpose: 'pdf' | 'export'): Promise<ResponseOf<'report:pdf'>> {
    const folder = await folderOf(request.destination, purpose);
    if (typeof folder !== 'string') return folder;
    const at = now();
    const produced = await produceReport({
      studyPaths: [],
      openStudy: (sops) => sessionReportStudy(deps.studies, request.sessionId, request.document, sops),
      document: request.document,
      images: request.images,
      page: request.page,
      ...(request.compareWith !== undefined ? { compareWith: request.compareWith } : {}),
      want: { pdf: formats.includes('pdf'), sr: formats.includes('sr'), encapsulatedPdf: formats.includes('encapsulated-pdf') },
      now: at,
      ...(request.deidentify ? { deidentify: { installationSecret: await deps.installationSecret() } } : {}),
      ...(deps.printPdf !== undefined ? { printPdf: deps.printPdf } : {}),
    });
    const data = { pdf: produced.pdf, json: produced.json, sr: produced.sr, 'encapsulated-pdf': produced.encapsulatedPdf } as const;
    const files = await writeOutputs(folder, outputBaseName(at, produced.model.deidentified), formats.map((f) => [f, data[f]] as const));
    return { status: 'written', folder, files };
  }

  return {
    'report:copy-text': async ({ text }) => {
      if (deps.writeClipboard === undefined) return { copied: false };
      deps.writeClipboard(text);
      return { copied: true };
    },
    'report:key-images': async ({ sessionId, document }) => {
      // Choosing and rendering key images needs no SOP classes (only the SR does): read no headers for them.
      const source = await sessionReportStudy(deps.studies, sessionId, document, []);
      try {
        const choices = chooseKeyImages(document, source.info);
        const images = await renderKeyImagePictures(choices, document, source);
        return { images, missing: choices.filter((c) => images[c.id] === undefined).map((c) => c.id) };
      } finally {
        source.close();
      }
    },
    'report:pdf': (request) => run(request, ['pdf'], 'pdf'),
    'report:export': (request) => run(request, request.formats, 'export'),
    'report:study-srs': ({ sessionId, studyInstanceUID }) => studySrs(deps.studies, sessionId, studyInstanceUID),
  };
}
