// The report's DICOM outputs as Part 10 bytes: a Comprehensive SR and an Encapsulated PDF, each in a new series of
// the source study. A draft's UIDs are random (crypto), so two exports never collide; a signed reading's SR has the
// UIDs its signature recorded (shared/annotation/signoff.ts), so every export of it is the same instance and an
// amendment's SR names it as its predecessor.
import { randomBytes } from 'node:crypto';
import type { AnnotationDocument } from '@shared/annotation/schema';
import { buildComprehensiveSr, buildEncapsulatedPdf, buildKeyObjectSelection } from '@shared/dicom/sr/index';
import type { KeyObjectRef } from '@shared/dicom/sr/index';
import type { EvidenceRef, NewInstance } from '@shared/dicom/sr/index';
import { formatDA, formatDT, formatTM, uidFromRandomBytes, writePart10 } from '@shared/dicom/write/index';
import type { SrPredecessor, SrVerification } from '@shared/dicom/sr/index';
import type { ReportModel } from '@shared/report/model';
import type { StudyInfo } from '@shared/report/study-info';
import { buildSrContent, SR_SCHEMES } from '@shared/report/sr-content';
import { DEIDENTIFICATION_METHOD, DUMMY_DA } from '@shared/report/deidentify';
import { readerPersonName } from '@shared/report/sr-content';

export const SR_SERIES_NUMBER = 9001;
export const PDF_SERIES_NUMBER = 9002;
export const KOS_SERIES_NUMBER = 9003;

const newUid = (): string => uidFromRandomBytes(new Uint8Array(randomBytes(16)));

function newInstance(now: Date, seriesNumber: number, seriesDescription: string, appVersion: string, deidentified: boolean): NewInstance {
  return {
    seriesInstanceUID: newUid(),
    sopInstanceUID: newUid(),
    seriesNumber,
    instanceNumber: 1,
    // De-identified outputs carry a dummy date (PS3.15: dates replaced).
    contentDate: deidentified ? DUMMY_DA : formatDA(now),
    contentTime: deidentified ? '000000' : formatTM(now),
    manufacturer: 'spine-met-annotator',
    softwareVersion: appVersion,
    seriesDescription,
    ...(deidentified ? { deidentificationMethod: DEIDENTIFICATION_METHOD } : {}),
  };
}

export interface DicomExportInput {
  readonly model: ReportModel;
  readonly document: AnnotationDocument;
  /** Already de-identified when the model is. */
  readonly study: StudyInfo;
  readonly now: Date;
}

/** The signed SR's verification and predecessor, from the model's sign-off (already de-identified when the model is). */
function signedParts(input: DicomExportInput): { verification?: SrVerification; predecessor?: SrPredecessor } {
  const { verifier, predecessor } = input.model.signoff;
  if (verifier === null) return {};
  const deidentified = input.model.deidentified;
  const verification: SrVerification = {
    observerName: readerPersonName(verifier.signer),
    // Verifying Organization is Type 1: the signer's, else the study's institution, else said to be unrecorded.
    organization: (verifier.organization || (deidentified ? 'Removed (de-identified)' : input.study.institutionName) || 'Not recorded').replace(/\\/g, '/').slice(0, 64),
    dateTime: deidentified ? `${DUMMY_DA}000000` : formatDT(new Date(verifier.signedAt)),
  };
  return {
    verification,
    ...(predecessor !== null ? { predecessor: { studyInstanceUID: input.study.studyInstanceUID, ...predecessor.sr } } : {}),
  };
}

export function exportStructuredReport(input: DicomExportInput): { bytes: Uint8Array; evidence: EvidenceRef[]; sopInstanceUID: string } {
  const content = buildSrContent(input.model, input.document, input.study);
  const { verifier } = input.model.signoff;
  const fresh = newInstance(verifier === null ? input.now : new Date(verifier.signedAt), SR_SERIES_NUMBER, `Spine metastasis structured report (${input.model.signoff.state})`, input.document.appVersion || 'unknown', input.model.deidentified);
  const instance = verifier === null ? fresh : { ...fresh, ...verifier.sr };
  const dataset = buildComprehensiveSr({ study: input.study, instance, content: content.items, evidence: content.evidence, localSchemes: SR_SCHEMES, ...signedParts(input) });
  return { bytes: writePart10(dataset), evidence: content.evidence, sopInstanceUID: instance.sopInstanceUID };
}

export function exportEncapsulatedPdf(input: DicomExportInput & { readonly pdf: Uint8Array; readonly sources: readonly EvidenceRef[] }): Uint8Array {
  const instance = newInstance(input.now, PDF_SERIES_NUMBER, `Spine metastasis report PDF (${input.model.signoff.state})`, input.document.appVersion || 'unknown', input.model.deidentified);
  return writePart10(buildEncapsulatedPdf({ study: input.study, instance, pdf: input.pdf, title: input.model.title, sources: input.sources }));
}

/**
 * The Key Object Selection of the report's key images (issue 13), in a new series of the source study; undefined
 * when no key image has a known SOP class (nothing to flag). The captions are its description.
 */
export function exportKeyObjectSelection(input: DicomExportInput & { readonly images: ReadonlyArray<KeyObjectRef & { readonly caption: string }> }): Uint8Array | undefined {
  const images = input.images.filter((i) => i.sopClassUID !== '');
  if (images.length === 0) return undefined;
  const instance = newInstance(input.now, KOS_SERIES_NUMBER, `Spine metastasis key images (${input.model.signoff.state})`, input.document.appVersion || 'unknown', input.model.deidentified);
  const description = images.map((i) => i.caption.trim()).filter((c) => c !== '').join('; ');
  return writePart10(buildKeyObjectSelection({ study: input.study, instance, images: images.map(({ caption: _caption, ...ref }) => ref), description }));
}
