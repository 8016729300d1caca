import type { Voi } from '../voi';
import { clampVoi } from '../voi';

/** Pure drag behaviours: each maps (value at drag start, total drag in canvas CSS pixels) to the new value. */

/**
 * Window/level: right widens the window, down raises the level (the common PACS convention). Sensitivity scales
 * with the window, so a narrow brain window and a wide bone window both feel controllable: a 300 px drag changes
 * the width by about its own size, with a floor of 1 unit per pixel for tiny windows.
 */
export function dragWindowLevel(start: Voi, dx: number, dy: number): Voi {
  const perPixel = Math.max(1, start.windowWidth / 300);
  return clampVoi({ windowWidth: start.windowWidth + dx * perPixel, windowCenter: start.windowCenter + dy * perPixel });
}

export interface Translation {
  readonly x: number;
  readonly y: number;
}

/** Pan: cornerstone's translation is in image pixels, so canvas movement is divided by the display scale. */
export function dragPan(start: Translation, dx: number, dy: number, scale: number): Translation {
  const s = scale > 0 ? scale : 1;
  return { x: start.x + dx / s, y: start.y + dy / s };
}

export const MIN_SCALE = 0.05;
export const MAX_SCALE = 40;
export const clampScale = (scale: number): number => Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));

/** Zoom: drag up to zoom in, exponential so equal drags give equal ratios; doubles every ~70 px. */
export function dragZoom(startScale: number, dy: number): number {
  return clampScale(startScale * Math.exp(-dy * 0.01));
}

/** Wheel with Ctrl (or a pinch) zooms by the same law; deltaY in pixels. */
export const wheelZoom = (scale: number, deltaY: number): number => clampScale(scale * Math.exp(-deltaY * 0.002));

/**
 * Scale that fits an image into a canvas, as cornerstone computes it: the image's physical aspect is kept by
 * stretching the axis with the larger pixel spacing (so non-square pixels look right).
 */
export function fitScale(canvas: { width: number; height: number }, image: { columns: number; rows: number; columnPixelSpacing: number; rowPixelSpacing: number }): number {
  let widthScale = 1;
  let heightScale = 1;
  const cs = image.columnPixelSpacing;
  const rs = image.rowPixelSpacing;
  if (cs > 0 && rs > 0 && cs !== rs) {
    if (rs < cs) widthScale = cs / rs;
    else heightScale = rs / cs;
  }
  const w = image.columns * widthScale;
  const h = image.rows * heightScale;
  if (!(w > 0) || !(h > 0) || !(canvas.width > 0) || !(canvas.height > 0)) return 1;
  return Math.min(canvas.width / w, canvas.height / h);
}
