/** What a JPEG (ITU T.81 / T.87) frame header says, read without decoding. */
export interface JpegFrameHeader {
  /** The SOF marker's low byte: 0xC0 baseline, 0xC1 extended, 0xC2 progressive, 0xC3 lossless, 0xF7 JPEG-LS. */
  readonly marker: number;
  readonly precision: number;
  readonly height: number;
  readonly width: number;
  readonly components: number;
}

const isSof = (m: number): boolean => (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) || m === 0xf7;

/** Walks the marker segments up to the first SOF; undefined when there is none (not a JPEG stream). */
export function readJpegFrameHeader(bytes: Uint8Array): JpegFrameHeader | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let p = 2;
  while (p + 4 <= bytes.length) {
    if (bytes[p] !== 0xff) return undefined;
    const marker = bytes[p + 1] ?? 0;
    if (marker === 0xff) {
      p += 1; // fill byte
      continue;
    }
    const length = ((bytes[p + 2] ?? 0) << 8) | (bytes[p + 3] ?? 0);
    if (isSof(marker)) {
      if (p + 10 > bytes.length) return undefined;
      return {
        marker,
        precision: bytes[p + 4] ?? 0,
        height: ((bytes[p + 5] ?? 0) << 8) | (bytes[p + 6] ?? 0),
        width: ((bytes[p + 7] ?? 0) << 8) | (bytes[p + 8] ?? 0),
        components: bytes[p + 9] ?? 0,
      };
    }
    if (length < 2) return undefined;
    p += 2 + length;
  }
  return undefined;
}
