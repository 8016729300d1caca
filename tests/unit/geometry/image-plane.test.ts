import { describe, expect, it } from 'vitest';
import {
  imagePoint, imageToPatient, isInsideImage, patientToImage, planeCorners, planeFromDicom, planeNormal,
  signedDistanceToPlane, vec3,
} from '@shared/geometry';
import { expectVecClose, makePlane, ORIENTATIONS } from './fixtures';

const IPP = [-120.5, -80.25, 33.75] as const;

describe('image <-> patient round trips', () => {
  const cases = Object.entries(ORIENTATIONS).map(([name, o]) => ({ name, plane: makePlane({ ...o, ipp: IPP, pixelSpacing: [0.7, 1.3] }) }));
  const points = [imagePoint(0, 0), imagePoint(255, 0), imagePoint(0, 255), imagePoint(17.25, 200.5), imagePoint(-3, 300)];

  it.each(cases)('$name: image -> patient -> image is the identity, distance 0', ({ plane }) => {
    for (const p of points) {
      const back = patientToImage(plane, imageToPatient(plane, p));
      expect(back.point.column).toBeCloseTo(p.column, 9);
      expect(back.point.row).toBeCloseTo(p.row, 9);
      expect(back.distance).toBeCloseTo(0, 9);
    }
  });

  it.each(cases)('$name: an off-plane point keeps its foot and signed distance', ({ plane }) => {
    const n = planeNormal(plane);
    const foot = imagePoint(40.5, 12);
    const onPlane = imageToPatient(plane, foot);
    for (const d of [-7.5, 2, 30]) {
      const p = vec3(onPlane[0] + n[0] * d, onPlane[1] + n[1] * d, onPlane[2] + n[2] * d);
      const back = patientToImage(plane, p);
      expect(back.point.column).toBeCloseTo(foot.column, 9);
      expect(back.point.row).toBeCloseTo(foot.row, 9);
      expect(back.distance).toBeCloseTo(d, 9);
      expect(signedDistanceToPlane(plane, p)).toBeCloseTo(d, 9);
    }
  });

  it.each([
    { name: 'axial', o: ORIENTATIONS.axial, normal: [0, 0, 1] },
    { name: 'sagittal', o: ORIENTATIONS.sagittal, normal: [-1, 0, 0] },
    { name: 'coronal', o: ORIENTATIONS.coronal, normal: [0, 1, 0] },
  ])('$name normal = row x column', ({ o, normal }) => {
    expectVecClose(planeNormal(makePlane(o)), normal);
  });
});

describe('PixelSpacing order: [0] between rows (vertical), [1] between columns (horizontal)', () => {
  // Axial, PixelSpacing = [2, 0.5]: one row down moves 2 mm posterior (+y), one column right 0.5 mm left (+x).
  const plane = makePlane({ ...ORIENTATIONS.axial, pixelSpacing: [2, 0.5], rows: 100, columns: 400 });
  it.each([
    { name: 'one column right', p: imagePoint(1, 0), want: [0.5, 0, 0] },
    { name: 'one row down', p: imagePoint(0, 1), want: [0, 2, 0] },
    { name: 'last pixel centre', p: imagePoint(399, 99), want: [199.5, 198, 0] },
  ])('$name', ({ p, want }) => {
    expectVecClose(imageToPatient(plane, p), want);
  });

  it('from DICOM attributes, PixelSpacing [0] becomes rowSpacing and [1] columnSpacing', () => {
    const built = planeFromDicom({ imagePositionPatient: [0, 0, 0], imageOrientationPatient: [1, 0, 0, 0, 1, 0], pixelSpacing: [2, 0.5], rows: 100, columns: 400 });
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.value.rowSpacing).toBe(2);
    expect(built.value.columnSpacing).toBe(0.5);
    expectVecClose(imageToPatient(built.value, imagePoint(1, 1)), [0.5, 2, 0]);
  });
});

describe('image bounds', () => {
  const plane = makePlane({ ...ORIENTATIONS.axial, rows: 10, columns: 20 });
  it.each([
    { name: 'first pixel centre', p: imagePoint(0, 0), inside: true },
    { name: 'top-left edge', p: imagePoint(-0.5, -0.5), inside: true },
    { name: 'bottom-right edge', p: imagePoint(19.5, 9.5), inside: true },
    { name: 'just outside left', p: imagePoint(-0.51, 3), inside: false },
    { name: 'just outside bottom', p: imagePoint(3, 9.51), inside: false },
  ])('$name', ({ p, inside }) => {
    expect(isInsideImage(plane, p)).toBe(inside);
  });

  it('corners are pixel edges', () => {
    const [tl, tr, br, bl] = planeCorners(plane);
    expectVecClose(tl, [-0.5, -0.5, 0]);
    expectVecClose(tr, [19.5, -0.5, 0]);
    expectVecClose(br, [19.5, 9.5, 0]);
    expectVecClose(bl, [-0.5, 9.5, 0]);
  });
});

describe('planeFromDicom validation', () => {
  const good = { imagePositionPatient: [1, 2, 3], imageOrientationPatient: [1, 0, 0, 0, 1, 0], pixelSpacing: [0.8, 0.8], rows: 512, columns: 512 };
  it.each([
    { name: 'IOP not orthogonal', patch: { imageOrientationPatient: [1, 0, 0, 0.1, 0.995, 0] }, reason: /not orthogonal/ },
    { name: 'row cosine not unit', patch: { imageOrientationPatient: [2, 0, 0, 0, 1, 0] }, reason: /row cosine is not unit/ },
    { name: 'column cosine zero', patch: { imageOrientationPatient: [1, 0, 0, 0, 0, 0] }, reason: /column cosine is not unit/ },
    { name: 'IOP too short', patch: { imageOrientationPatient: [1, 0, 0, 0, 1] }, reason: /6 values/ },
    { name: 'IOP NaN', patch: { imageOrientationPatient: [1, 0, Number.NaN, 0, 1, 0] }, reason: /non-finite/ },
    { name: 'IPP missing', patch: { imagePositionPatient: [] }, reason: /3 values/ },
    { name: 'IPP infinite', patch: { imagePositionPatient: [0, Infinity, 0] }, reason: /non-finite/ },
    { name: 'PixelSpacing zero', patch: { pixelSpacing: [0, 0.8] }, reason: /PixelSpacing/ },
    { name: 'PixelSpacing negative', patch: { pixelSpacing: [0.8, -1] }, reason: /PixelSpacing/ },
    { name: 'PixelSpacing one value', patch: { pixelSpacing: [0.8] }, reason: /PixelSpacing/ },
    { name: 'Rows zero', patch: { rows: 0 }, reason: /Rows and Columns/ },
    { name: 'Columns fractional', patch: { columns: 1.5 }, reason: /Rows and Columns/ },
  ])('$name -> error result', ({ patch, reason }) => {
    const result = planeFromDicom({ ...good, ...patch });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it.each([
    { name: 'exact axial', iop: [1, 0, 0, 0, 1, 0] },
    // Real header (lumbar MR, 5 decimals): unit length and orthogonal only to ~1e-5.
    { name: 'rounded MR cosines', iop: [0.99992, 0.00443, 0.01169, -0.00351, 0.99703, -0.07697] },
  ])('$name -> accepted, cosines renormalised to unit length', ({ iop }) => {
    const result = planeFromDicom({ ...good, imageOrientationPatient: iop });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Math.hypot(...result.value.rowCosine)).toBeCloseTo(1, 14);
    expect(Math.hypot(...result.value.columnCosine)).toBeCloseTo(1, 14);
    // Exact solve: round trip holds even with the slight non-orthogonality kept.
    const p = imagePoint(100.25, 37.5);
    const back = patientToImage(result.value, imageToPatient(result.value, p));
    expect(back.point.column).toBeCloseTo(p.column, 9);
    expect(back.point.row).toBeCloseTo(p.row, 9);
    expect(back.distance).toBeCloseTo(0, 9);
  });
});
