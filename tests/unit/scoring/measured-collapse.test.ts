// The measured-collapse arithmetic (geometry/vertebral-height.ts) agrees with the rule rows that state it
// (scoring/measured-collapse.ts, flags.ts), at every edge of every row and on a fine grid in between.

import { describe, expect, it } from 'vitest';
import { genantGrade, isBorderline, suggestedCollapse } from '@shared/geometry/vertebral-height';
import { COLLAPSE_BORDERLINE, COLLAPSE_SUGGESTIONS, GENANT_GRADES, inInterval } from '@shared/scoring/index';
import type { LossInterval } from '@shared/scoring/index';

const EPS = 1e-9;
const edges = (rows: readonly LossInterval[]): number[] =>
  rows.flatMap((r) => [r.from, r.to]).filter(Number.isFinite).flatMap((x) => [x - EPS, x, x + EPS]);
const grid = Array.from({ length: 481 }, (_, i) => -10 + i * 0.25); // −10% … 110% by 0.25
const losses = (rows: readonly LossInterval[]) => [...new Set([...grid, ...edges(rows)])].sort((a, b) => a - b);

/** The one row whose interval holds `loss` (the rows must tile the line). */
function rowFor<R extends LossInterval>(rows: readonly R[], loss: number): R {
  const matching = rows.filter((r) => inInterval(r, loss));
  if (matching.length !== 1) throw new Error(`${matching.length} rows hold ${loss}`);
  return matching[0] as R;
}

/** The losses where `actual` and the rows disagree (empty when they agree everywhere tried). */
function disagreements<R extends LossInterval, V>(rows: readonly R[], actual: (loss: number) => V, expected: (row: R) => V): string[] {
  return losses(rows)
    .filter((loss) => actual(loss) !== expected(rowFor(rows, loss)))
    .map((loss) => `${loss}%: code ${String(actual(loss))}, rows ${String(expected(rowFor(rows, loss)))}`);
}

describe('Genant grade', () => {
  it('the code agrees with the rows at every edge and on a 0.25% grid', () => {
    expect(disagreements(GENANT_GRADES, genantGrade, (r) => r.grade)).toEqual([]);
  });

  it.each([
    [19.999, 0], [20, 1], [24.999, 1], [25, 2], [40, 2], [40.001, 3],
  ])('a loss of %s per cent is grade %s (docs/clinical-rules.md §3)', (loss, grade) => {
    expect(rowFor(GENANT_GRADES, loss).grade).toBe(grade);
  });
});

describe('suggested SINS collapse', () => {
  it('the code agrees with the rows at every edge and on a 0.25% grid', () => {
    expect(disagreements(COLLAPSE_SUGGESTIONS, suggestedCollapse, (r) => r.value)).toEqual([]);
  });

  it.each([
    [19.999, 'none'], [20, 'lt50'], [49.999, 'lt50'], [50, 'gt50'],
  ])('a loss of %s per cent suggests %s (docs/clinical-rules.md §3)', (loss, value) => {
    expect(rowFor(COLLAPSE_SUGGESTIONS, loss).value).toBe(value);
  });
});

describe('borderline window', () => {
  const window: LossInterval = { from: COLLAPSE_BORDERLINE.min, fromInclusive: true, to: COLLAPSE_BORDERLINE.max, toInclusive: true };
  it('the code agrees with COLLAPSE_BORDERLINE at its edges and on a 0.25% grid', () => {
    expect(losses([window]).filter((loss) => isBorderline(loss) !== inInterval(window, loss))).toEqual([]);
  });
});
