import type { Vec3 } from '@shared/geometry';
import type { SpacingSource, ViewerInstance } from '../types';

/**
 * Our measurement record as the viewer sees it. Points are in PATIENT space (LPS mm) with their FrameOfReferenceUID,
 * so a measurement drawn on an axial shows up on any reformat or reload of the same frame of reference. Cornerstone
 * never sees them: the overlay draws them. Which store holds them is injected (MeasurementStore): in the app, the
 * study's annotation document (src-renderer/reading adapts it); alone, an in-memory store.
 */
export type MeasurementKind = 'length' | 'angle' | 'cobb' | 'arrow';

/** Where a length's mm come from: the drawn image's spacing source, or 'unknown' for records that did not keep it. */
export type Calibration = SpacingSource | 'unknown';

/** The image a measurement was drawn on: its SOPInstanceUID (the viewer's image id when the file has none) and frame. */
export interface SourceImage {
  readonly sopInstanceUID: string;
  readonly frame: number;
}

export interface Measurement {
  readonly id: string;
  readonly kind: MeasurementKind;
  readonly frameOfReferenceUID: string;
  /** length/arrow: 2 (arrow: tip, then text anchor); angle: 3 (arm, vertex, arm); cobb: 4 (line 1, line 2). */
  readonly points: readonly Vec3[];
  /** Lengths: where the millimetres come from, taken from the image it was drawn on. */
  readonly calibration: Calibration;
  /** The image it was drawn on (for the list's jump back to it, and for the record). */
  readonly source: SourceImage;
  readonly text?: string;
}

export const POINTS_PER_KIND: Readonly<Record<MeasurementKind, number>> = { length: 2, arrow: 2, angle: 3, cobb: 4 };

/** Identifiers in DICOM are at most 64 characters; a reformat's image id stands in and is cut to fit. */
export function sourceImageOf(instance: ViewerInstance): SourceImage {
  return { sopInstanceUID: (instance.sopInstanceUID ?? instance.imageId).slice(0, 64), frame: instance.source?.frame ?? 0 };
}

export type NewMeasurement = Omit<Measurement, 'id'>;
export type MeasurementPatch = Partial<Pick<Measurement, 'points' | 'text'>>;

export type MeasurementChange =
  | { readonly type: 'added'; readonly measurement: Measurement }
  | { readonly type: 'updated'; readonly measurement: Measurement }
  | { readonly type: 'removed'; readonly id: string };

/** A store may refuse (e.g. no reading document is open yet); the viewer shows the reason. */
export type AddResult = { readonly ok: true; readonly id: string } | { readonly ok: false; readonly message: string };

/**
 * The small store interface the viewer needs. The store assigns ids. A handle drag calls `update` on every move
 * and `endDrag` on release, so a store with undo history can make the whole drag one step.
 */
export interface MeasurementStore {
  list(): readonly Measurement[];
  get(id: string): Measurement | undefined;
  add(measurement: NewMeasurement): AddResult;
  update(id: string, patch: MeasurementPatch): void;
  endDrag(): void;
  remove(id: string): void;
  /** Called after every change; returns the unsubscribe function. */
  subscribe(listener: (change: MeasurementChange) => void): () => void;
}
