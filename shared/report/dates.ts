/**
 * Dates and times as the report prints them: ISO-like, unambiguous across locales, and never dependent on the host's
 * locale or zone. An instant (the reader's save time) is printed in UTC and says so; DICOM DA/TM values carry no zone
 * of their own (they are the site's local time), so they are printed as recorded, without inventing one.
 */
import { parseDA, parseTM } from '../dicom/write/dicom-date';

const pad = (n: number): string => String(n).padStart(2, '0');

/** DICOM DA (YYYYMMDD, or the old YYYY.MM.DD) as YYYY-MM-DD; other text is returned trimmed and unchanged. */
export function formatDicomDate(da: string): string {
  const p = parseDA(da);
  return p === null ? da.trim() : `${String(p.year).padStart(4, '0')}-${pad(p.month)}-${pad(p.day)}`;
}

/** DICOM TM (HH, HHMM, HHMMSS[.F]) as HH:MM; '' when absent or malformed (a wrong time is worse than none). */
export function formatDicomTime(tm: string): string {
  const p = parseTM(tm);
  return p === null ? '' : `${pad(p.hour)}:${pad(p.minute)}`;
}

/** A study date with its time when recorded: "2024-03-12 09:41 (site time)". */
export function formatDicomDateTime(da: string, tm: string): string {
  const date = formatDicomDate(da);
  const time = formatDicomTime(tm);
  return date === '' ? '' : time === '' ? date : `${date} ${time} (site time)`;
}

/** An ISO 8601 instant as "2026-11-30 14:05 UTC"; the input unchanged when it is not a valid date. */
export function formatInstantUtc(iso: string): string {
  const d = new Date(iso);
  if (iso.trim() === '' || Number.isNaN(d.getTime())) return iso;
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** DICOM Patient's Sex (CS: M, F, O) in words; other values unchanged. */
export function formatPatientSex(cs: string): string {
  const words: Record<string, string> = { M: 'male', F: 'female', O: 'other' };
  return words[cs.trim().toUpperCase()] ?? cs.trim();
}
