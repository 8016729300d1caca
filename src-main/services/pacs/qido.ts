// QIDO-RS (PS3.18 10.6): search a node's studies by patient name (wildcards * and ?), patient ID, study date or
// range, modality and accession number, and list a study's series. Answers are checked DICOM JSON, bounded in size.

import { first, integer, isDicomJsonObject, strings, TAG } from './dicom-json';
import type { DicomJsonObject } from './dicom-json';
import { pacsRequest, readBounded } from './http';
import type { DicomwebNode } from './node-config';
import { PacsError } from './pacs-error';
import { checkUid } from './uid';

export interface StudyQuery {
  readonly patientName?: string;
  readonly patientId?: string;
  /** YYYYMMDD, or a range YYYYMMDD-YYYYMMDD (either end may be left open). */
  readonly studyDate?: string;
  readonly modality?: string;
  readonly accessionNumber?: string;
  /** At most this many studies (default 500). */
  readonly limit?: number;
}

export interface StudySummary {
  readonly studyInstanceUid: string;
  readonly patientName: string;
  readonly patientId: string;
  readonly patientBirthDate: string;
  readonly studyDate: string;
  readonly studyTime: string;
  readonly accessionNumber: string;
  readonly modalities: string[];
  readonly description: string;
  readonly seriesCount?: number;
  readonly instanceCount?: number;
}

export interface SeriesSummary {
  readonly seriesInstanceUid: string;
  readonly modality: string;
  readonly seriesNumber?: number;
  readonly description: string;
  readonly instanceCount?: number;
}

/** A search answer larger than this is refused (500 studies take well under 1 MiB). */
export const MAX_SEARCH_ANSWER_BYTES = 16 * 1024 * 1024;

const DATE = /^\d{8}$/;

const hasControlOrBackslash = (value: string): boolean => [...value].some((c) => c === '\\' || c.charCodeAt(0) < 0x20);

/** The query's checks, in the words of the options a reader typed; undefined when it is fine. */
export function studyQueryProblem(query: StudyQuery): string | undefined {
  if (query.studyDate !== undefined) {
    const [from, to, ...rest] = query.studyDate.split('-');
    const ok = rest.length === 0 && (to === undefined ? DATE.test(from ?? '') : (from === '' || DATE.test(from ?? '')) && (to === '' || DATE.test(to)) && !(from === '' && to === ''));
    if (!ok) return 'The study date must be YYYYMMDD or a range YYYYMMDD-YYYYMMDD.';
  }
  if (query.modality !== undefined && !/^[A-Z0-9]{1,16}$/.test(query.modality)) return 'The modality must be a DICOM modality code such as MR or CT.';
  for (const [label, value] of [['patient name', query.patientName], ['patient ID', query.patientId], ['accession number', query.accessionNumber]] as const) {
    if (value !== undefined && (value === '' || value.length > 64 || hasControlOrBackslash(value))) return `The ${label} must be 1 to 64 characters without backslashes or control characters.`;
  }
  return undefined;
}

function searchParams(query: StudyQuery): Array<[string, string]> {
  const params: Array<[string, string]> = [];
  if (query.patientName !== undefined) params.push(['PatientName', query.patientName]);
  if (query.patientId !== undefined) params.push(['PatientID', query.patientId]);
  if (query.studyDate !== undefined) params.push(['StudyDate', query.studyDate]);
  if (query.modality !== undefined) params.push(['ModalitiesInStudy', query.modality]);
  if (query.accessionNumber !== undefined) params.push(['AccessionNumber', query.accessionNumber]);
  // Not every server returns these by default (Orthanc leaves StudyDescription out).
  for (const tag of [TAG.studyDescription, TAG.modalitiesInStudy, TAG.patientBirthDate, TAG.numberOfStudyRelatedSeries, TAG.numberOfStudyRelatedInstances]) params.push(['includefield', tag]);
  params.push(['limit', String(query.limit ?? 500)]);
  return params;
}

async function searchJson(node: DicomwebNode, path: string, query: Array<[string, string]>, purpose: string, signal?: AbortSignal): Promise<DicomJsonObject[]> {
  const res = await pacsRequest(node, { method: 'GET', path, query, headers: { accept: 'application/dicom+json, application/json' }, purpose, ...(signal ? { signal } : {}) });
  // 204 No Content: nothing matched.
  if (res.status === 204) {
    res.body.resume();
    return [];
  }
  const bytes = await readBounded(node, res, MAX_SEARCH_ANSWER_BYTES, purpose);
  if (bytes.length === 0) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new PacsError('bad-answer', `The PACS answered ${purpose} with something that is not DICOM JSON.`);
  }
  if (!Array.isArray(parsed) || !parsed.every(isDicomJsonObject)) throw new PacsError('bad-answer', `The PACS answered ${purpose} with JSON that is not a list of DICOM objects.`);
  return parsed;
}

export async function searchStudies(node: DicomwebNode, query: StudyQuery, signal?: AbortSignal): Promise<StudySummary[]> {
  const problem = studyQueryProblem(query);
  if (problem !== undefined) throw new PacsError('bad-request', problem);
  const found = await searchJson(node, 'studies', searchParams(query), 'the study search', signal);
  // A study without a valid UID cannot be retrieved: left out rather than shown.
  return found.filter((o) => checkUid(first(o, TAG.studyInstanceUid))).map((o) => ({
    studyInstanceUid: first(o, TAG.studyInstanceUid),
    patientName: first(o, TAG.patientName),
    patientId: first(o, TAG.patientId),
    patientBirthDate: first(o, TAG.patientBirthDate),
    studyDate: first(o, TAG.studyDate),
    studyTime: first(o, TAG.studyTime),
    accessionNumber: first(o, TAG.accessionNumber),
    modalities: strings(o, TAG.modalitiesInStudy),
    description: first(o, TAG.studyDescription),
    ...optional('seriesCount', integer(o, TAG.numberOfStudyRelatedSeries)),
    ...optional('instanceCount', integer(o, TAG.numberOfStudyRelatedInstances)),
  }));
}

export async function searchSeries(node: DicomwebNode, studyInstanceUid: string, signal?: AbortSignal): Promise<SeriesSummary[]> {
  if (!checkUid(studyInstanceUid)) throw new PacsError('bad-request', 'The StudyInstanceUID is not a valid DICOM UID.');
  const query: Array<[string, string]> = [TAG.seriesDescription, TAG.seriesNumber, TAG.numberOfSeriesRelatedInstances].map((tag) => ['includefield', tag]);
  const found = await searchJson(node, `studies/${studyInstanceUid}/series`, query, 'the series search', signal);
  return found.filter((o) => checkUid(first(o, TAG.seriesInstanceUid))).map((o) => ({
    seriesInstanceUid: first(o, TAG.seriesInstanceUid),
    modality: first(o, TAG.modality),
    ...optional('seriesNumber', integer(o, TAG.seriesNumber)),
    description: first(o, TAG.seriesDescription),
    ...optional('instanceCount', integer(o, TAG.numberOfSeriesRelatedInstances)),
  }));
}

const optional = <K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, number>>;

/** "Test connection": one QIDO-RS study search limited to one answer; resolves when the node answers properly. */
export async function pingNode(node: DicomwebNode, signal?: AbortSignal): Promise<void> {
  await searchJson(node, 'studies', [['limit', '1'], ['includefield', TAG.studyInstanceUid]], 'the connection test', signal);
}
