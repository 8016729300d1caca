// The PACS search form's fields as a pacs:find query: empty fields left out, a date typed as 2024-03-01 or
// 2024-03-01..2024-06-30 taken as DICOM's YYYYMMDD and YYYYMMDD-YYYYMMDD. Problems are one sentence for the reader.
import type { PacsStudyQuery } from '@shared/ipc/pacs-schemas';

export interface QueryFields {
  readonly patientName: string;
  readonly patientId: string;
  readonly studyDate: string;
  readonly modality: string;
  readonly accessionNumber: string;
}

export const EMPTY_FIELDS: QueryFields = { patientName: '', patientId: '', studyDate: '', modality: '', accessionNumber: '' };

/** One date as YYYYMMDD ('' stays '' for an open end), or null when it is not a date. */
function dicomDate(text: string): string | null {
  const t = text.trim();
  if (t === '') return '';
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(t);
  if (m === null) return null;
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  return date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d) ? `${y}${mo}${d}` : null;
}

export function studyDateOf(text: string): string | null {
  const t = text.trim();
  // A range: "A..B", "A - B", or DICOM's own "A-B" with 8-digit ends.
  const parts = t.includes('..') ? t.split('..') : /^\d{8}-\d{0,8}$|^-\d{8}$/.test(t) ? t.split('-') : / - /.test(t) ? t.split(' - ') : [t];
  if (parts.length === 1) {
    const one = dicomDate(t);
    return one === '' ? null : one;
  }
  if (parts.length !== 2) return null;
  const from = dicomDate(parts[0] ?? '');
  const to = dicomDate(parts[1] ?? '');
  if (from === null || to === null || (from === '' && to === '')) return null;
  if (from !== '' && to !== '' && from > to) return null;
  return `${from}-${to}`;
}

export type QueryOutcome = { readonly ok: true; readonly query: PacsStudyQuery } | { readonly ok: false; readonly message: string };

export function queryOf(fields: QueryFields): QueryOutcome {
  const query: { -readonly [K in keyof PacsStudyQuery]: PacsStudyQuery[K] } = {};
  const name = fields.patientName.trim();
  if (name !== '') query.patientName = name.replace(/\s*,\s*|\s+/g, '^');
  if (fields.patientId.trim() !== '') query.patientId = fields.patientId.trim();
  if (fields.accessionNumber.trim() !== '') query.accessionNumber = fields.accessionNumber.trim();
  const modality = fields.modality.trim().toUpperCase();
  if (modality !== '') {
    if (!/^[A-Z0-9]{1,16}$/.test(modality)) return { ok: false, message: 'The modality is a code such as MR or CT.' };
    query.modality = modality;
  }
  if (fields.studyDate.trim() !== '') {
    const date = studyDateOf(fields.studyDate);
    if (date === null) return { ok: false, message: 'The study date is a date such as 2024-03-01, or a range such as 2024-01-01..2024-06-30 (either end may be left out).' };
    query.studyDate = date;
  }
  for (const value of [query.patientName, query.patientId, query.accessionNumber]) {
    if (value !== undefined && (value.length > 64 || value.includes('\\'))) return { ok: false, message: 'Names and numbers are at most 64 characters, without backslashes.' };
  }
  if (Object.keys(query).length === 0) return { ok: false, message: 'Fill in at least one field: a name (* and ? as wildcards), a patient ID, a date, a modality or an accession number.' };
  return { ok: true, query };
}
