import type { ImagePlane } from './image-plane';
import { planeNormal } from './image-plane';
import { degrees, radians, toDegrees, toRadians } from './units';
import type { Degrees, Vec3 } from './units';
import { negate } from './vec3';

export type PlaneOrientation = 'axial' | 'sagittal' | 'coronal' | 'oblique';
export type StandardOrientation = Exclude<PlaneOrientation, 'oblique'>;

/**
 * Default tolerance (degrees) between a plane's normal and the nearest patient axis for it still to count as
 * axial/sagittal/coronal; beyond it the plane is 'oblique'. 15 degrees keeps a routinely angled lumbar axial
 * (disc-parallel blocks are typically tilted 5-15 degrees) "axial", while a 30 degree tilt is "oblique".
 * The same angle decides when an edge label gets a second letter (see orientationLetters).
 */
export const ORIENTATION_TOLERANCE_DEG = degrees(15);

export interface OrientationClass {
  /** 'oblique' when the normal is further than the tolerance from every patient axis. */
  readonly orientation: PlaneOrientation;
  /** The standard orientation the plane is closest to (e.g. 'axial' for an oblique axial). */
  readonly nearest: StandardOrientation;
  /** Angle between the plane normal and the nearest patient axis. */
  readonly obliquity: Degrees;
}

// Normal along x (L-R) = sagittal, along y (A-P) = coronal, along z (H-F) = axial.
const BY_AXIS: readonly StandardOrientation[] = ['sagittal', 'coronal', 'axial'];

export function classifyPlane(plane: ImagePlane, tolerance: Degrees = ORIENTATION_TOLERANCE_DEG): OrientationClass {
  const n = planeNormal(plane);
  let axis = 0;
  for (let i = 1; i < 3; i++) if (Math.abs(n[i] ?? 0) > Math.abs(n[axis] ?? 0)) axis = i;
  const along = Math.min(1, Math.abs(n[axis] ?? 0));
  // atan2 of the off-axis part against the on-axis part: no acos, no NaN from rounding above 1.
  const obliquity = toDegrees(radians(Math.atan2(Math.sqrt(Math.max(0, 1 - along * along)), along)));
  const nearest = BY_AXIS[axis] ?? 'axial';
  return { orientation: obliquity <= tolerance ? nearest : 'oblique', nearest, obliquity };
}

const LETTERS: readonly (readonly [positive: string, negative: string])[] = [
  ['L', 'R'],
  ['P', 'A'],
  ['H', 'F'],
];

/**
 * Patient-direction letters for a direction vector, strongest component first: LPS, so +x = L, +y = P, +z = H.
 * The strongest component always gives a letter; another component adds its letter when the direction leans
 * towards that axis by at least `tolerance` (|component| >= sin(tolerance)). E.g. a row cosine tilted 30 degrees
 * from L towards P gives "LP".
 */
export function orientationLetters(direction: Vec3, tolerance: Degrees = ORIENTATION_TOLERANCE_DEG): string {
  const threshold = Math.sin(toRadians(tolerance));
  const parts = [0, 1, 2]
    .map((axis) => ({ axis, value: direction[axis] ?? 0 }))
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || a.axis - b.axis);
  let out = '';
  parts.forEach((part, i) => {
    if (i > 0 && Math.abs(part.value) < threshold) return;
    if (part.value === 0) return;
    const pair = LETTERS[part.axis];
    if (pair) out += part.value > 0 ? pair[0] : pair[1];
  });
  return out;
}

/** Labels for the four edges of a displayed image: each names the patient direction towards that edge. */
export interface EdgeLabels {
  readonly left: string;
  readonly right: string;
  readonly top: string;
  readonly bottom: string;
}

/**
 * Overlay labels from the plane cosines, for an image displayed unflipped and unrotated (column 0 on the left,
 * row 0 at the top). Right = direction of increasing column (rowCosine); bottom = increasing row (columnCosine).
 * A standard axial shows R on the left and L on the right (radiological convention comes from the data itself).
 */
export function edgeLabels(plane: ImagePlane, tolerance: Degrees = ORIENTATION_TOLERANCE_DEG): EdgeLabels {
  return {
    left: orientationLetters(negate(plane.rowCosine), tolerance),
    right: orientationLetters(plane.rowCosine, tolerance),
    top: orientationLetters(negate(plane.columnCosine), tolerance),
    bottom: orientationLetters(plane.columnCosine, tolerance),
  };
}
