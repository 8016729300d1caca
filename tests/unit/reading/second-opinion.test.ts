import { describe, expect, it } from 'vitest';
import { defaultLesion } from '@shared/annotation/defaults';
import type { AnnotationDocument, Lesion } from '@shared/annotation/schema';
import { deriveReading } from '@shared/reading/derive';
import { adoptedValue, compareOpinionDocuments, secondOpinionOnDocuments } from '@shared/reading/second-opinion';
import { LesionSchema } from '@shared/annotation/schema';
import { sampleDocument } from '../../support/sample-document';

/** The sample reading (L1: lytic, collapse < 50%, ESCC 1b, SINS 11, indeterminate) with its L1 lesion changed. */
function withL1(change: Partial<Lesion>): AnnotationDocument {
  const doc = sampleDocument();
  doc.lesions = doc.lesions.map((l) => ({ ...l, ...change }));
  return doc;
}

const derive = (doc: AnnotationDocument) => deriveReading(doc);

const cases: {
  name: string;
  other: () => AnnotationDocument;
  fields: string[];
  changesBand: boolean[];
  text?: string;
}[] = [
  { name: 'the same reading: every finding agrees', other: sampleDocument, fields: [], changesBand: [] },
  {
    name: 'posterolateral bilateral vs unilateral: SINS 13 vs 11, the band changes',
    other: () => withL1({ posterolateral: 'bilateral' }),
    fields: ['posterolateral'],
    changesBand: [true],
    text: 'L1: posterolateral involvement, unilateral posterolateral involvement (this reading) vs bilateral posterolateral involvement (other reader); adopting it changes the SINS band (indeterminate → unstable)',
  },
  {
    name: 'collapse > 50% vs < 50%: 12 vs 11, same band',
    other: () => withL1({ collapse: { value: 'gt50', source: 'reader' } }),
    fields: ['collapse'],
    changesBand: [false],
  },
  {
    name: 'ESCC 2 vs 1b: no SINS change, the NOMS neurologic input changes',
    other: () => withL1({ escc: '2' }),
    fields: ['escc'],
    changesBand: [false],
  },
];

describe('second opinion: two readings of one study, finding by finding', () => {
  for (const c of cases) {
    it(c.name, () => {
      const opinion = compareOpinionDocuments(c.other(), sampleDocument(), derive);
      expect(opinion.rows).toHaveLength(1);
      const row = opinion.rows[0];
      expect(row?.status).toBe('both');
      expect(row?.differences.map((d) => d.field)).toEqual(c.fields);
      expect(row?.differences.map((d) => d.changesBand)).toEqual(c.changesBand);
      expect(row?.agree).toBe(c.fields.length === 0);
      if (c.text !== undefined) expect(row?.differences[0]?.text.startsWith(c.text)).toBe(true);
    });
  }

  it('a different ESCC grade changes the pathway where the neurologic grade crosses low → high', () => {
    const opinion = compareOpinionDocuments(withL1({ escc: '2' }), sampleDocument(), derive);
    const diff = opinion.rows[0]?.differences[0];
    const before = deriveReading(sampleDocument()).lesions[0];
    const after = deriveReading(withL1({ escc: '2' })).lesions[0];
    const pathwayOf = (l: typeof before) => (l?.status === 'scored' ? l.scores.noms.pathway : 'none');
    expect(diff?.changesPathway).toBe(pathwayOf(before) !== pathwayOf(after));
    expect(opinion.rows[0]?.escc).toEqual({ prior: '2', current: '1b' });
  });

  it('a lesion only one reader recorded is listed as such', () => {
    const other = sampleDocument();
    other.lesions = [...other.lesions, { ...defaultLesion('les-t11', ['T11']), boneLesion: 'lytic' }];
    const opinion = compareOpinionDocuments(other, sampleDocument(), derive);
    expect(opinion.rows.map((r) => [r.levels, r.status, r.text])).toEqual([
      ['T11', 'other-only', 'T11: lesion recorded only by the other reader'],
      ['L1', 'both', null],
    ]);
    expect(opinion.agreed).toBe(1);
    expect(opinion.compared).toBe(2);
  });

  it('the adopted value of every finding is valid for this reading (measurement links dropped)', () => {
    const other = withL1({ collapse: { value: 'gt50', source: 'measurement-confirmed', measurementId: 'm-absent' }, alignment: { value: 'deformity', source: 'reader', measurementIds: ['m-absent'] } });
    const lesion = other.lesions[0];
    if (lesion === undefined) throw new Error('sample has a lesion');
    expect(adoptedValue('collapse', lesion)).toEqual({ value: 'gt50', source: 'reader' });
    expect(adoptedValue('alignment', lesion)).toEqual({ value: 'deformity', source: 'reader', measurementIds: [] });
    for (const field of ['pain', 'boneLesion', 'alignment', 'collapse', 'posterolateral', 'escc', 'cordSignalChange', 'instabilityJudgement'] as const) {
      expect(LesionSchema.shape[field].safeParse(adoptedValue(field, lesion)).success).toBe(true);
    }
  });

  it('refuses readings of two different studies', () => {
    const other = { ...sampleDocument(), studyInstanceUID: '1.2.3.4' };
    const result = secondOpinionOnDocuments(other, sampleDocument(), derive);
    expect(result.ok).toBe(false);
  });
});
