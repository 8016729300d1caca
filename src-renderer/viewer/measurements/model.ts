import type { Vec3 } from '@shared/geometry';
import type { SpacingSource } from '../types';

/**
 * Our measurement record (the annotation document will hold these later). Points are in PATIENT space (LPS mm)
 * with their FrameOfReferenceUID, so a measurement drawn on an axial shows up on any reformat or reload of the
 * same frame of reference. Cornerstone never sees them: the overlay draws them.
 */
export type MeasurementKind = 'length' | 'angle' | 'cobb' | 'arrow';

export interface Measurement {
  readonly id: string;
  readonly kind: MeasurementKind;
  readonly frameOfReferenceUID: string;
  /** length/arrow: 2 (arrow: tip, then text anchor); angle: 3 (arm, vertex, arm); cobb: 4 (line 1, line 2). */
  readonly points: readonly Vec3[];
  /** Where the millimetres come from, taken from the image it was drawn on. */
  readonly calibration: SpacingSource;
  /** The series and image it was drawn on (for the list and for jumping back to it). */
  readonly seriesKey: string;
  readonly imageId: string;
  readonly text?: string;
}

export const POINTS_PER_KIND: Readonly<Record<MeasurementKind, number>> = { length: 2, arrow: 2, angle: 3, cobb: 4 };

export type MeasurementPatch = Partial<Pick<Measurement, 'points' | 'text'>>;

export type MeasurementChange =
  | { readonly type: 'added'; readonly measurement: Measurement }
  | { readonly type: 'updated'; readonly measurement: Measurement }
  | { readonly type: 'removed'; readonly id: string };

/** The small store interface the viewer needs; the annotation document can implement it later. */
export interface MeasurementStore {
  list(): readonly Measurement[];
  get(id: string): Measurement | undefined;
  add(measurement: Measurement): void;
  update(id: string, patch: MeasurementPatch): void;
  remove(id: string): void;
  /** Called after every change; returns the unsubscribe function. */
  subscribe(listener: (change: MeasurementChange) => void): () => void;
}
