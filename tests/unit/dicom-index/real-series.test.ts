import { describe, expect, it } from 'vitest';
import type { Stack } from '@shared/dicom/index-model';
import { indexSources } from '../../../src-main/services/study-index/indexer';
import { LUMBAR_MR, THORACOLUMBAR_CT, allSeries } from './data';

const positions = (stack: Stack): number[] => stack.instances.map((i) => i.position ?? Number.NaN);
const strictlyIncreasing = (values: number[]): boolean => values.every((v, i) => i === 0 || v > (values[i - 1] ?? Infinity));

describe('real lumbar MR: one series angled in 4 blocks', () => {
  it('is 1 study, 1 series, exactly 4 axial stacks of 3, each sorted along its own normal', async () => {
    const index = await indexSources([LUMBAR_MR]);
    expect(index.problems).toEqual([]);
    expect(index.patients).toHaveLength(1);
    expect(index.patients[0]?.studies).toHaveLength(1);
    const series = allSeries(index);
    expect(series).toHaveLength(1);
    const mr = series[0];
    expect(mr).toMatchObject({ number: 4, description: 'Ax T2 FSE', modality: 'MR', orientation: 'axial', instanceCount: 12 });
    expect(mr?.stacks.map((s) => s.instances.length)).toEqual([3, 3, 3, 3]);
    for (const stack of mr?.stacks ?? []) {
      expect(stack.orientation).toBe('axial');
      expect(stack.sortedBy).toBe('position');
      expect(strictlyIncreasing(positions(stack))).toBe(true);
      // The blocks are 7 mm apart slice to slice (SpacingBetweenSlices 7).
      expect(stack.regularVolume).toBe(true);
      expect(stack.sliceSpacing).toBeCloseTo(7, 1);
      expect(stack.pixelSpacing).toEqual([1.0156, 1.0156]);
      // Each stack's normal is close to +z (head), tilted per disc level.
      expect(stack.normal?.[2]).toBeGreaterThan(0.97);
    }
    // Blocks of three consecutive instance numbers, each block its own stack.
    const blocks = mr?.stacks.map((s) => s.instances.map((i) => i.instanceNumber).sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(blocks).toEqual([[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12]]);
    // Four different tilts: the stacks' orientations differ pairwise.
    const iops = new Set(mr?.stacks.map((s) => s.imageOrientationPatient?.map((v) => v.toFixed(3)).join(',')));
    expect(iops.size).toBe(4);
  });
});

describe('real thoracolumbar CT: axial + sagittal in one frame of reference', () => {
  it('is 1 study with 2 series: 112 axial (regular volume) and 40 sagittal sorted geometrically', async () => {
    const index = await indexSources([THORACOLUMBAR_CT]);
    expect(index.problems).toEqual([]);
    expect(index.stats).toMatchObject({ found: 152, failed: 0, skipped: 1 }); // vertebrae.json is skipped silently
    expect(index.patients.flatMap((p) => p.studies)).toHaveLength(1);
    const [axial, sagittal] = allSeries(index);
    expect(axial).toMatchObject({ number: 2, orientation: 'axial', instanceCount: 112 });
    expect(sagittal).toMatchObject({ number: 3, orientation: 'sagittal', instanceCount: 40 });
    expect(axial?.frameOfReferenceUid).toBeDefined();
    expect(axial?.frameOfReferenceUid).toBe(sagittal?.frameOfReferenceUid);

    const ax = axial?.stacks;
    expect(ax).toHaveLength(1);
    expect(ax?.[0]).toMatchObject({ regularVolume: true, sliceSpacing: 3, rows: 101, columns: 122, sortedBy: 'position' });
    expect(strictlyIncreasing(positions(ax?.[0] as Stack))).toBe(true);
    expect(ax?.[0]?.instances[0]?.imagePositionPatient).toEqual([-185.0437, -311.319, 94.3018]);

    const sag = sagittal?.stacks;
    expect(sag).toHaveLength(1);
    const stack = sag?.[0] as Stack;
    expect(stack).toMatchObject({ regularVolume: true, sliceSpacing: 3, sortedBy: 'position' });
    expect(strictlyIncreasing(positions(stack))).toBe(true);
    // Normal = row x column cosine = (0,1,0) x (0,0,-1) = -x: ascending position runs right to left, so the
    // geometric order is the reverse of the instance numbers (45..84), not their order.
    expect(stack.normal).toEqual([-1, 0, 0]);
    const numbers = stack.instances.map((i) => i.instanceNumber);
    expect(numbers[0]).toBe(84);
    expect(numbers.at(-1)).toBe(45);
    expect(stack.instances[0]?.imagePositionPatient?.[0]).toBeCloseTo(63.9563, 4);
  });
});
