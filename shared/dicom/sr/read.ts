/**
 * Any SR document's bytes → its header and content tree as plain data (PS3.3 C.17.3), whoever wrote it. Pure: the
 * bytes are parsed with dicom-parser (as header.ts does); every value type of the standard is read, those the
 * writer never makes (DATE, TIME, DATETIME, SCOORD3D, TCOORD, COMPOSITE, WAVEFORM) too, so another program's SR
 * can be shown as text. Nothing here decides whether the SR is ours (shared/report/restore-reading.ts does).
 */
import type { DataSet } from 'dicom-parser';
import { characterSetTerms } from '../charset';
import { firstItem, items, numbers, text, textIn } from '../dataset-values';
import { DicomLoadError, thrownText } from '../decode/errors';
import { parseDicomBounded } from '../decode/parse-bounded';
import { lookupSopClass } from '../sop-classes';
import { asPart10, sniffDicom } from '../sniff';
import type { Code } from './content';

/** One content item as read: the value fields its value type has, the rest absent. */
export interface ReadSrItem {
  /** '' for the document's root. */
  readonly relationship: string;
  readonly valueType: string;
  readonly concept: Code | null;
  readonly text?: string;
  readonly code?: Code;
  /** NUM: the Floating Point Value when present (exact), else the DS; null when the measured value is absent. */
  readonly num?: { readonly value: number | null; readonly unit: Code | null };
  readonly personName?: string;
  readonly uid?: string;
  /** DATE, TIME, DATETIME as written (DA, TM, DT). */
  readonly dateTime?: string;
  /** SCOORD / SCOORD3D. */
  readonly graphic?: { readonly type: string; readonly data: readonly number[]; readonly frameOfReferenceUID?: string };
  /** IMAGE / COMPOSITE / WAVEFORM references. */
  readonly reference?: { readonly sopClassUID: string; readonly sopInstanceUID: string; readonly frames: readonly number[] };
  readonly children: readonly ReadSrItem[];
}

export interface ReadSr {
  readonly sopClassUID: string;
  readonly sopClassName: string;
  readonly sopInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly studyInstanceUID: string;
  readonly patientName: string;
  readonly patientId: string;
  readonly patientBirthDate: string;
  readonly studyDate: string;
  readonly studyDescription: string;
  readonly manufacturer: string;
  readonly contentDate: string;
  readonly contentTime: string;
  readonly completionFlag: string;
  readonly verificationFlag: string;
  readonly verifyingObservers: ReadonlyArray<{ readonly name: string; readonly organization: string; readonly dateTime: string }>;
  /** The root container: its concept is the document title. */
  readonly root: ReadSrItem;
}

/** Why bytes are not an SR we can read, in the reader's words. */
export class SrReadError extends Error {}

const T = {
  sopClass: 'x00080016',
  sopInstance: 'x00080018',
  series: 'x0020000e',
  study: 'x0020000d',
  patientName: 'x00100010',
  patientId: 'x00100020',
  birthDate: 'x00100030',
  studyDate: 'x00080020',
  studyDescription: 'x00081030',
  manufacturer: 'x00080070',
  contentDate: 'x00080023',
  contentTime: 'x00080033',
  charset: 'x00080005',
  completion: 'x0040a491',
  verification: 'x0040a493',
  verifyingObserver: 'x0040a073',
  organization: 'x0040a027',
  verificationDateTime: 'x0040a030',
  observerName: 'x0040a075',
  relationship: 'x0040a010',
  valueType: 'x0040a040',
  conceptName: 'x0040a043',
  content: 'x0040a730',
  textValue: 'x0040a160',
  conceptCode: 'x0040a168',
  measuredValue: 'x0040a300',
  units: 'x004008ea',
  numericValue: 'x0040a30a',
  floatValue: 'x0040a161',
  personName: 'x0040a123',
  uid: 'x0040a124',
  date: 'x0040a121',
  time: 'x0040a122',
  dateTime: 'x0040a120',
  graphicData: 'x00700022',
  graphicType: 'x00700023',
  frameOfReference: 'x30060024',
  referencedSop: 'x00081199',
  refClass: 'x00081150',
  refInstance: 'x00081155',
  refFrames: 'x00081160',
  codeValue: 'x00080100',
  scheme: 'x00080102',
  meaning: 'x00080104',
  longCodeValue: 'x00080119',
  urnCodeValue: 'x00080120',
} as const;

function codeOf(ds: DataSet | undefined, terms: readonly string[]): Code | null {
  if (ds === undefined) return null;
  const value = text(ds, T.codeValue) ?? text(ds, T.longCodeValue) ?? text(ds, T.urnCodeValue) ?? '';
  return { value, scheme: text(ds, T.scheme) ?? '', meaning: textIn(ds, T.meaning, terms) ?? value };
}

/** FL/FD values (little endian: every transfer syntax we read is). */
function floats(ds: DataSet, tag: string): number[] {
  const e = ds.elements[tag];
  if (e === undefined || e.length === 0) return [];
  const size = e.vr === 'FD' || (e.vr === undefined && tag === T.floatValue) ? 8 : 4;
  const view = new DataView(ds.byteArray.buffer, ds.byteArray.byteOffset + e.dataOffset, Math.min(e.length, ds.byteArray.length - e.dataOffset));
  const out: number[] = [];
  for (let at = 0; at + size <= view.byteLength; at += size) out.push(size === 8 ? view.getFloat64(at, true) : view.getFloat32(at, true));
  return out;
}

function readItem(ds: DataSet, terms: readonly string[], depth: number): ReadSrItem {
  if (depth > 64) throw new SrReadError('its content is nested too deeply to be a report');
  const valueType = text(ds, T.valueType) ?? '';
  const base = {
    relationship: text(ds, T.relationship) ?? '',
    valueType,
    concept: codeOf(firstItem(ds, T.conceptName), terms),
    children: items(ds, T.content).map((child) => readItem(child, terms, depth + 1)),
  };
  switch (valueType) {
    case 'TEXT':
      return { ...base, text: textIn(ds, T.textValue, terms) ?? '' };
    case 'CODE':
      return { ...base, code: codeOf(firstItem(ds, T.conceptCode), terms) ?? { value: '', scheme: '', meaning: '' } };
    case 'NUM': {
      const measured = firstItem(ds, T.measuredValue);
      const exact = measured === undefined ? undefined : floats(measured, T.floatValue)[0];
      const value = exact ?? (measured === undefined ? undefined : numbers(measured, T.numericValue)?.[0]);
      return { ...base, num: { value: value ?? null, unit: codeOf(measured === undefined ? undefined : firstItem(measured, T.units), terms) } };
    }
    case 'PNAME':
      return { ...base, personName: textIn(ds, T.personName, terms) ?? '' };
    case 'UIDREF':
      return { ...base, uid: text(ds, T.uid) ?? '' };
    case 'DATE':
      return { ...base, dateTime: text(ds, T.date) ?? '' };
    case 'TIME':
      return { ...base, dateTime: text(ds, T.time) ?? '' };
    case 'DATETIME':
      return { ...base, dateTime: text(ds, T.dateTime) ?? '' };
    case 'SCOORD':
    case 'SCOORD3D': {
      const frameOfReferenceUID = text(ds, T.frameOfReference);
      return { ...base, graphic: { type: text(ds, T.graphicType) ?? '', data: floats(ds, T.graphicData), ...(frameOfReferenceUID !== undefined ? { frameOfReferenceUID } : {}) } };
    }
    case 'IMAGE':
    case 'COMPOSITE':
    case 'WAVEFORM': {
      const ref = firstItem(ds, T.referencedSop);
      return {
        ...base,
        reference: {
          sopClassUID: (ref && text(ref, T.refClass)) ?? '',
          sopInstanceUID: (ref && text(ref, T.refInstance)) ?? '',
          frames: (ref && numbers(ref, T.refFrames)) ?? [],
        },
      };
    }
    default:
      return base;
  }
}

/** Reads an SR's bytes; throws SrReadError (plain words) when they are not a readable SR document. */
export function readSr(bytes: Uint8Array): ReadSr {
  const encoding = sniffDicom(bytes);
  if (encoding === null) throw new SrReadError('The file is not a DICOM file.');
  let ds: DataSet;
  try {
    ds = parseDicomBounded(asPart10(bytes, encoding));
  } catch (e) {
    const detail = e instanceof DicomLoadError ? e.message : thrownText(e);
    throw new SrReadError(`The file could not be read as DICOM (${detail}).`);
  }
  const sopClassUID = text(ds, T.sopClass) ?? '';
  const sopClass = lookupSopClass(sopClassUID);
  if (sopClass?.kind !== 'sr') {
    throw new SrReadError(`The file is not a structured report${sopClass !== undefined ? ` (it is ${sopClass.name})` : ''}.`);
  }
  const terms = characterSetTerms(text(ds, T.charset));
  const root = readItem(ds, terms, 0);
  return {
    sopClassUID,
    sopClassName: sopClass.name,
    sopInstanceUID: text(ds, T.sopInstance) ?? '',
    seriesInstanceUID: text(ds, T.series) ?? '',
    studyInstanceUID: text(ds, T.study) ?? '',
    patientName: textIn(ds, T.patientName, terms) ?? '',
    patientId: textIn(ds, T.patientId, terms) ?? '',
    patientBirthDate: text(ds, T.birthDate) ?? '',
    studyDate: text(ds, T.studyDate) ?? '',
    studyDescription: textIn(ds, T.studyDescription, terms) ?? '',
    manufacturer: textIn(ds, T.manufacturer, terms) ?? '',
    contentDate: text(ds, T.contentDate) ?? '',
    contentTime: text(ds, T.contentTime) ?? '',
    completionFlag: text(ds, T.completion) ?? '',
    verificationFlag: text(ds, T.verification) ?? '',
    verifyingObservers: items(ds, T.verifyingObserver).map((o) => ({
      name: textIn(o, T.observerName, terms) ?? '',
      organization: textIn(o, T.organization, terms) ?? '',
      dateTime: text(o, T.verificationDateTime) ?? '',
    })),
    root: { ...root, relationship: '' },
  };
}
