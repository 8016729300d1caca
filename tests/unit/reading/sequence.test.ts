import { describe, expect, it } from 'vitest';
import type { Variants } from '@shared/annotation';
import { firstFreeLabel, labelRun, nextLabel } from '../../../src-renderer/reading/labels/sequence';

const STANDARD: Variants = { thoracicCount: 12, lumbarCount: 5, castellvi: null };

describe('label auto-increment', () => {
  it('counts down from C2 through the standard sequence', () => {
    expect(labelRun('C2', 'caudal', STANDARD, 8)).toEqual(['C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'T1', 'T2']);
    expect(labelRun('T10', 'caudal', STANDARD, 9)).toEqual(['T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5', 'S1']);
  });

  it('counts up from S1 (partial study counted from the sacrum)', () => {
    expect(labelRun('S1', 'cranial', STANDARD, 7)).toEqual(['S1', 'L5', 'L4', 'L3', 'L2', 'L1', 'T12']);
  });

  it('honours the variants: T13 with 13 thoracic, L6 with 6 lumbar, no L5 with 4, no T12 with 11', () => {
    expect(labelRun('T11', 'caudal', { ...STANDARD, thoracicCount: 13 }, 4)).toEqual(['T11', 'T12', 'T13', 'L1']);
    expect(labelRun('L4', 'caudal', { ...STANDARD, lumbarCount: 6 }, 4)).toEqual(['L4', 'L5', 'L6', 'S1']);
    expect(labelRun('S1', 'cranial', { ...STANDARD, lumbarCount: 4 }, 3)).toEqual(['S1', 'L4', 'L3']);
    expect(labelRun('T10', 'caudal', { ...STANDARD, thoracicCount: 11 }, 3)).toEqual(['T10', 'T11', 'L1']);
    // A label the count does not have cannot start a run.
    expect(labelRun('T13', 'caudal', STANDARD, 3)).toEqual([]);
  });

  it('skips levels already labelled, and stops at the ends of the spine', () => {
    expect(nextLabel('T12', 'caudal', STANDARD, new Set(['L1', 'L2']))).toBe('L3');
    expect(firstFreeLabel('L1', 'caudal', STANDARD, new Set(['L1']))).toBe('L2');
    expect(firstFreeLabel('L1', 'cranial', STANDARD, new Set(['L1', 'T12']))).toBe('T11');
    expect(nextLabel('Co', 'caudal', STANDARD)).toBeNull();
    expect(nextLabel('C1', 'cranial', STANDARD)).toBeNull();
  });
});
