import { describe, expect, it } from 'vitest';
import { defaultLesion } from '@shared/annotation/defaults';
import type { AnnotationDocument, Lesion } from '@shared/annotation/schema';
import { compareDocuments, compareReadings } from '@shared/reading/compare';
import { deriveReading } from '@shared/reading/derive';
import { PROGRESSION_RULES } from '@shared/scoring/progression';
import { sampleDocument } from '../../support/sample-document';
import { body } from '../annotation/fixtures';

/** The sample reading (L1: lytic, collapse < 50% measured, ESCC 1b, SINS 11) with its L1 lesion changed. */
function withL1(change: Partial<Lesion>, heights?: { index: number }): AnnotationDocument {
  const doc = sampleDocument();
  doc.lesions = doc.lesions.map((l) => ({ ...l, ...change }));
  if (heights !== undefined) {
    // Neighbours 40 mm tall everywhere; the index body's anterior height sets the loss: 100 × (1 − a/40).
    doc.measurements = doc.measurements.map((m) =>
      m.kind === 'vertebral-heights' ? { ...m, index: body('L1', heights.index, 40, 40), above: body('T12', 40, 40, 40), below: body('L2', 40, 40, 40) } : m,
    );
  }
  return doc;
}

const newT11 = (doc: AnnotationDocument): AnnotationDocument => ({
  ...doc,
  lesions: [...doc.lesions, { ...defaultLesion('les-t11', ['T11']), boneLesion: 'lytic', escc: '0', pain: 'none' }],
});

const cases: { name: string; prior: () => AnnotationDocument; current: () => AnnotationDocument; rows: number; changes: string[] }[] = [
  { name: 'the same reading twice: one row, no change', prior: sampleDocument, current: sampleDocument, rows: 1, changes: [] },
  {
    name: 'measured collapse 38% → 60%: progression, now > 50%',
    prior: () => withL1({}, { index: 25 }),
    current: () => withL1({ collapse: { value: 'gt50', source: 'measurement-confirmed', measurementId: 'm-heights-L1' } }, { index: 16 }),
    rows: 1,
    changes: ['L1: collapse 38% → 60%, now > 50%'],
  },
  { name: 'a new lytic lesion at T11', prior: sampleDocument, current: () => newT11(sampleDocument()), rows: 2, changes: ['T11: new lytic lesion'] },
  { name: 'ESCC 1b → 2 (high grade)', prior: sampleDocument, current: () => withL1({ escc: '2' }), rows: 1, changes: ['L1: ESCC 1b → 2, high grade'] },
  {
    name: 'SINS 11 → 14: from indeterminate to unstable',
    prior: sampleDocument,
    current: () => withL1({ collapse: { value: 'gt50', source: 'reader' }, posterolateral: 'bilateral' }),
    rows: 1,
    changes: ['L1: vertebral body collapse progressed (SINS collapse 2 → 3)', 'L1: SINS 11 → 14, now unstable'],
  },
  { name: 'the lesion is not recorded on the current study (reported, not called a response)', prior: sampleDocument, current: () => ({ ...sampleDocument(), lesions: [] }), rows: 1, changes: ['L1: lesion recorded on the prior study, not on the current study'] },
];

describe('compareReadings: what changed between the prior reading and the current one', () => {
  for (const c of cases) {
    it(c.name, () => {
      const comparison = compareReadings(deriveReading(c.prior()), deriveReading(c.current()));
      expect(comparison.rows).toHaveLength(c.rows);
      const texts = comparison.changes.map((x) => x.text);
      for (const expected of c.changes) expect(texts).toContain(expected);
      if (c.changes.length === 0) expect(texts).toEqual([]);
      // Every change names a rule that exists, and progression comes first.
      for (const change of comparison.changes) expect(PROGRESSION_RULES.map((r) => r.id)).toContain(change.rule);
      const firstReported = comparison.changes.findIndex((x) => !x.progression);
      if (firstReported >= 0) expect(comparison.changes.slice(firstReported).every((x) => !x.progression)).toBe(true);
    });
  }

  it('rows are cranial to caudal and carry both sides of every SINS component, ESCC and pathway', () => {
    const comparison = compareReadings(deriveReading(sampleDocument()), deriveReading(newT11(withL1({ escc: '2' }))));
    expect(comparison.rows.map((r) => [r.levels, r.status])).toEqual([['T11', 'new'], ['L1', 'both']]);
    const l1 = comparison.rows[1];
    expect(l1?.components.map((x) => [x.name, x.values.prior, x.values.current])).toEqual([
      ['location', 3, 3], ['pain', 3, 3], ['boneLesion', 2, 2], ['alignment', 0, 0], ['collapse', 2, 2], ['posterolateral', 1, 1],
    ]);
    expect(l1?.escc).toEqual({ prior: '1b', current: '2' });
    expect(l1?.sins).toEqual({ prior: '11', current: '11' });
    expect(l1?.pathway.prior).not.toBeNull();
    expect(comparison.rows[0]?.sins.prior).toBeNull();
  });

  it('a lesion without a level is listed as not compared, never matched', () => {
    const current = sampleDocument();
    current.lesions = [...current.lesions, defaultLesion('les-x', [])];
    const comparison = compareReadings(deriveReading(sampleDocument()), deriveReading(current));
    expect(comparison.rows).toHaveLength(1);
    expect(comparison.notCompared).toEqual([{ side: 'current', title: 'Lesion 2: level not assigned' }]);
  });
});

describe('compareDocuments: one patient only', () => {
  const withPatient = (id: string, name: string): AnnotationDocument => ({
    ...sampleDocument(),
    subject: {
      patient: { name, id, birthDate: '19500101' },
      study: { uid: '1.2.3', uidDerived: false, date: '20250101', time: '', description: '', accessionNumber: '', modalities: ['CT'] },
    },
  });
  const table: { name: string; prior: AnnotationDocument; current: AnnotationDocument; ok: boolean; subject?: string; reason?: RegExp }[] = [
    { name: 'same patient', prior: withPatient('P1', 'DOE^JANE'), current: withPatient('P1', 'Doe^Jane^^'), ok: true, subject: 'same' },
    { name: 'another patient ID', prior: withPatient('P1', 'DOE^JANE'), current: withPatient('P2', 'DOE^JANE'), ok: false, reason: /different patients \(patient ID "P1" vs "P2"\)/u },
    { name: 'a reading that does not record its patient', prior: sampleDocument(), current: withPatient('P1', 'DOE^JANE'), ok: true, subject: 'not-recorded' },
  ];
  for (const c of table) {
    it(c.name, () => {
      const result = compareDocuments(c.prior, c.current, (d) => deriveReading(d));
      expect(result.ok).toBe(c.ok);
      if (result.ok) expect(result.subject.kind).toBe(c.subject);
      else expect(result.reason).toMatch(c.reason ?? /./u);
    });
  }
});
