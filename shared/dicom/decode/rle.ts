import { DicomLoadError } from './errors';

/**
 * RLE Lossless (PS3.5 Annex G). A frame is a 64-byte header (segment count + 15 offsets) and one
 * PackBits-coded segment per byte plane: for each sample, the most significant byte plane first.
 * Returns the frame as little-endian bytes, interleaved (R,G,B per pixel), `bytesPerSample` each;
 * for Bits Allocated 1 the single plane holds the packed bits and is returned as is.
 */
export function decodeRleFrame(
  encoded: Uint8Array,
  frame: { rows: number; columns: number; samplesPerPixel: number; bitsAllocated: number },
): Uint8Array {
  const { rows, columns, samplesPerPixel } = frame;
  const packed = frame.bitsAllocated === 1;
  const bytesPerSample = packed ? 1 : frame.bitsAllocated / 8;
  const planeLength = packed ? Math.ceil((rows * columns) / 8) : rows * columns;
  const segmentsExpected = samplesPerPixel * bytesPerSample;
  if (encoded.length < 64) throw new DicomLoadError('malformed', `RLE frame is ${encoded.length} bytes, shorter than its 64-byte header`);
  const view = new DataView(encoded.buffer, encoded.byteOffset, encoded.byteLength);
  const segments = view.getUint32(0, true);
  if (segments !== segmentsExpected) {
    throw new DicomLoadError('malformed', `RLE header lists ${segments} segments, the image needs ${segmentsExpected}`);
  }
  const offsets = Array.from({ length: segments }, (_, i) => view.getUint32(4 + i * 4, true));
  const out = new Uint8Array(planeLength * segmentsExpected);
  for (let s = 0; s < segments; s++) {
    const start = offsets[s] ?? 0;
    const end = s + 1 < segments ? (offsets[s + 1] ?? encoded.length) : encoded.length;
    if (start < 64 || end > encoded.length || end < start) throw new DicomLoadError('malformed', `RLE segment ${s + 1} has a bad offset (${start})`);
    const sample = Math.floor(s / bytesPerSample);
    const byteInSample = bytesPerSample - 1 - (s % bytesPerSample); // planes are MSB first; output is little endian
    const stride = samplesPerPixel * bytesPerSample;
    const first = sample * bytesPerSample + byteInSample;
    const written = unpackBits(encoded, start, end, out, first, stride, planeLength);
    if (written < planeLength) {
      throw new DicomLoadError('malformed', `RLE segment ${s + 1} decodes to ${written} bytes, ${planeLength} expected`);
    }
  }
  return out;
}

/** PackBits: n ≥ 0 copies n+1 literal bytes; −127…−1 repeats the next byte 1−n times; −128 is a no-op. */
function unpackBits(src: Uint8Array, start: number, end: number, out: Uint8Array, first: number, stride: number, limit: number): number {
  let i = start;
  let written = 0;
  while (i < end && written < limit) {
    const header = src[i++] ?? 0;
    const n = header > 127 ? header - 256 : header;
    if (n >= 0) {
      const count = Math.min(n + 1, end - i, limit - written);
      for (let k = 0; k < count; k++) out[first + (written++) * stride] = src[i + k] ?? 0;
      i += n + 1;
    } else if (n !== -128) {
      const value = src[i++] ?? 0;
      const count = Math.min(1 - n, limit - written);
      for (let k = 0; k < count; k++) out[first + (written++) * stride] = value;
    }
  }
  return written;
}
