import type { Image } from 'cornerstone-core';

/**
 * Paints a grey or RGB cornerstone Image into an RGBA buffer at its own size, with a linear window (used for
 * series thumbnails, which do not need an enabled element). Pure, so it is unit-tested.
 */
export function paintThumbnail(image: Image, out: Uint8ClampedArray): void {
  const pixels = image.getPixelData() as ArrayLike<number>;
  const n = image.rows * image.columns;
  if (image.color) {
    for (let i = 0; i < n; i++) {
      out[i * 4] = pixels[i * 3] ?? 0;
      out[i * 4 + 1] = pixels[i * 3 + 1] ?? 0;
      out[i * 4 + 2] = pixels[i * 3 + 2] ?? 0;
      out[i * 4 + 3] = 255;
    }
    return;
  }
  const low = image.windowCenter - image.windowWidth / 2;
  const width = Math.max(1, image.windowWidth);
  for (let i = 0; i < n; i++) {
    const modality = (pixels[i] ?? 0) * image.slope + image.intercept;
    let v = Math.round(((modality - low) / width) * 255);
    v = v < 0 ? 0 : v > 255 ? 255 : v;
    if (image.invert) v = 255 - v;
    out[i * 4] = v;
    out[i * 4 + 1] = v;
    out[i * 4 + 2] = v;
    out[i * 4 + 3] = 255;
  }
}
