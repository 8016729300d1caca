import { z } from 'zod';
import { OBJECT_KINDS } from './sop-classes';

/**
 * The study index: patient → study → series → stack → instance, plus the files behind it and every problem met.
 * Sent over IPC, so plain JSON only. Compactness: per-stack values (size, orientation, spacing) live on the stack;
 * an instance carries only what differs per image, and names its file by an index into `files`.
 */

export const INDEX_VERSION = 1;

const num = z.number();
const vec3 = z.tuple([num, num, num]);

/** Where an instance's bytes are: a file, or an entry of a zip archive (read again later for decoding). */
export const FileRefSchema = z.union([
  z.object({ path: z.string() }).strict(),
  z.object({ zip: z.string(), entry: z.string() }).strict(),
]);
export type FileRef = z.infer<typeof FileRefSchema>;

export const PROBLEM_CODES = [
  'not-found', // a path given to open does not exist
  'not-dicom', // named explicitly (a file in a DICOMDIR or given on its own) but not DICOM
  'malformed',
  'truncated',
  'missing-file', // DICOMDIR points at a file that is not there
  'read-failed', // I/O error
  'too-large', // header larger than the reading limit
  'zip-failed',
  'parse-warning', // recoverable damage; the file was indexed anyway
  'missing-uid', // no valid study/series/SOP instance UID: a derived one is used (study-identity.ts)
  'uid-conflict', // a StudyInstanceUID carried by two patients' files: each study gets a derived identity
  'duplicate-instance', // same SOPInstanceUID seen in two files; the later one is ignored
  'no-geometry', // image without usable plane geometry; ordered by InstanceNumber
  'dicomdir-failed',
] as const;
export const ProblemSchema = z.object({
  /** Display path of the file (`archive.zip!entry` for zip entries), or the folder/series it concerns. */
  file: z.string(),
  code: z.enum(PROBLEM_CODES),
  reason: z.string(),
});
export type Problem = z.infer<typeof ProblemSchema>;
export type ProblemCode = Problem['code'];

export const InstanceSchema = z.object({
  /** Opaque, stable across re-indexing of the same files: hash of the file reference (+ '.frame'). */
  id: z.string(),
  /** Index into StudyIndex.files. */
  file: z.number().int().nonnegative(),
  /** 0-based frame of a multi-frame object; absent for single-frame. */
  frame: z.number().int().nonnegative().optional(),
  sopInstanceUid: z.string().optional(),
  /** The file has no valid SOPInstanceUID: `sopInstanceUid` was derived from its header (study-identity.ts). */
  sopInstanceUidDerived: z.literal(true).optional(),
  instanceNumber: z.number().optional(),
  acquisitionNumber: z.number().optional(),
  imagePositionPatient: vec3.optional(),
  /** Distance along the stack normal (mm), when the position is known. */
  position: z.number().optional(),
  sliceLocation: z.number().optional(),
  transferSyntaxUid: z.string().optional(),
  bitsAllocated: z.number().int().optional(),
  bitsStored: z.number().int().optional(),
  pixelRepresentation: z.number().int().optional(),
  samplesPerPixel: z.number().int().optional(),
  photometricInterpretation: z.string().optional(),
  numberOfFrames: z.number().int().optional(),
  rescaleSlope: z.number().optional(),
  rescaleIntercept: z.number().optional(),
  rescaleType: z.string().optional(),
  windowCenter: z.array(num).optional(),
  windowWidth: z.array(num).optional(),
});
export type Instance = z.infer<typeof InstanceSchema>;

export const ORIENTATIONS = ['axial', 'sagittal', 'coronal', 'oblique', 'mixed', 'unknown'] as const;
export const OrientationSchema = z.enum(ORIENTATIONS);
export type SeriesOrientation = z.infer<typeof OrientationSchema>;

export const StackSchema = z.object({
  /** Unique within the index: `<series uid>#<n>`. */
  id: z.string(),
  orientation: OrientationSchema,
  rows: z.number().int().optional(),
  columns: z.number().int().optional(),
  /** ImageOrientationPatient shared by the stack (row cosine, column cosine). */
  imageOrientationPatient: z.array(num).length(6).optional(),
  /** rowCosine × columnCosine; instances are ordered by increasing position along it. */
  normal: vec3.optional(),
  /** [row spacing, column spacing] in mm. */
  pixelSpacing: z.tuple([num, num]).optional(),
  pixelSpacingSource: z.enum(['PixelSpacing', 'ImagerPixelSpacing', 'none']),
  sliceThickness: z.number().optional(),
  spacingBetweenSlices: z.number().optional(),
  /** Measured slice spacing of a regular volume (mm). */
  sliceSpacing: z.number().optional(),
  frameOfReferenceUid: z.string().optional(),
  /** How instances were ordered: geometry first, InstanceNumber when positions are missing. */
  sortedBy: z.enum(['position', 'instance-number', 'file-order']),
  /** Slices form an evenly spaced, unsheared volume (usable for reformatting); else `regularReason` says why not. */
  regularVolume: z.boolean(),
  regularReason: z.string().optional(),
  instances: z.array(InstanceSchema),
});
export type Stack = z.infer<typeof StackSchema>;

export const NonImageObjectSchema = z.object({
  id: z.string(),
  file: z.number().int().nonnegative(),
  kind: z.enum(OBJECT_KINDS),
  /** Plain name of the SOP class (e.g. "Comprehensive SR Storage", "Modality worklist item"). */
  name: z.string(),
  sopClassUid: z.string().optional(),
  sopInstanceUid: z.string().optional(),
  instanceNumber: z.number().optional(),
});
export type NonImageObject = z.infer<typeof NonImageObjectSchema>;

export const SeriesSchema = z.object({
  /** SeriesInstanceUID, or a UID derived from what the images share when the files have no valid one. */
  uid: z.string(),
  uidDerived: z.literal(true).optional(),
  number: z.number().optional(),
  description: z.string().optional(),
  modality: z.string().optional(),
  bodyPart: z.string().optional(),
  frameOfReferenceUid: z.string().optional(),
  orientation: OrientationSchema,
  stacks: z.array(StackSchema),
  /** The series' kind when it holds objects that are not images (SR, SEG, PR, KOS…). */
  nonImage: z.enum(OBJECT_KINDS).optional(),
  objects: z.array(NonImageObjectSchema),
  /** Image instances + non-image objects. */
  instanceCount: z.number().int().nonnegative(),
  problems: z.array(ProblemSchema),
});
export type Series = z.infer<typeof SeriesSchema>;

export const StudySchema = z.object({
  /** The study's identity: its StudyInstanceUID when valid, else a UID derived from its files (study-identity.ts). */
  uid: z.string(),
  uidDerived: z.literal(true).optional(),
  date: z.string().optional(),
  time: z.string().optional(),
  description: z.string().optional(),
  accessionNumber: z.string().optional(),
  referringPhysician: z.string().optional(),
  studyId: z.string().optional(),
  /** General Equipment (series level): the first one found in the study, for the report header. */
  institutionName: z.string().optional(),
  modalities: z.array(z.string()),
  series: z.array(SeriesSchema),
});
export type Study = z.infer<typeof StudySchema>;

export const PatientSchema = z.object({
  /** Grouping key: PatientID + name + birth date (any may be missing). */
  key: z.string(),
  name: z.string().optional(),
  id: z.string().optional(),
  birthDate: z.string().optional(),
  sex: z.string().optional(),
  studies: z.array(StudySchema),
});
export type Patient = z.infer<typeof PatientSchema>;

export const IndexStatsSchema = z.object({
  /** Files looked at (DICOM or not). */
  scanned: z.number().int().nonnegative(),
  /** DICOM objects indexed (files, not frames). */
  found: z.number().int().nonnegative(),
  /** Files that are DICOM (or were named as such) but could not be indexed. */
  failed: z.number().int().nonnegative(),
  /** Files skipped silently as not DICOM. */
  skipped: z.number().int().nonnegative(),
  /** Bytes read to index (headers only: far less than the files' total size). */
  bytesRead: z.number().nonnegative(),
  elapsedMs: z.number().nonnegative(),
});
export type IndexStats = z.infer<typeof IndexStatsSchema>;

export const StudyIndexSchema = z.object({
  version: z.literal(INDEX_VERSION),
  /** What was opened. */
  sources: z.array(z.string()),
  /** Every DICOM file referenced by an instance or object, in discovery order. */
  files: z.array(FileRefSchema),
  patients: z.array(PatientSchema),
  /** File-level problems (each series also lists its own). */
  problems: z.array(ProblemSchema),
  stats: IndexStatsSchema,
  /** True when indexing was cancelled: the index holds what was read until then. */
  cancelled: z.boolean(),
});
export type StudyIndex = z.infer<typeof StudyIndexSchema>;

/** Display form of a file reference, as used in problems. */
export function fileRefLabel(ref: FileRef): string {
  return 'path' in ref ? ref.path : `${ref.zip}!${ref.entry}`;
}

/** An index with nothing read yet (before the first file, or a run that ended before reading any). */
export function emptyStudyIndex(sources: readonly string[], elapsedMs = 0): StudyIndex {
  return {
    version: INDEX_VERSION,
    sources: [...sources],
    files: [],
    patients: [],
    problems: [],
    stats: { scanned: 0, found: 0, failed: 0, skipped: 0, bytesRead: 0, elapsedMs },
    cancelled: false,
  };
}
