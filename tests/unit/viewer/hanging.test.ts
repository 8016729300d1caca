import { describe, expect, it } from 'vitest';
import { chooseHanging, weightingOf } from '../../../src-renderer/viewer/hanging';
import type { HangingSeries } from '../../../src-renderer/viewer/hanging';

let n = 0;
const series = (description: string, orientation: HangingSeries['orientation'], extra: Partial<HangingSeries> = {}): HangingSeries => ({
  key: extra.key ?? `s${++n}`,
  description,
  modality: 'MR',
  orientation,
  seriesNumber: n,
  imageCount: 15,
  ...extra,
});

describe('weightingOf', () => {
  it.each([
    ['t2_tse_sag', 't2'],
    ['SAG T2W', 't2'],
    ['Sag T2 FRFSE', 't2'],
    ['T2WI FS', 't2'],
    ['sag_t1_tse', 't1'],
    ['T1W SE +C', 't1'],
    ['SAG STIR', 'stir'],
    ['t2_tirm_sag', 'stir'],
    ['T2* GRE', 'other'],
    ['T2 star', 'other'],
    ['Localizer', 'other'],
  ] as const)('%s -> %s', (description, expected) => {
    expect(weightingOf(description)).toBe(expected);
  });
});

describe('chooseHanging', () => {
  it('spine MR: sagittal T2 left, axial T2 right, even when T1 and STIR sagittals come first', () => {
    const list = [
      series('SAG T1', 'sagittal', { key: 'sagT1' }),
      series('SAG STIR', 'sagittal', { key: 'sagStir' }),
      series('SAG T2', 'sagittal', { key: 'sagT2' }),
      series('AX T1', 'axial', { key: 'axT1' }),
      series('AX T2', 'axial', { key: 'axT2' }),
      series('Localizer', 'coronal', { key: 'loc', imageCount: 3 }),
    ];
    expect(chooseHanging(list)).toEqual({ layout: '1x2', viewports: ['sagT2', 'axT2'], reformatCandidate: null });
  });

  it('falls back T1 then STIR when there is no T2 sagittal', () => {
    expect(chooseHanging([series('SAG STIR', 'sagittal', { key: 'a' }), series('SAG T1', 'sagittal', { key: 'b' })]).viewports).toEqual(['b']);
    expect(chooseHanging([series('SAG STIR', 'sagittal', { key: 'a' }), series('DWI', 'sagittal', { key: 'b' })]).viewports).toEqual(['a']);
  });

  it('CT: sagittal and axial; the axial of the same modality wins', () => {
    const list = [
      series('AX 3mm', 'axial', { key: 'ctAx', modality: 'CT', imageCount: 112 }),
      series('SAG bone', 'sagittal', { key: 'ctSag', modality: 'CT', imageCount: 40 }),
      series('AX T2', 'axial', { key: 'mrAx', modality: 'MR', imageCount: 30 }),
    ];
    expect(chooseHanging(list)).toEqual({ layout: '1x2', viewports: ['ctSag', 'ctAx'], reformatCandidate: null });
  });

  it('axial only: one viewport and the axial is offered for a sagittal reformat', () => {
    const list = [series('AX 3mm', 'axial', { key: 'ax', modality: 'CT', imageCount: 112 })];
    expect(chooseHanging(list)).toEqual({ layout: '1x1', viewports: ['ax'], reformatCandidate: 'ax' });
  });

  it('ties go to more images, then lower series number', () => {
    const list = [
      series('SAG T2 a', 'sagittal', { key: 'few', imageCount: 10, seriesNumber: 1 }),
      series('SAG T2 b', 'sagittal', { key: 'many', imageCount: 20, seriesNumber: 2 }),
    ];
    expect(chooseHanging(list).viewports).toEqual(['many']);
  });

  it('nothing at all: one empty viewport; single images only when nothing else', () => {
    expect(chooseHanging([])).toEqual({ layout: '1x1', viewports: [null], reformatCandidate: null });
    expect(chooseHanging([series('Dose report', 'unknown', { key: 'sc', imageCount: 1 })]).viewports).toEqual(['sc']);
  });
});
