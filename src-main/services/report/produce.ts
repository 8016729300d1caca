// One report run, shared by the CLI, the app's host channels and the tests: open the study, score the document,
// choose and render key images, build the model (de-identified on request), then the text, HTML, PDF, SR,
// Encapsulated PDF and JSON that were asked for.
import type { AnnotationDocument } from '@shared/annotation/schema';
import { deriveReading } from '@shared/reading/derive';
import type { DerivedReading } from '@shared/reading/derive';
import type { ScoringOptions } from '@shared/scoring/index';
import type { Problem } from '@shared/validation/parse';
import { buildReport } from '@shared/report/model';
import { comparisonInputOf } from '@shared/report/comparison-section';
import type { CompareWith } from '@shared/report/comparison-section';
import type { ReportModel } from '@shared/report/model';
import { chooseKeyImages } from '@shared/report/key-images';
import type { KeyImageChoice } from '@shared/report/key-images';
import { deidentifyDocument, deidentifyStudyInfo, remapUid, studySalt } from '@shared/report/deidentify';
import type { DeidentifyOptions } from '@shared/report/deidentify';
import { pdfFooterTemplate, pdfHeaderTemplate, renderReportHtml } from '@shared/report/html';
import type { PageSize } from '@shared/report/html';
import { renderReportText } from '@shared/report/text';
import type { StudyInfo } from '@shared/report/study-info';
import { findInstance, identityNotes, imageIdentity } from '@shared/report/study-info';
import type { KeyObjectRef } from '@shared/dicom/sr/index';
import { parseDicomBounded } from '@shared/dicom/decode/parse-bounded';
import { openReportStudy } from './study-source';
import type { ReportStudySource } from './study-source';
import { renderKeyImages } from './render-key-images';
import { htmlToPdf } from './pdf-chromium';
import { exportEncapsulatedPdf, exportKeyObjectSelection, exportStructuredReport } from './export-dicom';
import { exportDocumentJson } from './export-json';
import { deidentifyImages } from './deidentify-images';
import type { ImageDeidentificationResult } from './deidentify-images';

export interface ProduceRequest {
  readonly studyPaths: readonly string[];
  /** Opens the study another way (the app's open session) instead of indexing `studyPaths`; given the referenced SOP UIDs. */
  readonly openStudy?: (sopInstanceUIDs: readonly string[]) => Promise<ReportStudySource>;
  /** PNG data URLs by key image id, already rendered (the app's captures of the reader's views); the rest are rendered here. */
  readonly images?: Readonly<Record<string, string>>;
  readonly document: AnnotationDocument;
  /** Scoring options (e.g. a deployment's radiosensitivity table); the same for scores, wording and derived facts. */
  readonly scoring?: ScoringOptions;
  /** Notes from loading the document (repairs), shown in the report's footer. */
  readonly loadNotes?: readonly Problem[];
  /** A prior study's reading, or another reader's reading of this study, for the report's comparison section. */
  readonly compareWith?: CompareWith;
  readonly page?: PageSize;
  /**
   * De-identifies the run; omit for an identified report. Normally the installation's secret: the key is then
   * studySalt(secret, study identity), so every export of one study here carries the same pseudonym. An explicit
   * salt (tests, `--deidentify-salt`) is used as it is.
   */
  readonly deidentify?: DeidentifyOptions | { readonly installationSecret: string };
  readonly want: {
    readonly pdf?: boolean;
    readonly sr?: boolean;
    readonly encapsulatedPdf?: boolean;
    /** The Key Object Selection of the key images (issue 13). */
    readonly kos?: boolean;
    /** De-identified copies of the referenced images (needs `deidentify`: the copies share its UID mapping). */
    readonly deidentifiedImages?: boolean;
  };
  readonly now?: Date;
  /** Prints the HTML to PDF (defaults to headless Chromium; the Electron host passes printToPDF). */
  readonly printPdf?: (html: string, model: ReportModel, page: PageSize) => Promise<Uint8Array>;
}

export interface ProducedReport {
  readonly model: ReportModel;
  /** The document's derived reading (shared/reading/derive.ts): the one source of the scores in every output. */
  readonly reading: DerivedReading;
  readonly text: string;
  readonly html: string;
  readonly json: string;
  readonly pdf?: Uint8Array;
  readonly sr?: Uint8Array;
  readonly encapsulatedPdf?: Uint8Array;
  /** Absent when not asked, or when no key image's SOP class is known. */
  readonly kos?: Uint8Array;
  /** What the outputs describe (de-identified when asked). */
  readonly study: StudyInfo;
  readonly keyImages: readonly KeyImageChoice[];
  readonly deidentifiedImages?: ImageDeidentificationResult;
}

export class ReportInputError extends Error {
  override name = 'ReportInputError';
}

export function referencedSops(doc: AnnotationDocument): string[] {
  return [...new Set([...doc.labels.map((l) => l.sourceInstance.sopInstanceUID), ...doc.measurements.map((m) => m.sourceInstance.sopInstanceUID), ...doc.report.keyImages.map((k) => k.instance.sopInstanceUID)])];
}

/**
 * Pictures (SVG data URLs) of the chosen key images the caller has not already rendered (`have`), drawn from the
 * DICOM with the shared overlay. A pure function of the document, its key image records and the study: the same
 * draft gives the same pictures after a reload, in the preview and in the PDF.
 */
export async function renderKeyImagePictures(choices: readonly KeyImageChoice[], doc: AnnotationDocument, source: ReportStudySource, have: Readonly<Record<string, string>> = {}): Promise<Record<string, string>> {
  const rendered = await renderKeyImages(choices.filter((c) => have[c.id] === undefined), doc, source.info, (sop, frame) => source.readBytes(sop, frame));
  return Object.fromEntries(rendered.map((r) => [r.id, r.url]));
}

/**
 * The key images as KOS references: SOP class from the index, else read from the file (a proposed key image was
 * not among the instances the report looked up); the frame number only for a multi-frame image. `shown` are the
 * choices as the outputs name them (de-identified UIDs when the run is).
 */
async function keyObjectRefs(choices: readonly KeyImageChoice[], shown: readonly KeyImageChoice[], source: ReportStudySource): Promise<Array<KeyObjectRef & { caption: string }>> {
  const refs: Array<KeyObjectRef & { caption: string }> = [];
  for (const [i, choice] of choices.entries()) {
    const found = findInstance(source.info, choice.sopInstanceUID, choice.frame);
    let sopClassUID = found?.instance.sopClassUID;
    if (sopClassUID === undefined) {
      const bytes = await source.readBytes(choice.sopInstanceUID);
      try {
        sopClassUID = bytes === null ? undefined : parseDicomBounded(bytes, { untilTag: 'x00080017' } as never).string('x00080016')?.replace(/\0/g, '').trim();
      } catch {
        sopClassUID = undefined;
      }
    }
    const frames = found === null ? 1 : found.series.instances.filter((x) => x.sopInstanceUID === choice.sopInstanceUID).length;
    const ref = shown[i] ?? choice;
    refs.push({ seriesInstanceUID: ref.seriesInstanceUID, sopInstanceUID: ref.sopInstanceUID, sopClassUID: sopClassUID ?? '', caption: choice.caption, ...(frames > 1 ? { frameNumber: choice.frame + 1 } : {}) });
  }
  return refs;
}

export async function produceReport(request: ProduceRequest): Promise<ProducedReport> {
  const now = request.now ?? new Date();
  const page = request.page ?? 'A4';
  if (request.want.deidentifiedImages === true && request.deidentify === undefined) throw new ReportInputError('de-identified images need a de-identified report (the copies share its UID mapping)');
  // A draft is reported for everything it can score; lesions without a level are listed as not yet complete.
  const reading = deriveReading(request.document, request.scoring);
  const compared = request.compareWith === undefined ? undefined : comparisonInputOf(request.compareWith, request.document, (d) => deriveReading(d, request.scoring));
  if (compared !== undefined && !compared.ok) throw new ReportInputError(compared.reason);
  const sops = referencedSops(request.document);
  const source = request.openStudy !== undefined ? await request.openStudy(sops) : await openReportStudy(request.studyPaths, request.document.studyInstanceUID, sops);
  try {
    const choices = chooseKeyImages(request.document, source.info);
    const images = { ...(await renderKeyImagePictures(choices, request.document, source, request.images ?? {})), ...(request.images ?? {}) };

    const asked = request.deidentify;
    const deid = asked === undefined ? undefined : 'salt' in asked ? asked : studySalt(asked.installationSecret, source.info.studyInstanceUID);
    const doc = deid === undefined ? request.document : deidentifyDocument(request.document, source.info, deid);
    const study = deid === undefined ? source.info : deidentifyStudyInfo(source.info, deid);
    const keyImages = deid === undefined ? choices : choices.map((k) => ({ ...k, seriesInstanceUID: remapUid(k.seriesInstanceUID, deid), sopInstanceUID: remapUid(k.sopInstanceUID, deid) }));

    const model = buildReport({ document: doc, study, reading, notes: [...(request.loadNotes ?? []), ...identityNotes(study, referencedSops(doc))], keyImages, deidentified: deid !== undefined, ...(compared !== undefined ? { comparison: compared.input } : {}) });
    const html = renderReportHtml(model, { page, images });
    const text = renderReportText(model);
    const json = exportDocumentJson(doc);
    const print = request.printPdf ?? ((h: string, m: ReportModel, p: PageSize) => htmlToPdf(h, { page: p, headerTemplate: pdfHeaderTemplate(m), footerTemplate: pdfFooterTemplate(m) }));
    const needPdf = request.want.pdf === true || request.want.encapsulatedPdf === true;
    const pdf = needPdf ? await print(html, model, page) : undefined;
    const dicomInput = { model, document: doc, study, now };
    const sr = request.want.sr === true || request.want.encapsulatedPdf === true ? exportStructuredReport(dicomInput) : undefined;
    const encapsulatedPdf = request.want.encapsulatedPdf === true && pdf !== undefined
      ? exportEncapsulatedPdf({ ...dicomInput, pdf, sources: sr?.evidence ?? [] })
      : undefined;
    const kos = request.want.kos === true
      ? exportKeyObjectSelection({ ...dicomInput, images: await keyObjectRefs(choices, keyImages, source) })
      : undefined;
    const deidentifiedImages = request.want.deidentifiedImages === true && deid !== undefined
      ? await deidentifyImages([...sops, ...choices.map((c) => c.sopInstanceUID)], (sop) => source.readBytes(sop), deid, (sop) => imageIdentity(source.info, sop))
      : undefined;
    return {
      model, reading, text, html, json, study, keyImages,
      ...(deidentifiedImages !== undefined ? { deidentifiedImages } : {}),
      ...(pdf !== undefined ? { pdf } : {}),
      ...(sr !== undefined && request.want.sr === true ? { sr: sr.bytes } : {}),
      ...(encapsulatedPdf !== undefined ? { encapsulatedPdf } : {}),
      ...(kos !== undefined ? { kos } : {}),
    };
  } finally {
    source.close();
  }
}
