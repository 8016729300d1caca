/**
 * The two DICOM objects the report exports, as datasets for the Part 10 writer: a Comprehensive SR holding the
 * structured findings, and an Encapsulated PDF holding the rendered report. Both join the source study (same
 * StudyInstanceUID, patient and study attributes copied) in a new series of their own.
 */
import type { DataElement, Dataset } from '../write/index';
import { element, sequence, tag } from '../write/index';
import type { Code, SrItem } from './content';
import { codeItem, encodeItem } from './encode';

export const COMPREHENSIVE_SR_STORAGE = '1.2.840.10008.5.1.4.1.1.88.33';
export const ENCAPSULATED_PDF_STORAGE = '1.2.840.10008.5.1.4.1.1.104.1';

/** LOINC "Diagnostic imaging report": the document title of the SR and the concept of the PDF. */
export const DIAGNOSTIC_IMAGING_REPORT: Code = { value: '18748-4', scheme: 'LN', meaning: 'Diagnostic imaging report' };

export interface SourceStudy {
  readonly studyInstanceUID: string;
  readonly patientName: string;
  readonly patientId: string;
  readonly patientBirthDate: string;
  readonly patientSex: string;
  readonly studyDate: string;
  readonly studyTime: string;
  readonly studyId: string;
  readonly accessionNumber: string;
  readonly referringPhysician: string;
  readonly studyDescription: string;
}

export interface NewInstance {
  readonly seriesInstanceUID: string;
  readonly sopInstanceUID: string;
  readonly seriesNumber: number;
  readonly instanceNumber: number;
  /** DA and TM of creation. */
  readonly contentDate: string;
  readonly contentTime: string;
  readonly manufacturer: string;
  readonly softwareVersion: string;
  readonly seriesDescription: string;
  /** Set when the outputs are de-identified: PatientIdentityRemoved YES and the method. */
  readonly deidentificationMethod?: string;
}

export interface EvidenceRef {
  readonly seriesInstanceUID: string;
  readonly sopClassUID: string;
  readonly sopInstanceUID: string;
}

/** Only the characters the default repertoire allows, so ISO_IR 192 is declared exactly when needed. */
const needsUtf8 = (values: readonly string[]): boolean => values.some((v) => /[^\x20-\x7e\n\r\t]/.test(v));

function commonModules(study: SourceStudy, instance: NewInstance, sopClassUID: string, modality: string, texts: readonly string[]): DataElement[] {
  const all = [study.patientName, study.studyDescription, study.referringPhysician, instance.seriesDescription, ...texts];
  const out: DataElement[] = [
    // SOP Common
    element(tag(0x0008, 0x0016), 'UI', sopClassUID),
    element(tag(0x0008, 0x0018), 'UI', instance.sopInstanceUID),
    element(tag(0x0008, 0x0012), 'DA', instance.contentDate),
    element(tag(0x0008, 0x0013), 'TM', instance.contentTime),
    // Patient
    element(tag(0x0010, 0x0010), 'PN', study.patientName),
    element(tag(0x0010, 0x0020), 'LO', study.patientId),
    element(tag(0x0010, 0x0030), 'DA', study.patientBirthDate),
    element(tag(0x0010, 0x0040), 'CS', study.patientSex),
    // General Study
    element(tag(0x0020, 0x000d), 'UI', study.studyInstanceUID),
    element(tag(0x0008, 0x0020), 'DA', study.studyDate),
    element(tag(0x0008, 0x0030), 'TM', study.studyTime),
    element(tag(0x0008, 0x0090), 'PN', study.referringPhysician),
    element(tag(0x0020, 0x0010), 'SH', study.studyId),
    element(tag(0x0008, 0x0050), 'SH', study.accessionNumber),
    // Series (SR Document Series / Encapsulated Document Series)
    element(tag(0x0008, 0x0060), 'CS', modality),
    element(tag(0x0020, 0x000e), 'UI', instance.seriesInstanceUID),
    element(tag(0x0020, 0x0011), 'IS', instance.seriesNumber),
    element(tag(0x0020, 0x0013), 'IS', instance.instanceNumber),
    // General Equipment
    element(tag(0x0008, 0x0070), 'LO', instance.manufacturer),
    element(tag(0x0018, 0x1020), 'LO', instance.softwareVersion),
  ];
  if (study.studyDescription !== '') out.push(element(tag(0x0008, 0x1030), 'LO', study.studyDescription));
  if (instance.seriesDescription !== '') out.push(element(tag(0x0008, 0x103e), 'LO', instance.seriesDescription));
  if (needsUtf8(all)) out.push(element(tag(0x0008, 0x0005), 'CS', 'ISO_IR 192'));
  if (instance.deidentificationMethod !== undefined) {
    out.push(element(tag(0x0012, 0x0062), 'CS', 'YES'), element(tag(0x0012, 0x0063), 'LO', instance.deidentificationMethod));
  }
  return out;
}

/** CurrentRequestedProcedureEvidenceSequence / SourceInstanceSequence shape: study → series → SOP. */
function evidence(studyInstanceUID: string, refs: readonly EvidenceRef[]): Dataset[] {
  const bySeries = new Map<string, EvidenceRef[]>();
  for (const r of refs) bySeries.set(r.seriesInstanceUID, [...(bySeries.get(r.seriesInstanceUID) ?? []), r]);
  return [[
    element(tag(0x0020, 0x000d), 'UI', studyInstanceUID),
    sequence(tag(0x0008, 0x1115), [...bySeries.entries()].map(([series, sops]) => [
      element(tag(0x0020, 0x000e), 'UI', series),
      sequence(tag(0x0008, 0x1199), sops.map((s) => [element(tag(0x0008, 0x1150), 'UI', s.sopClassUID), element(tag(0x0008, 0x1155), 'UI', s.sopInstanceUID)])),
    ])),
  ]];
}

function collectText(items: readonly SrItem[], out: string[] = []): string[] {
  for (const i of items) {
    if (i.type === 'TEXT') out.push(i.text);
    if (i.type === 'PNAME') out.push(i.name);
    out.push(i.concept.meaning);
    if (i.type === 'CODE') out.push(i.code.meaning);
    if (i.children) collectText(i.children, out);
  }
  return out;
}

/** Who verified (signed) the document: the SR's Verifying Observer. */
export interface SrVerification {
  readonly observerName: string;
  /** LO, Type 1: never empty. */
  readonly organization: string;
  /** DT of the signature. */
  readonly dateTime: string;
}

/** The SR this one supersedes (an amendment's signed predecessor). */
export interface SrPredecessor {
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly sopInstanceUID: string;
}

export interface SrDocumentInput {
  readonly study: SourceStudy;
  readonly instance: NewInstance;
  /** Children of the root container (observer context first, then sections). */
  readonly content: readonly SrItem[];
  readonly evidence: readonly EvidenceRef[];
  /** Coding schemes other than DCM/LN/UCUM used in the content, named (and identified by UID when registered). */
  readonly localSchemes?: ReadonlyArray<{ readonly designator: string; readonly name: string; readonly uid?: string }>;
  /** A signed reading: COMPLETE and VERIFIED with its Verifying Observer. Absent: a draft, PARTIAL and UNVERIFIED. */
  readonly verification?: SrVerification;
  /** An amended reading: the signed SR it supersedes (Predecessor Documents Sequence). */
  readonly predecessor?: SrPredecessor;
}

export function buildComprehensiveSr(input: SrDocumentInput): Dataset {
  const { study, instance } = input;
  const out: DataElement[] = [
    ...commonModules(study, instance, COMPREHENSIVE_SR_STORAGE, 'SR', collectText(input.content)),
    // SR Document Series: no performed procedure step known
    sequence(tag(0x0008, 0x1111), []),
    // SR Document General: a draft is PARTIAL and UNVERIFIED; a signed reading COMPLETE and VERIFIED by its signer.
    element(tag(0x0040, 0xa491), 'CS', input.verification ? 'COMPLETE' : 'PARTIAL'),
    element(tag(0x0040, 0xa493), 'CS', input.verification ? 'VERIFIED' : 'UNVERIFIED'),
    element(tag(0x0040, 0xa496), 'CS', input.verification ? 'FINAL' : 'PRELIMINARY'),
    ...(input.verification ? [sequence(tag(0x0040, 0xa073), [[
      element(tag(0x0040, 0xa027), 'LO', input.verification.organization),
      element(tag(0x0040, 0xa030), 'DT', input.verification.dateTime),
      element(tag(0x0040, 0xa075), 'PN', input.verification.observerName),
      sequence(tag(0x0040, 0xa088), []),
    ]])] : []),
    ...(input.predecessor ? [sequence(tag(0x0040, 0xa360), [[
      element(tag(0x0020, 0x000d), 'UI', input.predecessor.studyInstanceUID),
      sequence(tag(0x0008, 0x1115), [[
        element(tag(0x0020, 0x000e), 'UI', input.predecessor.seriesInstanceUID),
        sequence(tag(0x0008, 0x1199), [[element(tag(0x0008, 0x1150), 'UI', COMPREHENSIVE_SR_STORAGE), element(tag(0x0008, 0x1155), 'UI', input.predecessor.sopInstanceUID)]]),
      ]]),
    ]])] : []),
    element(tag(0x0008, 0x0023), 'DA', instance.contentDate),
    element(tag(0x0008, 0x0033), 'TM', instance.contentTime),
    sequence(tag(0x0040, 0xa372), []),
    // SR Document Content: the root container
    element(tag(0x0040, 0xa040), 'CS', 'CONTAINER'),
    sequence(tag(0x0040, 0xa043), [codeItem(DIAGNOSTIC_IMAGING_REPORT)]),
    element(tag(0x0040, 0xa050), 'CS', 'SEPARATE'),
    sequence(tag(0x0040, 0xa730), input.content.map((item) => encodeItem(item))),
  ];
  if (input.evidence.length > 0) out.push(sequence(tag(0x0040, 0xa375), evidence(study.studyInstanceUID, input.evidence)));
  if (input.localSchemes !== undefined && input.localSchemes.length > 0) {
    out.push(sequence(tag(0x0008, 0x0110), input.localSchemes.map((s) => [
      element(tag(0x0008, 0x0102), 'SH', s.designator),
      ...(s.uid !== undefined ? [element(tag(0x0008, 0x010c), 'UI', s.uid)] : []),
      element(tag(0x0008, 0x0115), 'ST', s.name),
    ])));
  }
  return out;
}

export interface EncapsulatedPdfInput {
  readonly study: SourceStudy;
  readonly instance: NewInstance;
  readonly pdf: Uint8Array;
  readonly title: string;
  /** The source images the report was made from. */
  readonly sources: readonly EvidenceRef[];
}

export function buildEncapsulatedPdf(input: EncapsulatedPdfInput): Dataset {
  const { study, instance } = input;
  const out: DataElement[] = [
    ...commonModules(study, instance, ENCAPSULATED_PDF_STORAGE, 'DOC', [input.title]),
    // SC Equipment: made on a workstation
    element(tag(0x0008, 0x0064), 'CS', 'WSD'),
    // Encapsulated Document
    element(tag(0x0008, 0x0023), 'DA', instance.contentDate),
    element(tag(0x0008, 0x0033), 'TM', instance.contentTime),
    element(tag(0x0008, 0x002a), 'DT', `${instance.contentDate}${instance.contentTime}`),
    // The PDF prints the patient identification on every page.
    element(tag(0x0028, 0x0301), 'CS', 'YES'),
    element(tag(0x0042, 0x0010), 'ST', input.title),
    sequence(tag(0x0040, 0xa043), [codeItem(DIAGNOSTIC_IMAGING_REPORT)]),
    element(tag(0x0042, 0x0012), 'LO', 'application/pdf'),
    element(tag(0x0042, 0x0011), 'OB', input.pdf),
    element(tag(0x0042, 0x0015), 'UL', input.pdf.length),
  ];
  if (input.sources.length > 0) {
    out.push(sequence(tag(0x0042, 0x0013), input.sources.map((s) => [element(tag(0x0008, 0x1150), 'UI', s.sopClassUID), element(tag(0x0008, 0x1155), 'UI', s.sopInstanceUID)])));
  }
  return out;
}
