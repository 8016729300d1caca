import { describe, expect, it } from 'vitest';
import {
  angleBetweenSegments, cobbAngle, imagePoint, imageToPatient, measureLength, mm, sagittalTranslation, segmentalKyphosis, vec3,
} from '@shared/geometry';
import type { Calibration, Segment } from '@shared/geometry';
import { makePlane, ORIENTATIONS, seededRandom } from './fixtures';

const seg = (a: readonly [number, number, number], b: readonly [number, number, number]): Segment => ({ start: vec3(...a), end: vec3(...b) });
const value = <T>(r: { ok: true; value: T } | { ok: false; reason: string }): T => {
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};

describe('measureLength', () => {
  // PixelSpacing [2, 0.5]: rows 2 mm apart, columns 0.5 mm apart.
  const aniso: Calibration = { source: 'PixelSpacing', rowSpacing: mm(2), columnSpacing: mm(0.5) };
  it.each([
    { name: 'isotropic 0.8 mm, 3-4-5', a: [0, 0], b: [3, 4], cal: { source: 'PixelSpacing', rowSpacing: mm(0.8), columnSpacing: mm(0.8) } as Calibration, mm: 4, pixels: 5 },
    { name: 'anisotropic, 10 columns across = 5 mm', a: [0, 0], b: [10, 0], cal: aniso, mm: 5, pixels: 10 },
    { name: 'anisotropic, 10 rows down = 20 mm', a: [3, 0], b: [3, 10], cal: aniso, mm: 20, pixels: 10 },
    { name: 'anisotropic diagonal', a: [1, 1], b: [5, 4], cal: aniso, mm: Math.hypot(4 * 0.5, 3 * 2), pixels: 5 },
    { name: 'ImagerPixelSpacing passes its source through', a: [0, 0], b: [0, 10], cal: { source: 'ImagerPixelSpacing', rowSpacing: mm(0.15), columnSpacing: mm(0.15) } as Calibration, mm: 1.5, pixels: 10 },
    { name: 'uncalibrated: no millimetres', a: [0, 0], b: [6, 8], cal: { source: 'uncalibrated' } as Calibration, mm: null, pixels: 10 },
    { name: 'zero length', a: [2, 2], b: [2, 2], cal: aniso, mm: 0, pixels: 0 },
  ])('$name', ({ a, b, cal, mm: want, pixels }) => {
    const r = measureLength(imagePoint(a[0] ?? 0, a[1] ?? 0), imagePoint(b[0] ?? 0, b[1] ?? 0), cal);
    expect(r.source).toBe(cal.source);
    expect(r.pixels).toBeCloseTo(pixels, 12);
    if (want === null) expect(r.mm).toBeNull();
    else expect(r.mm).toBeCloseTo(want, 12);
  });

  it('agrees with the patient-space distance of the same points on the plane', () => {
    const plane = makePlane({ ...ORIENTATIONS.oblique30, pixelSpacing: [2, 0.5] });
    const a = imagePoint(10, 20);
    const b = imagePoint(47, 3);
    const pa = imageToPatient(plane, a);
    const pb = imageToPatient(plane, b);
    const r = measureLength(a, b, { source: 'PixelSpacing', rowSpacing: plane.rowSpacing, columnSpacing: plane.columnSpacing });
    expect(r.mm).toBeCloseTo(Math.hypot(pa[0] - pb[0], pa[1] - pb[1], pa[2] - pb[2]), 9);
  });
});

describe('angleBetweenSegments: [0, 180]', () => {
  it.each([
    { name: 'perpendicular', a: seg([0, 0, 0], [1, 0, 0]), b: seg([0, 0, 0], [0, 3, 0]), want: 90 },
    { name: 'parallel', a: seg([0, 0, 0], [1, 1, 0]), b: seg([5, 5, 5], [7, 7, 5]), want: 0 },
    { name: 'antiparallel', a: seg([0, 0, 0], [1, 1, 0]), b: seg([7, 7, 5], [5, 5, 5]), want: 180 },
    { name: '45 degrees', a: seg([0, 0, 0], [1, 0, 0]), b: seg([0, 0, 0], [1, 0, 1]), want: 45 },
    { name: '135 degrees', a: seg([0, 0, 0], [1, 0, 0]), b: seg([0, 0, 0], [-1, 0, 1]), want: 135 },
    { name: 'nearly parallel (1e-9 rad)', a: seg([0, 0, 0], [1, 0, 0]), b: seg([0, 0, 0], [1, 1e-9, 0]), want: (1e-9 * 180) / Math.PI },
  ])('$name -> $want', ({ a, b, want }) => {
    const angle = value(angleBetweenSegments(a, b));
    expect(Number.isNaN(angle)).toBe(false);
    expect(angle).toBeCloseTo(want, 9);
  });

  it('zero-length segment -> reason, not NaN or 0', () => {
    const r = angleBetweenSegments(seg([1, 1, 1], [1, 1, 1]), seg([0, 0, 0], [1, 0, 0]));
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/zero length/) });
  });
});

describe('cobbAngle: acute angle between lines, [0, 90]', () => {
  it.each([
    { name: 'perpendicular', a: seg([0, 0, 0], [1, 0, 0]), b: seg([0, 0, 0], [0, 0, 1]), want: 90 },
    { name: 'parallel', a: seg([0, 0, 0], [0, 2, 1]), b: seg([3, 0, 0], [3, 4, 2]), want: 0 },
    { name: 'antiparallel (drawn in opposite directions)', a: seg([0, 0, 0], [0, 2, 1]), b: seg([3, 4, 2], [3, 0, 0]), want: 0 },
    { name: '30 degrees', a: seg([0, 0, 0], [0, 1, 0]), b: seg([0, 0, 0], [0, Math.cos(Math.PI / 6), Math.sin(Math.PI / 6)]), want: 30 },
    { name: '150 degrees between directions -> 30', a: seg([0, 0, 0], [0, 1, 0]), b: seg([0, 0, 0], [0, -Math.cos(Math.PI / 6), Math.sin(Math.PI / 6)]), want: 30 },
    { name: 'one line reversed gives the same angle', a: seg([0, 1, 0], [0, 0, 0]), b: seg([0, 0, 0], [0, Math.cos(Math.PI / 6), Math.sin(Math.PI / 6)]), want: 30 },
  ])('$name -> $want', ({ a, b, want }) => {
    expect(value(cobbAngle(a, b))).toBeCloseTo(want, 9);
  });

  it('angles come from millimetres, not pixels (rows 2 mm, columns 1 mm apart)', () => {
    const plane = makePlane({ ...ORIENTATIONS.sagittal, pixelSpacing: [2, 1] });
    const horizontal = { start: imageToPatient(plane, imagePoint(0, 0)), end: imageToPatient(plane, imagePoint(10, 0)) };
    const diagonal = { start: imageToPatient(plane, imagePoint(0, 0)), end: imageToPatient(plane, imagePoint(1, 1)) };
    expect(value(cobbAngle(horizontal, diagonal))).toBeCloseTo((Math.atan(2) * 180) / Math.PI, 9);
  });

  it('10,000 random line pairs (incl. exactly and nearly parallel ones): never NaN, always in [0, 90]', () => {
    const random = seededRandom(2024);
    const point = (): [number, number, number] => [random() * 400 - 200, random() * 400 - 200, random() * 400 - 200];
    let parallelCount = 0;
    for (let i = 0; i < 10_000; i++) {
      const a = seg(point(), point());
      let b = seg(point(), point());
      if (i % 3 === 0) {
        // Exactly parallel or antiparallel copies, scaled: the case where an unclamped acos gives NaN.
        const k = (random() - 0.5) * 10 || 1;
        const [sx, sy, sz] = a.start;
        const [ex, ey, ez] = a.end;
        b = seg([sx + 1, sy + 2, sz + 3], [sx + 1 + (ex - sx) * k, sy + 2 + (ey - sy) * k, sz + 3 + (ez - sz) * k]);
        parallelCount++;
      }
      const r = cobbAngle(a, b);
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(Number.isNaN(r.value)).toBe(false);
      expect(r.value).toBeGreaterThanOrEqual(0);
      expect(r.value).toBeLessThanOrEqual(90);
      if (i % 3 === 0) expect(r.value).toBeLessThan(1e-5);
    }
    expect(parallelCount).toBeGreaterThan(3000);
  });
});

/**
 * An endplate line in a sagittal plane at x, from a posterior point (y0, z0) running anteriorly (towards -y)
 * with `tiltDeg` upwards (towards the head) over 40 mm.
 */
const endplate = (tiltDeg: number, z0: number, options: { x?: number; reversed?: boolean } = {}): Segment => {
  const t = (tiltDeg * Math.PI) / 180;
  const x = options.x ?? 0;
  const posterior = vec3(x, 0, z0);
  const anterior = vec3(x, -40 * Math.cos(t), z0 + 40 * Math.sin(t));
  return options.reversed ? { start: anterior, end: posterior } : { start: posterior, end: anterior };
};

describe('segmentalKyphosis: kyphosis positive, lordosis negative', () => {
  it.each([
    { name: 'anterior wedge (upper endplate dips anteriorly 10 deg)', upper: endplate(-10, 50), lower: endplate(0, 0), angle: 10, kind: 'kyphosis' },
    { name: 'lower endplate rises anteriorly 8 deg', upper: endplate(0, 50), lower: endplate(8, 0), angle: 8, kind: 'kyphosis' },
    { name: 'lordotic segment (diverge anteriorly)', upper: endplate(10, 50), lower: endplate(-5, 0), angle: -15, kind: 'lordosis' },
    { name: 'parallel endplates', upper: endplate(7, 50), lower: endplate(7, 0), angle: 0, kind: 'neutral' },
    { name: 'drawing direction does not matter', upper: endplate(-10, 50, { reversed: true }), lower: endplate(0, 0), angle: 10, kind: 'kyphosis' },
    { name: 'both reversed, lordosis', upper: endplate(10, 50, { reversed: true }), lower: endplate(-5, 0, { reversed: true }), angle: -15, kind: 'lordosis' },
    { name: 'off-midline points (x ignored)', upper: endplate(-12, 50, { x: 25 }), lower: endplate(3, 0, { x: -4 }), angle: 15, kind: 'kyphosis' },
    { name: 'severe kyphosis 60 deg', upper: endplate(-30, 50), lower: endplate(30, 0), angle: 60, kind: 'kyphosis' },
  ])('$name -> $angle', ({ upper, lower, angle, kind }) => {
    const r = value(segmentalKyphosis(upper, lower));
    expect(r.angle).toBeCloseTo(angle, 9);
    expect(r.kind).toBe(kind);
    expect(r.upperEndplate).toBe(upper);
    expect(r.lowerEndplate).toBe(lower);
  });

  it('swapping upper and lower flips the sign (the order is part of the definition)', () => {
    const a = value(segmentalKyphosis(endplate(-10, 50), endplate(0, 0)));
    const b = value(segmentalKyphosis(endplate(0, 0), endplate(-10, 50)));
    expect(b.angle).toBeCloseTo(-a.angle, 12);
  });

  it('an endplate with no anterior-posterior extent -> reason', () => {
    const r = segmentalKyphosis(seg([0, 0, 0], [0, 0, 10]), endplate(0, 0));
    expect(r.ok).toBe(false);
  });
});

describe('sagittalTranslation: positive = upper vertebra displaced anteriorly', () => {
  // Lower posterior wall: vertical at y = 0 from z = 0 to z = 30. Anterior is -y.
  const lowerWall = seg([0, 0, 0], [0, 0, 30]);
  it.each([
    { name: 'aligned', upper: seg([0, 0, 35], [0, 0, 65]), lower: lowerWall, offset: 0 },
    { name: 'anterolisthesis 4 mm', upper: seg([0, -4, 35], [0, -4, 65]), lower: lowerWall, offset: 4 },
    { name: 'retrolisthesis 3 mm', upper: seg([0, 3, 35], [0, 3, 65]), lower: lowerWall, offset: -3 },
    { name: 'walls drawn top-down', upper: seg([0, -4, 65], [0, -4, 35]), lower: seg([0, 0, 30], [0, 0, 0]), offset: 4 },
    { name: 'uses the postero-inferior corner of the upper vertebra', upper: seg([0, -2, 35], [0, -9, 65]), lower: lowerWall, offset: 2 },
    {
      name: 'tilted lower wall: perpendicular distance',
      upper: seg([0, -10, 35], [0, -10, 65]),
      lower: seg([0, 0, 0], [0, -30, 30]), // wall leaning 45 degrees anteriorly
      offset: ((-(-10) - 0) * 30 - (35 - 0) * 30) / Math.hypot(30, 30),
    },
  ])('$name', ({ upper, lower, offset }) => {
    expect(value(sagittalTranslation(upper, lower)).offset).toBeCloseTo(offset, 9);
  });

  it('a horizontal lower wall -> reason', () => {
    expect(sagittalTranslation(seg([0, 0, 35], [0, 0, 65]), seg([0, 0, 0], [0, -20, 0])).ok).toBe(false);
  });
});
