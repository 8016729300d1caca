import { patientToImage } from '@shared/geometry';
import type { ImagePlane, ImagePoint } from '@shared/geometry';
import type { Screen } from '../tools/draw';
import type { ScreenShape } from '../tools/hit-test';
import { segmentsFor } from '../tools/hit-test';
import type { Measurement } from './model';

/** Half the slab a measurement may be off the displayed plane and still be drawn on it (mm). */
export function visibilityTolerance(sliceThickness: number | null): number {
  return Math.max(0.5, (sliceThickness ?? 1) / 2);
}

/**
 * Where a measurement appears on the displayed image, in canvas pixels; null when it belongs to another frame of
 * reference or does not lie in the displayed slab. All its points must be within `tolerance` of the plane.
 */
export function projectMeasurement(
  m: Measurement,
  plane: ImagePlane,
  frameOfReferenceUID: string | null,
  tolerance: number,
  toCanvas: (p: ImagePoint) => Screen,
): ScreenShape | null {
  if (frameOfReferenceUID === null || m.frameOfReferenceUID !== frameOfReferenceUID) return null;
  const points: Screen[] = [];
  for (const p of m.points) {
    const projected = patientToImage(plane, p);
    if (Math.abs(projected.distance) > tolerance) return null;
    points.push(toCanvas(projected.point));
  }
  return { id: m.id, points, segments: segmentsFor(m.kind, points.length) };
}
