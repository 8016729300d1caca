import { describe, expect, it } from 'vitest';
import { classifyPlane, degrees, edgeLabels, orientationLetters, vec3 } from '@shared/geometry';
import { COS30, makePlane, ORIENTATIONS, SIN30 } from './fixtures';

describe('classifyPlane', () => {
  const tilt = (deg: number) => {
    const r = (deg * Math.PI) / 180;
    return makePlane({ row: [1, 0, 0], column: [0, Math.cos(r), Math.sin(r)] });
  };
  it.each([
    { name: 'axial', plane: makePlane(ORIENTATIONS.axial), orientation: 'axial', nearest: 'axial', obliquity: 0 },
    { name: 'sagittal', plane: makePlane(ORIENTATIONS.sagittal), orientation: 'sagittal', nearest: 'sagittal', obliquity: 0 },
    { name: 'coronal', plane: makePlane(ORIENTATIONS.coronal), orientation: 'coronal', nearest: 'coronal', obliquity: 0 },
    { name: 'axial flipped (feet-first IOP)', plane: makePlane({ row: [-1, 0, 0], column: [0, 1, 0] }), orientation: 'axial', nearest: 'axial', obliquity: 0 },
    { name: 'axial tilted 10 deg', plane: tilt(10), orientation: 'axial', nearest: 'axial', obliquity: 10 },
    { name: 'axial tilted 15 deg (tolerance, inclusive)', plane: tilt(15), orientation: 'axial', nearest: 'axial', obliquity: 15 },
    { name: 'axial tilted 16 deg', plane: tilt(16), orientation: 'oblique', nearest: 'axial', obliquity: 16 },
    { name: 'oblique 30 deg', plane: makePlane(ORIENTATIONS.oblique30), orientation: 'oblique', nearest: 'axial', obliquity: 30 },
    { name: 'tilted 60 deg is nearer coronal', plane: tilt(60), orientation: 'oblique', nearest: 'coronal', obliquity: 30 },
  ])('$name', ({ plane, orientation, nearest, obliquity }) => {
    const c = classifyPlane(plane);
    expect(c.orientation).toBe(orientation);
    expect(c.nearest).toBe(nearest);
    expect(c.obliquity).toBeCloseTo(obliquity, 6);
  });

  it('tolerance is a parameter', () => {
    expect(classifyPlane(makePlane(ORIENTATIONS.oblique30), degrees(31)).orientation).toBe('axial');
  });
});

describe('orientationLetters (LPS: +x L, +y P, +z H)', () => {
  it.each([
    { name: '+x', d: vec3(1, 0, 0), want: 'L' },
    { name: '-x', d: vec3(-1, 0, 0), want: 'R' },
    { name: '+y', d: vec3(0, 1, 0), want: 'P' },
    { name: '-y', d: vec3(0, -1, 0), want: 'A' },
    { name: '+z', d: vec3(0, 0, 1), want: 'H' },
    { name: '-z', d: vec3(0, 0, -1), want: 'F' },
    { name: '30 deg from L towards P', d: vec3(COS30, SIN30, 0), want: 'LP' },
    { name: '30 deg from P towards H', d: vec3(0, COS30, SIN30), want: 'PH' },
    { name: '60 deg from P towards H: H strongest', d: vec3(0, SIN30, COS30), want: 'HP' },
    { name: 'three-way oblique, strongest first', d: vec3(-0.3, 0.5, -0.81240384), want: 'FPR' },
    { name: 'small tilt (5 deg) ignored', d: vec3(Math.cos(0.0873), 0, Math.sin(0.0873)), want: 'L' },
    { name: 'real MR row cosine', d: vec3(0.99966, 0.01361, -0.0224), want: 'L' },
  ])('$name -> $want', ({ d, want }) => {
    expect(orientationLetters(d)).toBe(want);
  });
});

describe('edgeLabels', () => {
  it.each([
    { name: 'axial', o: ORIENTATIONS.axial, want: { left: 'R', right: 'L', top: 'A', bottom: 'P' } },
    { name: 'sagittal', o: ORIENTATIONS.sagittal, want: { left: 'A', right: 'P', top: 'H', bottom: 'F' } },
    { name: 'coronal', o: ORIENTATIONS.coronal, want: { left: 'R', right: 'L', top: 'H', bottom: 'F' } },
    { name: 'oblique 30 deg axial', o: ORIENTATIONS.oblique30, want: { left: 'R', right: 'L', top: 'AF', bottom: 'PH' } },
    { name: 'double oblique', o: ORIENTATIONS.doubleOblique, want: { left: 'RA', right: 'LP', top: 'AFL', bottom: 'PHR' } },
  ])('$name', ({ o, want }) => {
    expect(edgeLabels(makePlane(o))).toEqual(want);
  });
});
