import { describe, expect, it } from 'vitest';
import { imageToPatient, nearestSliceIndex, referenceLine, signedDistanceToPlane, sortByPosition, vec3 } from '@shared/geometry';
import type { ImagePlane, ImagePoint } from '@shared/geometry';
import { readFolder, SPINE_DATA } from '../../support/dicom-headers';
import { makePlane, ORIENTATIONS, seededRandom } from './fixtures';

const onEdge = (plane: ImagePlane, p: ImagePoint): boolean =>
  [p.column + 0.5, p.column - (plane.columns - 0.5), p.row + 0.5, p.row - (plane.rows - 0.5)].some((d) => Math.abs(d) < 1e-6);

// Sagittal target: 100 x 100, 1 mm, top-left at y = -50, z = 100; rows go down (feet), columns go posterior.
const sagittal = makePlane({ ...ORIENTATIONS.sagittal, ipp: [0, -50, 100], rows: 100, columns: 100 });
const axialAt = (z: number): ImagePlane => makePlane({ ...ORIENTATIONS.axial, ipp: [-100, -100, z] });

describe('referenceLine', () => {
  it.each([
    { name: 'axial z=10 on sagittal -> horizontal at row 90', source: axialAt(10), start: [-0.5, 90], end: [99.5, 90] },
    { name: 'axial z=100 -> row 0', source: axialAt(100), start: [-0.5, 0], end: [99.5, 0] },
    { name: 'axial through the bottom pixel edge', source: axialAt(0.5), start: [-0.5, 99.5], end: [99.5, 99.5] },
    {
      name: 'coronal y=0 on sagittal -> vertical at column 50',
      source: makePlane({ ...ORIENTATIONS.coronal, ipp: [-100, 0, 200] }),
      start: [50, -0.5],
      end: [50, 99.5],
    },
  ])('$name', ({ source, start, end }) => {
    const line = referenceLine(source, sagittal);
    expect(line).not.toBeNull();
    if (!line) return;
    expect(line.start.column).toBeCloseTo(start[0] ?? NaN, 9);
    expect(line.start.row).toBeCloseTo(start[1] ?? NaN, 9);
    expect(line.end.column).toBeCloseTo(end[0] ?? NaN, 9);
    expect(line.end.row).toBeCloseTo(end[1] ?? NaN, 9);
  });

  it.each([
    { name: 'parallel planes (axial on axial)', source: axialAt(5), target: axialAt(0) },
    { name: 'coincident planes', source: axialAt(0), target: axialAt(0) },
    { name: 'sagittal on sagittal', source: makePlane({ ...ORIENTATIONS.sagittal, ipp: [3, 0, 0] }), target: sagittal },
    { name: 'axial above the sagittal image', source: axialAt(150), target: sagittal },
    { name: 'axial below the sagittal image', source: axialAt(-0.6), target: sagittal },
    {
      name: 'line only touching a corner',
      // Plane through the top-left corner (y=-50.5, z=100.5) tilted 45 degrees so it leaves the image at once.
      source: makePlane({ row: [1, 0, 0], column: [0, Math.SQRT1_2, Math.SQRT1_2], ipp: [0, -50.5, 100.5] }),
      target: sagittal,
    },
  ])('$name -> null', ({ source, target }) => {
    expect(referenceLine(source, target)).toBeNull();
  });

  it('oblique 30 deg source with anisotropic target pixels: slope follows mm, not pixels', () => {
    // Target sagittal with rows 2 mm apart, columns 0.5 mm apart.
    const target = makePlane({ ...ORIENTATIONS.sagittal, ipp: [0, -50, 100], pixelSpacing: [2, 0.5], rows: 100, columns: 200 });
    const source = makePlane({ ...ORIENTATIONS.oblique30, ipp: [0, 0, 50] });
    const line = referenceLine(source, target);
    expect(line).not.toBeNull();
    if (!line) return;
    // In mm: dz/dy = -tan(30) (plane normal (0, -sin30, cos30)); in pixels rows/columns = dz/2 / (-dy/0.5).
    const slopeMm = ((line.end.row - line.start.row) * -2) / ((line.end.column - line.start.column) * 0.5);
    expect(slopeMm).toBeCloseTo(Math.tan(Math.PI / 6), 9);
    for (const p of [line.start, line.end]) {
      expect(signedDistanceToPlane(source, imageToPatient(target, p))).toBeCloseTo(0, 9);
      expect(onEdge(target, p)).toBe(true);
    }
  });

  it('random plane pairs: endpoints lie on the source plane and on the target edge, never NaN', () => {
    const random = seededRandom(42);
    const unit = (): [number, number, number] => {
      const v: [number, number, number] = [random() - 0.5, random() - 0.5, random() - 0.5];
      const n = Math.hypot(...v);
      return [v[0] / n, v[1] / n, v[2] / n];
    };
    let drawn = 0;
    for (let i = 0; i < 500; i++) {
      const r = unit();
      let c = unit();
      const d = r[0] * c[0] + r[1] * c[1] + r[2] * c[2];
      c = [c[0] - d * r[0], c[1] - d * r[1], c[2] - d * r[2]];
      const n = Math.hypot(...c);
      const source = makePlane({ row: r, column: [c[0] / n, c[1] / n, c[2] / n], ipp: [random() * 60 - 30, random() * 60 - 30, random() * 60 - 30] });
      const target = makePlane({ ...ORIENTATIONS.sagittal, ipp: [0, -50, 50], pixelSpacing: [0.5 + random(), 0.5 + random()], rows: 100, columns: 120 });
      const line = referenceLine(source, target);
      if (!line) continue;
      drawn++;
      for (const p of [line.start, line.end]) {
        expect(Number.isFinite(p.column) && Number.isFinite(p.row)).toBe(true);
        expect(Math.abs(signedDistanceToPlane(source, imageToPatient(target, p)))).toBeLessThan(1e-6);
        expect(onEdge(target, p)).toBe(true);
      }
    }
    expect(drawn).toBeGreaterThan(100);
  });
});

describe('real CT: axial reference lines on the sagittal image', () => {
  const axial = sortByPosition(readFolder(`${SPINE_DATA}/thoracolumbar-ct/axial`), (h) => h.plane);
  const sagittal = readFolder(`${SPINE_DATA}/thoracolumbar-ct/sagittal`).find((h) => h.instanceNumber === 45);
  it.each([0, 1, 37, 56, 110, 111])('axial slice %i is a horizontal line across the sagittal image at row 111 - k', (k) => {
    const source = axial[k];
    if (!source || !sagittal) throw new Error('missing file');
    expect(source.frameOfReferenceUID).toBe(sagittal.frameOfReferenceUID);
    const line = referenceLine(source.plane, sagittal.plane);
    expect(line).not.toBeNull();
    if (!line) return;
    // Sagittal rows are 3 mm from z = 427.3018 downwards; axial slice k is at z = 94.3018 + 3k.
    expect(line.start.row).toBeCloseTo(111 - k, 6);
    expect(line.end.row).toBeCloseTo(111 - k, 6);
    expect(line.start.column).toBeCloseTo(-0.5, 6);
    expect(line.end.column).toBeCloseTo(sagittal.plane.columns - 0.5, 6);
  });

  it('and the sagittal slice on an axial image is a vertical line at the right column', () => {
    const source = sagittal;
    const target = axial[50];
    if (!source || !target) throw new Error('missing file');
    const line = referenceLine(source.plane, target.plane);
    expect(line).not.toBeNull();
    if (!line) return;
    // Sagittal IM0045 is at x = -53.0437: axial column (x + 185.0437) / 3 = 44.
    expect(line.start.column).toBeCloseTo(44, 6);
    expect(line.end.column).toBeCloseTo(44, 6);
    expect([line.start.row, line.end.row]).toEqual([expect.closeTo(-0.5, 6), expect.closeTo(100.5, 6)]);
  });
});

describe('nearestSliceIndex', () => {
  const stack = [0, 3, 6, 9, 12].map((z) => axialAt(z));
  it.each([
    { name: 'on a slice', z: 6, index: 2, distance: 0 },
    { name: 'just above slice 1', z: 4.4, index: 1, distance: 1.4 },
    { name: 'just below slice 2', z: 4.6, index: 2, distance: -1.4 },
    { name: 'tie goes to the lower index', z: 7.5, index: 2, distance: 1.5 },
    { name: 'below the stack', z: -20, index: 0, distance: -20 },
    { name: 'above the stack', z: 40, index: 4, distance: 28 },
  ])('$name', ({ z, index, distance }) => {
    const nearest = nearestSliceIndex(stack, vec3(3, -7, z));
    expect(nearest?.index).toBe(index);
    expect(nearest?.distance).toBeCloseTo(distance, 9);
  });

  it('empty stack -> null', () => {
    expect(nearestSliceIndex([], vec3(0, 0, 0))).toBeNull();
  });
});
