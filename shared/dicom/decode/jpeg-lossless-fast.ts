/**
 * JPEG Lossless (ITU T.81 process 14: SOF3, Huffman) for the common DICOM case: one component, any predictor
 * 1–7, any precision 2–16, point transform, restart intervals of whole rows. Table-driven Huffman decoding (a
 * 9-bit lookup, then the canonical code ranges), a 32-bit bit buffer and one pass over the samples.
 *
 * Why: jpeg-lossless-decoder-js (pure JS) reads Huffman codes a bit at a time; 90% of a JPEG Lossless frame's
 * decode was inside it (issue 14: 11–14 ms per 512² CT frame vs gdcm 8 ms). The library stays the decoder for
 * everything this one does not take on (several components, restart intervals that split rows, hierarchical or
 * arithmetic-coded streams) and for damaged data: this returns undefined rather than deciding, so what a damaged
 * file shows is exactly what it showed before.
 */

export interface LosslessFrame {
  readonly width: number;
  readonly height: number;
  readonly precision: number;
  /** Uint16Array for precision > 8, Uint8Array otherwise (one sample per pixel). */
  readonly samples: Uint16Array | Uint8Array;
}

interface Huffman {
  /** 9-bit lookup: (length << 8) | symbol, 0 when the code is longer than 9 bits. */
  readonly fast: Uint16Array;
  /**
   * 12-bit lookup of code and extra bits together: (bits used << 17) | (difference + 32768), 0 when the code and
   * its extra bits do not fit in 12 bits. Noisy CT differences mostly do, so most samples cost one lookup.
   */
  readonly combo: Int32Array;
  /** Per code length 1–16: the largest code (−1 when none), and the value index offset. */
  readonly maxCode: Int32Array;
  readonly offset: Int32Array;
  readonly values: Uint8Array;
}

const FAST_BITS = 9;
const COMBO_BITS = 12;

const extend = (v: number, s: number): number => (v < 1 << (s - 1) ? v - (1 << s) + 1 : v);

function buildHuffman(counts: Uint8Array, values: Uint8Array): Huffman | undefined {
  const fast = new Uint16Array(1 << FAST_BITS);
  const maxCode = new Int32Array(18).fill(-1);
  const offset = new Int32Array(18);
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    const n = counts[length - 1] as number;
    offset[length] = k - code;
    for (let i = 0; i < n; i++) {
      if (length <= FAST_BITS) {
        const shift = FAST_BITS - length;
        const base = code << shift;
        for (let j = 0; j < 1 << shift; j++) fast[base + j] = (length << 8) | (values[k] as number);
      }
      code++;
      k++;
    }
    if (n > 0) maxCode[length] = code - 1;
    if (code > 1 << length) return undefined; // over-subscribed: not a valid table
    code <<= 1;
  }
  maxCode[17] = 0x7fffffff;
  const combo = new Int32Array(1 << COMBO_BITS);
  code = 0;
  k = 0;
  for (let length = 1; length <= 16; length++) {
    for (let i = 0; i < (counts[length - 1] as number); i++, code++, k++) {
      const s = values[k] as number;
      const used = length + (s === 16 ? 0 : s);
      if (used > COMBO_BITS || s > 16) continue;
      const room = COMBO_BITS - used;
      for (let extra = 0; extra < 1 << (used - length); extra++) {
        const diff = s === 0 ? 0 : s === 16 ? 32768 : extend(extra, s);
        const base = ((code << (used - length)) | extra) << room;
        for (let j = 0; j < 1 << room; j++) combo[base + j] = (used << 17) | (diff + 32768);
      }
    }
    code <<= 1;
  }
  return { fast, combo, maxCode, offset, values };
}

/** Decodes, or undefined when the stream is not the plain case or does not decode cleanly (the caller falls back). */
export function decodeLosslessFast(data: Uint8Array): LosslessFrame | undefined {
  const n = data.length;
  const u16 = (at: number): number => ((data[at] as number) << 8) | (data[at + 1] as number);
  if (n < 4 || u16(0) !== 0xffd8) return undefined;
  const tables: (Huffman | undefined)[] = [undefined, undefined, undefined, undefined];
  let width = 0;
  let height = 0;
  let precision = 0;
  let componentId = -1;
  let restartInterval = 0;
  let p = 2;
  for (;;) {
    if (p + 4 > n || data[p] !== 0xff) return undefined;
    const marker = data[p + 1] as number;
    if (marker === 0xff) {
      p++; // fill byte
      continue;
    }
    const length = u16(p + 2);
    const body = p + 4;
    const end = p + 2 + length;
    if (length < 2 || end > n) return undefined;
    if (marker === 0xc3) {
      precision = data[body] as number;
      height = u16(body + 1);
      width = u16(body + 3);
      if (data[body + 5] !== 1) return undefined; // one component only
      componentId = data[body + 6] as number;
      if (data[body + 7] !== 0x11) return undefined; // sampling factors 1×1
    } else if (marker === 0xc4) {
      let q = body;
      while (q < end) {
        const tcTh = data[q] as number;
        if (tcTh >> 4 !== 0 || (tcTh & 15) > 3 || q + 17 > end) return undefined;
        const counts = data.subarray(q + 1, q + 17);
        let total = 0;
        for (const c of counts) total += c;
        if (q + 17 + total > end) return undefined;
        tables[tcTh & 15] = buildHuffman(counts, data.subarray(q + 17, q + 17 + total));
        if (tables[tcTh & 15] === undefined) return undefined;
        q += 17 + total;
      }
    } else if (marker === 0xdd) {
      restartInterval = u16(body);
    } else if (marker === 0xda) {
      if (precision < 2 || precision > 16 || width === 0 || height === 0) return undefined;
      if (data[body] !== 1 || data[body + 1] !== componentId) return undefined;
      const table = tables[(data[body + 2] as number) >> 4];
      const predictor = data[body + 3] as number;
      const pointTransform = (data[body + 5] as number) & 15;
      if (table === undefined || predictor < 1 || predictor > 7 || pointTransform >= precision) return undefined;
      // Restart intervals that are not whole rows would reset prediction mid-row: the library handles those.
      if (restartInterval !== 0 && restartInterval % width !== 0) return undefined;
      return scan(data, end, width, height, precision, predictor, pointTransform, table, restartInterval / width);
    } else if (marker === 0xd9 || (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)) {
      return undefined; // EOI before a scan, or another process (baseline, arithmetic, hierarchical…)
    }
    p = end;
  }
}

function scan(
  data: Uint8Array,
  start: number,
  width: number,
  height: number,
  precision: number,
  predictor: number,
  pt: number,
  h: Huffman,
  restartRows: number,
): LosslessFrame | undefined {
  const n = data.length;
  const out = new Uint16Array(width * height);
  const mask = 0xffff;
  const initial = 1 << (precision - pt - 1);
  const { fast, combo, maxCode, offset, values } = h;
  let pos = start;
  let buffer = 0; // bits, most significant first, in the low `count` bits
  let count = 0;
  let hitMarker = false;
  let zeros = 0; // zero bytes fed past a marker or the end, still counted in `buffer`

  // Tops the buffer up to at least 25 bits; past a marker (or the end) it feeds zero bits and notes it.
  const fill = (): void => {
    while (count <= 24) {
      let byte = 0;
      if (!hitMarker && pos < n) {
        byte = data[pos] as number;
        if (byte === 0xff) {
          const next = data[pos + 1];
          if (next === 0x00) pos += 2;
          else {
            hitMarker = true;
            byte = 0;
            zeros++;
          }
        } else pos++;
      } else zeros++;
      buffer = ((buffer << 8) | byte) >>> 0;
      count += 8;
    }
  };

  const decodeDiff = (): number => {
    if (count < 25) fill();
    const entry = combo[(buffer >>> (count - COMBO_BITS)) & ((1 << COMBO_BITS) - 1)] as number;
    if (entry !== 0) {
      count -= entry >>> 17;
      return (entry & 0x1ffff) - 32768;
    }
    return slowDiff();
  };

  const slowDiff = (): number => {
    const look = (buffer >>> (count - FAST_BITS)) & ((1 << FAST_BITS) - 1);
    const entry = fast[look] as number;
    let s: number;
    if (entry !== 0) {
      count -= entry >> 8;
      s = entry & 0xff;
    } else {
      let length = FAST_BITS + 1;
      let code = (buffer >>> (count - length)) & ((1 << length) - 1);
      while (length <= 16 && code > (maxCode[length] as number)) {
        length++;
        code = (buffer >>> (count - length)) & ((1 << length) - 1);
      }
      if (length > 16) throw RangeError('bad code');
      count -= length;
      s = values[code + (offset[length] as number)] as number;
    }
    if (s === 0) return 0;
    if (s === 16) return 32768;
    if (s > 16) throw RangeError('bad size');
    if (count < s) fill();
    const v = (buffer >>> (count - s)) & ((1 << s) - 1);
    count -= s;
    return extend(v, s);
  };

  /** At a restart boundary: byte-align, expect RSTm, start the bit reader again after it. */
  const restart = (): boolean => {
    if (count < zeros * 8) return false; // codes ran past the interval's data
    // Bits left in the buffer belong to bytes before the marker (padding 1s); drop them.
    count = 0;
    zeros = 0;
    buffer = 0;
    hitMarker = false;
    // `pos` points at the marker when the fill stopped there; skip fill bytes.
    while (pos + 1 < n && data[pos] === 0xff && data[pos + 1] === 0xff) pos++;
    if (pos + 1 >= n || data[pos] !== 0xff) return false;
    const m = data[pos + 1] as number;
    if (m < 0xd0 || m > 0xd7) return false;
    pos += 2;
    return true;
  };

  try {
    let row = 0;
    while (row < height) {
      // First row of the scan or of a restart interval: predicted from the left only, first sample from 2^(P−Pt−1).
      const base = row * width;
      let left = (initial + decodeDiff()) & mask;
      out[base] = left;
      for (let x = 1; x < width; x++) {
        left = (left + decodeDiff()) & mask;
        out[base + x] = left;
      }
      row++;
      const intervalEnd = restartRows === 0 ? height : Math.min(height, row - 1 + restartRows);
      for (; row < intervalEnd; row++) {
        const o = row * width;
        const up = o - width;
        let ra = (out[up] as number) + decodeDiff();
        ra &= mask;
        out[o] = ra;
        if (predictor === 1) {
          // The usual DICOM choice (SV1): the left neighbour only.
          for (let x = 1; x < width; x++) {
            ra = (ra + decodeDiff()) & mask;
            out[o + x] = ra;
          }
          continue;
        }
        for (let x = 1; x < width; x++) {
          const rb = out[up + x] as number;
          const rc = out[up + x - 1] as number;
          let prediction: number;
          switch (predictor) {
            case 1: prediction = ra; break;
            case 2: prediction = rb; break;
            case 3: prediction = rc; break;
            case 4: prediction = ra + rb - rc; break;
            case 5: prediction = ra + ((rb - rc) >> 1); break;
            case 6: prediction = rb + ((ra - rc) >> 1); break;
            default: prediction = (ra + rb) >> 1; break;
          }
          ra = (prediction + decodeDiff()) & mask;
          out[o + x] = ra;
        }
      }
      if (row < height && !restart()) return undefined;
    }
  } catch {
    return undefined;
  }
  // Codes ran past the data (into the EOI marker or the end): short data, which the library reports its own way.
  if (count < zeros * 8) return undefined;
  if (pt > 0) for (let i = 0; i < out.length; i++) out[i] = ((out[i] as number) << pt) & mask;
  if (precision <= 8) return { width, height, precision, samples: Uint8Array.from(out) };
  return { width, height, precision, samples: out };
}
