import type { StudySource } from '@shared/ipc/study-schemas';
import { HostError } from '../host/host-error';

/**
 * The study browser's sentences: plain words for the reader, never a channel name, refusal code or schema problem
 * (those go to the host's log, which the main side writes).
 */

export const SAMPLE_LABEL = 'Sample study';
/** The label while the host has not yet said what the first study is. */
export const STARTING_LABEL = 'Starting…';

/**
 * What the progress panel's first line says: before the host answers, what it is doing (writing the sample study,
 * or just starting); then which study is being indexed. Never "Indexing Starting… 0 files".
 */
export function progressHeadline(label: string, sessionId: string | null, preparingSample: { done: number; total: number } | undefined): string {
  if (sessionId !== null) return `Indexing ${label}`;
  if (preparingSample !== undefined) return 'Preparing the sample study…';
  return label === STARTING_LABEL ? label : `Opening ${label}…`;
}
export const SAMPLE_FOLLOW_UP_LABEL = 'Sample follow-up';

export const labelOfPaths = (paths: readonly string[]): string => (paths.length === 1 ? (paths[0] ?? '') : `${paths[0] ?? ''} (+${paths.length - 1})`);

export const labelOfSource = (source: StudySource): string =>
  source.kind === 'sample' ? (source.sample === 'sample-follow-up' ? SAMPLE_FOLLOW_UP_LABEL : SAMPLE_LABEL) : labelOfPaths(source.paths);

/** A refusal saying the session named is no longer open (the page reopens the study from its source). */
export const isSessionGone = (error: unknown): boolean => error instanceof HostError && error.refusal.code === 'session-gone';

/** Why opening failed, in one sentence (shown after "Could not open LABEL."). */
export function openFailureMessage(error: unknown): string {
  if (!(error instanceof HostError)) return 'The app did not answer. If it was stopped or restarted, open the address it printed again.';
  switch (error.refusal.code) {
    case 'invalid-request':
      return 'The app did not accept this path: check that it is the full path of a folder, file, zip or DICOMDIR.';
    case 'session-gone':
      return 'The study was closed by the app and could not be opened again.';
    case 'forbidden-sender':
      return 'The app did not accept requests from this window. Close it and open the app again.';
    default:
      return 'Something went wrong while reading it. The details are in the app’s log.';
  }
}

const formatDate = (da: string): string => (/^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6, 8)}` : da);

/** "Your last study (NAME, DATE, DESCRIPTION)" with whatever of those is known. */
function lastStudyName(details: { readonly patientName: string; readonly studyDate: string; readonly description: string }): string {
  const known = [details.patientName.trim(), formatDate(details.studyDate.trim()), details.description.trim()].filter((part) => part !== '');
  return known.length === 0 ? 'Your last study' : `Your last study (${known.join(', ')})`;
}

/** The start page's sentence when the last study's files are no longer where they were. */
export function lastStudyMissingMessage(details: { readonly patientName: string; readonly studyDate: string; readonly description: string; readonly missingPath: string }): string {
  return `${lastStudyName(details)} could not be reopened: its files are no longer at ${details.missingPath}. Open it from where it is now, or choose another study.`;
}

/** The start page's sentence when the last study's folder is there but holds no images any more. */
export function lastStudyEmptyMessage(label: string): string {
  return `Your last study could not be reopened: no DICOM images were found at ${label} any more. Open it from where it is now, or choose another study.`;
}
