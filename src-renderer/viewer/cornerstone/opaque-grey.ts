// The pixel arithmetic of the opaque grey renderer (opaque-grey-render.ts), apart from the DOM so it is unit-tested.

/** Opaque grey RGBA words (little-endian ABGR), one per 8-bit LUT entry. */
export function opaqueGreyLut(lut: ArrayLike<number>): Uint32Array {
  const out = new Uint32Array(lut.length);
  for (let i = 0; i < lut.length; i++) {
    const v = (lut[i] as number) & 0xff;
    out[i] = (0xff000000 | (v << 16) | (v << 8) | v) >>> 0;
  }
  return out;
}

/** Stored pixels → opaque grey words through the LUT (offset: the LUT's first stored value, min(minPixel, 0)). */
export function fillOpaqueGrey(pixels: ArrayLike<number>, lut32: Uint32Array, offset: number, out: Uint32Array): void {
  const n = Math.min(pixels.length, out.length);
  for (let i = 0; i < n; i++) out[i] = lut32[(pixels[i] as number) - offset] as number;
}
