import { fail, ok } from './result';
import type { GeometryResult } from './result';
import { imagePoint, mm, vec3 } from './units';
import type { ImagePoint, Mm, Vec3 } from './units';
import { add, cross, dot, normalize, scale, sub } from './vec3';

/**
 * The geometry of one 2D DICOM image in patient space.
 *
 * DICOM naming is easy to get backwards, so spelled out:
 * - `rowCosine` = ImageOrientationPatient[0..2]: the direction along a row, i.e. of INCREASING COLUMN index.
 * - `columnCosine` = ImageOrientationPatient[3..5]: the direction down a column, i.e. of INCREASING ROW index.
 * - `rowSpacing` = PixelSpacing[0]: the distance between the centres of adjacent ROWS, measured along
 *   `columnCosine` (vertical step).
 * - `columnSpacing` = PixelSpacing[1]: the distance between the centres of adjacent COLUMNS, measured along
 *   `rowCosine` (horizontal step).
 * - `imagePositionPatient`: centre of the first transmitted pixel, image point (0, 0).
 * So patient(column, row) = IPP + column * columnSpacing * rowCosine + row * rowSpacing * columnCosine.
 */
export interface ImagePlane {
  readonly imagePositionPatient: Vec3;
  readonly rowCosine: Vec3;
  readonly columnCosine: Vec3;
  readonly rowSpacing: Mm;
  readonly columnSpacing: Mm;
  readonly rows: number;
  readonly columns: number;
}

/** How far from unit length / orthogonality the IOP cosines may be (scanners round to ~5-6 decimals). */
export const IOP_TOLERANCE = 1e-3;

/** Unit normal = rowCosine x columnCosine (right-handed; for the standard axial IOP it points to the head, +z). */
export function planeNormal(plane: ImagePlane): Vec3 {
  // Cosines are validated non-parallel when the plane is built, so the cross product is never zero.
  return normalize(cross(plane.rowCosine, plane.columnCosine)) ?? vec3(0, 0, 1);
}

export function imageToPatient(plane: ImagePlane, point: ImagePoint): Vec3 {
  return add(
    plane.imagePositionPatient,
    add(scale(plane.rowCosine, point.column * plane.columnSpacing), scale(plane.columnCosine, point.row * plane.rowSpacing)),
  );
}

export interface PlaneProjection {
  readonly point: ImagePoint;
  /** Signed distance from the plane along `planeNormal` (positive on the normal's side). */
  readonly distance: Mm;
}

/**
 * Inverse of imageToPatient for any patient point: the image point of its orthogonal foot on the plane and its
 * signed off-plane distance. Solved exactly with the dual basis of (rowCosine, columnCosine, normal), so
 * slightly non-orthogonal (but accepted) cosines still round-trip exactly for in-plane points.
 */
export function patientToImage(plane: ImagePlane, patient: Vec3): PlaneProjection {
  const r = plane.rowCosine;
  const c = plane.columnCosine;
  const n = planeNormal(plane);
  const d = sub(patient, plane.imagePositionPatient);
  const det = dot(r, cross(c, n));
  const alongRow = dot(d, cross(c, n)) / det;
  const alongColumn = dot(d, cross(n, r)) / det;
  const off = dot(d, cross(r, c)) / det;
  return {
    point: imagePoint(alongRow / plane.columnSpacing, alongColumn / plane.rowSpacing),
    distance: mm(off),
  };
}

/** Signed distance of a patient point from the (infinite) plane, along `planeNormal`. */
export function signedDistanceToPlane(plane: ImagePlane, patient: Vec3): Mm {
  return mm(dot(sub(patient, plane.imagePositionPatient), planeNormal(plane)));
}

/** Whether an image point lies on the image (pixel edges included: [-0.5, columns - 0.5] x [-0.5, rows - 0.5]). */
export function isInsideImage(plane: ImagePlane, point: ImagePoint): boolean {
  return (
    point.column >= -0.5 && point.column <= plane.columns - 0.5 && point.row >= -0.5 && point.row <= plane.rows - 0.5
  );
}

/** The four image corners (pixel edges, not pixel centres) in patient space: top-left, top-right, bottom-right, bottom-left. */
export function planeCorners(plane: ImagePlane): readonly [Vec3, Vec3, Vec3, Vec3] {
  const l = -0.5;
  const r = plane.columns - 0.5;
  const t = -0.5;
  const b = plane.rows - 0.5;
  return [
    imageToPatient(plane, imagePoint(l, t)),
    imageToPatient(plane, imagePoint(r, t)),
    imageToPatient(plane, imagePoint(r, b)),
    imageToPatient(plane, imagePoint(l, b)),
  ];
}

/** The DICOM attributes a plane is built from, as numbers already parsed from their DS/IS strings. */
export interface DicomPlaneAttributes {
  readonly imagePositionPatient: ReadonlyArray<number>;
  readonly imageOrientationPatient: ReadonlyArray<number>;
  readonly pixelSpacing: ReadonlyArray<number>;
  readonly rows: number;
  readonly columns: number;
}

const finiteTriplet = (values: ReadonlyArray<number>, from: number): Vec3 | null => {
  const x = values[from];
  const y = values[from + 1];
  const z = values[from + 2];
  if (x === undefined || y === undefined || z === undefined) return null;
  if (![x, y, z].every(Number.isFinite)) return null;
  return vec3(x, y, z);
};

/**
 * Builds a plane from DICOM attribute values, validating them. Each cosine must be unit length and the two
 * must be orthogonal within IOP_TOLERANCE; accepted cosines are renormalised to exactly unit length (the small
 * residual non-orthogonality is kept: patientToImage solves exactly). Bad input returns a reason, never throws.
 */
export function planeFromDicom(attrs: DicomPlaneAttributes): GeometryResult<ImagePlane> {
  const { imagePositionPatient: ipp, imageOrientationPatient: iop, pixelSpacing: ps, rows, columns } = attrs;
  if (ipp.length !== 3) return fail(`ImagePositionPatient must have 3 values, got ${ipp.length}`);
  if (iop.length !== 6) return fail(`ImageOrientationPatient must have 6 values, got ${iop.length}`);
  if (ps.length !== 2) return fail(`PixelSpacing must have 2 values, got ${ps.length}`);
  const position = finiteTriplet(ipp, 0);
  if (position === null) return fail('ImagePositionPatient has a non-finite value');
  const rowRaw = finiteTriplet(iop, 0);
  const columnRaw = finiteTriplet(iop, 3);
  if (rowRaw === null || columnRaw === null) return fail('ImageOrientationPatient has a non-finite value');
  const rowNorm = Math.hypot(...rowRaw);
  const columnNorm = Math.hypot(...columnRaw);
  if (Math.abs(rowNorm - 1) > IOP_TOLERANCE) return fail(`ImageOrientationPatient row cosine is not unit length (|r| = ${rowNorm})`);
  if (Math.abs(columnNorm - 1) > IOP_TOLERANCE) return fail(`ImageOrientationPatient column cosine is not unit length (|c| = ${columnNorm})`);
  const rowCosine = scale(rowRaw, 1 / rowNorm);
  const columnCosine = scale(columnRaw, 1 / columnNorm);
  const cosAngle = dot(rowCosine, columnCosine);
  if (Math.abs(cosAngle) > IOP_TOLERANCE) return fail(`ImageOrientationPatient cosines are not orthogonal (r.c = ${cosAngle})`);
  const [rowSpacing, columnSpacing] = ps;
  if (rowSpacing === undefined || columnSpacing === undefined || !(rowSpacing > 0) || !(columnSpacing > 0) || !Number.isFinite(rowSpacing) || !Number.isFinite(columnSpacing)) {
    return fail(`PixelSpacing must be two positive numbers, got [${ps.join(', ')}]`);
  }
  if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(columns) || columns < 1) {
    return fail(`Rows and Columns must be positive integers, got ${rows} x ${columns}`);
  }
  return ok({
    imagePositionPatient: position,
    rowCosine,
    columnCosine,
    rowSpacing: mm(rowSpacing),
    columnSpacing: mm(columnSpacing),
    rows,
    columns,
  });
}
