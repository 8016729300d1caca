import type { LayoutId } from './shortcuts';
import type { SeriesOrientation } from './types';

/** What the hanging protocol needs to know about a series (a subset of ViewerSeries, so tests stay small). */
export interface HangingSeries {
  readonly key: string;
  readonly description: string;
  readonly modality: string;
  readonly orientation: SeriesOrientation;
  readonly seriesNumber: number | null;
  readonly imageCount: number;
}

export type Weighting = 't2' | 't1' | 'stir' | 'other';

/**
 * Sequence weighting from a SeriesDescription. Tokenised on anything that is not a letter or digit, so
 * "t2_tse_sag", "SAG T2W", "T2WI FS" all read as T2, "T2*"/"T2 star" (gradient echo, blooming) do not; STIR also
 * appears as Siemens "TIRM".
 */
export function weightingOf(description: string): Weighting {
  const text = description.toLowerCase();
  if (/t2\s*\*|t2\s*star/.test(text)) return 'other';
  const tokens = text.split(/[^a-z0-9]+/).filter((t) => t.length > 0);
  if (tokens.some((t) => t === 'stir' || t.startsWith('tirm'))) return 'stir';
  if (tokens.some((t) => /^t2(w|wi|tse|fse|haste|space|frfse)?$/.test(t) || /^t2[a-z]*$/.test(t))) return 't2';
  if (tokens.some((t) => /^t1[a-z]*$/.test(t))) return 't1';
  return 'other';
}

/** Lower is better: T2 sagittal first, then T1, STIR, CT, then anything else. */
function sagittalRank(s: HangingSeries): number {
  if (s.modality === 'MR') {
    const w = weightingOf(s.description);
    return w === 't2' ? 0 : w === 't1' ? 1 : w === 'stir' ? 2 : 4;
  }
  return s.modality === 'CT' ? 3 : 5;
}

function axialRank(s: HangingSeries, sagittal: HangingSeries | null): number {
  // Same modality as the sagittal first (an MR sagittal wants the MR axial), T2 before other MR weightings.
  const sameModality = sagittal === null || s.modality === sagittal.modality ? 0 : 10;
  const weight = s.modality === 'MR' ? (weightingOf(s.description) === 't2' ? 0 : 1) : 0;
  return sameModality + weight;
}

/** Ties: more images (better coverage), then lower series number, then key, so the choice is deterministic. */
const byCoverage = (a: HangingSeries, b: HangingSeries): number =>
  b.imageCount - a.imageCount ||
  (a.seriesNumber ?? Number.MAX_SAFE_INTEGER) - (b.seriesNumber ?? Number.MAX_SAFE_INTEGER) ||
  a.key.localeCompare(b.key);

function best(series: readonly HangingSeries[], rank: (s: HangingSeries) => number): HangingSeries | null {
  const sorted = [...series].sort((a, b) => rank(a) - rank(b) || byCoverage(a, b));
  return sorted[0] ?? null;
}

export interface Hanging {
  readonly layout: LayoutId;
  /** Series key per viewport, in layout order (left to right, top to bottom); null = empty viewport. */
  readonly viewports: readonly (string | null)[];
  /** An axial series worth reformatting because no sagittal exists (the viewer offers a sagittal reformat). */
  readonly reformatCandidate: string | null;
}

/**
 * Initial hanging for spine reading: the best sagittal on the left, the best axial on the right (1x2).
 * With only one of them, or neither, one viewport with the best available series. Single-image series
 * (scouts, dose reports) are only used when nothing else exists.
 */
export function chooseHanging(all: readonly HangingSeries[]): Hanging {
  const stacks = all.filter((s) => s.imageCount > 1);
  const pool = stacks.length > 0 ? stacks : all;
  const sagittal = best(pool.filter((s) => s.orientation === 'sagittal'), sagittalRank);
  const axial = best(pool.filter((s) => s.orientation === 'axial'), (s) => axialRank(s, sagittal));
  const reformatCandidate = sagittal === null && axial !== null && axial.imageCount >= 8 ? axial.key : null;
  if (sagittal !== null && axial !== null) return { layout: '1x2', viewports: [sagittal.key, axial.key], reformatCandidate };
  const only = sagittal ?? axial ?? best(pool, (s) => (s.orientation === 'coronal' ? 0 : 1));
  return { layout: '1x1', viewports: [only?.key ?? null], reformatCandidate };
}
