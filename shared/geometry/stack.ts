import type { ImagePlane } from './image-plane';
import { planeNormal } from './image-plane';
import { degrees, mm, toRadians } from './units';
import type { Degrees, Mm, Vec3 } from './units';
import { angleBetween, dot, norm, scale, sub } from './vec3';

/**
 * Tolerances for deciding that planes belong to one stack / one regular volume.
 * - orientation: max angle between corresponding cosines of two planes (0.5 degrees: scanners round IOP to
 *   5-6 decimals, ~0.001 degrees, while genuinely different blocks, e.g. re-angled lumbar axials, differ by >= 3).
 * - spacingMm: max difference in PixelSpacing values (and the absolute part of the slice-gap tolerance).
 * - sliceSpacingRelative: a slice gap may differ from the median gap by this fraction (plus spacingMm).
 * - shearMm: max in-plane drift between consecutive slice origins before the stack counts as sheared
 *   (gantry tilt): index-based reformatting would then be wrong.
 */
export interface StackTolerances {
  readonly orientation: Degrees;
  readonly spacingMm: number;
  readonly sliceSpacingRelative: number;
  readonly shearMm: number;
}

export const DEFAULT_STACK_TOLERANCES: StackTolerances = {
  orientation: degrees(0.5),
  spacingMm: 0.01,
  sliceSpacingRelative: 0.01,
  shearMm: 0.05,
};

/** Position of a plane along a normal: projection of its ImagePositionPatient. */
export const positionAlong = (plane: ImagePlane, normal: Vec3): number =>
  dot(plane.imagePositionPatient, normal);

/**
 * Sorts items by the projection of their ImagePositionPatient on the first item's plane normal (ascending,
 * i.e. in the direction of rowCosine x columnCosine). Stable: equal positions keep input order. Returns a new array.
 * Meaningful for one coherent stack; split mixed series with splitIntoStacks first.
 */
export function sortByPosition<T>(items: ReadonlyArray<T>, planeOf: (item: T) => ImagePlane): T[] {
  const first = items[0];
  if (first === undefined) return [];
  const normal = planeNormal(planeOf(first));
  return items
    .map((item, index) => ({ item, index, position: positionAlong(planeOf(item), normal) }))
    .sort((a, b) => a.position - b.position || a.index - b.index)
    .map((entry) => entry.item);
}

export function sameOrientation(a: ImagePlane, b: ImagePlane, tolerance: Degrees = DEFAULT_STACK_TOLERANCES.orientation): boolean {
  const limit = toRadians(tolerance);
  return angleBetween(a.rowCosine, b.rowCosine) <= limit && angleBetween(a.columnCosine, b.columnCosine) <= limit;
}

/** Same matrix size and pixel spacing (within tolerance). */
export function sameGrid(a: ImagePlane, b: ImagePlane, spacingMm: number = DEFAULT_STACK_TOLERANCES.spacingMm): boolean {
  return (
    a.rows === b.rows &&
    a.columns === b.columns &&
    Math.abs(a.rowSpacing - b.rowSpacing) <= spacingMm &&
    Math.abs(a.columnSpacing - b.columnSpacing) <= spacingMm
  );
}

export type StackCheck = { readonly coherent: true } | { readonly coherent: false; readonly reason: string };

/** Whether all planes share orientation (IOP within tolerance), Rows/Columns and PixelSpacing. */
export function checkCoherentStack(planes: ReadonlyArray<ImagePlane>, tolerances: StackTolerances = DEFAULT_STACK_TOLERANCES): StackCheck {
  const first = planes[0];
  if (first === undefined) return { coherent: false, reason: 'no planes' };
  for (let i = 1; i < planes.length; i++) {
    const plane = planes[i];
    if (plane === undefined) continue;
    if (!sameOrientation(first, plane, tolerances.orientation)) {
      return { coherent: false, reason: `plane ${i} has a different orientation (ImageOrientationPatient) from plane 0` };
    }
    if (plane.rows !== first.rows || plane.columns !== first.columns) {
      return { coherent: false, reason: `plane ${i} is ${plane.rows}x${plane.columns}, plane 0 is ${first.rows}x${first.columns}` };
    }
    if (!sameGrid(first, plane, tolerances.spacingMm)) {
      return { coherent: false, reason: `plane ${i} has a different PixelSpacing from plane 0` };
    }
  }
  return { coherent: true };
}

/**
 * Splits a series into coherent stacks: items with the same orientation, matrix size and pixel spacing go
 * together. Stable partition: stacks appear in the order of their first item, and items keep their input order
 * inside a stack (sort each with sortByPosition).
 */
export function splitIntoStacks<T>(
  items: ReadonlyArray<T>,
  planeOf: (item: T) => ImagePlane,
  tolerances: StackTolerances = DEFAULT_STACK_TOLERANCES,
): T[][] {
  const stacks: { readonly reference: ImagePlane; readonly items: T[] }[] = [];
  for (const item of items) {
    const plane = planeOf(item);
    const stack = stacks.find(
      (s) => sameOrientation(s.reference, plane, tolerances.orientation) && sameGrid(s.reference, plane, tolerances.spacingMm),
    );
    if (stack) stack.items.push(item);
    else stacks.push({ reference: plane, items: [item] });
  }
  return stacks.map((s) => s.items);
}

/** Gaps between consecutive planes along the first plane's normal (planes in the given order; sort first). */
export function sliceGaps(planes: ReadonlyArray<ImagePlane>): Mm[] {
  const first = planes[0];
  if (first === undefined) return [];
  const normal = planeNormal(first);
  const gaps: Mm[] = [];
  for (let i = 1; i < planes.length; i++) {
    const a = planes[i - 1];
    const b = planes[i];
    if (a && b) gaps.push(mm(positionAlong(b, normal) - positionAlong(a, normal)));
  }
  return gaps;
}

export type VolumeCheck =
  | { readonly regular: true; readonly sliceSpacing: Mm; readonly sliceCount: number }
  | { readonly regular: false; readonly reason: string };

const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/**
 * Whether planes (in any order) form a regular volume: at least 2 planes, a coherent stack, distinct positions,
 * every gap equal to the median gap within max(spacingMm, sliceSpacingRelative x median), and slice origins
 * stacked along the normal (no in-plane drift beyond shearMm per slice). The reason names the first problem found.
 * sliceSpacing is the mean gap (first-to-last distance / (n - 1)), the value to use for reformatting.
 */
export function checkRegularVolume(planes: ReadonlyArray<ImagePlane>, tolerances: StackTolerances = DEFAULT_STACK_TOLERANCES): VolumeCheck {
  if (planes.length < 2) return { regular: false, reason: `a volume needs at least 2 slices, got ${planes.length}` };
  const coherent = checkCoherentStack(planes, tolerances);
  if (!coherent.coherent) return { regular: false, reason: `not one stack: ${coherent.reason}` };
  const sorted = sortByPosition(planes, (p) => p);
  const gaps = sliceGaps(sorted);
  const typical = median(gaps);
  const allowed = Math.max(tolerances.spacingMm, tolerances.sliceSpacingRelative * typical);
  for (let i = 0; i < gaps.length; i++) {
    const gap = gaps[i] ?? 0;
    if (gap <= tolerances.spacingMm) return { regular: false, reason: `slices ${i} and ${i + 1} are at the same position (duplicate)` };
    if (Math.abs(gap - typical) > allowed) {
      const kind = gap > typical ? 'gap (missing slices?)' : 'uneven spacing';
      return { regular: false, reason: `${kind}: slices ${i}-${i + 1} are ${gap.toFixed(3)} mm apart, typical ${typical.toFixed(3)} mm` };
    }
  }
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return { regular: false, reason: 'no planes' };
  const normal = planeNormal(first);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1];
    const b = sorted[i];
    if (!a || !b) continue;
    const step = sub(b.imagePositionPatient, a.imagePositionPatient);
    const inPlane = sub(step, scale(normal, dot(step, normal)));
    if (norm(inPlane) > tolerances.shearMm) {
      return { regular: false, reason: `sheared stack (gantry tilt?): slice ${i} origin drifts ${norm(inPlane).toFixed(3)} mm in-plane` };
    }
  }
  const spacing = (positionAlong(last, normal) - positionAlong(first, normal)) / (sorted.length - 1);
  return { regular: true, sliceSpacing: mm(spacing), sliceCount: sorted.length };
}
