// SINS location regions per level, including the project CONVENTION for transitional anatomy
// (docs/clinical-rules.md §1). The points for each region live in shared/scoring/sins.ts; this module only says
// which region a level belongs to for this patient, and whether that assignment is published or ours.

import { levelSequence, numberInSegment, segmentOf, STANDARD_COUNTS } from './levels';
import type { SpineCounts } from './levels';

export const SINS_REGIONS = ['junctional', 'mobile', 'semi_rigid', 'rigid'] as const;
export type SinsRegion = (typeof SINS_REGIONS)[number];

export interface RegionAssignment {
  readonly level: string;
  readonly region: SinsRegion;
  /** true when the assignment comes from our variant CONVENTION rather than Fisher 2010's table. */
  readonly convention: boolean;
}

/** Region by the rules alone, for a level that exists in `counts` (not `Co`). */
function regionByRule(level: string, counts: SpineCounts): SinsRegion | null {
  const segment = segmentOf(level);
  const n = numberInSegment(level);
  if (segment === null || segment === 'Co' || n === null) return null;
  switch (segment) {
    case 'C':
      return n <= 2 || n === 7 ? 'junctional' : 'mobile';
    case 'T':
      // Thoracolumbar junction: T11, T12 and T13 when present; the cervicothoracic junction: T1, T2.
      return n <= 2 || n >= 11 ? 'junctional' : 'semi_rigid';
    case 'L':
      // L1 is thoracolumbar, the last lumbar vertebra lumbosacral; the lumbar vertebrae between are mobile.
      return n === 1 || n === counts.lumbarCount ? 'junctional' : 'mobile';
    case 'S':
      return n === 1 ? 'junctional' : 'rigid';
  }
}

/**
 * The SINS region of `level` for this patient; null for `Co` (outside SINS) and for a label the count does not
 * have. An assignment is marked convention when it differs from, or is absent in, the published table for a
 * standard 12/5 spine (T13, L6, L5 with six lumbar, L4 with four).
 */
export function sinsRegionOf(level: string, counts: SpineCounts): RegionAssignment | null {
  if (!levelSequence(counts).includes(level)) return null;
  const region = regionByRule(level, counts);
  if (region === null) return null;
  const standard = levelSequence(STANDARD_COUNTS).includes(level) ? regionByRule(level, STANDARD_COUNTS) : null;
  return { level, region, convention: standard !== region };
}
