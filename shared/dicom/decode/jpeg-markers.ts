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

const ascii = (bytes: Uint8Array, at: number, text: string): boolean => [...text].every((ch, i) => bytes[at + i] === ch.charCodeAt(0));

/**
 * A copy of a 3-component DCT JPEG that libjpeg(-turbo) will decode WITHOUT its own YCbCr→RGB guess:
 * the JFIF and Adobe APP markers are renamed (so they are skipped) and the component ids become
 * 'R','G','B' (in SOF and every SOS), which libjpeg reads as "no colour transform". DICOM's
 * Photometric Interpretation, not the codestream's markers, then decides whether we convert —
 * what dcmtk does by default (convert only when the header says YBR).
 */
export function withoutColourTransform(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  const ids = new Map<number, number>();
  const rgb = [0x52, 0x47, 0x42];
  let p = 2;
  while (p + 4 <= out.length) {
    if (out[p] !== 0xff) break;
    const marker = out[p + 1] ?? 0;
    if (marker === 0xff) {
      p += 1;
      continue;
    }
    const length = ((out[p + 2] ?? 0) << 8) | (out[p + 3] ?? 0);
    const body = p + 4;
    if (marker === 0xe0 && ascii(out, body, 'JFIF')) out[body + 3] = 0x58; // "JFIX"
    if (marker === 0xee && ascii(out, body, 'Adobe')) out[body + 4] = 0x58; // "AdobX"
    if (isSof(marker) && out[body + 5] === 3) {
      for (let c = 0; c < 3; c++) {
        const at = body + 6 + c * 3;
        ids.set(out[at] ?? 0, rgb[c] ?? 0);
        out[at] = rgb[c] ?? 0;
      }
    }
    if (marker === 0xda) {
      const n = out[body] ?? 0;
      for (let c = 0; c < n; c++) {
        const at = body + 1 + c * 2;
        out[at] = ids.get(out[at] ?? 0) ?? out[at] ?? 0;
      }
      // Entropy-coded data follows: skip to the next marker that is not a stuffed byte or RST.
      p = body + length - 2;
      while (p + 1 < out.length && !(out[p] === 0xff && out[p + 1] !== 0x00 && !((out[p + 1] ?? 0) >= 0xd0 && (out[p + 1] ?? 0) <= 0xd7))) p++;
      continue;
    }
    if (marker === 0xd9 || length < 2) break;
    p += 2 + length;
  }
  return out;
}
