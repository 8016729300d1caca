import { describe, expect, it } from 'vitest';
import { fillOpaqueGrey, opaqueGreyLut } from '../../../src-renderer/viewer/cornerstone/opaque-grey';

describe('opaque grey pixels (our cornerstone grey renderer)', () => {
  it('turns an 8-bit LUT into opaque RGBA with R = G = B = the LUT value', () => {
    const lut32 = opaqueGreyLut(Uint8ClampedArray.from([0, 1, 128, 255]));
    const bytes = new Uint8Array(lut32.buffer);
    // ImageData byte order is R, G, B, A.
    expect([...bytes.subarray(0, 4)]).toEqual([0, 0, 0, 255]);
    expect([...bytes.subarray(4, 8)]).toEqual([1, 1, 1, 255]);
    expect([...bytes.subarray(8, 12)]).toEqual([128, 128, 128, 255]);
    expect([...bytes.subarray(12, 16)]).toEqual([255, 255, 255, 255]);
  });

  it('maps signed stored values through a LUT that starts at min(minPixel, 0), as cornerstone indexes it', () => {
    // Stored values -2..2: LUT index = value - offset with offset -2 (cornerstone: lut[value + -offset]).
    const lut = Uint8ClampedArray.from([10, 20, 30, 40, 50]);
    const pixels = Int16Array.from([-2, -1, 0, 1, 2, 0]);
    const out = new Uint32Array(pixels.length);
    fillOpaqueGrey(pixels, opaqueGreyLut(lut), -2, out);
    const red = [...new Uint8Array(out.buffer)].filter((_, i) => i % 4 === 0);
    const alpha = [...new Uint8Array(out.buffer)].filter((_, i) => i % 4 === 3);
    expect(red).toEqual([10, 20, 30, 40, 50, 30]);
    expect(alpha.every((a) => a === 255)).toBe(true);
  });

  it('unsigned 16-bit data with offset 0, and never writes past the output', () => {
    const lut = new Uint8ClampedArray(4096).map((_, i) => i >> 4);
    const pixels = Uint16Array.from([0, 4095, 2048, 16]);
    const out = new Uint32Array(3);
    fillOpaqueGrey(pixels, opaqueGreyLut(lut), 0, out);
    expect([...new Uint8Array(out.buffer)].filter((_, i) => i % 4 === 1)).toEqual([0, 255, 128]);
  });
});
