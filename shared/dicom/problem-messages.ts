/**
 * What went wrong opening or showing a study, in one sentence a clinician understands: what happened, to which file,
 * and what to do. The one place problem codes (index problems, image decode errors, an empty or missing folder)
 * become words; the index's own reason and the decoder's message stay as the technical detail, one click away.
 * Tested as a table: tests/unit/dicom-index/problem-messages.test.ts.
 */
import type { ProblemCode } from './index-model';
import type { DicomLoadErrorCode } from './decode/errors';

/** The last part of a path ("…/series/IM0001.dcm" → "IM0001.dcm"; "disc.zip!DICOM/IM1" → "disc.zip!DICOM/IM1" kept whole). */
export function fileName(path: string): string {
  if (path.includes('!')) return path.slice(Math.max(path.lastIndexOf('/', path.indexOf('!')) + 1, 0));
  const parts = path.split(/[\\/]+/).filter((p) => p !== '');
  return parts[parts.length - 1] ?? path;
}

/** A file or folder name set apart from the sentence around it (names may start in lower case or hold spaces). */
const q = (name: string): string => `“${name}”`;

/** An index problem's sentence; `name` is the file's (or folder's) name as the reader knows it, already quoted. */
const PROBLEM_SENTENCES: Record<ProblemCode, (name: string) => string> = {
  'not-found': (n) => `${n} was not found: it may have been moved or renamed, or be on a disc or drive that is not connected. Check the path and open it again.`,
  'not-dicom': (n) => `${n} is not a DICOM image and was skipped. Open the study's DICOM files or folder instead.`,
  malformed: (n) => `${n} is a damaged DICOM file and was skipped; the other images are shown. If this image is needed, export the study again.`,
  truncated: (n) => `${n} is incomplete (the file is cut short) and was skipped; the other images are shown. Copy or export the study again.`,
  'missing-file': (n) => `The disc's index (DICOMDIR) lists ${n}, but the file is not there. Copy the whole disc and open it again.`,
  'read-failed': (n) => `${n} could not be read. Check that it is there and that you may open it, then open the study again.`,
  'too-large': (n) => `${n} is too large for this app to read and was skipped; the other images are shown.`,
  'zip-failed': (n) => `The zip file ${n} could not be opened: it may be incomplete or damaged. Download or copy it again and open it again.`,
  'parse-warning': (n) => `${n} is slightly damaged but was read; check its images before relying on them.`,
  'missing-uid': (n) => `${n} has images without their own identifiers; the app gave them stable ones, used in every report of this study.`,
  'uid-conflict': (n) => `${n} carries the same study identifier as another patient's images; the two are kept apart as separate studies.`,
  'duplicate-instance': (n) => `${n} is a copy of an image already opened and is shown once.`,
  'no-geometry': (n) => `${n} has no usable position in the patient, so its slices are ordered by number and cannot be linked to other series.`,
  'dicomdir-failed': (n) => `The disc's index ${n} could not be read; open the folder that holds it instead, so the images are found without it.`,
};

export interface PlainProblem {
  /** One sentence for the reader. */
  readonly sentence: string;
  /** The technical detail (the index's reason, a library's or the system's text), for the details view and the log. */
  readonly detail: string;
}

/** A problem of the index in plain words, with its technical reason kept as the detail. */
export function problemMessage(problem: { readonly code: ProblemCode; readonly file: string; readonly reason: string }): PlainProblem {
  return { sentence: PROBLEM_SENTENCES[problem.code](q(fileName(problem.file))), detail: `${problem.file}: ${problem.reason}` };
}

/** Why an image cannot be shown, by the decoder's error code (also 'cancelled', 'internal', 'worker-crashed' from the pool). */
const IMAGE_SENTENCES: Record<DicomLoadErrorCode | 'worker-crashed', string> = {
  'not-dicom': 'This image cannot be shown: its file is not a DICOM image, or could not be fetched. Open the study again.',
  malformed: 'This image cannot be shown: its file is damaged. The other images of the series can still be read.',
  truncated: 'This image cannot be shown: its pixel data is incomplete (the file is cut short). Export the study again if it is needed.',
  'no-pixel-data': 'This object holds no image to show (it may be a report or a presentation state).',
  'unsupported-transfer-syntax': 'This image cannot be shown: it is compressed in a format this app does not read. Ask for an uncompressed export.',
  'unsupported-pixel-format': 'This image cannot be shown: its pixel format is not supported by this app.',
  'frame-out-of-range': 'This image cannot be shown: the frame asked for is not in the file. Choose another slice.',
  'too-large': 'This image cannot be shown: it is larger than this app may decode.',
  'decode-failed': 'This image cannot be shown: its compressed pixel data could not be decoded. The other images of the series can still be read.',
  'worker-crashed': 'This image cannot be shown: decoding it stopped unexpectedly. Scroll away and back to try again.',
};

const IMAGE_FALLBACK = 'This image cannot be shown: something went wrong while reading it. Scroll away and back to try again.';

/** An image decode error in plain words; `message` (the decoder's text) is the detail. */
export function imageErrorMessage(code: string | undefined, message: string): PlainProblem {
  const sentence = code !== undefined && code in IMAGE_SENTENCES ? IMAGE_SENTENCES[code as keyof typeof IMAGE_SENTENCES] : IMAGE_FALLBACK;
  return { sentence, detail: message };
}

/**
 * What the viewer says when an opened source has no image to show: the path missing, or files that are not DICOM,
 * with what to do. `problems` are the index's; `scanned` how many files were looked at.
 */
export function noImagesMessage(label: string, scanned: number, problems: ReadonlyArray<{ readonly code: ProblemCode; readonly file: string }>): string {
  const name = q(fileName(label) || label);
  if (problems.some((p) => p.code === 'not-found')) return PROBLEM_SENTENCES['not-found'](name);
  if (scanned === 0) return `${name} holds no files. Open the folder that holds the study's images (on a CD, the folder with the DICOMDIR file).`;
  const none = (what: string): string => (scanned === 1 ? `its one file is not ${what}` : `none of its ${scanned} files is ${what}`);
  const broken = problems.some((p) => p.code === 'malformed' || p.code === 'truncated' || p.code === 'read-failed');
  return broken
    ? `No image could be read from ${name}: ${none('a readable DICOM image')}. Copy or export the study again; the details list each file.`
    : `${name} has no DICOM images: ${none('a DICOM image')}. Open the folder that holds the study's images (on a CD, the folder with the DICOMDIR file).`;
}
