import type { ImagePlane } from './image-plane';
import { isInsideImage, patientToImage, signedDistanceToPlane } from './image-plane';
import { fail, ok } from './result';
import type { GeometryResult } from './result';
import { mm } from './units';
import type { ImagePoint, Mm, Vec3 } from './units';
import { distance, lerp } from './vec3';

/**
 * Mapping points between series is only valid inside one frame of reference (FrameOfReferenceUID): two series
 * of the same study can have different patient coordinate origins. Every function here takes the frames and
 * refuses, with a reason, when they differ or are missing.
 */
function checkFrames(a: string, b: string): string | null {
  if (a.trim() === '' || b.trim() === '') return 'missing FrameOfReferenceUID: cannot map points between series';
  if (a !== b) return `different FrameOfReferenceUID (${a} vs ${b}): patient coordinates are not comparable`;
  return null;
}

export interface FramedPlane {
  readonly frameOfReferenceUID: string;
  readonly plane: ImagePlane;
}

export interface LabelledPoint {
  readonly label: string;
  readonly point: Vec3;
}

/** Labelled patient-space points of one frame, ordered along the spine (cranial to caudal, as labelled). */
export interface LabelSet {
  readonly frameOfReferenceUID: string;
  readonly points: ReadonlyArray<LabelledPoint>;
}

export interface ProjectedPoint {
  readonly imagePoint: ImagePoint;
  /** Signed distance from the target plane along its normal. */
  readonly distance: Mm;
  /** Whether the projected point falls on the image (pixel edges included). */
  readonly insideImage: boolean;
}

/** Projects a patient point (of frame `pointFrame`) orthogonally onto a target image plane. */
export function projectPoint(point: Vec3, pointFrame: string, target: FramedPlane): GeometryResult<ProjectedPoint> {
  const problem = checkFrames(pointFrame, target.frameOfReferenceUID);
  if (problem !== null) return fail(problem);
  const projection = patientToImage(target.plane, point);
  return ok({ imagePoint: projection.point, distance: projection.distance, insideImage: isInsideImage(target.plane, projection.point) });
}

export interface NearestLabel {
  readonly label: string;
  /** Signed distance from the labelled point to the plane (mm, along the plane normal). */
  readonly distance: Mm;
}

/**
 * The labelled vertebra nearest to a target (e.g. axial) plane: the label whose point has the smallest
 * |distance| to the infinite plane. Ties go to the earlier label in the set.
 */
export function nearestLabelledVertebra(labels: LabelSet, target: FramedPlane): GeometryResult<NearestLabel> {
  const problem = checkFrames(labels.frameOfReferenceUID, target.frameOfReferenceUID);
  if (problem !== null) return fail(problem);
  let best: NearestLabel | null = null;
  for (const entry of labels.points) {
    const d = signedDistanceToPlane(target.plane, entry.point);
    if (best === null || Math.abs(d) < Math.abs(best.distance)) best = { label: entry.label, distance: mm(d) };
  }
  return best === null ? fail('no labelled vertebrae') : ok(best);
}

/**
 * Proposes positions for `betweenLabels` (in order) between the labelled bodies `fromLabel` and `toLabel`.
 * Simple by design: the path is the polyline through the set's points from `fromLabel` to `toLabel` in set order
 * (reversed when `toLabel` comes first), and the k-th of n proposed bodies sits at arc length k / (n + 1) of that
 * path: evenly spaced, ignoring the real variation of body height along the spine (thoracic bodies are shorter
 * than lumbar ones). The reader confirms or moves each proposal.
 */
export function proposeLabelPositions(
  labels: LabelSet,
  fromLabel: string,
  toLabel: string,
  betweenLabels: ReadonlyArray<string>,
): GeometryResult<LabelSet> {
  const from = labels.points.findIndex((p) => p.label === fromLabel);
  const to = labels.points.findIndex((p) => p.label === toLabel);
  if (from < 0) return fail(`label ${fromLabel} is not placed`);
  if (to < 0) return fail(`label ${toLabel} is not placed`);
  if (from === to) return fail('from and to are the same label');
  const step = from < to ? 1 : -1;
  const path: Vec3[] = [];
  for (let i = from; i !== to + step; i += step) {
    const p = labels.points[i];
    if (p) path.push(p.point);
  }
  const lengths: number[] = [];
  let total = 0;
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1];
    const b = path[i];
    const l = a && b ? distance(a, b) : 0;
    lengths.push(l);
    total += l;
  }
  const start = path[0];
  if (start === undefined || !(total > 0)) return fail(`${fromLabel} and ${toLabel} are at the same position`);
  const pointAt = (arcLength: number): Vec3 => {
    let remaining = arcLength;
    for (let i = 0; i < lengths.length; i++) {
      const l = lengths[i] ?? 0;
      const a = path[i];
      const b = path[i + 1];
      if (a && b && remaining <= l) return lerp(a, b, l > 0 ? remaining / l : 0);
      remaining -= l;
    }
    return path[path.length - 1] ?? start; // only reached through rounding at the very end of the path
  };
  const n = betweenLabels.length;
  const points: LabelledPoint[] = betweenLabels.map((label, k) => ({ label, point: pointAt((total * (k + 1)) / (n + 1)) }));
  return ok({ frameOfReferenceUID: labels.frameOfReferenceUID, points });
}
