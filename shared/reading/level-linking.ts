/**
 * Linking two studies' viewports by vertebral level (issue 15): where a viewport of one study is along the spine,
 * and the slice of the other study's viewport at the same anatomical position. The map itself is linkByLevels
 * (shared/geometry/level-link.ts); this module turns a study's labels and a displayed plane into the point to map,
 * and the mapped point into a slice, with the note the reader sees (linked between two levels, extrapolated beyond
 * the labelled range, or why the viewports are not linked).
 */
import type { LevelLabelRecord } from '../annotation/schema';
import { linkByLevels, nearestSliceIndex, planeNormal, signedDistanceToPlane, vec3 } from '../geometry';
import type { ImagePlane, LevelAnchor, Vec3 } from '../geometry';
import { dot, lerp, scale, sub } from '../geometry/vec3';
import { ALL_LEVELS } from '../spine';

const rank = (level: string): number => ALL_LEVELS.indexOf(level);

/** The reader's confirmed labels on one frame of reference, cranial to caudal (proposals do not link). */
export function anchorsOn(labels: readonly LevelLabelRecord[], frameOfReferenceUID: string | null): LevelAnchor[] {
  if (frameOfReferenceUID === null) return [];
  return labels
    .filter((l) => !l.proposed && l.frameOfReferenceUID === frameOfReferenceUID && rank(l.label) >= 0)
    .sort((a, b) => rank(a.label) - rank(b.label))
    .map((l) => ({ level: l.label, point: vec3(l.point[0], l.point[1], l.point[2]) }));
}

/** Below this |cos| between the spine and a plane's normal, the plane runs along the spine (sagittal, coronal). */
const ALONG_SPINE = 0.5;

/**
 * The point of the spine a displayed plane shows: where the polyline through the labelled level centres crosses it
 * (an axial slice; the crossing nearest `previous` when it crosses more than once), continued straight beyond the
 * first or last label; for a plane along the spine (sagittal, coronal), `previous` (else the middle label) moved onto
 * the plane, so scrolling across the spine keeps the level. Null without a label.
 */
export function spinePointOnPlane(anchors: readonly LevelAnchor[], plane: ImagePlane, previous: Vec3 | null): Vec3 | null {
  const first = anchors[0];
  if (first === undefined) return null;
  const normal = planeNormal(plane);
  const onto = (p: Vec3): Vec3 => sub(p, scale(normal, signedDistanceToPlane(plane, p)));
  const fallback = previous ?? (anchors[Math.floor((anchors.length - 1) / 2)] as LevelAnchor).point;
  if (anchors.length === 1) return onto(fallback);
  const crossings: Vec3[] = [];
  for (let i = 0; i + 1 < anchors.length; i++) {
    const a = (anchors[i] as LevelAnchor).point;
    const b = (anchors[i + 1] as LevelAnchor).point;
    const da = signedDistanceToPlane(plane, a);
    const db = signedDistanceToPlane(plane, b);
    if (da === db) continue;
    const t = da / (da - db);
    const last = i + 2 === anchors.length;
    // Inside the segment, or beyond the first/last label along the end segment's line.
    if ((t >= 0 && t <= 1) || (i === 0 && t < 0) || (last && t > 1)) {
      const direction = sub(b, a);
      const length = Math.sqrt(dot(direction, direction));
      if (length > 0 && Math.abs(dot(direction, normal)) / length >= ALONG_SPINE) crossings.push(lerp(a, b, t));
    }
  }
  if (crossings.length === 0) return onto(fallback);
  const near = previous ?? fallback;
  return crossings.reduce((best, p) => (dist(p, near) < dist(best, near) ? p : best));
}

const dist = (a: Vec3, b: Vec3): number => {
  const d = sub(a, b);
  return Math.sqrt(dot(d, d));
};

/** What one target viewport shows after a link: its slice and the mapped point, or why it is not linked. */
export type ViewportLink =
  | {
      readonly kind: 'linked';
      readonly point: Vec3;
      readonly sliceIndex: number;
      /** Distance from the mapped point to the slice shown (mm; at most half the slice spacing inside the stack). */
      readonly sliceDistance: number;
      readonly between: readonly [string, string];
      readonly t: number;
      readonly extrapolated: 'cranial' | 'caudal' | null;
      readonly note: string;
    }
  | { readonly kind: 'not-linked'; readonly note: string };

/** Within this fraction of a segment the point is said to be at the level itself. */
const AT_LEVEL = 0.05;

/** The reader's words for where a linked point lies along the shared levels. */
export function linkNote(between: readonly [string, string], t: number, extrapolated: 'cranial' | 'caudal' | null): string {
  const [upper, lower] = between;
  if (extrapolated === 'cranial') return `Extrapolated above ${upper}, the highest level labelled in both`;
  if (extrapolated === 'caudal') return `Extrapolated below ${lower}, the lowest level labelled in both`;
  if (upper === lower || t <= AT_LEVEL) return `Linked at ${upper}`;
  if (t >= 1 - AT_LEVEL) return `Linked at ${lower}`;
  return `Linked between ${upper} and ${lower}`;
}

export const NO_LABELS_SOURCE = 'Not linked: no level is labelled on the images being moved';
export const NO_LABELS_TARGET = 'Not linked: no level is labelled on these images';
export const NO_SHARED_LEVEL = 'Not linked: the two studies share no labelled level';

/**
 * The slice of a target stack at the anatomical position of `point` in the source study, through the levels both
 * have labelled. `from`: the source's anchors (on the frame `point` is in); `to`: the target's anchors (on the
 * frame of `planes`).
 */
export function linkToStack(from: readonly LevelAnchor[], point: Vec3, to: readonly LevelAnchor[], planes: readonly ImagePlane[]): ViewportLink {
  if (from.length === 0) return { kind: 'not-linked', note: NO_LABELS_SOURCE };
  if (to.length === 0) return { kind: 'not-linked', note: NO_LABELS_TARGET };
  const link = linkByLevels(from, to, ALL_LEVELS);
  if (!link.ok) return { kind: 'not-linked', note: link.reason.includes('share no') ? NO_SHARED_LEVEL : `Not linked: ${link.reason}` };
  const mapped = link.value.map(point);
  const nearest = nearestSliceIndex(planes, mapped.point);
  if (nearest === null) return { kind: 'not-linked', note: 'Not linked: these images have no slice' };
  return {
    kind: 'linked',
    point: mapped.point,
    sliceIndex: nearest.index,
    sliceDistance: Math.abs(nearest.distance),
    between: mapped.between,
    t: mapped.t,
    extrapolated: mapped.extrapolated,
    note: linkNote(mapped.between, mapped.t, mapped.extrapolated),
  };
}

/** The point of a label (for "go to level"), or null when the study has no confirmed label of that level. */
export function levelPoint(labels: readonly LevelLabelRecord[], level: string): { readonly point: Vec3; readonly frameOfReferenceUID: string } | null {
  const found = labels.find((l) => !l.proposed && l.label === level);
  return found === undefined ? null : { point: vec3(found.point[0], found.point[1], found.point[2]), frameOfReferenceUID: found.frameOfReferenceUID };
}

/** The levels both studies have labelled (confirmed), cranial to caudal: what "go to level" offers. */
export function sharedLevels(a: readonly LevelLabelRecord[], b: readonly LevelLabelRecord[]): string[] {
  const inB = new Set(b.filter((l) => !l.proposed).map((l) => l.label));
  return [...new Set(a.filter((l) => !l.proposed && inB.has(l.label)).map((l) => l.label))].sort((x, y) => rank(x) - rank(y));
}

