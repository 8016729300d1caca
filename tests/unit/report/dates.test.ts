// Report dates: readable, unambiguous, independent of the host's locale and zone.
import { describe, expect, it } from 'vitest';
import { formatDicomDate, formatDicomDateTime, formatDicomTime, formatInstantUtc, formatPatientSex } from '@shared/report/dates';

describe('report dates', () => {
  it('prints an instant in UTC and says so, whatever the host zone', () => {
    expect(formatInstantUtc('2026-11-30T14:05:59.999Z')).toBe('2026-11-30 14:05 UTC');
    // An offset in the input is converted, not echoed.
    expect(formatInstantUtc('2026-12-01T00:30:00+02:00')).toBe('2026-11-30 22:30 UTC');
    expect(formatInstantUtc('not a date')).toBe('not a date');
    expect(formatInstantUtc('')).toBe('');
  });

  it('prints DICOM DA and TM as recorded, without inventing a zone', () => {
    expect(formatDicomDate('20240312')).toBe('2024-03-12');
    expect(formatDicomDate('2024.03.12')).toBe('2024-03-12');
    expect(formatDicomDate('20240230')).toBe('20240230');
    expect(formatDicomDate('')).toBe('');
    expect(formatDicomTime('094112.123')).toBe('09:41');
    expect(formatDicomTime('0941')).toBe('09:41');
    expect(formatDicomTime('09:41:12')).toBe('09:41');
    expect(formatDicomTime('2561')).toBe('');
    expect(formatDicomDateTime('20240312', '094112')).toBe('2024-03-12 09:41 (site time)');
    expect(formatDicomDateTime('20240312', '')).toBe('2024-03-12');
    expect(formatDicomDateTime('', '094112')).toBe('');
  });

  it('words the patient sex', () => {
    expect([formatPatientSex('M'), formatPatientSex('F'), formatPatientSex('O'), formatPatientSex('')]).toEqual(['male', 'female', 'other', '']);
  });
});
