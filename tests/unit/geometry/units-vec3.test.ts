import { describe, expect, it } from 'vitest';
import {
  add, angleBetween, canvasPoint, cross, degrees, distance, dot, imagePoint, lerp, mm, negate, norm, normalize, radians,
  scale, sub, toDegrees, toRadians, vec3,
} from '@shared/geometry';
import type { CanvasPoint, Degrees, ImagePoint, Mm, Radians, Vec3 } from '@shared/geometry';

describe('branded units', () => {
  it('mixing spaces and units does not compile', () => {
    const image: ImagePoint = imagePoint(1, 2);
    const canvas: CanvasPoint = canvasPoint(1, 2);
    // @ts-expect-error a canvas point is not an image point
    const wrongSpace: ImagePoint = canvas;
    // @ts-expect-error an image point is not a canvas point
    const wrongSpace2: CanvasPoint = image;
    // @ts-expect-error a plain number is not millimetres
    const notMm: Mm = 3;
    // @ts-expect-error degrees are not radians
    const wrongAngle: Radians = degrees(90);
    // @ts-expect-error a plain tuple is not a patient vector
    const notVec: Vec3 = [1, 2, 3] as const;
    const fine: Degrees = toDegrees(radians(Math.PI));
    expect([wrongSpace, wrongSpace2, notMm, wrongAngle, notVec].length).toBe(5);
    expect(fine).toBe(180);
  });

  it.each([
    { name: '0', deg: 0, rad: 0 },
    { name: '90', deg: 90, rad: Math.PI / 2 },
    { name: '180', deg: 180, rad: Math.PI },
    { name: '-45', deg: -45, rad: -Math.PI / 4 },
  ])('degrees <-> radians: $name', ({ deg, rad }) => {
    expect(toRadians(degrees(deg))).toBeCloseTo(rad, 12);
    expect(toDegrees(radians(rad))).toBeCloseTo(deg, 12);
  });
});

describe('vec3', () => {
  const a = vec3(1, 2, 3);
  const b = vec3(-4, 5, 0.5);
  it.each([
    { name: 'add', got: () => add(a, b), want: [-3, 7, 3.5] },
    { name: 'sub', got: () => sub(a, b), want: [5, -3, 2.5] },
    { name: 'scale', got: () => scale(a, -2), want: [-2, -4, -6] },
    { name: 'negate', got: () => negate(a), want: [-1, -2, -3] },
    { name: 'cross', got: () => cross(a, b), want: [2 * 0.5 - 3 * 5, 3 * -4 - 1 * 0.5, 1 * 5 - 2 * -4] },
    { name: 'cross x,y = z', got: () => cross(vec3(1, 0, 0), vec3(0, 1, 0)), want: [0, 0, 1] },
    { name: 'lerp half', got: () => lerp(a, b, 0.5), want: [-1.5, 3.5, 1.75] },
    { name: 'normalize', got: () => normalize(vec3(3, 0, 4)) ?? vec3(0, 0, 0), want: [0.6, 0, 0.8] },
  ])('$name', ({ got, want }) => {
    const v = got();
    want.forEach((w, i) => expect(v[i as 0 | 1 | 2]).toBeCloseTo(w, 12));
  });

  it.each([
    { name: 'dot', got: () => dot(a, b), want: -4 + 10 + 1.5 },
    { name: 'norm', got: () => norm(vec3(2, 3, 6)), want: 7 },
    { name: 'distance', got: () => distance(vec3(1, 1, 1), vec3(3, 4, 7)), want: 7 },
    { name: 'angle perpendicular', got: () => angleBetween(vec3(1, 0, 0), vec3(0, 0, 5)), want: Math.PI / 2 },
    { name: 'angle parallel', got: () => angleBetween(vec3(1, 2, 3), vec3(2, 4, 6)), want: 0 },
    { name: 'angle antiparallel', got: () => angleBetween(vec3(1, 2, 3), vec3(-2, -4, -6)), want: Math.PI },
  ])('$name', ({ got, want }) => {
    expect(got()).toBeCloseTo(want, 12);
  });

  it('normalize of a zero vector is null, not NaN', () => {
    expect(normalize(vec3(0, 0, 0))).toBeNull();
    expect(normalize(vec3(Number.NaN, 0, 0))).toBeNull();
  });

  it('distance is branded mm', () => {
    const d: Mm = distance(vec3(0, 0, 0), vec3(0, 0, 2));
    expect(d).toBe(mm(2));
  });
});
