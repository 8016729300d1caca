/**
 * Labels on other series (pure). Labels live in patient LPS mm with their FrameOfReferenceUID; a series of the same
 * frame shows them as markers (sagittal/coronal) or as the level of the current slice (axial: the nearest labelled
 * vertebra along the plane normal, with its signed distance). Another frame gets nothing, and says why.
 */
import type { LevelLabelRecord, Variants } from '@shared/annotation';
import { nearestLabelledVertebra, planeNormal, projectPoint, proposeLabelPositions, vec3 } from '@shared/geometry';
import type { ImagePlane, ImagePoint, LabelSet } from '@shared/geometry';
import { levelSequence } from '@shared/spine';

export type LabelDisplay = 'markers' | 'level-readout';

/** Sagittal and coronal images show markers; axial (and oblique) ones the level of the slice. */
export function labelDisplayFor(orientation: string): LabelDisplay {
  return orientation === 'sagittal' || orientation === 'coronal' ? 'markers' : 'level-readout';
}

/** The frame's labels as a geometry LabelSet, cranial to caudal in the patient's sequence. */
export function labelSetFor(labels: readonly LevelLabelRecord[], frameOfReferenceUID: string, variants: Variants): LabelSet {
  const order = levelSequence(variants);
  const rank = (label: string) => {
    const i = order.indexOf(label);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const points = labels
    .filter((l) => l.frameOfReferenceUID === frameOfReferenceUID)
    .sort((a, b) => rank(a.label) - rank(b.label))
    .map((l) => ({ label: l.label, point: vec3(l.point[0], l.point[1], l.point[2]) }));
  return { frameOfReferenceUID, points };
}

/** Why a series shows no labels even though the study has some, or null when it shows them. */
export function labelsHiddenReason(labels: readonly LevelLabelRecord[], frameOfReferenceUID: string | null): string | null {
  if (labels.length === 0) return null;
  if (frameOfReferenceUID === null || frameOfReferenceUID.startsWith('private:')) {
    return 'Labels hidden: this series has no FrameOfReferenceUID, so patient positions cannot be mapped onto it.';
  }
  if (!labels.some((l) => l.frameOfReferenceUID === frameOfReferenceUID)) {
    return 'Labels hidden: they were placed on a series with a different frame of reference (patient coordinates are not comparable).';
  }
  return null;
}

export type LevelReadout = { readonly ok: true; readonly label: string; readonly distance: number; readonly text: string } | { readonly ok: false; readonly reason: string };

/** "L1 (+2.3 mm)": the labelled vertebra nearest to an axial slice; + means the slice is above its centre. */
export function levelReadout(labels: readonly LevelLabelRecord[], frameOfReferenceUID: string, plane: ImagePlane, variants: Variants): LevelReadout {
  const set = labelSetFor(labels, frameOfReferenceUID, variants);
  const nearest = nearestLabelledVertebra(set, { frameOfReferenceUID, plane });
  if (!nearest.ok) return { ok: false, reason: nearest.reason };
  // The slice's offset from the labelled centre, signed so that "+" is superior (towards the head, LPS +z)
  // whatever way the series' normal points.
  const towardsHead = planeNormal(plane)[2] < 0 ? -1 : 1;
  const d = -nearest.value.distance * towardsHead;
  const rounded = Math.abs(d) < 0.05 ? 0 : d;
  const text = `${nearest.value.label} (${rounded >= 0 ? '+' : '−'}${Math.abs(rounded).toFixed(1)} mm)`;
  return { ok: true, label: nearest.value.label, distance: d, text };
}

export interface MarkerPlacement {
  readonly id: string;
  readonly label: string;
  readonly proposed: boolean;
  readonly imagePoint: ImagePoint;
  /** |distance| of the labelled centre from this slice, mm (far markers are drawn faint). */
  readonly distance: number;
}

/** Markers of the frame's labels on one sagittal/coronal image. */
export function markersOn(labels: readonly LevelLabelRecord[], frameOfReferenceUID: string, plane: ImagePlane): MarkerPlacement[] {
  const out: MarkerPlacement[] = [];
  for (const l of labels) {
    const projected = projectPoint(vec3(l.point[0], l.point[1], l.point[2]), l.frameOfReferenceUID, { frameOfReferenceUID, plane });
    if (!projected.ok || !projected.value.insideImage) continue;
    out.push({ id: l.id, label: l.label, proposed: l.proposed, imagePoint: projected.value.imagePoint, distance: Math.abs(projected.value.distance) });
  }
  return out;
}

export interface ProposedLabel {
  readonly label: string;
  readonly point: [number, number, number];
  readonly frameOfReferenceUID: string;
  readonly sourceInstance: LevelLabelRecord['sourceInstance'];
}

/**
 * Proposals for every unlabelled level between two labelled ones of the same frame (e.g. C2 and L5 placed: all of
 * C3–L4), evenly spaced along the path between their neighbours; the reader confirms or moves each.
 */
export function proposeMissing(labels: readonly LevelLabelRecord[], frameOfReferenceUID: string, variants: Variants): ProposedLabel[] {
  const order = levelSequence(variants);
  const placed = labelSetFor(labels, frameOfReferenceUID, variants).points.filter((p) => order.includes(p.label));
  const taken = new Set(labels.map((l) => l.label));
  const source = labels.find((l) => l.frameOfReferenceUID === frameOfReferenceUID)?.sourceInstance;
  if (source === undefined) return [];
  const out: ProposedLabel[] = [];
  for (let i = 1; i < placed.length; i += 1) {
    const a = placed[i - 1];
    const b = placed[i];
    if (a === undefined || b === undefined) continue;
    const between = order.slice(order.indexOf(a.label) + 1, order.indexOf(b.label)).filter((l) => !taken.has(l));
    if (between.length === 0) continue;
    const proposed = proposeLabelPositions({ frameOfReferenceUID, points: [a, b] }, a.label, b.label, between);
    if (!proposed.ok) continue;
    for (const p of proposed.value.points) out.push({ label: p.label, point: [p.point[0], p.point[1], p.point[2]], frameOfReferenceUID, sourceInstance: source });
  }
  return out;
}
