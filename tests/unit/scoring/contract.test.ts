// Contract validation: defaults, and the exact `path: message` lines a reader sees for bad input.

import { describe, expect, it } from 'vitest';
import { formatProblems } from '@shared/validation/parse';
import { parseScoringInput } from '@shared/scoring/index';
import { lesion, study } from './support';

function problems(value: unknown): string[] {
  const result = parseScoringInput(value);
  return result.ok ? [] : formatProblems(result.problems);
}

describe('defaults', () => {
  it('fills every documented default', () => {
    const result = parseScoringInput({ patient: { histology: 'breast' }, lesions: [lesion()] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.spine).toEqual({ thoracicCount: 12, lumbarCount: 5 });
    expect(result.value.patient).toEqual({
      histology: 'breast',
      radiosensitivity: null,
      myelopathy: false,
      canTolerateSurgery: 'unknown',
      emergency: { rapidWeaknessProgression: false, newInabilityToWalk: false, newBladderDysfunction: false, bilateralSymptoms: false, completeParalysisHours: null },
    });
    expect(result.value.lesions[0]).toMatchObject({ cordSignalChange: false, instabilityJudgement: null, collapseMeasuredPercent: null });
  });
});

describe('problems', () => {
  it.each([
    ['not an object', 42, ['(root): expected an object']],
    ['unknown top-level field', { ...study(), extra: 1 }, ['(root): unknown field "extra"']],
    ['unknown lesion field', study({ colour: 'red' }), ['lesions[0]: unknown field "colour"']],
    ['bad collapse', study({ collapse: 'half' }), ['lesions[0].collapse: expected one of gt50, lt50, involved_gt50, none, unknown']],
    ['ESCC as a number', study({ escc: 1 }), ['lesions[0].escc: expected one of 0, 1a, 1b, 1c, 2, 3, unknown']],
    ['non-contiguous levels', study({ levels: ['T12', 'L2'] }), ['lesions[0].levels: levels must be contiguous: T12 and L2 are not adjacent (record non-contiguous levels as separate lesions)']],
    ['level the count lacks', study({ levels: ['L6'] }), ['lesions[0].levels: L6 does not exist with 12 thoracic and 5 lumbar vertebrae']],
    ['not a level', study({ levels: ['X1'] }), ['lesions[0].levels[0]: expected a vertebral level: C1–C7, T1–T13, L1–L6, S1–S5 or Co']],
    ['empty levels', study({ levels: [] }), ['lesions[0].levels: expected a non-empty array of levels']],
    ['KPS not a multiple of 10', study({}, { prognosis: { kps: 75 } }), ['patient.prognosis.kps: expected a multiple of 10 from 0 to 100']],
    ['missing histology', { patient: {}, lesions: [] }, ['patient.histology: required']],
    ['missing lesion field', study({ pain: undefined }), ['lesions[0].pain: required']],
    ['myelopathy', study({}, { myelopathy: 'maybe' }), ['patient.myelopathy: expected true, false or "unknown"']],
    ['thoracic count', { ...study(), spine: { thoracicCount: 10, lumbarCount: 5 } }, ['spine.thoracicCount: expected one of 11, 12, 13']],
    ['measured collapse over 100', study({ collapseMeasuredPercent: 101 }), ['lesions[0].collapseMeasuredPercent: expected a number from 0 to 100 or null']],
    ['vertebral metastases 0', study({}, { prognosis: { vertebralMetastases: 0 } }), ['patient.prognosis.vertebralMetastases: expected an integer ≥ 1']],
    ['unknown bauer field', study({}, { prognosis: { bauer: { lung: true } } }), ['patient.prognosis.bauer: unknown field "lung"']],
    ['duplicate lesion ids', { patient: { histology: 'breast' }, lesions: [lesion(), lesion()] }, ['lesions[1].id: duplicate lesion id "les-1"']],
  ])('%s', (_name, value, expected) => {
    expect(problems(value)).toEqual(expected);
  });
});
