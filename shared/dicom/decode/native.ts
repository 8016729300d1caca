import type { DataSet } from './dicom-parser';
import { DicomLoadError } from './errors';
import { locateNativeFrame, storedSamplesPerPixel } from './frames';
import type { ImageInfo, SampleKind } from './image-info';

/** One element per sample, values as stored (after Bits Stored masking and sign extension). */
export type PixelArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

export interface SampleFormat {
  readonly bitsAllocated: number;
  readonly bitsStored: number;
  readonly highBit: number;
  readonly pixelRepresentation: number;
  readonly sampleKind: SampleKind;
}

/** How the source bytes are laid out. */
export interface SourceLayout {
  /** 1, 2, 4 or 8 bytes per sample; ignored for 1-bit data (use `packedBits`). */
  readonly bytesPerSample: number;
  readonly bigEndian: boolean;
  /** Bits Allocated 1: samples are packed 8 per byte, least significant bit first (PS3.5 §8.1.1). */
  readonly packedBits?: boolean;
  /** Bit (0–7) of the first byte where the first sample starts (1-bit data only). */
  readonly bitOffset?: number;
  /**
   * 8-bit or 1-bit data stored as OW in big endian is byte-swapped in 16-bit words: when set, byte i is
   * really at swapBase + ((i - swapBase) ^ 1), swapBase being where the element's value starts.
   */
  readonly swapBase?: number;
}

/** The typed array that holds this format's stored values. */
export function allocPixels(format: SampleFormat, count: number): PixelArray {
  if (format.sampleKind === 'float') return new Float32Array(count);
  if (format.sampleKind === 'double') return new Float64Array(count);
  const signed = format.pixelRepresentation === 1;
  if (format.bitsAllocated <= 8) return signed ? new Int8Array(count) : new Uint8Array(count);
  if (format.bitsAllocated <= 16) return signed ? new Int16Array(count) : new Uint16Array(count);
  return signed ? new Int32Array(count) : new Uint32Array(count);
}

/** Keeps Bits Stored bits (from High Bit down) and sign-extends them when Pixel Representation is 1. */
export function storedValueMapper(format: SampleFormat): ((raw: number) => number) | undefined {
  const bits = format.bitsStored;
  const shift = Math.max(0, format.highBit + 1 - bits);
  const signed = format.pixelRepresentation === 1;
  if (bits >= 32 && shift === 0) return signed ? (raw) => raw | 0 : (raw) => raw >>> 0;
  if (bits === format.bitsAllocated && shift === 0) return undefined; // the typed array's own width does it
  const mask = bits >= 32 ? 0xffffffff : 2 ** bits - 1;
  const sign = 2 ** (bits - 1);
  const range = 2 ** bits;
  return (raw) => {
    const v = Math.floor(raw / 2 ** shift) % (mask + 1);
    return signed && v >= sign ? v - range : v;
  };
}

/** Reads `count` samples into a new typed array of stored values. */
export function readSamples(src: Uint8Array, start: number, count: number, layout: SourceLayout, format: SampleFormat): PixelArray {
  const out = allocPixels(format, count);
  const base = layout.swapBase;
  const at = base !== undefined ? (i: number): number => src[base + ((i - base) ^ 1)] ?? 0 : (i: number): number => src[i] ?? 0;
  if (layout.packedBits === true) {
    const bitOffset = layout.bitOffset ?? 0;
    // Packed bits too: a short frame is refused, never filled with invented zeros.
    const packedNeeded = start + Math.ceil((bitOffset + count) / 8);
    if (packedNeeded > src.length) throw new DicomLoadError('truncated', `pixel data ends ${packedNeeded - src.length} bytes early`);
    for (let i = 0; i < count; i++) {
      const bit = bitOffset + i;
      out[i] = (at(start + (bit >> 3)) >> (bit & 7)) & 1;
    }
    return out;
  }
  const n = layout.bytesPerSample;
  const needed = start + count * n;
  if (needed > src.length) throw new DicomLoadError('truncated', `pixel data ends ${needed - src.length} bytes early`);
  if (format.sampleKind !== 'int') {
    const view = new DataView(src.buffer, src.byteOffset, src.byteLength);
    for (let i = 0; i < count; i++) {
      out[i] = n === 8 ? view.getFloat64(start + i * 8, !layout.bigEndian) : view.getFloat32(start + i * 4, !layout.bigEndian);
    }
    return out;
  }
  if (base === undefined && !layout.bigEndian && (n === 1 || n === 2) && format.bitsStored >= 1 && format.highBit < n * 8 && format.bitsStored <= format.highBit + 1) {
    readSmallLittleEndian(src, start, count, n, format, out);
    return out;
  }
  const map = storedValueMapper(format);
  for (let i = 0; i < count; i++) {
    const p = start + i * n;
    let raw: number;
    if (n === 1) raw = at(p);
    else if (n === 2) raw = layout.bigEndian ? (at(p) << 8) | at(p + 1) : at(p) | (at(p + 1) << 8);
    else if (layout.bigEndian) raw = ((at(p) << 24) | (at(p + 1) << 16) | (at(p + 2) << 8) | at(p + 3)) >>> 0;
    else raw = (at(p) | (at(p + 1) << 8) | (at(p + 2) << 16) | (at(p + 3) << 24)) >>> 0;
    out[i] = map === undefined ? raw : map(raw);
  }
  return out;
}

/**
 * The common case (8/16-bit little-endian integers, every CT/MR and every codec's output) without the per-byte
 * closure and the float arithmetic of storedValueMapper (profiled: most of a native frame's decode time).
 * Same values: bits above High Bit and below its Bits Stored window dropped, sign-extended when signed.
 */
function readSmallLittleEndian(src: Uint8Array, start: number, count: number, n: 1 | 2, format: SampleFormat, out: PixelArray): void {
  const bits = format.bitsStored;
  const shift = format.highBit + 1 - bits;
  const mask = 2 ** bits - 1;
  const ext = 32 - bits;
  const signed = format.pixelRepresentation === 1;
  if (n === 2 && (src.byteOffset + start) % 2 === 0) {
    // Aligned: read whole 16-bit words (platform little endian, like every target of this app).
    const words = new Uint16Array(src.buffer, src.byteOffset + start, count);
    if (signed) for (let i = 0; i < count; i++) out[i] = ((((words[i] as number) >>> shift) & mask) << ext) >> ext;
    else for (let i = 0; i < count; i++) out[i] = ((words[i] as number) >>> shift) & mask;
  } else if (n === 2) {
    if (signed) for (let i = 0, p = start; i < count; i++, p += 2) out[i] = ((((((src[p] as number) | ((src[p + 1] as number) << 8)) >>> shift) & mask) << ext) >> ext);
    else for (let i = 0, p = start; i < count; i++, p += 2) out[i] = (((src[p] as number) | ((src[p + 1] as number) << 8)) >>> shift) & mask;
  } else if (signed) for (let i = 0; i < count; i++) out[i] = (((((src[start + i] as number) >>> shift) & mask) << ext) >> ext);
  else for (let i = 0; i < count; i++) out[i] = ((src[start + i] as number) >>> shift) & mask;
}

/** Planar configuration 1 (R…G…B…) → interleaved (RGBRGB…), which is what every consumer expects. */
export function planarToInterleaved<T extends PixelArray>(planar: T, samplesPerPixel: number): T {
  if (samplesPerPixel === 1) return planar;
  const pixels = planar.length / samplesPerPixel;
  const out = planar.slice() as T;
  for (let s = 0; s < samplesPerPixel; s++) {
    for (let i = 0; i < pixels; i++) out[i * samplesPerPixel + s] = planar[s * pixels + i] ?? 0;
  }
  return out;
}

/** One uncompressed frame (little or big endian, any bit depth this app supports), interleaved. */
export function decodeNativeFrame(dataSet: DataSet, info: ImageInfo, frameIndex: number, bigEndian: boolean): PixelArray {
  const loc = locateNativeFrame(info, frameIndex, dataSet.byteArray.length);
  const stored = storedSamplesPerPixel(info);
  const count = info.rows * info.columns * stored;
  const swap = bigEndian && info.bitsAllocated <= 8 && info.pixelElement.vr === 'OW';
  const layout: SourceLayout = {
    bytesPerSample: Math.max(1, info.bitsAllocated / 8),
    bigEndian,
    packedBits: info.bitsAllocated === 1,
    bitOffset: loc.bitOffset,
    ...(swap ? { swapBase: info.pixelElement.dataOffset } : {}),
  };
  const samples = readSamples(dataSet.byteArray, loc.byteOffset, count, layout, info);
  return info.planarConfiguration === 1 && stored === info.samplesPerPixel ? planarToInterleaved(samples, stored) : samples;
}
