import { describe, expect, it } from 'vitest';
import {
  checkCoherentStack, checkRegularVolume, planeNormal, positionAlong, sameOrientation, sliceGaps, sortByPosition,
  splitIntoStacks,
} from '@shared/geometry';
import type { ImagePlane } from '@shared/geometry';
import { readFolder, SPINE_DATA } from '../../support/dicom-headers';
import { makePlane, ORIENTATIONS, seededRandom } from './fixtures';
import type { PlaneSpec } from './fixtures';

const shuffle = <T>(items: readonly T[], seed: number): T[] => {
  const random = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
};

/** n planes of one orientation, origin stepping by `step` (a vector) per slice. */
const series = (spec: PlaneSpec, n: number, step: readonly [number, number, number], from: readonly [number, number, number] = [0, 0, 0]): ImagePlane[] =>
  Array.from({ length: n }, (_, i) => makePlane({ ...spec, ipp: [from[0] + step[0] * i, from[1] + step[1] * i, from[2] + step[2] * i] }));

describe('sortByPosition', () => {
  it.each([
    { name: 'axial, head-wards normal', spec: ORIENTATIONS.axial, step: [0, 0, 3] as const },
    { name: 'axial with flipped row cosine (normal points to feet)', spec: { row: [-1, 0, 0], column: [0, 1, 0] } as const, step: [0, 0, -3] as const },
    { name: 'sagittal', spec: ORIENTATIONS.sagittal, step: [-2, 0, 0] as const },
    { name: 'oblique 30 deg', spec: ORIENTATIONS.oblique30, step: [0, -0.5 * 4, 0.8660254037844386 * 4] as const },
  ])('$name: shuffled input comes back in order along the normal', ({ spec, step }) => {
    const ordered = series(spec, 20, step).map((plane, index) => ({ plane, index }));
    for (const seed of [1, 2, 3]) {
      const sorted = sortByPosition(shuffle(ordered, seed), (item) => item.plane);
      expect(sorted.map((s) => s.index)).toEqual(ordered.map((s) => s.index));
    }
  });

  it('is stable for equal positions and returns [] for no items', () => {
    const plane = makePlane(ORIENTATIONS.axial);
    const items = ['a', 'b', 'c'].map((id) => ({ id, plane }));
    expect(sortByPosition(items, (i) => i.plane).map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(sortByPosition([], (i: { plane: ImagePlane }) => i.plane)).toEqual([]);
  });
});

describe('coherent stacks', () => {
  const base = makePlane(ORIENTATIONS.axial);
  const turned = (deg: number): ImagePlane => {
    const r = (deg * Math.PI) / 180;
    return makePlane({ row: [1, 0, 0], column: [0, Math.cos(r), Math.sin(r)] });
  };
  it.each([
    { name: 'identical planes', planes: [base, base], coherent: true, reason: undefined },
    { name: 'IOP differs by 0.3 deg (rounding)', planes: [base, turned(0.3)], coherent: true, reason: undefined },
    { name: 'IOP differs by 3 deg (re-angled block)', planes: [base, turned(3)], coherent: false, reason: /orientation/ },
    { name: 'different matrix', planes: [base, makePlane({ ...ORIENTATIONS.axial, rows: 512 })], coherent: false, reason: /512x256/ },
    { name: 'different PixelSpacing', planes: [base, makePlane({ ...ORIENTATIONS.axial, pixelSpacing: [1, 1.1] })], coherent: false, reason: /PixelSpacing/ },
    { name: 'empty', planes: [], coherent: false, reason: /no planes/ },
  ])('$name', ({ planes, coherent, reason }) => {
    const check = checkCoherentStack(planes);
    expect(check.coherent).toBe(coherent);
    if (!check.coherent && reason) expect(check.reason).toMatch(reason);
  });

  it('sameOrientation compares both cosines', () => {
    expect(sameOrientation(base, makePlane({ row: [1, 0, 0], column: [0, -1, 0] }))).toBe(false);
    expect(sameOrientation(base, makePlane({ row: [-1, 0, 0], column: [0, 1, 0] }))).toBe(false);
  });

  it('splitIntoStacks groups by orientation and size, stacks in first-appearance order, items in input order', () => {
    const items = [
      { id: 'ax1', plane: base },
      { id: 'sag1', plane: makePlane(ORIENTATIONS.sagittal) },
      { id: 'ax2', plane: makePlane({ ...ORIENTATIONS.axial, ipp: [0, 0, 5] }) },
      { id: 'big1', plane: makePlane({ ...ORIENTATIONS.axial, rows: 512, columns: 512 }) },
      { id: 'tilt1', plane: turned(8) },
      { id: 'sag2', plane: makePlane({ ...ORIENTATIONS.sagittal, ipp: [4, 0, 0] }) },
      { id: 'ax3', plane: makePlane({ ...ORIENTATIONS.axial, ipp: [0, 0, -5] }) },
    ];
    const stacks = splitIntoStacks(items, (i) => i.plane).map((s) => s.map((i) => i.id));
    expect(stacks).toEqual([['ax1', 'ax2', 'ax3'], ['sag1', 'sag2'], ['big1'], ['tilt1']]);
  });
});

describe('checkRegularVolume', () => {
  const axial = (zs: readonly number[], drift = 0): ImagePlane[] =>
    zs.map((z, i) => makePlane({ ...ORIENTATIONS.axial, ipp: [i * drift, 0, z] }));
  const range = (n: number, step: number) => Array.from({ length: n }, (_, i) => i * step);
  it.each([
    { name: 'uniform 3 mm', planes: axial(range(10, 3)), regular: true, spacing: 3, reason: undefined },
    { name: 'uniform, shuffled', planes: shuffle(axial(range(10, 2.5)), 9), regular: true, spacing: 2.5, reason: undefined },
    { name: 'jitter 0.005 mm', planes: axial(range(10, 3).map((z, i) => z + (i % 2) * 0.005)), regular: true, spacing: 3, reason: undefined },
    { name: 'two slices', planes: axial([0, 1.25]), regular: true, spacing: 1.25, reason: undefined },
    { name: 'one slice', planes: axial([0]), regular: false, spacing: 0, reason: /at least 2/ },
    { name: 'missing slice (gap)', planes: axial([0, 3, 6, 12, 15]), regular: false, spacing: 0, reason: /gap/ },
    { name: 'uneven spacing', planes: axial([0, 3, 6, 8, 11, 14]), regular: false, spacing: 0, reason: /uneven/ },
    { name: 'duplicate position', planes: axial([0, 3, 3, 6]), regular: false, spacing: 0, reason: /duplicate/ },
    { name: 'sheared (gantry tilt)', planes: axial(range(6, 3), 0.5), regular: false, spacing: 0, reason: /sheared/ },
    { name: 'mixed orientations', planes: [...axial([0, 3]), makePlane({ ...ORIENTATIONS.sagittal })], regular: false, spacing: 0, reason: /not one stack/ },
  ])('$name', ({ planes, regular, spacing, reason }) => {
    const check = checkRegularVolume(planes);
    expect(check.regular).toBe(regular);
    if (check.regular) expect(check.sliceSpacing).toBeCloseTo(spacing, 2);
    else if (reason) expect(check.reason).toMatch(reason);
  });

  it('sliceGaps are signed along the first plane normal, in the given order', () => {
    expect(sliceGaps(axial([0, 3, 9])).map(Number)).toEqual([3, 6]);
    expect(sliceGaps(axial([9, 3])).map(Number)).toEqual([-6]);
  });
});

describe('real lumbar MR: 12 slices in 4 tilted blocks of 3', () => {
  const headers = readFolder(`${SPINE_DATA}/lumbar-mr-axial-t2`);
  const stacks = splitIntoStacks(headers, (h) => h.plane);

  it('splits into exactly 4 stacks of 3', () => {
    expect(headers).toHaveLength(12);
    expect(stacks.map((s) => s.length)).toEqual([3, 3, 3, 3]);
  });

  it('each stack is coherent, sorted by position it follows InstanceNumber, and is regular (about 7 mm)', () => {
    for (const stack of stacks) {
      expect(checkCoherentStack(stack.map((h) => h.plane)).coherent).toBe(true);
      const sorted = sortByPosition(stack, (h) => h.plane);
      const instances = sorted.map((h) => h.instanceNumber ?? 0);
      // Instance numbers run head to feet here; ascending along the normal (+z-ish) runs feet to head.
      expect(instances).toEqual([...instances].sort((a, b) => b - a));
      const volume = checkRegularVolume(sorted.map((h) => h.plane));
      expect(volume.regular).toBe(true);
      if (volume.regular) expect(volume.sliceSpacing).toBeCloseTo(7, 0);
    }
  });

  it('the whole series is not one volume (different IOP)', () => {
    const check = checkRegularVolume(headers.map((h) => h.plane));
    expect(check.regular).toBe(false);
  });
});

describe('real thoracolumbar CT', () => {
  const axial = readFolder(`${SPINE_DATA}/thoracolumbar-ct/axial`);
  const sagittal = readFolder(`${SPINE_DATA}/thoracolumbar-ct/sagittal`);

  it('axial: 112 slices, one stack, a regular 3 mm volume', () => {
    expect(axial).toHaveLength(112);
    expect(splitIntoStacks(axial, (h) => h.plane)).toHaveLength(1);
    const check = checkRegularVolume(shuffle(axial, 5).map((h) => h.plane));
    expect(check).toEqual({ regular: true, sliceSpacing: expect.closeTo(3, 6), sliceCount: 112 });
  });

  it('sagittal: 40 slices, shuffled then sorted along the normal (toward patient right), 3 mm apart', () => {
    expect(sagittal).toHaveLength(40);
    const sorted = sortByPosition(shuffle(sagittal, 11), (h) => h.plane);
    const first = sorted[0];
    if (!first) throw new Error('no slices');
    const normal = planeNormal(first.plane);
    expect(normal[0]).toBeCloseTo(-1, 9); // row A->P x column H->F = -x (patient right)
    const instances = sorted.map((h) => h.instanceNumber ?? 0);
    expect(instances).toEqual(Array.from({ length: 40 }, (_, i) => 84 - i));
    const positions = sorted.map((h) => positionAlong(h.plane, normal));
    positions.slice(1).forEach((p, i) => expect(p - (positions[i] ?? 0)).toBeCloseTo(3, 6));
    expect(checkRegularVolume(sorted.map((h) => h.plane)).regular).toBe(true);
  });
});
