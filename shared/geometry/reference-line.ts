import type { ImagePlane } from './image-plane';
import { planeNormal, signedDistanceToPlane } from './image-plane';
import { imagePoint, mm } from './units';
import type { ImagePoint, Mm, Vec3 } from './units';
import { cross, dot, norm, scale } from './vec3';

export interface ImageSegment {
  readonly start: ImagePoint;
  readonly end: ImagePoint;
}

/**
 * Planes closer to parallel than this (sine of the angle between normals) have no reference line: the
 * intersection would be numerically meaningless (1e-6 rad is ~0.00006 degrees).
 */
const PARALLEL_SINE = 1e-6;

/**
 * The reference line of `source` (taken as an infinite plane) on the `target` image: the segment where the
 * source plane cuts the target image rectangle, in target image coordinates, clipped to the image's pixel edges
 * ([-0.5, columns - 0.5] x [-0.5, rows - 0.5]). Null when the planes are parallel or the line misses the image
 * (or only touches a corner). The caller must check both images share a FrameOfReferenceUID.
 * Start/end order: the clip points sorted by column, then row, so the result is deterministic.
 */
export function referenceLine(source: ImagePlane, target: ImagePlane): ImageSegment | null {
  const ns = planeNormal(source);
  const nt = planeNormal(target);
  if (norm(cross(ns, nt)) < PARALLEL_SINE) return null;
  // Signed distance to the source plane is affine in the target's (column, row): f = f0 + column*fc + row*fr.
  const f0 = signedDistanceToPlane(source, target.imagePositionPatient);
  const fc = dot(scale(target.rowCosine, target.columnSpacing), ns);
  const fr = dot(scale(target.columnCosine, target.rowSpacing), ns);
  const left = -0.5;
  const right = target.columns - 0.5;
  const top = -0.5;
  const bottom = target.rows - 0.5;
  const hits: ImagePoint[] = [];
  const push = (column: number, row: number): void => {
    const inside = column >= left - 1e-9 && column <= right + 1e-9 && row >= top - 1e-9 && row <= bottom + 1e-9;
    if (!inside) return;
    const c = Math.min(right, Math.max(left, column));
    const r = Math.min(bottom, Math.max(top, row));
    if (!hits.some((h) => Math.abs(h.column - c) < 1e-9 && Math.abs(h.row - r) < 1e-9)) hits.push(imagePoint(c, r));
  };
  // Intersections with the vertical edges (fixed column), then horizontal edges (fixed row).
  if (fr !== 0) {
    for (const column of [left, right]) push(column, -(f0 + column * fc) / fr);
  }
  if (fc !== 0) {
    for (const row of [top, bottom]) push(-(f0 + row * fr) / fc, row);
  }
  if (hits.length < 2) return null;
  // A line through a corner can hit up to 4 edge points; keep the farthest pair.
  let best: [ImagePoint, ImagePoint] | null = null;
  let bestLength = 0;
  for (let i = 0; i < hits.length; i++) {
    for (let j = i + 1; j < hits.length; j++) {
      const a = hits[i];
      const b = hits[j];
      if (!a || !b) continue;
      const length = Math.hypot(a.column - b.column, a.row - b.row);
      if (length > bestLength) {
        bestLength = length;
        best = [a, b];
      }
    }
  }
  if (best === null || bestLength < 1e-6) return null;
  const [a, b] = best;
  const aFirst = a.column < b.column || (a.column === b.column && a.row <= b.row);
  return aFirst ? { start: a, end: b } : { start: b, end: a };
}

export interface NearestSlice {
  readonly index: number;
  /** Signed distance from the point to that slice's plane (mm, along its normal). */
  readonly distance: Mm;
}

/**
 * "Crosshair jump": the index of the plane in `stackPlanes` closest to a patient point (smallest |distance| to
 * each plane taken as infinite), with the signed distance. Ties go to the lower index. Null for an empty stack.
 * The index is into the array as given (pass the stack in display order).
 */
export function nearestSliceIndex(stackPlanes: ReadonlyArray<ImagePlane>, point: Vec3): NearestSlice | null {
  let best: NearestSlice | null = null;
  stackPlanes.forEach((plane, index) => {
    const distance = signedDistanceToPlane(plane, point);
    if (best === null || Math.abs(distance) < Math.abs(best.distance)) best = { index, distance: mm(distance) };
  });
  return best;
}
