// Measured collapse (docs/clinical-rules.md §3) as rule rows: how % height loss is computed, which SINS collapse
// category a loss suggests, and its Genant grade. The arithmetic lives in shared/geometry/vertebral-height.ts (pure
// maths, no clinical tables); tests/unit/scoring/measured-collapse.test.ts checks it against these rows at every edge.

import type { RuleRow } from './citations';

/** A half-open or closed interval of % height loss. */
export interface LossInterval {
  readonly from: number;
  readonly fromInclusive: boolean;
  readonly to: number;
  readonly toInclusive: boolean;
}

export function inInterval(interval: LossInterval, lossPercent: number): boolean {
  const aboveFrom = interval.fromInclusive ? lossPercent >= interval.from : lossPercent > interval.from;
  const belowTo = interval.toInclusive ? lossPercent <= interval.to : lossPercent < interval.to;
  return aboveFrom && belowTo;
}

export const HEIGHT_LOSS_RULE = {
  label:
    '% height loss = 100 × (1 − index height ÷ expected height) for the anterior, middle and posterior heights; expected = mean of the same height on the nearest normal vertebra above and below (one if the other is missing or abnormal); the worst loss is reported',
  citation: 'genant1993',
  kind: 'convention',
  reason: 'Genant 1993 grades height loss against the expected height; this way of computing the expected height from the neighbours is our choice.',
} as const satisfies RuleRow;

export type CollapseSuggestionRow = RuleRow & LossInterval & { readonly value: 'none' | 'lt50' | 'gt50' };

export const COLLAPSE_SUGGESTIONS = [
  {
    value: 'none',
    from: Number.NEGATIVE_INFINITY,
    fromInclusive: false,
    to: 20,
    toInclusive: false,
    label: 'Loss < 20% suggests no collapse',
    citation: 'genant1993',
    kind: 'convention',
    reason: 'SINS gives no lower limit for collapse; taking the Genant grade-1 threshold (20%) as "no collapse" below it is our choice.',
  },
  {
    value: 'lt50',
    from: 20,
    fromInclusive: true,
    to: 50,
    toInclusive: false,
    label: 'Loss 20% to < 50% suggests collapse < 50%',
    citation: 'fisher2010',
    kind: 'convention',
    reason: 'Fisher 2010 says "< 50%" without a lower limit or a measurement method; the 20% floor is our choice.',
  },
  {
    value: 'gt50',
    from: 50,
    fromInclusive: true,
    to: Number.POSITIVE_INFINITY,
    toInclusive: false,
    label: 'Loss ≥ 50% suggests collapse > 50%',
    citation: 'fisher2010',
    kind: 'convention',
    reason: 'Fisher 2010 says "> 50%" and "< 50%": where exactly 50% goes is our choice (gt50); 45–55% is flagged borderline.',
  },
] as const satisfies readonly CollapseSuggestionRow[];

export type GenantRow = RuleRow & LossInterval & { readonly grade: 0 | 1 | 2 | 3 };

export const GENANT_GRADES = [
  {
    grade: 0,
    from: Number.NEGATIVE_INFINITY,
    fromInclusive: false,
    to: 20,
    toInclusive: false,
    label: 'Grade 0: height loss < 20%',
    citation: 'genant1993',
    kind: 'published',
  },
  {
    grade: 1,
    from: 20,
    fromInclusive: true,
    to: 25,
    toInclusive: false,
    label: 'Grade 1 (mild): height loss 20–25%',
    citation: 'genant1993',
    kind: 'convention',
    reason: 'Genant 1993 gives 20–25% and 25–40%, sharing the edge at 25%; counting 25% in grade 2 is our choice.',
  },
  {
    grade: 2,
    from: 25,
    fromInclusive: true,
    to: 40,
    toInclusive: true,
    label: 'Grade 2 (moderate): height loss 25–40%',
    citation: 'genant1993',
    kind: 'convention',
    reason: 'Genant 1993 gives 25–40% and > 40%; counting both 25% and 40% in grade 2 is our choice.',
  },
  {
    grade: 3,
    from: 40,
    fromInclusive: false,
    to: Number.POSITIVE_INFINITY,
    toInclusive: false,
    label: 'Grade 3 (severe): height loss > 40%',
    citation: 'genant1993',
    kind: 'published',
  },
] as const satisfies readonly GenantRow[];
