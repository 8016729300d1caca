import { reformatPlane, resampleReformat } from '@shared/geometry';
import type { GeometryResult, ReformatOrientation, VolumeGeometry } from '@shared/geometry';
import type { VoxelType } from './protocol';

/**
 * The worker's state, kept free of worker globals so it is unit-tested directly: volumes filled slice by slice,
 * and reformatted slices cut from them with geometry's reformatPlane + resampleReformat (nearest: output rows sit
 * on acquired slices, so no values are invented).
 */
export interface HeldVolume {
  readonly geometry: VolumeGeometry;
  readonly data: Int16Array | Uint16Array | Float32Array;
}

export function allocateVolume(geometry: VolumeGeometry, voxelType: VoxelType): HeldVolume {
  const n = geometry.columns * geometry.rows * geometry.slices;
  const data = voxelType === 'int16' ? new Int16Array(n) : voxelType === 'uint16' ? new Uint16Array(n) : new Float32Array(n);
  return { geometry, data };
}

export function writeSlice(volume: HeldVolume, index: number, pixels: ArrayLike<number>): void {
  const size = volume.geometry.columns * volume.geometry.rows;
  if (index < 0 || index >= volume.geometry.slices) throw new RangeError(`slice ${index} outside the volume`);
  if (pixels.length !== size) throw new RangeError(`slice ${index} has ${pixels.length} values, expected ${size}`);
  volume.data.set(pixels, index * size);
}

export function cutSlice(volume: HeldVolume, orientation: ReformatOrientation, index: number): GeometryResult<{ rows: number; columns: number; pixels: Int16Array | Uint16Array | Float32Array }> {
  const spec = reformatPlane(volume.geometry, orientation, index);
  if (!spec.ok) return spec;
  const { columns, rows, slices } = volume.geometry;
  const sampled = resampleReformat({ data: volume.data, columns, rows, slices }, spec.value, 'nearest');
  if (!sampled.ok) return sampled;
  // Back to the volume's own type: nearest sampling only copies voxel values, so this is exact.
  const pixels = volume.data instanceof Float32Array ? sampled.value : volume.data instanceof Int16Array ? Int16Array.from(sampled.value) : Uint16Array.from(sampled.value);
  return { ok: true, value: { rows: spec.value.plane.rows, columns: spec.value.plane.columns, pixels } };
}
