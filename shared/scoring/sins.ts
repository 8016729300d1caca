// SINS — Spinal Instability Neoplastic Score (Fisher 2010; docs/clinical-rules.md §2). The tables below are the
// rules: the contract's enums, the points and the bands are all read from them.

import { sinsRegionOf } from '../spine/regions';
import type { RegionAssignment, SinsRegion } from '../spine/regions';
import type { SpineCounts } from '../spine/levels';
import { bandOf, pointsOf } from './citations';
import type { BandRow, PointRow, RuleRow } from './citations';

export const UNKNOWN = 'unknown';

export const SINS_LOCATION = [
  { value: 'junctional', label: 'Junctional (occiput–C2, C7–T2, T11–L1, L5–S1)', points: 3, citation: 'fisher2010', kind: 'published' },
  { value: 'mobile', label: 'Mobile spine (C3–C6, L2–L4)', points: 2, citation: 'fisher2010', kind: 'published' },
  { value: 'semi_rigid', label: 'Semi-rigid (T3–T10)', points: 1, citation: 'fisher2010', kind: 'published' },
  { value: 'rigid', label: 'Rigid (S2–S5)', points: 0, citation: 'fisher2010', kind: 'published' },
] as const satisfies readonly PointRow<SinsRegion>[];

export const SINS_PAIN = [
  { value: 'mechanical', label: 'Mechanical pain (relieved lying down, worse with movement or loading)', points: 3, citation: 'fisher2010', kind: 'published' },
  { value: 'occasional', label: 'Occasional pain, not mechanical', points: 1, citation: 'fisher2010', kind: 'published' },
  { value: 'none', label: 'Pain-free lesion', points: 0, citation: 'fisher2010', kind: 'published' },
] as const satisfies readonly PointRow[];

export const SINS_BONE_LESION = [
  { value: 'lytic', label: 'Lytic', points: 2, citation: 'fisher2010', kind: 'published' },
  { value: 'mixed', label: 'Mixed (lytic/blastic)', points: 1, citation: 'fisher2010', kind: 'published' },
  { value: 'blastic', label: 'Blastic', points: 0, citation: 'fisher2010', kind: 'published' },
] as const satisfies readonly PointRow[];

export const SINS_ALIGNMENT = [
  { value: 'subluxation', label: 'Subluxation/translation present', points: 4, citation: 'fisher2010', kind: 'published' },
  { value: 'deformity', label: 'De novo deformity (kyphosis/scoliosis)', points: 2, citation: 'fisher2010', kind: 'published' },
  { value: 'normal', label: 'Normal alignment', points: 0, citation: 'fisher2010', kind: 'published' },
] as const satisfies readonly PointRow[];

export const SINS_COLLAPSE = [
  { value: 'gt50', label: 'Vertebral body collapse > 50%', points: 3, citation: 'fisher2010', kind: 'published' },
  { value: 'lt50', label: 'Vertebral body collapse < 50%', points: 2, citation: 'fisher2010', kind: 'published' },
  { value: 'involved_gt50', label: 'No collapse with > 50% of the body involved', points: 1, citation: 'fisher2010', kind: 'published' },
  { value: 'none', label: 'None of the above', points: 0, citation: 'fisher2010', kind: 'published' },
] as const satisfies readonly PointRow[];

export const SINS_POSTEROLATERAL = [
  { value: 'bilateral', label: 'Bilateral posterolateral involvement (facet, pedicle or costovertebral joint)', points: 3, citation: 'fisher2010', kind: 'published' },
  { value: 'unilateral', label: 'Unilateral posterolateral involvement', points: 1, citation: 'fisher2010', kind: 'published' },
  { value: 'none', label: 'None of the above', points: 0, citation: 'fisher2010', kind: 'published' },
] as const satisfies readonly PointRow[];

export type SinsBand = 'stable' | 'indeterminate' | 'unstable';

export const SINS_BANDS = [
  { band: 'stable', label: 'Stable (0–6)', min: 0, max: 6, citation: 'fisher2010', kind: 'published' },
  { band: 'indeterminate', label: 'Indeterminate, possibly impending instability (7–12)', min: 7, max: 12, citation: 'fisher2010', kind: 'published' },
  { band: 'unstable', label: 'Unstable (13–18)', min: 13, max: 18, citation: 'fisher2010', kind: 'published' },
] as const satisfies readonly BandRow<SinsBand>[];

export const SINS_SURGICAL_CONSULTATION = {
  threshold: 7,
  label: 'SINS ≥ 7: surgical consultation recommended',
  citation: 'fisher2010',
  kind: 'published',
} as const satisfies RuleRow & { threshold: number };

export const SINS_MULTI_LEVEL = {
  label: 'A lesion spanning contiguous levels takes the highest-scoring region touched',
  citation: 'fisher2010',
  kind: 'convention',
  reason: 'Fisher 2010 scores the location of one level; how a lesion spanning several contiguous levels is scored is our choice (the per-level regions stay visible).',
} as const satisfies RuleRow;

export const SINS_UNKNOWN_COMPONENT = {
  label: 'An unknown component gives no total: the range [min, max] is reported, and a band only if the range lies in one band',
  citation: 'rdes21',
  kind: 'convention',
  reason: 'RDES21 allows a component to be recorded as unknown but says nothing of the total; reporting the range and a band only when the range lies in one is our choice.',
} as const satisfies RuleRow;

/** The region rules for a patient's own count (spine/regions.ts implements them). */
export const SINS_VARIANT_REGIONS = {
  label: 'With 11–13 thoracic or 4–6 lumbar vertebrae: T11, T12, T13 (when present) and L1 are thoracolumbar junctional; the last lumbar vertebra and S1 lumbosacral junctional; the lumbar vertebrae between are mobile',
  citation: 'fisher2010',
  kind: 'convention',
  reason: "Fisher 2010's regions are given for a standard 12 thoracic / 5 lumbar spine; where the junctions lie with transitional anatomy is our choice.",
} as const satisfies RuleRow;

type ValueOf<R extends readonly PointRow[]> = R[number]['value'];
export type Pain = ValueOf<typeof SINS_PAIN> | typeof UNKNOWN;
export type BoneLesion = ValueOf<typeof SINS_BONE_LESION> | typeof UNKNOWN;
export type Alignment = ValueOf<typeof SINS_ALIGNMENT> | typeof UNKNOWN;
export type Collapse = ValueOf<typeof SINS_COLLAPSE> | typeof UNKNOWN;
export type Posterolateral = ValueOf<typeof SINS_POSTEROLATERAL> | typeof UNKNOWN;

export interface SinsInput {
  readonly levels: readonly string[];
  readonly pain: Pain;
  readonly boneLesion: BoneLesion;
  readonly alignment: Alignment;
  readonly collapse: Collapse;
  readonly posterolateral: Posterolateral;
}

export interface SinsComponents {
  location: number | null;
  pain: number | null;
  boneLesion: number | null;
  alignment: number | null;
  collapse: number | null;
  posterolateral: number | null;
}

export interface SinsResult {
  components: SinsComponents;
  total: number | null;
  range: [number, number];
  band: SinsBand | null;
  surgicalConsultation: boolean | null;
}

/** Per-level regions kept visible for the report (multi-level CONVENTION); null region = `Co`, not scored. */
export interface SinsLocationDetail {
  readonly perLevel: ReadonlyArray<{ level: string; region: RegionAssignment | null }>;
  readonly region: SinsRegion | null;
}

interface Scored {
  points: number | null;
  min: number;
  max: number;
}

function spanOf(rows: readonly PointRow[]): { min: number; max: number } {
  const points = rows.map((r) => r.points);
  return { min: Math.min(...points), max: Math.max(...points) };
}

function scoreComponent<V extends string>(rows: readonly PointRow<V>[], value: V | typeof UNKNOWN): Scored {
  if (value === UNKNOWN) return { points: null, ...spanOf(rows) };
  const points = pointsOf(rows, value as V);
  return { points, min: points, max: points };
}

export function sinsLocationDetail(levels: readonly string[], counts: SpineCounts): SinsLocationDetail {
  const perLevel = levels.map((level) => ({ level, region: sinsRegionOf(level, counts) }));
  if (perLevel.some((l) => l.region === null)) return { perLevel, region: null };
  let best: SinsRegion | null = null;
  for (const { region } of perLevel) {
    if (region === null) continue;
    if (best === null || pointsOf(SINS_LOCATION, region.region) > pointsOf(SINS_LOCATION, best)) best = region.region;
  }
  return { perLevel, region: best };
}

function scoreLocation(levels: readonly string[], counts: SpineCounts): Scored {
  const { region } = sinsLocationDetail(levels, counts);
  // A lesion touching Co (outside SINS) has no location: it counts as unknown over the whole 0–3 scale.
  if (region === null) return { points: null, ...spanOf(SINS_LOCATION) };
  const points = pointsOf(SINS_LOCATION, region);
  return { points, min: points, max: points };
}

/** The band holding the whole range, or null when the range straddles bands. */
export function sinsBandOfRange(range: readonly [number, number]): SinsBand | null {
  const low = bandOf(SINS_BANDS, range[0]);
  return low !== null && low === bandOf(SINS_BANDS, range[1]) ? low : null;
}

export function scoreSins(input: SinsInput, counts: SpineCounts): SinsResult {
  const parts = {
    location: scoreLocation(input.levels, counts),
    pain: scoreComponent(SINS_PAIN, input.pain),
    boneLesion: scoreComponent(SINS_BONE_LESION, input.boneLesion),
    alignment: scoreComponent(SINS_ALIGNMENT, input.alignment),
    collapse: scoreComponent(SINS_COLLAPSE, input.collapse),
    posterolateral: scoreComponent(SINS_POSTEROLATERAL, input.posterolateral),
  };
  const all = Object.values(parts);
  const range: [number, number] = [all.reduce((s, p) => s + p.min, 0), all.reduce((s, p) => s + p.max, 0)];
  const known = all.every((p) => p.points !== null);
  const { threshold } = SINS_SURGICAL_CONSULTATION;
  return {
    components: {
      location: parts.location.points,
      pain: parts.pain.points,
      boneLesion: parts.boneLesion.points,
      alignment: parts.alignment.points,
      collapse: parts.collapse.points,
      posterolateral: parts.posterolateral.points,
    },
    total: known ? range[0] : null,
    range,
    band: sinsBandOfRange(range),
    surgicalConsultation: range[0] >= threshold ? true : range[1] < threshold ? false : null,
  };
}
