import { mm } from './units';
import type { Mm, Vec3 } from './units';
import { distance } from './vec3';

/**
 * Vertebral body heights and measured collapse, per docs/clinical-rules.md §3 (CONVENTION parts marked there).
 */

export const HEIGHT_NAMES = ['anterior', 'middle', 'posterior'] as const;
export type HeightName = (typeof HEIGHT_NAMES)[number];

export interface BodyHeights {
  readonly anterior: Mm;
  readonly middle: Mm;
  readonly posterior: Mm;
}

/** A height from its two endplate points in patient space (mm, so pixel spacing is already accounted for). */
export const heightBetween = (endplateA: Vec3, endplateB: Vec3): Mm => distance(endplateA, endplateB);

export type EndplatePoints = readonly [Vec3, Vec3];

export function heightsFromPoints(points: { readonly anterior: EndplatePoints; readonly middle: EndplatePoints; readonly posterior: EndplatePoints }): BodyHeights {
  return {
    anterior: heightBetween(...points.anterior),
    middle: heightBetween(...points.middle),
    posterior: heightBetween(...points.posterior),
  };
}

/** A reference body: the nearest vertebra above or below. `abnormal` ones are kept for the report but not used. */
export interface ReferenceBody {
  readonly label?: string;
  readonly heights: BodyHeights;
  readonly abnormal: boolean;
}

export interface HeightLossInput {
  readonly index: BodyHeights;
  readonly above: ReferenceBody | null;
  readonly below: ReferenceBody | null;
}

export type SinsCollapseSuggestion = 'none' | 'lt50' | 'gt50';
export type GenantGrade = 0 | 1 | 2 | 3;

/**
 * Losses are rounded to 1e-6 percentage points before classification, so that e.g. 100 x (1 - 11/20), which
 * floating point gives as 45.00000000000001 or 44.99999999999999, is classified as exactly 45.
 */
export const roundLoss = (percent: number): number => Math.round(percent * 1e6) / 1e6;

/** docs/clinical-rules.md §3: < 20 -> none; 20 to < 50 -> lt50; >= 50 -> gt50 (CONVENTION: exactly 50 suggests gt50). */
export function suggestedCollapse(lossPercent: number): SinsCollapseSuggestion {
  if (lossPercent >= 50) return 'gt50';
  if (lossPercent >= 20) return 'lt50';
  return 'none';
}

/** Genant: < 20 -> 0; [20, 25) -> 1; [25, 40] -> 2; > 40 -> 3 (CONVENTION at the shared edges). */
export function genantGrade(lossPercent: number): GenantGrade {
  if (lossPercent > 40) return 3;
  if (lossPercent >= 25) return 2;
  if (lossPercent >= 20) return 1;
  return 0;
}

/** "Borderline, confirm visually": 45 <= loss <= 55 (docs/clinical-rules.md §2, inclusive at both ends). */
export const isBorderline = (lossPercent: number): boolean => lossPercent >= 45 && lossPercent <= 55;

/**
 * How the loss was computed, as the report prints it (docs/clinical-rules.md §3 marks it as our convention; the report names
 * the publication it extends, never the project's documents).
 */
export const HEIGHT_LOSS_METHOD =
  '% height loss = 100 x (1 - index height / expected height) for the anterior, middle and posterior heights; expected = mean of the same height on the nearest normal vertebra above and below (one if the other is missing or abnormal); the worst (largest) loss is reported (this application\'s convention; grade per Genant 1993).';

export type HeightLossResult =
  | {
      readonly computable: true;
      readonly method: typeof HEIGHT_LOSS_METHOD;
      readonly input: HeightLossInput;
      /** Which references gave the expected heights. */
      readonly referencesUsed: ReadonlyArray<'above' | 'below'>;
      /** Per height: mean of the same height on the references used. */
      readonly expected: BodyHeights;
      /** Per height: 100 x (1 - index / expected), rounded (roundLoss). Negative when the index body is taller. */
      readonly lossPercent: { readonly anterior: number; readonly middle: number; readonly posterior: number };
      /** The height with the largest loss (ties: anterior, then middle, then posterior) and that loss. */
      readonly worst: { readonly height: HeightName; readonly lossPercent: number };
      readonly suggestedCollapse: SinsCollapseSuggestion;
      readonly genantGrade: GenantGrade;
      readonly borderline: boolean;
    }
  | { readonly computable: false; readonly input: HeightLossInput; readonly reason: string };

const validHeights = (h: BodyHeights): boolean => HEIGHT_NAMES.every((name) => Number.isFinite(h[name]) && h[name] > 0);

/**
 * % height loss of the index body (docs/clinical-rules.md §3 CONVENTION): expected height = mean of the same height on
 * the nearest normal vertebra above and below (only one when the other is missing or abnormal); loss per height
 * = 100 x (1 - index / expected); the reported loss is the worst (largest) of the three.
 */
export function computeHeightLoss(input: HeightLossInput): HeightLossResult {
  if (!validHeights(input.index)) return { computable: false, input, reason: 'index body heights must be positive numbers' };
  const refs: { readonly side: 'above' | 'below'; readonly body: ReferenceBody }[] = [];
  for (const side of ['above', 'below'] as const) {
    const body = input[side];
    if (body === null || body.abnormal) continue;
    if (!validHeights(body.heights)) return { computable: false, input, reason: `reference ${side} has invalid heights` };
    refs.push({ side, body });
  }
  if (refs.length === 0) return { computable: false, input, reason: 'no normal reference vertebra above or below' };
  const mean = (name: HeightName): Mm => mm(refs.reduce((sum, r) => sum + r.body.heights[name], 0) / refs.length);
  const expected: BodyHeights = { anterior: mean('anterior'), middle: mean('middle'), posterior: mean('posterior') };
  const loss = (name: HeightName): number => roundLoss(100 * (1 - input.index[name] / expected[name]));
  const lossPercent = { anterior: loss('anterior'), middle: loss('middle'), posterior: loss('posterior') };
  let worst: HeightName = 'anterior';
  for (const name of HEIGHT_NAMES) if (lossPercent[name] > lossPercent[worst]) worst = name;
  const worstLoss = lossPercent[worst];
  return {
    computable: true,
    method: HEIGHT_LOSS_METHOD,
    input,
    referencesUsed: refs.map((r) => r.side),
    expected,
    lossPercent,
    worst: { height: worst, lossPercent: worstLoss },
    suggestedCollapse: suggestedCollapse(worstLoss),
    genantGrade: genantGrade(worstLoss),
    borderline: isBorderline(worstLoss),
  };
}
