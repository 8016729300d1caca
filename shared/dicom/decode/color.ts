import type { DataSet } from './dicom-parser';
import { DicomLoadError } from './errors';
import type { PixelArray } from './native';

/**
 * YBR_FULL → RGB in place (PS3.3 C.7.6.3.1.2, the JFIF/ISO 10918-5 equations), interleaved samples,
 * rounding half up and clamping to [0, 2^bits − 1] as dcmtk and pydicom do.
 */
export function ybrFullToRgb(pixels: PixelArray, bitsStored: number): void {
  const max = 2 ** bitsStored - 1;
  const half = 2 ** (bitsStored - 1);
  for (let i = 0; i + 2 < pixels.length; i += 3) {
    const y = pixels[i] ?? 0;
    const cb = (pixels[i + 1] ?? 0) - half;
    const cr = (pixels[i + 2] ?? 0) - half;
    pixels[i] = clamp(Math.floor(y + 1.402 * cr + 0.5), max);
    pixels[i + 1] = clamp(Math.floor(y - ((0.114 * 1.772) / 0.587) * cb - ((0.299 * 1.402) / 0.587) * cr + 0.5), max);
    pixels[i + 2] = clamp(Math.floor(y + 1.772 * cb + 0.5), max);
  }
}

function clamp(v: number, max: number): number {
  return v < 0 ? 0 : v > max ? max : v;
}

/**
 * Uncompressed YBR_FULL_422 (PS3.3 C.7.6.3.1.2): each pair of pixels is stored as Y1 Y2 Cb Cr.
 * Expands to full YBR (Y Cb Cr per pixel), which ybrFullToRgb then converts.
 */
export function expandYbr422(packed: PixelArray, rows: number, columns: number): PixelArray {
  const out = new (packed.constructor as new (n: number) => PixelArray)(rows * columns * 3);
  let src = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c += 2) {
      const y1 = packed[src] ?? 0;
      const y2 = packed[src + 1] ?? 0;
      const cb = packed[src + 2] ?? 0;
      const cr = packed[src + 3] ?? 0;
      src += 4;
      const p = (r * columns + c) * 3;
      out[p] = y1;
      out[p + 1] = cb;
      out[p + 2] = cr;
      if (c + 1 < columns) {
        out[p + 3] = y2;
        out[p + 4] = cb;
        out[p + 5] = cr;
      }
    }
  }
  return out;
}

/** A palette colour lookup table (PS3.3 C.7.6.3.1.5/6), one channel. */
export interface LutChannel {
  /** Number of entries (descriptor value 0 means 65536). */
  readonly entries: number;
  /** Stored pixel value mapped to the first entry; lower values use the first entry, higher the last. */
  readonly firstMapped: number;
  /** 8 or 16. */
  readonly bits: number;
  readonly data: Uint16Array;
}

export interface PaletteLut {
  readonly red: LutChannel;
  readonly green: LutChannel;
  readonly blue: LutChannel;
}

function readChannel(dataSet: DataSet, descriptorTag: string, dataTag: string, segmentedTag: string, signedPixels: boolean): LutChannel {
  const descriptor = dataSet.elements[descriptorTag];
  if (descriptor === undefined) throw new DicomLoadError('malformed', `palette colour image without LUT descriptor ${descriptorTag}`);
  if (dataSet.elements[segmentedTag] !== undefined && dataSet.elements[dataTag] === undefined) {
    throw new DicomLoadError('unsupported-pixel-format', 'segmented palette colour lookup tables are not supported');
  }
  const entries = dataSet.uint16(descriptorTag, 0) || 65536;
  // The first-mapped value is US or SS depending on Pixel Representation (PS3.3 C.7.6.3.1.5).
  const firstMapped = signedPixels ? (dataSet.int16(descriptorTag, 1) ?? 0) : (dataSet.uint16(descriptorTag, 1) ?? 0);
  const bits = dataSet.uint16(descriptorTag, 2) ?? 16;
  const el = dataSet.elements[dataTag];
  if (el === undefined) throw new DicomLoadError('malformed', `palette colour image without LUT data ${dataTag}`);
  const data = new Uint16Array(entries);
  // Some writers store 8-bit entries one per byte (length == entries), others one per 16-bit word.
  const bytesPerEntry = bits === 8 && el.length === entries ? 1 : 2;
  if (el.length < entries * bytesPerEntry) throw new DicomLoadError('truncated', `LUT data ${dataTag} is shorter than its descriptor says`);
  for (let i = 0; i < entries; i++) {
    data[i] = bytesPerEntry === 1 ? (dataSet.byteArray[el.dataOffset + i] ?? 0) : dataSet.byteArrayParser.readUint16(dataSet.byteArray, el.dataOffset + i * 2);
  }
  return { entries, firstMapped, bits, data };
}

/** Reads the red/green/blue palette LUTs (0028,1101–1103 descriptors, 0028,1201–1203 data). */
export function readPaletteLut(dataSet: DataSet): PaletteLut {
  const signed = dataSet.uint16('x00280103') === 1;
  return {
    red: readChannel(dataSet, 'x00281101', 'x00281201', 'x00281221', signed),
    green: readChannel(dataSet, 'x00281102', 'x00281202', 'x00281222', signed),
    blue: readChannel(dataSet, 'x00281103', 'x00281203', 'x00281223', signed),
  };
}

function lookup(channel: LutChannel, value: number): number {
  const index = Math.min(Math.max(value - channel.firstMapped, 0), channel.entries - 1);
  return channel.data[index] ?? 0;
}

/**
 * Palette indices → interleaved RGB. Output is Uint8Array when all channels have 8-bit entries,
 * otherwise Uint16Array with the LUT's 16-bit values (as pydicom's apply_color_lut returns them).
 */
export function applyPalette(indices: PixelArray, lut: PaletteLut): Uint8Array | Uint16Array {
  const eightBit = lut.red.bits === 8 && lut.green.bits === 8 && lut.blue.bits === 8;
  const out = eightBit ? new Uint8Array(indices.length * 3) : new Uint16Array(indices.length * 3);
  for (let i = 0; i < indices.length; i++) {
    const v = indices[i] ?? 0;
    out[i * 3] = lookup(lut.red, v);
    out[i * 3 + 1] = lookup(lut.green, v);
    out[i * 3 + 2] = lookup(lut.blue, v);
  }
  return out;
}
