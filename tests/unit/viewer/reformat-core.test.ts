import { describe, expect, it } from 'vitest';
import { planeFromDicom, volumeFromPlanes } from '@shared/geometry';
import type { ImagePlane } from '@shared/geometry';
import { allocateVolume, cutSlice, writeSlice } from '../../../src-renderer/viewer/reformat/reformat-core';

function axialPlanes(count: number, rows: number, columns: number): ImagePlane[] {
  return Array.from({ length: count }, (_, i) => {
    const r = planeFromDicom({ imagePositionPatient: [0, 0, -3 * i], imageOrientationPatient: [1, 0, 0, 0, 1, 0], pixelSpacing: [0.5, 0.5], rows, columns });
    if (!r.ok) throw new Error(r.reason);
    return r.value;
  });
}

describe('reformat core (worker state)', () => {
  it('cuts a sagittal slice with slices as rows, head up, values copied exactly', () => {
    const rows = 4;
    const columns = 5;
    const planes = axialPlanes(3, rows, columns);
    const volume = volumeFromPlanes(planes);
    expect(volume.ok).toBe(true);
    if (!volume.ok) return;
    const held = allocateVolume(volume.value, 'int16');
    for (let s = 0; s < 3; s++) writeSlice(held, s, Int16Array.from({ length: rows * columns }, (_, k) => s * 100 + k));
    const cut = cutSlice(held, 'sagittal', 2);
    expect(cut.ok).toBe(true);
    if (!cut.ok) return;
    expect(cut.value.rows).toBe(3); // one row per axial slice (3 mm apart)
    expect(cut.value.columns).toBe(rows); // anterior to posterior = the axial rows
    expect(cut.value.pixels).toBeInstanceOf(Int16Array);
    // Slice 0 is the most superior here (z = 0, descending), so it is the top row.
    expect(Array.from(cut.value.pixels.slice(0, rows))).toEqual([2, 7, 12, 17]);
  });

  it('refuses wrong slice sizes and out-of-range slices', () => {
    const volume = volumeFromPlanes(axialPlanes(2, 2, 2));
    if (!volume.ok) throw new Error(volume.reason);
    const held = allocateVolume(volume.value, 'float32');
    expect(() => writeSlice(held, 0, [1, 2, 3])).toThrow(RangeError);
    expect(() => writeSlice(held, 5, [1, 2, 3, 4])).toThrow(RangeError);
    expect(cutSlice(held, 'coronal', 9).ok).toBe(false);
  });
});
