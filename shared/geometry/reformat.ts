import type { ImagePlane } from './image-plane';
import { planeNormal } from './image-plane';
import { classifyPlane } from './orientation';
import { fail, ok } from './result';
import type { GeometryResult } from './result';
import { checkRegularVolume, DEFAULT_STACK_TOLERANCES, positionAlong } from './stack';
import type { StackTolerances } from './stack';
import { mm } from './units';
import type { Mm, Vec3 } from './units';
import { add, negate, normalize, scale, sub } from './vec3';

/**
 * Geometry of a regular volume whose slice order matches the voxel data (slice-major: slice s, row j, column i
 * at data[s * rows * columns + j * columns + i]). Voxel (i, j, s) is at
 * origin + i * columnSpacing * rowCosine + j * rowSpacing * columnCosine + s * sliceSpacing * sliceDirection.
 */
export interface VolumeGeometry {
  readonly origin: Vec3;
  readonly rowCosine: Vec3;
  readonly columnCosine: Vec3;
  /** Unit vector from slice 0 towards the last slice (± the plane normal). */
  readonly sliceDirection: Vec3;
  readonly rowSpacing: Mm;
  readonly columnSpacing: Mm;
  readonly sliceSpacing: Mm;
  readonly rows: number;
  readonly columns: number;
  readonly slices: number;
}

/**
 * Volume geometry from planes given IN VOXEL-DATA ORDER (ascending or descending along the normal, but
 * monotonic). Fails with a reason when the planes are not a regular volume (see checkRegularVolume).
 */
export function volumeFromPlanes(planes: ReadonlyArray<ImagePlane>, tolerances: StackTolerances = DEFAULT_STACK_TOLERANCES): GeometryResult<VolumeGeometry> {
  const check = checkRegularVolume(planes, tolerances);
  if (!check.regular) return fail(check.reason);
  const first = planes[0];
  const last = planes[planes.length - 1];
  if (first === undefined || last === undefined) return fail('no planes');
  const normal = planeNormal(first);
  const direction = Math.sign(positionAlong(last, normal) - positionAlong(first, normal));
  for (let i = 1; i < planes.length; i++) {
    const a = planes[i - 1];
    const b = planes[i];
    if (a && b && Math.sign(positionAlong(b, normal) - positionAlong(a, normal)) !== direction) {
      return fail(`planes are not in monotonic position order at index ${i}: sort them (sortByPosition) and order the voxel data the same way`);
    }
  }
  const sliceDirection = normalize(sub(last.imagePositionPatient, first.imagePositionPatient));
  if (sliceDirection === null) return fail('first and last slice coincide');
  return ok({
    origin: first.imagePositionPatient,
    rowCosine: first.rowCosine,
    columnCosine: first.columnCosine,
    sliceDirection,
    rowSpacing: first.rowSpacing,
    columnSpacing: first.columnSpacing,
    sliceSpacing: check.sliceSpacing,
    rows: first.rows,
    columns: first.columns,
    slices: planes.length,
  });
}

export type ReformatOrientation = 'sagittal' | 'coronal';
type VolumeAxis = 'column' | 'row';

/**
 * Everything needed to display and sample one reformatted slice. The output image follows radiology viewer
 * conventions whatever the acquisition's IOP or slice order:
 * - head up: output rows run from the most superior slice (row 0) to the most inferior;
 * - sagittal: anterior on the left, posterior on the right (rowCosine has +y, posterior);
 * - coronal: patient right on the left, patient left on the right (rowCosine has +x, left), as on an axial.
 * Output pixels sit exactly on voxel centres in-plane; along the slice axis, output rows are `plane.rowSpacing`
 * apart (default: the slice spacing), sampled by nearest or linear interpolation between slices.
 */
export interface ReformatSpec {
  readonly orientation: ReformatOrientation;
  /** Index along the volume axis held fixed (the reformat "slice number"). */
  readonly index: number;
  readonly plane: ImagePlane;
  /** Volume axis held at `index`: 'column' = voxel column i (sagittal of a standard axial), 'row' = voxel row j. */
  readonly fixedAxis: VolumeAxis;
  /** Output column c maps to voxel index (horizontalFlipped ? n - 1 - c : c) along the other in-plane axis. */
  readonly horizontalFlipped: boolean;
  /** Output row 0 is the last slice when true (slice order runs feet to head). */
  readonly sliceFlipped: boolean;
  /** Output row step in slices (rowSpacing / sliceSpacing). */
  readonly slicesPerRow: number;
  readonly volumeColumns: number;
  readonly volumeRows: number;
  readonly volumeSlices: number;
}

// Which in-plane volume axis is held fixed: sagittal slices are stacked left-right (x), coronal front-back (y).
function layoutFor(volume: VolumeGeometry, orientation: ReformatOrientation): { fixed: VolumeAxis; horizontal: Vec3; horizontalCount: number; horizontalSpacing: Mm } {
  const patientAxis = orientation === 'sagittal' ? 1 : 0; // horizontal axis of the output: y (sagittal) or x (coronal)
  const rowCosineAlong = Math.abs(volume.rowCosine[patientAxis]);
  const columnCosineAlong = Math.abs(volume.columnCosine[patientAxis]);
  if (columnCosineAlong > rowCosineAlong) {
    return { fixed: 'column', horizontal: volume.columnCosine, horizontalCount: volume.rows, horizontalSpacing: volume.rowSpacing };
  }
  return { fixed: 'row', horizontal: volume.rowCosine, horizontalCount: volume.columns, horizontalSpacing: volume.columnSpacing };
}

export function reformatSliceCount(volume: VolumeGeometry, orientation: ReformatOrientation): number {
  return layoutFor(volume, orientation).fixed === 'column' ? volume.columns : volume.rows;
}

export interface ReformatOptions {
  /** Distance between output rows along the slice axis; default the slice spacing (no interpolation needed). */
  readonly rowSpacing?: Mm;
}

/**
 * The plane and sampling layout of reformat slice `index` of an axial(-ish) regular volume. Fails for a volume
 * whose slices are not nearest to axial, an index out of range or a non-positive row spacing.
 */
export function reformatPlane(volume: VolumeGeometry, orientation: ReformatOrientation, index: number, options: ReformatOptions = {}): GeometryResult<ReformatSpec> {
  const acquisition = classifyPlane({
    imagePositionPatient: volume.origin,
    rowCosine: volume.rowCosine,
    columnCosine: volume.columnCosine,
    rowSpacing: volume.rowSpacing,
    columnSpacing: volume.columnSpacing,
    rows: volume.rows,
    columns: volume.columns,
  });
  if (acquisition.nearest !== 'axial') return fail(`reformatting needs an axial acquisition, this volume is ${acquisition.nearest}`);
  const count = reformatSliceCount(volume, orientation);
  if (!Number.isInteger(index) || index < 0 || index >= count) return fail(`${orientation} slice ${index} is outside 0..${count - 1}`);
  const rowSpacing = options.rowSpacing ?? volume.sliceSpacing;
  if (!(rowSpacing > 0) || !Number.isFinite(rowSpacing)) return fail(`output row spacing must be positive, got ${rowSpacing}`);
  const layout = layoutFor(volume, orientation);
  const patientAxis = orientation === 'sagittal' ? 1 : 0;
  const horizontalFlipped = layout.horizontal[patientAxis] < 0;
  const sliceFlipped = volume.sliceDirection[2] > 0;
  const fixedStep = layout.fixed === 'column' ? scale(volume.rowCosine, volume.columnSpacing) : scale(volume.columnCosine, volume.rowSpacing);
  const horizontalStep = scale(layout.horizontal, layout.horizontalSpacing);
  const firstHorizontal = horizontalFlipped ? layout.horizontalCount - 1 : 0;
  const firstSlice = sliceFlipped ? volume.slices - 1 : 0;
  const topLeft = add(
    volume.origin,
    add(scale(fixedStep, index), add(scale(horizontalStep, firstHorizontal), scale(volume.sliceDirection, firstSlice * volume.sliceSpacing))),
  );
  const slicesPerRow = rowSpacing / volume.sliceSpacing;
  // +1e-9 so that an exact multiple (e.g. 111 * 3 / 3) is not lost to rounding.
  const rows = Math.floor((volume.slices - 1) / slicesPerRow + 1e-9) + 1;
  const plane: ImagePlane = {
    imagePositionPatient: topLeft,
    rowCosine: horizontalFlipped ? negate(layout.horizontal) : layout.horizontal,
    columnCosine: sliceFlipped ? negate(volume.sliceDirection) : volume.sliceDirection,
    rowSpacing: mm(rowSpacing),
    columnSpacing: layout.horizontalSpacing,
    rows,
    columns: layout.horizontalCount,
  };
  return ok({
    orientation,
    index,
    plane,
    fixedAxis: layout.fixed,
    horizontalFlipped,
    sliceFlipped,
    slicesPerRow,
    volumeColumns: volume.columns,
    volumeRows: volume.rows,
    volumeSlices: volume.slices,
  });
}

export type VoxelArray = Int16Array | Uint16Array | Float32Array;

/** Voxel data, slice-major, slices in the same order as the planes given to volumeFromPlanes. */
export interface VoxelVolume {
  readonly data: VoxelArray;
  readonly columns: number;
  readonly rows: number;
  readonly slices: number;
}

export type Interpolation = 'nearest' | 'linear';

/**
 * Fills the reformatted slice described by `spec` (row-major, plane.rows x plane.columns) from the voxels.
 * Nearest rounds half-way positions up (towards the higher slice index); linear blends the two neighbouring
 * slices. Stored values only (apply rescale slope/intercept afterwards). Pass `out` to reuse a buffer; the
 * inner loop allocates nothing.
 */
export function resampleReformat(voxels: VoxelVolume, spec: ReformatSpec, interpolation: Interpolation, out?: Float32Array): GeometryResult<Float32Array> {
  const { columns, rows, slices, data } = voxels;
  if (columns !== spec.volumeColumns || rows !== spec.volumeRows || slices !== spec.volumeSlices) {
    return fail(`voxel volume is ${columns}x${rows}x${slices}, the reformat expects ${spec.volumeColumns}x${spec.volumeRows}x${spec.volumeSlices}`);
  }
  if (data.length !== columns * rows * slices) return fail(`voxel data has ${data.length} values, expected ${columns * rows * slices}`);
  const outRows = spec.plane.rows;
  const outColumns = spec.plane.columns;
  const target = out ?? new Float32Array(outRows * outColumns);
  if (target.length !== outRows * outColumns) return fail(`output buffer has ${target.length} values, expected ${outRows * outColumns}`);
  const sliceStride = rows * columns;
  // Offset of the fixed index, and stride along the horizontal output axis, within one slice.
  const fixedOffset = spec.fixedAxis === 'column' ? spec.index : spec.index * columns;
  const horizontalStride = spec.fixedAxis === 'column' ? columns : 1;
  const lastSlice = slices - 1;
  for (let r = 0; r < outRows; r++) {
    const fromTop = Math.min(lastSlice, Math.max(0, r * spec.slicesPerRow));
    const position = spec.sliceFlipped ? lastSlice - fromTop : fromTop;
    let s0: number;
    let s1: number;
    let t: number;
    if (interpolation === 'nearest') {
      s0 = Math.min(lastSlice, Math.floor(position + 0.5));
      s1 = s0;
      t = 0;
    } else {
      s0 = Math.floor(position);
      t = position - s0;
      s1 = Math.min(lastSlice, s0 + 1);
    }
    const base0 = s0 * sliceStride + fixedOffset;
    const base1 = s1 * sliceStride + fixedOffset;
    const rowOut = r * outColumns;
    for (let c = 0; c < outColumns; c++) {
      const h = spec.horizontalFlipped ? outColumns - 1 - c : c;
      const a = data[base0 + h * horizontalStride] ?? 0;
      if (t === 0) {
        target[rowOut + c] = a;
      } else {
        const b = data[base1 + h * horizontalStride] ?? 0;
        target[rowOut + c] = a + (b - a) * t;
      }
    }
  }
  return ok(target);
}
