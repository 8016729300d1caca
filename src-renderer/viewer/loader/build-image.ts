import type { Image } from 'cornerstone-core';
import { initialVoi } from '../voi';
import type { StoredPixelArray, ViewerFrame } from './types';

export interface PixelSpacingPair {
  readonly row: number;
  readonly column: number;
}

function minMax(pixels: ArrayLike<number>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < pixels.length; i++) {
    const v = pixels[i] ?? 0;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return pixels.length === 0 ? { min: 0, max: 0 } : { min, max };
}

/** cornerstone's grey LUT is indexed by stored value, so non-integer samples are rounded (float pixel data is rare in spine imaging). */
function integerPixels(pixels: StoredPixelArray): Exclude<StoredPixelArray, Float32Array | Float64Array> {
  if (!(pixels instanceof Float32Array || pixels instanceof Float64Array)) return pixels;
  const out = new Int32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = Math.round(pixels[i] ?? 0);
  return out;
}

/**
 * A cornerstone Image from a decoded frame. Grey images keep their stored values and carry slope/intercept
 * (cornerstone applies the modality LUT); MONOCHROME1 is flagged `invert` so low values display white.
 * Colour images are interleaved 8-bit RGB (`rgba: false`).
 */
export function buildCornerstoneImage(imageId: string, frame: ViewerFrame, spacing: PixelSpacingPair | null): Image {
  const color = frame.samplesPerPixel === 3;
  const pixels = integerPixels(frame.pixels);
  const { min, max } = minMax(pixels);
  const slope = color ? 1 : frame.rescaleSlope;
  const intercept = color ? 0 : frame.rescaleIntercept;
  const voi = color ? { windowWidth: 255, windowCenter: 128 } : initialVoi(frame, pixels, slope, intercept);
  const image: Partial<Image> & { imageId: string } = {
    imageId,
    minPixelValue: min,
    maxPixelValue: max,
    slope,
    intercept,
    windowCenter: voi.windowCenter,
    windowWidth: voi.windowWidth,
    // The typings say number[]; cornerstone reads any indexable array, and typed arrays are what we keep.
    getPixelData: () => pixels as unknown as number[],
    rows: frame.rows,
    columns: frame.columns,
    height: frame.rows,
    width: frame.columns,
    color,
    rgba: false,
    // cornerstone uses undefined for "unknown"; it then draws square pixels.
    columnPixelSpacing: spacing?.column as number,
    rowPixelSpacing: spacing?.row as number,
    invert: !color && frame.photometricInterpretation === 'MONOCHROME1',
    sizeInBytes: pixels.byteLength,
  };
  return image as Image;
}
