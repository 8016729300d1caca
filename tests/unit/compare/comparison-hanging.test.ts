import { describe, expect, it } from 'vitest';
import { comparisonHanging } from '../../../src-renderer/compare/comparison-hanging';
import type { ViewerSeries } from '../../../src-renderer/viewer/types';

const series = (key: string, studyKey: string, orientation: ViewerSeries['orientation'], modality: string, description: string, count = 20): ViewerSeries => ({
  key,
  studyKey,
  description,
  modality,
  seriesNumber: null,
  frameOfReferenceUID: `${studyKey}-frame`,
  orientation,
  instances: Array.from({ length: count }, () => ({}) as ViewerSeries['instances'][number]),
});

describe('the follow-up hanging: current left, prior right', () => {
  it.each([
    [
      'both with a sagittal and an axial: sagittals above, axials below',
      [series('c-sag', 'c', 'sagittal', 'MR', 'T2 SAG'), series('c-ax', 'c', 'axial', 'CT', 'CT')],
      [series('p-ax', 'p', 'axial', 'CT', 'CT'), series('p-sag', 'p', 'sagittal', 'MR', 'T2 SAG'), series('p-t1', 'p', 'sagittal', 'MR', 'T1 SAG')],
      { layout: '2x2', viewports: ['c-sag', 'p-sag', 'c-ax', 'p-ax'] },
    ],
    ['a prior CT without a sagittal (CT to MR): its axial in the axial row', [series('c-sag', 'c', 'sagittal', 'MR', 'T2'), series('c-ax', 'c', 'axial', 'MR', 'T2 AX')], [series('p-ax', 'p', 'axial', 'CT', 'CT')], { layout: '2x2', viewports: ['c-sag', null, 'c-ax', 'p-ax'] }],
    ['one series each, one of them axial', [series('c-sag', 'c', 'sagittal', 'MR', 'T2')], [series('p-ax', 'p', 'axial', 'CT', 'CT')], { layout: '2x2', viewports: ['c-sag', null, null, 'p-ax'] }],
    ['one series each: side by side', [series('c-sag', 'c', 'sagittal', 'MR', 'T2')], [series('p-sag', 'p', 'sagittal', 'MR', 'T2')], { layout: '1x2', viewports: ['c-sag', 'p-sag'] }],
  ])('%s', (_, current, prior, expected) => {
    const hanging = comparisonHanging(current, prior);
    expect({ layout: hanging.layout, viewports: hanging.viewports }).toEqual(expected);
  });
});
