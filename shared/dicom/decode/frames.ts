import type { DataSet, Element, Fragment } from './dicom-parser';
import { DicomLoadError } from './errors';
import type { ImageInfo } from './image-info';

/** Where one native (uncompressed) frame lies inside the pixel data element. */
export interface NativeFrameLocation {
  /** Absolute offset in the data set's byte array of the first byte holding this frame. */
  readonly byteOffset: number;
  readonly byteLength: number;
  /** For Bits Allocated 1: the bit (0–7, LSB first) of the first byte where the frame starts. */
  readonly bitOffset: number;
}

/** Samples stored per pixel in native data: YBR_FULL_422 keeps 2 (Y1 Y2 Cb Cr per pixel pair), not 3. */
export function storedSamplesPerPixel(info: Pick<ImageInfo, 'samplesPerPixel' | 'photometricInterpretation'>): number {
  return info.photometricInterpretation === 'YBR_FULL_422' && info.samplesPerPixel === 3 ? 2 : info.samplesPerPixel;
}

/** Bits in one native frame (rows × columns × stored samples × bits allocated). */
export function frameBits(info: Pick<ImageInfo, 'rows' | 'columns' | 'samplesPerPixel' | 'bitsAllocated' | 'photometricInterpretation'>): number {
  return info.rows * info.columns * storedSamplesPerPixel(info) * info.bitsAllocated;
}

/** Bytes one frame takes as stored (1-bit frames packed 8 pixels a byte), what every pixel path checks against. */
export function frameByteLength(info: Pick<ImageInfo, 'rows' | 'columns' | 'samplesPerPixel' | 'bitsAllocated' | 'photometricInterpretation'>): number {
  return Math.ceil(frameBits(info) / 8);
}

/**
 * Native frames follow one another without padding (PS3.5 §8.1.1). With 1-bit data a frame may start
 * mid-byte, so the location carries a bit offset.
 */
export function locateNativeFrame(info: ImageInfo, frameIndex: number, byteArrayLength: number): NativeFrameLocation {
  checkFrameIndex(info, frameIndex);
  const el = info.pixelElement;
  const bits = frameBits(info);
  const startBit = bits * frameIndex;
  const byteOffset = el.dataOffset + Math.floor(startBit / 8);
  const bitOffset = startBit % 8;
  const byteLength = Math.ceil((bitOffset + bits) / 8);
  const available = Math.min(el.length, byteArrayLength - el.dataOffset);
  const needed = Math.floor(startBit / 8) + byteLength;
  if (needed > available) {
    throw new DicomLoadError(
      'truncated',
      `pixel data holds ${Math.max(0, available)} bytes but frame ${frameIndex + 1} of ${info.numberOfFrames} needs bytes up to ${needed}`,
    );
  }
  return { byteOffset, byteLength, bitOffset };
}

export function checkFrameIndex(info: Pick<ImageInfo, 'numberOfFrames'>, frameIndex: number): void {
  if (!Number.isInteger(frameIndex) || frameIndex < 0 || frameIndex >= info.numberOfFrames) {
    throw new DicomLoadError('frame-out-of-range', `frame ${frameIndex + 1} asked for, the image has ${info.numberOfFrames}`);
  }
}

function concatFragments(byteArray: Uint8Array, fragments: readonly Fragment[]): Uint8Array {
  const total = fragments.reduce((sum, f) => sum + f.length, 0);
  if (fragments.length === 1 && fragments[0] !== undefined) return fragmentBytes(byteArray, fragments[0]);
  const out = new Uint8Array(total);
  let at = 0;
  for (const f of fragments) {
    out.set(fragmentBytes(byteArray, f), at);
    at += f.length;
  }
  return out;
}

function fragmentBytes(byteArray: Uint8Array, f: Fragment): Uint8Array {
  if (f.position + f.length > byteArray.length) {
    throw new DicomLoadError('truncated', `a pixel data fragment runs ${f.position + f.length - byteArray.length} bytes past the end of the file`);
  }
  return byteArray.subarray(f.position, f.position + f.length);
}

/** Does this fragment begin a codestream (JPEG SOI FFD8, or J2K SOC+SIZ FF4F FF51)? */
function startsCodestream(byteArray: Uint8Array, f: Fragment): boolean {
  const a = byteArray[f.position];
  const b = byteArray[f.position + 1];
  return a === 0xff && (b === 0xd8 || (b === 0x4f && byteArray[f.position + 2] === 0xff && byteArray[f.position + 3] === 0x51));
}

/** Extended Offset Table (7FE0,0001) + lengths (7FE0,0002): 64-bit offsets relative to the first fragment item. */
function extendedOffsets(dataSet: DataSet): { offsets: number[]; lengths: number[] } | undefined {
  const table = dataSet.elements['x7fe00001'];
  const lengths = dataSet.elements['x7fe00002'];
  if (table === undefined || lengths === undefined || table.length === 0 || table.length % 8 !== 0) return undefined;
  const view = new DataView(dataSet.byteArray.buffer, dataSet.byteArray.byteOffset);
  const read = (el: Element): number[] =>
    Array.from({ length: el.length / 8 }, (_, i) => Number(view.getBigUint64(el.dataOffset + i * 8, true)));
  return { offsets: read(table), lengths: read(lengths) };
}

/** The fragments that make up each frame, however the writer laid them out. */
function fragmentsPerFrame(dataSet: DataSet, info: ImageInfo): Fragment[][] {
  const el = info.pixelElement;
  const fragments = el.fragments ?? [];
  const frames = info.numberOfFrames;
  if (fragments.length === 0) throw new DicomLoadError('no-pixel-data', 'the encapsulated pixel data has no fragments');
  const bot = el.basicOffsetTable ?? [];
  const starts = (offsets: readonly number[]): Fragment[][] =>
    offsets.map((offset, i) => {
      const next = offsets[i + 1] ?? Number.POSITIVE_INFINITY;
      const group = fragments.filter((f) => f.offset >= offset && f.offset < next);
      if (group.length === 0) throw new DicomLoadError('malformed', `the offset table points frame ${i + 1} at no fragment`);
      return group;
    });

  const ext = extendedOffsets(dataSet);
  if (ext !== undefined && ext.offsets.length === frames) return starts(ext.offsets);
  if (bot.length === frames && bot.every((v, i) => i === 0 || v > (bot[i - 1] ?? 0))) return starts(bot);
  if (frames === 1) return [fragments];
  if (fragments.length === frames) return fragments.map((f) => [f]);
  // No usable offset table and several fragments per frame: split where a new codestream begins.
  const groups: Fragment[][] = [];
  for (const f of fragments) {
    const last = groups[groups.length - 1];
    if (last === undefined || startsCodestream(dataSet.byteArray, f)) groups.push([f]);
    else last.push(f);
  }
  if (groups.length !== frames) {
    throw new DicomLoadError('malformed', `cannot tell the frames apart: ${frames} frames declared, ${groups.length} codestreams found in ${fragments.length} fragments`);
  }
  return groups;
}

/** The encoded bytes of one frame of encapsulated pixel data (fragments joined; offset table or not). */
export function encapsulatedFrameBytes(dataSet: DataSet, info: ImageInfo, frameIndex: number): Uint8Array {
  checkFrameIndex(info, frameIndex);
  if (info.pixelElement.encapsulatedPixelData !== true) {
    throw new DicomLoadError('malformed', 'the transfer syntax is compressed but the pixel data is not encapsulated');
  }
  const group = fragmentsPerFrame(dataSet, info)[frameIndex];
  if (group === undefined) throw new DicomLoadError('frame-out-of-range', `frame ${frameIndex + 1} has no fragments`);
  return concatFragments(dataSet.byteArray, group);
}
