import type { DataSet } from './dicom-parser';

/** VOI LUT Function (0028,1056), PS3.3 C.11.2.1.3. */
export type VoiFunction = 'LINEAR' | 'LINEAR_EXACT' | 'SIGMOID';

export interface VoiWindow {
  readonly center: number;
  readonly width: number;
  readonly function: VoiFunction;
  /** Window Center & Width Explanation (0028,1055), e.g. "BONE"; undefined when absent. */
  readonly explanation?: string;
}

function fn(text: string | undefined): VoiFunction {
  const t = (text ?? '').trim().toUpperCase();
  return t === 'LINEAR_EXACT' || t === 'SIGMOID' ? t : 'LINEAR';
}

/** Every window the file proposes (Window Center/Width are multi-valued and pair up by index). */
export function readWindows(dataSet: DataSet): VoiWindow[] {
  const count = Math.min(dataSet.numStringValues('x00281050') ?? 0, dataSet.numStringValues('x00281051') ?? 0);
  const func = fn(dataSet.string('x00281056'));
  const windows: VoiWindow[] = [];
  for (let i = 0; i < count; i++) {
    const center = dataSet.floatString('x00281050', i);
    const width = dataSet.floatString('x00281051', i);
    if (center === undefined || width === undefined || !Number.isFinite(center) || !Number.isFinite(width)) continue;
    // LINEAR needs width ≥ 1, LINEAR_EXACT and SIGMOID width > 0 (C.11.2.1.2.1); skip unusable ones.
    if (func === 'LINEAR' ? width < 1 : width <= 0) continue;
    const explanation = dataSet.string('x00281055', i);
    windows.push({ center, width, function: func, ...(explanation === undefined ? {} : { explanation }) });
  }
  return windows;
}

/**
 * Maps a modality value (after rescale) through a window to [yMin, yMax] (PS3.3 C.11.2.1.2.1 for
 * LINEAR, C.11.2.1.3.2 for LINEAR_EXACT, C.11.2.1.3.1 for SIGMOID).
 */
export function applyWindow(x: number, w: VoiWindow, yMin = 0, yMax = 255): number {
  const range = yMax - yMin;
  const { center: c, width } = w;
  switch (w.function) {
    case 'SIGMOID':
      return range / (1 + Math.exp((-4 * (x - c)) / width)) + yMin;
    case 'LINEAR_EXACT':
      if (x <= c - width / 2) return yMin;
      if (x > c + width / 2) return yMax;
      return ((x - c) / width + 0.5) * range + yMin;
    case 'LINEAR':
    default:
      if (x <= c - 0.5 - (width - 1) / 2) return yMin;
      if (x > c - 0.5 + (width - 1) / 2) return yMax;
      return ((x - (c - 0.5)) / (width - 1) + 0.5) * range + yMin;
  }
}

/** A window covering [min, max] (modality values) when the file proposes none. */
export function windowForRange(min: number, max: number): VoiWindow {
  const width = Math.max(1, max - min + 1);
  return { center: min + (max - min + 1) / 2, width, function: 'LINEAR' };
}
