// Named boundary tests for SINS, measured collapse, ESCC and levels (docs/clinical-rules.md §1–§4).

import { describe, expect, it } from 'vitest';
import { parseScoringInput } from '@shared/scoring/index';
import { scoreLesion, study } from './support';

describe('SINS band edges', () => {
  it('6 is stable, no surgical consultation', () => {
    // T5 1 + mechanical 3 + lytic 2
    const { lesion } = scoreLesion({ pain: 'mechanical', boneLesion: 'lytic' });
    expect(lesion.sins).toMatchObject({ total: 6, range: [6, 6], band: 'stable', surgicalConsultation: false });
    expect(lesion.noms.mechanical).toBe('stable');
  });

  it('7 is indeterminate, surgical consultation', () => {
    const { lesion } = scoreLesion({ pain: 'mechanical', boneLesion: 'lytic', posterolateral: 'unilateral' });
    expect(lesion.sins).toMatchObject({ total: 7, range: [7, 7], band: 'indeterminate', surgicalConsultation: true });
    expect(lesion.noms.mechanical).toBe('indeterminate');
  });

  it('12 is indeterminate', () => {
    // L1 3 + mechanical 3 + lytic 2 + deformity 2 + lt50 2
    const { lesion } = scoreLesion({ levels: ['L1'], pain: 'mechanical', boneLesion: 'lytic', alignment: 'deformity', collapse: 'lt50' });
    expect(lesion.sins).toMatchObject({ total: 12, band: 'indeterminate', surgicalConsultation: true });
  });

  it('13 is unstable', () => {
    const { lesion } = scoreLesion({ levels: ['L1'], pain: 'mechanical', boneLesion: 'lytic', alignment: 'deformity', collapse: 'gt50' });
    expect(lesion.sins).toMatchObject({ total: 13, band: 'unstable', surgicalConsultation: true });
    expect(lesion.noms.mechanical).toBe('unstable');
  });

  it('0 and 18 are the extremes', () => {
    expect(scoreLesion({ levels: ['S3'] }).lesion.sins.total).toBe(0);
    const max = scoreLesion({ levels: ['L5'], pain: 'mechanical', boneLesion: 'lytic', alignment: 'subluxation', collapse: 'gt50', posterolateral: 'bilateral' });
    expect(max.lesion.sins).toMatchObject({ total: 18, band: 'unstable' });
  });
});

describe('unknown components give a range', () => {
  it.each([
    ['pain', { pain: 'unknown' }, [1, 4]],
    ['boneLesion', { boneLesion: 'unknown' }, [1, 3]],
    ['alignment', { alignment: 'unknown' }, [1, 5]],
    ['collapse', { collapse: 'unknown' }, [1, 4]],
    ['posterolateral', { posterolateral: 'unknown' }, [1, 4]],
  ] as const)('%s unknown', (component, overrides, range) => {
    const { lesion } = scoreLesion(overrides);
    expect(lesion.sins.components[component]).toBeNull();
    expect(lesion.sins).toMatchObject({ total: null, range, band: 'stable', surgicalConsultation: false });
  });

  it('everything unknown on Co spans the whole scale', () => {
    const all = { levels: ['Co'], pain: 'unknown', boneLesion: 'unknown', alignment: 'unknown', collapse: 'unknown', posterolateral: 'unknown' };
    expect(scoreLesion(all).lesion.sins).toMatchObject({ total: null, range: [0, 18], band: null, surgicalConsultation: null });
  });

  it('a range inside 7–12 keeps the band; a range across 6/7 has neither band nor consultation', () => {
    // T5 1 + mechanical 3 + lytic 2 + unilateral 1 = 7, alignment unknown 0–4 → [7, 11]
    const inside = scoreLesion({ pain: 'mechanical', boneLesion: 'lytic', posterolateral: 'unilateral', alignment: 'unknown' });
    expect(inside.lesion.sins).toMatchObject({ range: [7, 11], band: 'indeterminate', surgicalConsultation: true });
    // T5 1 + mechanical 3 + lytic 2 = 6, posterolateral unknown 0–3 → [6, 9]
    const across = scoreLesion({ pain: 'mechanical', boneLesion: 'lytic', posterolateral: 'unknown' });
    expect(across.lesion.sins).toMatchObject({ range: [6, 9], band: null, surgicalConsultation: null });
    expect(across.lesion.noms.mechanical).toBe('unknown');
  });

  it('a range across 12/13 has no band but surgical consultation', () => {
    // L1 3 + mechanical 3 + lytic 2 + deformity 2 = 10, collapse unknown 0–3 → [10, 13]
    const { lesion } = scoreLesion({ levels: ['L1'], pain: 'mechanical', boneLesion: 'lytic', alignment: 'deformity', collapse: 'unknown' });
    expect(lesion.sins).toMatchObject({ range: [10, 13], band: null, surgicalConsultation: true });
  });
});

describe('measured collapse (borderline 45–55%, inclusive)', () => {
  it.each([
    [44.9, false],
    [45, true],
    [50, true],
    [55, true],
    [55.1, false],
    [null, false],
  ])('%s%% → borderline %s, category unchanged', (percent, flagged) => {
    const { lesion } = scoreLesion({ collapse: 'lt50', collapseMeasuredPercent: percent });
    expect(lesion.flags.includes('collapse_borderline')).toBe(flagged);
    expect(lesion.sins.components.collapse).toBe(2);
  });
});

describe('ESCC', () => {
  it('1c is low grade, flagged indeterminate, N low, and blocks the augmentation flag', () => {
    const augmentable = { pain: 'mechanical', collapse: 'lt50', alignment: 'normal', posterolateral: 'none' };
    const { lesion } = scoreLesion({ ...augmentable, escc: '1c' });
    expect(lesion.escc).toEqual({ grade: '1c', category: 'low', indeterminate: true });
    expect(lesion.noms.neurologic).toBe('low');
    expect(lesion.flags).toEqual(['escc_1c_indeterminate']);
    expect(scoreLesion({ ...augmentable, escc: '1b' }).lesion.flags).toEqual(['augmentation_candidate']);
  });

  it('2 is high grade; unknown has no category', () => {
    expect(scoreLesion({ escc: '2' }).lesion.escc).toEqual({ grade: '2', category: 'high', indeterminate: false });
    expect(scoreLesion({ escc: 'unknown' }).lesion.escc).toEqual({ grade: 'unknown', category: null, indeterminate: false });
  });
});

describe('levels and transitional anatomy', () => {
  it('T13 is junctional and flagged', () => {
    const out = scoreLesion({ levels: ['T13'] }, {}, { thoracicCount: 13, lumbarCount: 5 });
    expect(out.lesion.sins.components.location).toBe(3);
    expect(out.lesion.flags).toEqual(['transitional_level']);
    expect(out.patient.flags).toEqual(['transitional_anatomy']);
  });

  it('L6 is junctional and flagged; L5 with six lumbar is mobile and not flagged', () => {
    const six = { thoracicCount: 12, lumbarCount: 6 };
    expect(scoreLesion({ levels: ['L6'] }, {}, six).lesion).toMatchObject({ sins: { components: { location: 3 } }, flags: ['transitional_level'] });
    expect(scoreLesion({ levels: ['L5'] }, {}, six).lesion).toMatchObject({ sins: { components: { location: 2 } }, flags: [] });
  });

  it('L4 with four lumbar is junctional and flagged', () => {
    const out = scoreLesion({ levels: ['L4'] }, {}, { thoracicCount: 12, lumbarCount: 4 });
    expect(out.lesion).toMatchObject({ sins: { components: { location: 3 } }, flags: ['transitional_level'] });
  });

  it('Co is not scored: location null, counted 0–3, flagged', () => {
    const { lesion } = scoreLesion({ levels: ['Co'] });
    expect(lesion.sins).toMatchObject({ components: { location: null }, total: null, range: [0, 3], band: 'stable' });
    expect(lesion.flags).toEqual(['location_not_scored']);
  });

  it('multi-level T12–L1 is junctional; T10–T11 takes the highest region', () => {
    expect(scoreLesion({ levels: ['T12', 'L1'] }).lesion.sins.components.location).toBe(3);
    expect(scoreLesion({ levels: ['T10', 'T11'] }).lesion.sins.components.location).toBe(3);
    expect(scoreLesion({ levels: ['T3', 'T4', 'T5'] }).lesion.sins.components.location).toBe(1);
  });

  it('non-contiguous levels are rejected at lesions[0].levels', () => {
    const result = parseScoringInput(study({ levels: ['T11', 'L1'] }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toEqual([
        { path: 'lesions[0].levels', message: 'levels must be contiguous: T11 and L1 are not adjacent (record non-contiguous levels as separate lesions)' },
      ]);
    }
  });
});

describe('patient flags', () => {
  it.each([
    [{ rapidWeaknessProgression: true }, ['mscc_emergency']],
    [{ newInabilityToWalk: true }, ['mscc_emergency']],
    [{ newBladderDysfunction: true }, ['mscc_emergency']],
    [{ bilateralSymptoms: true }, ['mscc_emergency']],
    [{ completeParalysisHours: 48 }, []],
    [{ completeParalysisHours: 48.5 }, ['paralysis_over_48h']],
    [{ completeParalysisHours: 72 }, ['paralysis_over_48h']],
    [{}, []],
  ])('%j → %j', (emergency, flags) => {
    expect(scoreLesion({}, { emergency }).patient.flags).toEqual(flags);
  });
});
