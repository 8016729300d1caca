// The PACS search form's fields as a pacs:find query: what a reader types, what the PACS is asked.
import { describe, expect, it } from 'vitest';
import { contract } from '@shared/ipc/contract';
import { EMPTY_FIELDS, queryOf } from '../../../src-renderer/pacs/query-form';
import type { QueryFields } from '../../../src-renderer/pacs/query-form';

const cases: ReadonlyArray<{ typed: Partial<QueryFields>; asked: object | string }> = [
  { typed: { patientName: 'doe* j?' }, asked: { patientName: 'doe*^j?' } },
  { typed: { patientName: 'DOE, JOHN' }, asked: { patientName: 'DOE^JOHN' } },
  { typed: { patientId: ' 123 ' }, asked: { patientId: '123' } },
  { typed: { studyDate: '2024-03-01' }, asked: { studyDate: '20240301' } },
  { typed: { studyDate: '20240301' }, asked: { studyDate: '20240301' } },
  { typed: { studyDate: '2024-01-01..2024-06-30' }, asked: { studyDate: '20240101-20240630' } },
  { typed: { studyDate: '20240101-20240630' }, asked: { studyDate: '20240101-20240630' } },
  { typed: { studyDate: '2024-01-01..' }, asked: { studyDate: '20240101-' } },
  { typed: { studyDate: '..2024-06-30' }, asked: { studyDate: '-20240630' } },
  { typed: { studyDate: '2024-02-30' }, asked: 'The study date is a date such as 2024-03-01' },
  { typed: { studyDate: '2024-06-30..2024-01-01' }, asked: 'The study date is a date such as 2024-03-01' },
  { typed: { studyDate: 'last week' }, asked: 'The study date is a date such as 2024-03-01' },
  { typed: { modality: 'mr' }, asked: { modality: 'MR' } },
  { typed: { modality: 'M R' }, asked: 'The modality is a code such as MR or CT.' },
  { typed: { accessionNumber: 'A\\B' }, asked: 'Names and numbers are at most 64 characters, without backslashes.' },
  { typed: {}, asked: 'Fill in at least one field' },
];

describe('PACS search form', () => {
  it.each(cases)('$typed → $asked', ({ typed, asked }) => {
    const outcome = queryOf({ ...EMPTY_FIELDS, ...typed });
    if (typeof asked === 'string') {
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.message).toContain(asked);
    } else {
      expect(outcome).toEqual({ ok: true, query: asked });
      // What the form asks is what the contract accepts.
      expect(contract['pacs:find'].request.safeParse({ id: 'n1', query: asked }).success).toBe(true);
    }
  });
});
