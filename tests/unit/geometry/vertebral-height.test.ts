import { describe, expect, it } from 'vitest';
import { computeHeightLoss, genantGrade, HEIGHT_LOSS_METHOD, heightsFromPoints, isBorderline, mm, suggestedCollapse, vec3 } from '@shared/geometry';
import type { BodyHeights, HeightLossInput, HeightLossResult, ReferenceBody } from '@shared/geometry';

const h = (anterior: number, middle: number, posterior: number): BodyHeights => ({ anterior: mm(anterior), middle: mm(middle), posterior: mm(posterior) });
const ref = (heights: BodyHeights, abnormal = false, label?: string): ReferenceBody => ({ heights, abnormal, ...(label ? { label } : {}) });
const computed = (r: HeightLossResult) => {
  if (!r.computable) throw new Error(r.reason);
  return r;
};

describe('classification tables (docs/clinical-rules.md §3)', () => {
  it.each([
    { loss: -10, collapse: 'none', genant: 0, borderline: false },
    { loss: 0, collapse: 'none', genant: 0, borderline: false },
    { loss: 19.99, collapse: 'none', genant: 0, borderline: false },
    { loss: 20, collapse: 'lt50', genant: 1, borderline: false },
    { loss: 24.99, collapse: 'lt50', genant: 1, borderline: false },
    { loss: 25, collapse: 'lt50', genant: 2, borderline: false },
    { loss: 40, collapse: 'lt50', genant: 2, borderline: false },
    { loss: 40.01, collapse: 'lt50', genant: 3, borderline: false },
    { loss: 44.99, collapse: 'lt50', genant: 3, borderline: false },
    { loss: 45, collapse: 'lt50', genant: 3, borderline: true },
    { loss: 49.99, collapse: 'lt50', genant: 3, borderline: true },
    { loss: 50, collapse: 'gt50', genant: 3, borderline: true },
    { loss: 55, collapse: 'gt50', genant: 3, borderline: true },
    { loss: 55.01, collapse: 'gt50', genant: 3, borderline: false },
    { loss: 100, collapse: 'gt50', genant: 3, borderline: false },
  ])('$loss% -> $collapse, Genant $genant, borderline $borderline', ({ loss, collapse, genant, borderline }) => {
    expect(suggestedCollapse(loss)).toBe(collapse);
    expect(genantGrade(loss)).toBe(genant);
    expect(isBorderline(loss)).toBe(borderline);
  });
});

describe('computeHeightLoss: expected = mean of the same height above and below; worst of three', () => {
  it('worked example: both references normal, anterior wedge', () => {
    const input: HeightLossInput = { index: h(15, 20, 25), above: ref(h(24, 24, 26), false, 'T11'), below: ref(h(26, 26, 28), false, 'L1') };
    const r = computed(computeHeightLoss(input));
    expect(r.input).toBe(input);
    expect(r.method).toBe(HEIGHT_LOSS_METHOD);
    expect(r.referencesUsed).toEqual(['above', 'below']);
    expect(r.expected).toEqual(h(25, 25, 27));
    expect(r.lossPercent.anterior).toBeCloseTo(40, 9);
    expect(r.lossPercent.middle).toBeCloseTo(20, 9);
    expect(r.lossPercent.posterior).toBeCloseTo(100 * (1 - 25 / 27), 5);
    expect(r.worst).toEqual({ height: 'anterior', lossPercent: 40 });
    expect(r.suggestedCollapse).toBe('lt50');
    expect(r.genantGrade).toBe(2); // 40 is inside [25, 40]
    expect(r.borderline).toBe(false);
  });

  it.each([
    { name: 'biconcave: middle worst', index: h(24, 14, 24), worst: 'middle', loss: 44 },
    { name: 'crush: posterior worst', index: h(22, 21, 10), worst: 'posterior', loss: 60 },
    { name: 'tie anterior = middle -> anterior', index: h(18, 18, 25), worst: 'anterior', loss: 28 },
    { name: 'taller than expected: negative loss, no collapse', index: h(26, 27, 28), worst: 'anterior', loss: -4 },
  ])('$name', ({ index, worst, loss }) => {
    const r = computed(computeHeightLoss({ index, above: ref(h(25, 25, 25)), below: ref(h(25, 25, 25)) }));
    expect(r.worst.height).toBe(worst);
    expect(r.worst.lossPercent).toBeCloseTo(loss, 9);
  });

  it.each([
    { name: 'reference above missing -> below only', above: null, below: ref(h(30, 30, 30)), used: ['below'], expectedA: 30 },
    { name: 'reference below missing -> above only', above: ref(h(20, 20, 20)), below: null, used: ['above'], expectedA: 20 },
    { name: 'reference above abnormal -> below only', above: ref(h(10, 10, 10), true), below: ref(h(30, 30, 30)), used: ['below'], expectedA: 30 },
    { name: 'reference below abnormal -> above only', above: ref(h(20, 20, 20)), below: ref(h(5, 5, 5), true), used: ['above'], expectedA: 20 },
  ])('$name', ({ above, below, used, expectedA }) => {
    const input = { index: h(15, 15, 15), above, below };
    const r = computed(computeHeightLoss(input));
    expect(r.referencesUsed).toEqual(used);
    expect(r.expected.anterior).toBe(expectedA);
    expect(r.input.above).toBe(above); // abnormal references are kept for the report
    expect(r.worst.lossPercent).toBeCloseTo(100 * (1 - 15 / expectedA), 5);
  });

  it.each([
    { name: 'both references missing', input: { index: h(15, 15, 15), above: null, below: null }, reason: /no normal reference/ },
    { name: 'both references abnormal', input: { index: h(15, 15, 15), above: ref(h(20, 20, 20), true), below: ref(h(20, 20, 20), true) }, reason: /no normal reference/ },
    { name: 'index height zero', input: { index: h(0, 15, 15), above: ref(h(20, 20, 20)), below: null }, reason: /index body/ },
    { name: 'index height NaN', input: { index: h(15, Number.NaN, 15), above: ref(h(20, 20, 20)), below: null }, reason: /index body/ },
    { name: 'reference height negative', input: { index: h(15, 15, 15), above: ref(h(20, -1, 20)), below: null }, reason: /reference above/ },
  ])('not computable: $name', ({ input, reason }) => {
    const r = computeHeightLoss(input);
    expect(r.computable).toBe(false);
    if (!r.computable) {
      expect(r.reason).toMatch(reason);
      expect(r.input).toBe(input);
    }
  });
});

describe('edges through the full computation (expected height 20 or 100 mm, floating point included)', () => {
  const run = (index: number, expected: number) =>
    computed(computeHeightLoss({ index: h(index, expected, expected), above: ref(h(expected, expected, expected)), below: null }));
  it.each([
    { name: '50% exactly -> gt50, borderline', index: 10, expected: 20, loss: 50, collapse: 'gt50', genant: 3, borderline: true },
    { name: '45% (11/20, computes as 44.999...) -> borderline', index: 11, expected: 20, loss: 45, collapse: 'lt50', genant: 3, borderline: true },
    { name: '55% (9/20) -> borderline', index: 9, expected: 20, loss: 55, collapse: 'gt50', genant: 3, borderline: true },
    { name: '44.99%', index: 55.01, expected: 100, loss: 44.99, collapse: 'lt50', genant: 3, borderline: false },
    { name: '55.01%', index: 44.99, expected: 100, loss: 55.01, collapse: 'gt50', genant: 3, borderline: false },
    { name: 'Genant 19.99%', index: 80.01, expected: 100, loss: 19.99, collapse: 'none', genant: 0, borderline: false },
    { name: 'Genant 20%', index: 80, expected: 100, loss: 20, collapse: 'lt50', genant: 1, borderline: false },
    { name: 'Genant 25%', index: 75, expected: 100, loss: 25, collapse: 'lt50', genant: 2, borderline: false },
    { name: 'Genant 40%', index: 60, expected: 100, loss: 40, collapse: 'lt50', genant: 2, borderline: false },
    { name: 'Genant 40.01%', index: 59.99, expected: 100, loss: 40.01, collapse: 'lt50', genant: 3, borderline: false },
    { name: 'Genant 20% at 12/15 mm', index: 12, expected: 15, loss: 20, collapse: 'lt50', genant: 1, borderline: false },
  ])('$name', ({ index, expected, loss, collapse, genant, borderline }) => {
    const r = run(index, expected);
    expect(r.worst).toEqual({ height: 'anterior', lossPercent: loss });
    expect(r.suggestedCollapse).toBe(collapse);
    expect(r.genantGrade).toBe(genant);
    expect(r.borderline).toBe(borderline);
  });
});

describe('heights from endplate points in patient space', () => {
  it('distances in mm, whatever the orientation of the points', () => {
    const heights = heightsFromPoints({
      anterior: [vec3(0, -30, 0), vec3(0, -30, 20)],
      middle: [vec3(0, -15, 1), vec3(0, -15, 19)],
      posterior: [vec3(3, 0, 0), vec3(3 + 12, 0, 16)], // oblique pair: 3-4-5 triangle x4
    });
    expect(heights).toEqual(h(20, 18, 20));
  });
});
