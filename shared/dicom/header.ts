import dicomParser from 'dicom-parser';
import type { DataSet, ParseDicomOptions } from 'dicom-parser';
import { walkPlainHeader } from './header-walk';
import { has, number, numbers, text, textIn, uint16 } from './dataset-values';
import { characterSetTerms } from './charset';
import { DicomLoadError, thrownText } from './decode/errors';
import { parseDicomBounded } from './decode/parse-bounded';
import { perFrameGeometry, sharedFrameValues } from './functional-groups';
import type { FrameGeometry } from './functional-groups';
import { asPart10, sniffDicom } from './sniff';
import type { DicomEncoding } from './sniff';
import { TAG } from './tags';
import { DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, normalizeUid } from './transfer-syntaxes';

export type { FrameGeometry } from './functional-groups';

/** Which attribute the in-plane spacing came from: ImagerPixelSpacing is at the detector, not the patient. */
export type PixelSpacingSource = 'PixelSpacing' | 'ImagerPixelSpacing' | 'none';

/** Everything the index needs from one file's header (no pixel data). Absent attributes are undefined. */
export interface InstanceHeader {
  readonly encoding: DicomEncoding;
  readonly transferSyntaxUid?: string;
  readonly sopClassUid?: string;
  readonly sopInstanceUid?: string;
  readonly studyInstanceUid?: string;
  readonly seriesInstanceUid?: string;
  readonly frameOfReferenceUid?: string;
  readonly patientName?: string;
  readonly patientId?: string;
  readonly patientBirthDate?: string;
  readonly patientSex?: string;
  readonly studyDate?: string;
  readonly studyTime?: string;
  readonly studyDescription?: string;
  readonly accessionNumber?: string;
  readonly referringPhysicianName?: string;
  readonly studyId?: string;
  readonly institutionName?: string;
  readonly seriesNumber?: number;
  readonly seriesDescription?: string;
  readonly modality?: string;
  readonly bodyPartExamined?: string;
  readonly instanceNumber?: number;
  readonly acquisitionNumber?: number;
  readonly imagePositionPatient?: number[];
  readonly imageOrientationPatient?: number[];
  readonly pixelSpacing?: number[];
  readonly pixelSpacingSource: PixelSpacingSource;
  readonly sliceThickness?: number;
  readonly spacingBetweenSlices?: number;
  readonly sliceLocation?: number;
  readonly rows?: number;
  readonly columns?: number;
  /** 1 when absent. */
  readonly numberOfFrames: number;
  readonly bitsAllocated?: number;
  readonly bitsStored?: number;
  readonly pixelRepresentation?: number;
  readonly photometricInterpretation?: string;
  readonly samplesPerPixel?: number;
  readonly rescaleSlope?: number;
  readonly rescaleIntercept?: number;
  readonly rescaleType?: string;
  readonly windowCenter?: number[];
  readonly windowWidth?: number[];
  /** Pixel Data, Float Pixel Data or Double Float Pixel Data is present. */
  readonly hasPixelData: boolean;
  /** Saved worklist items and query identifiers have no SOP class; these tell them apart. */
  readonly isWorklistItem: boolean;
  readonly isQueryIdentifier: boolean;
  /** Enhanced multi-frame objects: geometry of each frame (shared groups merged in). */
  readonly frames?: FrameGeometry[];
  /** Recoverable damage dicom-parser noticed: shown to the user, not fatal. */
  readonly warnings: string[];
}

/** Converts the whole raw-deflated data set after `position` (injected: inflating needs zlib or pako). */
export type Inflater = (bytes: Uint8Array, position: number) => Uint8Array;

export interface ParseHeaderOptions {
  /** Whether `bytes` is the whole file. When false, a header that ends before the pixel data asks for more. */
  readonly isWholeFile: boolean;
  /** For error messages. */
  readonly file?: string;
  readonly inflater?: Inflater;
  /** false: always the full dicom-parser parse (tests compare it with the header-walk fast path). Default true. */
  readonly fastPath?: boolean;
}

export type HeaderParse = { readonly kind: 'header'; readonly header: InstanceHeader } | { readonly kind: 'need-more' };

const PIXEL_TAGS = [TAG.pixelData, 'x7fe00008', 'x7fe00009'];
const reachedPixels = (ds: DataSet): boolean => PIXEL_TAGS.some((tag) => has(ds, tag));

/**
 * The first element whose value runs past the end of the bytes. dicom-parser's implicit-VR parser does not check
 * this itself, so a file cut inside its header would otherwise parse "successfully" with garbage at the end.
 */
function overrunTag(ds: DataSet): string | undefined {
  const end = (ds.byteArray as Uint8Array).length;
  for (const element of Object.values(ds.elements)) {
    if (element.tag === TAG.pixelData || element.length === 0xffffffff) continue;
    if (element.dataOffset + element.length > end) return element.tag;
  }
  return undefined;
}

/** dicom-parser throws strings, Errors and `{ exception, dataSet }`: get the partial data set when there is one. */
function partialDataSet(thrown: unknown): DataSet | undefined {
  if (typeof thrown === 'object' && thrown !== null && 'dataSet' in thrown) {
    const ds: unknown = thrown.dataSet;
    if (typeof ds === 'object' && ds !== null && 'elements' in ds) return ds as DataSet;
  }
  return undefined;
}

/**
 * Parses a header from the first bytes of a file (or the whole file), stopping before the pixel data.
 * Returns 'need-more' when the bytes end before the header does and more of the file exists; throws a
 * DicomLoadError ('not-dicom', 'malformed', 'truncated') otherwise.
 */
export function parseInstanceHeader(bytes: Uint8Array, options: ParseHeaderOptions): HeaderParse {
  const encoding = sniffDicom(bytes);
  const file = options.file === undefined ? {} : { file: options.file };
  if (encoding === null) throw new DicomLoadError('not-dicom', 'not a DICOM file', file);
  const part10 = asPart10(bytes, encoding);
  // The plain case (well-formed LE header ending at Pixel Data) in one walk; anything else, the full parse below.
  const plain = options.fastPath === false ? undefined : walkPlainHeader(part10);
  if (plain !== undefined) return { kind: 'header', header: headerFromDataSet(plain, encoding, bytes) };
  const parseOptions: ParseDicomOptions = { untilTag: TAG.pixelData };
  if (options.inflater) parseOptions.inflater = options.inflater;
  let ds: DataSet;
  try {
    ds = parseDicomBounded(part10, parseOptions);
  } catch (thrown) {
    if (thrown instanceof DicomLoadError) throw options.file === undefined ? thrown : thrown.withFile(options.file);
    const partial = partialDataSet(thrown);
    // Float pixel data is not the untilTag, so parsing a prefix overruns there: the header is complete anyway.
    if (partial && reachedPixels(partial)) {
      ds = partial;
    } else if (!options.isWholeFile) {
      return { kind: 'need-more' };
    } else {
      const message = thrownText(thrown);
      const code = /past end|overrun|eof|end of buffer/iu.test(message) ? 'truncated' : 'malformed';
      throw new DicomLoadError(code, `header: ${message}`, { ...file, cause: thrown });
    }
  }
  const overrun = overrunTag(ds);
  if ((overrun !== undefined || !reachedPixels(ds)) && !options.isWholeFile) return { kind: 'need-more' };
  if (overrun !== undefined) {
    throw new DicomLoadError('truncated', `header: element ${overrun} runs past the end of the file`, file);
  }
  return { kind: 'header', header: headerFromDataSet(ds, encoding, bytes) };
}

/**
 * For a Deflated Explicit VR Little Endian file: its bytes as Part 10 and where the deflated data set starts in
 * them (the header reader inflates from there itself, a piece at a time). Undefined for every other file.
 */
export function deflatedDataSetStart(bytes: Uint8Array): { readonly part10: Uint8Array; readonly position: number } | undefined {
  const encoding = sniffDicom(bytes);
  if (encoding !== 'part10' && encoding !== 'meta-without-preamble') return undefined;
  const part10 = asPart10(bytes, encoding);
  try {
    const meta: DataSet & { position?: number } = dicomParser.readPart10Header(part10);
    if (uid(meta, TAG.transferSyntaxUid) !== DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN || meta.position === undefined) return undefined;
    return { part10, position: meta.position };
  } catch {
    return undefined;
  }
}

const uid = (ds: DataSet, tag: string): string | undefined => {
  const value = text(ds, tag);
  return value === undefined ? undefined : normalizeUid(value);
};

/** Reads the meta header's transfer syntax straight from the original bytes (a partial parse drops the meta). */
function transferSyntaxOf(ds: DataSet, encoding: DicomEncoding, bytes: Uint8Array): string | undefined {
  const direct = uid(ds, TAG.transferSyntaxUid);
  if (direct !== undefined) return direct;
  try {
    return uid(dicomParser.readPart10Header(asPart10(bytes, encoding)), TAG.transferSyntaxUid);
  } catch {
    return undefined;
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function headerFromDataSet(ds: DataSet, encoding: DicomEncoding, bytes: Uint8Array): InstanceHeader {
  const pixelSpacing = numbers(ds, TAG.pixelSpacing);
  const imagerSpacing = numbers(ds, TAG.imagerPixelSpacing);
  const frames = perFrameGeometry(ds);
  const shared = sharedFrameValues(ds);
  // Names and descriptions are in the file's character set; codes, dates and UIDs are always ASCII.
  const terms = characterSetTerms(text(ds, TAG.specificCharacterSet));
  const h: Mutable<InstanceHeader> = {
    encoding,
    transferSyntaxUid: transferSyntaxOf(ds, encoding, bytes),
    sopClassUid: uid(ds, TAG.sopClassUid) ?? uid(ds, TAG.mediaStorageSopClassUid),
    sopInstanceUid: uid(ds, TAG.sopInstanceUid),
    studyInstanceUid: uid(ds, TAG.studyInstanceUid),
    seriesInstanceUid: uid(ds, TAG.seriesInstanceUid),
    frameOfReferenceUid: uid(ds, TAG.frameOfReferenceUid),
    patientName: textIn(ds, TAG.patientName, terms),
    patientId: textIn(ds, TAG.patientId, terms),
    patientBirthDate: text(ds, TAG.patientBirthDate),
    patientSex: text(ds, TAG.patientSex),
    studyDate: text(ds, TAG.studyDate),
    studyTime: text(ds, TAG.studyTime),
    studyDescription: textIn(ds, TAG.studyDescription, terms),
    accessionNumber: textIn(ds, TAG.accessionNumber, terms),
    referringPhysicianName: textIn(ds, TAG.referringPhysicianName, terms),
    studyId: textIn(ds, TAG.studyId, terms),
    institutionName: textIn(ds, TAG.institutionName, terms),
    seriesNumber: number(ds, TAG.seriesNumber),
    seriesDescription: textIn(ds, TAG.seriesDescription, terms),
    modality: text(ds, TAG.modality),
    bodyPartExamined: text(ds, TAG.bodyPartExamined),
    instanceNumber: number(ds, TAG.instanceNumber),
    acquisitionNumber: number(ds, TAG.acquisitionNumber),
    imagePositionPatient: numbers(ds, TAG.imagePositionPatient) ?? shared.imagePositionPatient,
    imageOrientationPatient: numbers(ds, TAG.imageOrientationPatient) ?? shared.imageOrientationPatient,
    pixelSpacing: pixelSpacing ?? shared.pixelSpacing ?? imagerSpacing,
    pixelSpacingSource: pixelSpacing || shared.pixelSpacing ? 'PixelSpacing' : imagerSpacing ? 'ImagerPixelSpacing' : 'none',
    sliceThickness: number(ds, TAG.sliceThickness) ?? shared.sliceThickness,
    spacingBetweenSlices: number(ds, TAG.spacingBetweenSlices) ?? shared.spacingBetweenSlices,
    sliceLocation: number(ds, TAG.sliceLocation),
    rows: uint16(ds, TAG.rows),
    columns: uint16(ds, TAG.columns),
    numberOfFrames: Math.max(1, Math.trunc(number(ds, TAG.numberOfFrames) ?? 1)),
    bitsAllocated: uint16(ds, TAG.bitsAllocated),
    bitsStored: uint16(ds, TAG.bitsStored),
    pixelRepresentation: uint16(ds, TAG.pixelRepresentation),
    photometricInterpretation: text(ds, TAG.photometricInterpretation),
    samplesPerPixel: uint16(ds, TAG.samplesPerPixel),
    rescaleSlope: number(ds, TAG.rescaleSlope) ?? shared.rescaleSlope,
    rescaleIntercept: number(ds, TAG.rescaleIntercept) ?? shared.rescaleIntercept,
    rescaleType: text(ds, TAG.rescaleType),
    windowCenter: numbers(ds, TAG.windowCenter) ?? shared.windowCenter,
    windowWidth: numbers(ds, TAG.windowWidth) ?? shared.windowWidth,
    hasPixelData: reachedPixels(ds),
    isWorklistItem: has(ds, TAG.scheduledProcedureStepSequence),
    isQueryIdentifier: has(ds, TAG.queryRetrieveLevel),
    warnings: [...ds.warnings],
  };
  if (frames) h.frames = frames;
  return dropUndefined(h);
}

// Keeps headers small and JSON-stable: absent attributes are missing keys, not `undefined` values.
function dropUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}
