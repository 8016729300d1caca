import { describe, expect, it } from 'vitest';
import {
  imagePoint, imageToPatient, mm, reformatPlane, reformatSliceCount, resampleReformat, sortByPosition, volumeFromPlanes,
} from '@shared/geometry';
import type { ImagePlane, ReformatOrientation, VolumeGeometry, VoxelArray } from '@shared/geometry';
import { readFolder, readUint16Pixels, SPINE_DATA } from '../../support/dicom-headers';
import { expectVecClose, makePlane, ORIENTATIONS } from './fixtures';

type Triplet = readonly [number, number, number];

/** Planes of a synthetic volume: `slices` planes from `origin`, stepping `sliceStep` mm along `stepDirection`. */
function volumePlanes(row: Triplet, column: Triplet, stepDirection: Triplet, opts: { origin?: Triplet; columns?: number; rows?: number; slices?: number; pixelSpacing?: readonly [number, number]; sliceStep?: number } = {}): ImagePlane[] {
  const { origin = [10, 20, 30], columns = 4, rows = 3, slices = 5, pixelSpacing = [0.8, 0.5], sliceStep = 2 } = opts;
  return Array.from({ length: slices }, (_, s) =>
    makePlane({
      row,
      column,
      pixelSpacing,
      rows,
      columns,
      ipp: [origin[0] + stepDirection[0] * s * sliceStep, origin[1] + stepDirection[1] * s * sliceStep, origin[2] + stepDirection[2] * s * sliceStep],
    }),
  );
}

/** A physical field linear in x, y, z, so that linear interpolation reproduces it exactly. */
const field = (p: readonly number[]): number => 1000 * (p[2] ?? 0) + 10 * (p[1] ?? 0) + (p[0] ?? 0);

/** Voxel data sampled from the field at each voxel centre, slice-major, in plane order. */
function voxelsFor(planes: readonly ImagePlane[], make: (n: number) => VoxelArray = (n) => new Float32Array(n)): VoxelArray {
  const first = planes[0];
  if (!first) throw new Error('no planes');
  const data = make(planes.length * first.rows * first.columns);
  planes.forEach((plane, s) => {
    for (let j = 0; j < plane.rows; j++) for (let i = 0; i < plane.columns; i++) data[(s * plane.rows + j) * plane.columns + i] = field(imageToPatient(plane, imagePoint(i, j)));
  });
  return data;
}

const geometry = (planes: readonly ImagePlane[]): VolumeGeometry => {
  const v = volumeFromPlanes(planes);
  if (!v.ok) throw new Error(v.reason);
  return v.value;
};

describe('reformatPlane on a synthetic standard axial volume (4 columns x 3 rows x 5 slices; 0.5 x 0.8 x 2 mm)', () => {
  const planes = volumePlanes([1, 0, 0], [0, 1, 0], [0, 0, 1]);
  const volume = geometry(planes);
  it.each([
    {
      name: 'sagittal k=2',
      orientation: 'sagittal' as const,
      index: 2,
      want: { ipp: [11, 20, 38], row: [0, 1, 0], column: [0, 0, -1], rowSpacing: 2, columnSpacing: 0.8, rows: 5, columns: 3 },
    },
    {
      name: 'coronal k=1',
      orientation: 'coronal' as const,
      index: 1,
      want: { ipp: [10, 20.8, 38], row: [1, 0, 0], column: [0, 0, -1], rowSpacing: 2, columnSpacing: 0.5, rows: 5, columns: 4 },
    },
  ])('$name: spacing, cosines (head up, A left / R left), origin', ({ orientation, index, want }) => {
    const spec = reformatPlane(volume, orientation, index);
    expect(spec.ok).toBe(true);
    if (!spec.ok) return;
    const { plane } = spec.value;
    expectVecClose(plane.imagePositionPatient, want.ipp);
    expectVecClose(plane.rowCosine, want.row);
    expectVecClose(plane.columnCosine, want.column);
    expect(plane.rowSpacing).toBeCloseTo(want.rowSpacing, 12);
    expect(plane.columnSpacing).toBeCloseTo(want.columnSpacing, 12);
    expect([plane.rows, plane.columns]).toEqual([want.rows, want.columns]);
  });

  it('slice counts: sagittal = columns, coronal = rows', () => {
    expect(reformatSliceCount(volume, 'sagittal')).toBe(4);
    expect(reformatSliceCount(volume, 'coronal')).toBe(3);
  });

  it('known gradient: sagittal k=2 value = 1000 z + 10 y + x at each output pixel', () => {
    const spec = reformatPlane(volume, 'sagittal', 2);
    if (!spec.ok) throw new Error(spec.reason);
    const out = resampleReformat({ data: voxelsFor(planes), columns: 4, rows: 3, slices: 5 }, spec.value, 'nearest');
    if (!out.ok) throw new Error(out.reason);
    // Row 0 is the top slice (z = 38), column c is voxel row c (y = 20 + 0.8c), x = 11.
    expect(out.value[0]).toBeCloseTo(38000 + 200 + 11, 3);
    expect(out.value[1]).toBeCloseTo(38000 + 208 + 11, 3);
    expect(out.value[3]).toBeCloseTo(36000 + 200 + 11, 3);
    expect(out.value[14]).toBeCloseTo(30000 + 216 + 11, 3);
  });

  it.each([
    { name: 'linear, rows every 1 mm (half a slice)', interpolation: 'linear' as const, rowSpacing: 1, rows: 9, tops: [38000, 37000, 36000, 35000] },
    { name: 'nearest, rows every 1 mm (half-way rounds to the higher slice index)', interpolation: 'nearest' as const, rowSpacing: 1, rows: 9, tops: [38000, 38000, 36000, 36000] },
    { name: 'linear, rows every 3 mm', interpolation: 'linear' as const, rowSpacing: 3, rows: 3, tops: [38000, 35000, 32000] },
    { name: 'nearest, rows every 3 mm', interpolation: 'nearest' as const, rowSpacing: 3, rows: 3, tops: [38000, 36000, 32000] },
  ])('coronal k=0, $name', ({ interpolation, rowSpacing, rows, tops }) => {
    const spec = reformatPlane(volume, 'coronal', 0, { rowSpacing: mm(rowSpacing) });
    if (!spec.ok) throw new Error(spec.reason);
    expect(spec.value.plane.rows).toBe(rows);
    const out = resampleReformat({ data: voxelsFor(planes), columns: 4, rows: 3, slices: 5 }, spec.value, interpolation);
    if (!out.ok) throw new Error(out.reason);
    // Column 0: x = 10, y = 20 -> 210 + the z part.
    tops.forEach((top, r) => expect(out.value[r * 4]).toBeCloseTo(top + 210, 3));
  });
});

describe('reformat follows viewer conventions whatever the acquisition IOP and slice order', () => {
  const cases: { name: string; row: Triplet; column: Triplet; step: Triplet }[] = [
    { name: 'standard, slices feet to head', row: [1, 0, 0], column: [0, 1, 0], step: [0, 0, 1] },
    { name: 'standard IOP, slices head to feet', row: [1, 0, 0], column: [0, 1, 0], step: [0, 0, -1] },
    { name: 'row cosine flipped (normal to feet)', row: [-1, 0, 0], column: [0, 1, 0], step: [0, 0, 1] },
    { name: 'prone (both cosines flipped)', row: [-1, 0, 0], column: [0, -1, 0], step: [0, 0, -1] },
    { name: 'transposed (rows run L-R)', row: [0, 1, 0], column: [1, 0, 0], step: [0, 0, 1] },
  ];
  const orientations: ReformatOrientation[] = ['sagittal', 'coronal'];
  for (const c of cases) {
    for (const orientation of orientations) {
      it(`${c.name}: ${orientation}`, () => {
        const planes = volumePlanes(c.row, c.column, c.step, { columns: 6, rows: 5, slices: 7 });
        const volume = geometry(planes);
        const data = voxelsFor(planes);
        const count = reformatSliceCount(volume, orientation);
        for (let k = 0; k < count; k++) {
          const spec = reformatPlane(volume, orientation, k, { rowSpacing: mm(0.7) });
          if (!spec.ok) throw new Error(spec.reason);
          const { plane } = spec.value;
          // Head up; sagittal: posterior to the right; coronal: patient left to the right.
          expect(plane.columnCosine[2]).toBeCloseTo(-1, 9);
          if (orientation === 'sagittal') expect(plane.rowCosine[1]).toBeCloseTo(1, 9);
          else expect(plane.rowCosine[0]).toBeCloseTo(1, 9);
          const out = resampleReformat({ data, columns: 6, rows: 5, slices: 7 }, spec.value, 'linear');
          if (!out.ok) throw new Error(out.reason);
          // Every output pixel holds the field value at its own patient position: geometry and sampling agree.
          for (let r = 0; r < plane.rows; r++) {
            for (let col = 0; col < plane.columns; col++) {
              expect(out.value[r * plane.columns + col]).toBeCloseTo(field(imageToPatient(plane, imagePoint(col, r))), 2);
            }
          }
        }
      });
    }
  }

  it('Int16Array and Uint16Array voxels give the same values as Float32Array', () => {
    const planes = volumePlanes([1, 0, 0], [0, 1, 0], [0, 0, 1], { origin: [0, 0, 0], sliceStep: 1, pixelSpacing: [1, 1] });
    const volume = geometry(planes);
    const spec = reformatPlane(volume, 'sagittal', 1);
    if (!spec.ok) throw new Error(spec.reason);
    const results = [(n: number) => new Float32Array(n), (n: number) => new Int16Array(n), (n: number) => new Uint16Array(n)].map((make) => {
      const out = resampleReformat({ data: voxelsFor(planes, make), columns: 4, rows: 3, slices: 5 }, spec.value, 'nearest');
      if (!out.ok) throw new Error(out.reason);
      return Array.from(out.value);
    });
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });
});

describe('reformat refusals', () => {
  const planes = volumePlanes([1, 0, 0], [0, 1, 0], [0, 0, 1]);
  const volume = geometry(planes);
  const spec = reformatPlane(volume, 'sagittal', 0);
  if (!spec.ok) throw new Error(spec.reason);
  it.each([
    { name: 'sagittal acquisition', run: () => reformatPlane(geometry(volumePlanes([0, 1, 0], [0, 0, -1], [1, 0, 0])), 'coronal', 0), reason: /axial acquisition/ },
    { name: 'index past the end', run: () => reformatPlane(volume, 'sagittal', 4), reason: /outside 0..3/ },
    { name: 'negative index', run: () => reformatPlane(volume, 'coronal', -1), reason: /outside/ },
    { name: 'fractional index', run: () => reformatPlane(volume, 'coronal', 0.5), reason: /outside/ },
    { name: 'zero row spacing', run: () => reformatPlane(volume, 'coronal', 0, { rowSpacing: mm(0) }), reason: /positive/ },
    { name: 'voxel dims mismatch', run: () => resampleReformat({ data: new Float32Array(60), columns: 3, rows: 4, slices: 5 }, spec.value, 'linear'), reason: /expects 4x3x5/ },
    { name: 'voxel data too short', run: () => resampleReformat({ data: new Float32Array(59), columns: 4, rows: 3, slices: 5 }, spec.value, 'linear'), reason: /59 values/ },
    { name: 'output buffer wrong size', run: () => resampleReformat({ data: new Float32Array(60), columns: 4, rows: 3, slices: 5 }, spec.value, 'linear', new Float32Array(3)), reason: /output buffer/ },
    { name: 'volume from unsorted planes', run: () => volumeFromPlanes([planes[1], planes[0], planes[2]].filter((p): p is ImagePlane => p !== undefined)), reason: /monotonic/ },
    { name: 'volume with a gap', run: () => volumeFromPlanes(planes.filter((_, i) => i !== 2)), reason: /gap/ },
  ])('$name', ({ run, reason }) => {
    const result = run();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('reuses a caller buffer', () => {
    const buffer = new Float32Array(15);
    const out = resampleReformat({ data: new Float32Array(60).fill(7), columns: 4, rows: 3, slices: 5 }, spec.value, 'linear', buffer);
    expect(out.ok && out.value).toBe(buffer);
    expect(Array.from(buffer)).toEqual(new Array(15).fill(7));
  });
});

describe('real CT: reformatting the axial volume reproduces the sagittal series', () => {
  const axial = sortByPosition(readFolder(`${SPINE_DATA}/thoracolumbar-ct/axial`), (h) => h.plane);
  const sagittal = readFolder(`${SPINE_DATA}/thoracolumbar-ct/sagittal`);
  const volume = geometry(axial.map((h) => h.plane));

  it('volume geometry: 122 x 101 x 112, 3 mm, slices feet to head', () => {
    expect([volume.columns, volume.rows, volume.slices]).toEqual([122, 101, 112]);
    expect(volume.sliceSpacing).toBeCloseTo(3, 9);
    expectVecClose(volume.sliceDirection, [0, 0, 1]);
    expect(reformatSliceCount(volume, 'sagittal')).toBe(122);
  });

  it.each(sagittal.filter((_, i) => i % 13 === 0).map((h) => ({ name: `instance ${h.instanceNumber}`, header: h })))('$name: plane equals the stored sagittal plane', ({ header }) => {
    // Sagittal instance n sits at axial column n - 1 (x = -185.0437 + 3 (n - 1)).
    const spec = reformatPlane(volume, 'sagittal', (header.instanceNumber ?? 0) - 1);
    if (!spec.ok) throw new Error(spec.reason);
    const { plane } = spec.value;
    expectVecClose(plane.imagePositionPatient, header.plane.imagePositionPatient, 6);
    expectVecClose(plane.rowCosine, header.plane.rowCosine);
    expectVecClose(plane.columnCosine, header.plane.columnCosine);
    expect([plane.rows, plane.columns, plane.rowSpacing, plane.columnSpacing]).toEqual([
      header.plane.rows, header.plane.columns, expect.closeTo(header.plane.rowSpacing, 9), expect.closeTo(header.plane.columnSpacing, 9),
    ]);
  });

  it('pixels: nearest resampling of sagittal 44 equals the stored IM0045 pixels exactly', () => {
    const rows = volume.rows;
    const columns = volume.columns;
    const data = new Uint16Array(rows * columns * volume.slices);
    axial.forEach((h, s) => data.set(readUint16Pixels(h.file), s * rows * columns));
    const spec = reformatPlane(volume, 'sagittal', 44);
    if (!spec.ok) throw new Error(spec.reason);
    const out = resampleReformat({ data, columns, rows, slices: volume.slices }, spec.value, 'nearest');
    if (!out.ok) throw new Error(out.reason);
    const stored = readUint16Pixels(`${SPINE_DATA}/thoracolumbar-ct/sagittal/IM0045.dcm`);
    expect(out.value.length).toBe(stored.length);
    expect(Array.from(out.value)).toEqual(Array.from(stored));
  });
});

describe('a 1200-slice volume', () => {
  it('reformats sagittal and coronal slices into a reused buffer', () => {
    const columns = 128;
    const rows = 128;
    const slices = 1200;
    const planes = Array.from({ length: slices }, (_, s) => makePlane({ ...ORIENTATIONS.axial, ipp: [0, 0, s * 0.5], rows, columns, pixelSpacing: [0.7, 0.7] }));
    const volume = geometry(planes);
    const data = new Int16Array(columns * rows * slices);
    for (let i = 0; i < data.length; i++) data[i] = i % 2000;
    const sag = reformatPlane(volume, 'sagittal', 64, { rowSpacing: mm(0.7) });
    const cor = reformatPlane(volume, 'coronal', 64);
    if (!sag.ok || !cor.ok) throw new Error('reformat failed');
    const sagBuffer = new Float32Array(sag.value.plane.rows * sag.value.plane.columns);
    for (let k = 0; k < 10; k++) {
      const a = resampleReformat({ data, columns, rows, slices }, sag.value, 'linear', sagBuffer);
      const b = resampleReformat({ data, columns, rows, slices }, cor.value, 'nearest');
      expect(a.ok && b.ok).toBe(true);
    }
    expect(sag.value.plane.rows).toBe(Math.floor((1199 * 0.5) / 0.7) + 1);
  });
});
