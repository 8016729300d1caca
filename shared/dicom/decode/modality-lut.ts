import type { DataSet } from './dicom-parser';

/** Rescale Slope/Intercept (PS3.3 C.11.1): output units (e.g. HU) = stored × slope + intercept. */
export interface Rescale {
  readonly slope: number;
  readonly intercept: number;
  /** Rescale Type (0028,1054), e.g. "HU"; undefined when absent. */
  readonly type?: string;
}

export const IDENTITY_RESCALE: Rescale = { slope: 1, intercept: 0 };

/**
 * The top-level rescale of a data set. Enhanced multi-frame objects carry it per frame in the Pixel
 * Value Transformation functional group; pass those values instead (the index reads functional groups).
 */
export function readRescale(dataSet: DataSet): Rescale {
  const slope = dataSet.floatString('x00281053');
  const intercept = dataSet.floatString('x00281052');
  const type = dataSet.string('x00281054');
  return {
    slope: slope === undefined || !Number.isFinite(slope) || slope === 0 ? 1 : slope,
    intercept: intercept === undefined || !Number.isFinite(intercept) ? 0 : intercept,
    ...(type === undefined ? {} : { type }),
  };
}

export function applyRescale(stored: number, rescale: Rescale): number {
  return stored * rescale.slope + rescale.intercept;
}

/** The rescaled range of stored values [min, max] (a negative slope swaps the ends). */
export function rescaledRange(min: number, max: number, rescale: Rescale): { min: number; max: number } {
  const a = applyRescale(min, rescale);
  const b = applyRescale(max, rescale);
  return { min: Math.min(a, b), max: Math.max(a, b) };
}
