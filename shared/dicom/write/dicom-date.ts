// DA / TM / DT values (PS3.5 §6.2). Formatting takes an explicit zone so results never depend on the host
// unless the caller asks for local time.

export interface DicomDateParts { readonly year: number; readonly month: number; readonly day: number }
export interface DicomTimeParts { readonly hour: number; readonly minute: number; readonly second: number; readonly fraction?: number }

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function parts(d: Date, zone: 'utc' | 'local'): DicomDateParts & DicomTimeParts {
  if (Number.isNaN(d.getTime())) throw new RangeError('invalid date');
  return zone === 'utc'
    ? { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), fraction: d.getUTCMilliseconds() * 1000 }
    : { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), hour: d.getHours(), minute: d.getMinutes(), second: d.getSeconds(), fraction: d.getMilliseconds() * 1000 };
}

/** YYYYMMDD */
export function formatDA(date: Date | DicomDateParts, zone: 'utc' | 'local' = 'utc'): string {
  const p = date instanceof Date ? parts(date, zone) : date;
  if (!validDate(p)) throw new RangeError(`invalid date ${p.year}-${p.month}-${p.day}`);
  return `${pad(p.year, 4)}${pad(p.month, 2)}${pad(p.day, 2)}`;
}

/** HHMMSS, or HHMMSS.FFFFFF when microseconds are wanted. */
export function formatTM(time: Date | DicomTimeParts, options: { zone?: 'utc' | 'local'; fraction?: boolean } = {}): string {
  const p = time instanceof Date ? parts(time, options.zone ?? 'utc') : time;
  if (!validTime(p)) throw new RangeError(`invalid time ${p.hour}:${p.minute}:${p.second}`);
  const base = `${pad(p.hour, 2)}${pad(p.minute, 2)}${pad(p.second, 2)}`;
  return options.fraction === true ? `${base}.${pad(Math.round(p.fraction ?? 0), 6)}` : base;
}

/** YYYYMMDDHHMMSS.FFFFFF&ZZXX; in UTC the offset is +0000, in local time the host offset at that instant. */
export function formatDT(d: Date, zone: 'utc' | 'local' = 'utc'): string {
  const p = parts(d, zone);
  const offsetMinutes = zone === 'utc' ? 0 : -d.getTimezoneOffset();
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${formatDA(p)}${formatTM(p, { fraction: true })}${sign}${pad(Math.floor(abs / 60), 2)}${pad(abs % 60, 2)}`;
}

function validDate(p: DicomDateParts): boolean {
  if (![p.year, p.month, p.day].every(Number.isInteger) || p.year < 0 || p.year > 9999 || p.month < 1 || p.month > 12 || p.day < 1) return false;
  const daysInMonth = new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
  return p.day <= daysInMonth;
}

function validTime(p: DicomTimeParts): boolean {
  return [p.hour, p.minute, p.second].every(Number.isInteger) && p.hour >= 0 && p.hour < 24 && p.minute >= 0 && p.minute < 60 && p.second >= 0 && p.second < 60;
}

/** Parses a DA value (YYYYMMDD; also the old YYYY.MM.DD form); null when malformed or not a real date. */
export function parseDA(value: string): DicomDateParts | null {
  const m = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(value.trim());
  if (m === null) return null;
  const p = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return validDate(p) ? p : null;
}

/** Parses a TM value (HH, HHMM, HHMMSS, HHMMSS.F…; also the old HH:MM:SS form); null when malformed. */
export function parseTM(value: string): DicomTimeParts | null {
  const m = /^(\d{2})(?::?(\d{2})(?::?(\d{2})(?:\.(\d{1,6}))?)?)?$/.exec(value.trim());
  if (m === null) return null;
  const p = { hour: Number(m[1]), minute: Number(m[2] ?? 0), second: Number(m[3] ?? 0), fraction: m[4] === undefined ? 0 : Number(m[4].padEnd(6, '0')) };
  return validTime(p) ? p : null;
}
