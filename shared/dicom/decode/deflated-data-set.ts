import type { InflateRaw } from './codecs';
import type { DataSet } from './dicom-parser';
import { DicomLoadError } from './errors';
import { frameBits } from './frames';
import { parseDicomBounded } from './parse-bounded';

const MIB = 2 ** 20;
/** The elements before the pixel data: more than this is not a header (SR and PDF content included). */
export const MAX_HEADER_BYTES = 64 * MIB;
/** Elements after the pixel data (padding, signatures) allowed beyond what the header promises. */
const TRAILER_BYTES = MIB;
/** A whole inflated data set, however many frames it says it has. */
const MAX_DATA_SET_BYTES = 2 ** 31;
const FIRST_LOOK = MIB;

const PIXEL_TAGS = ['x7fe00010', 'x7fe00008', 'x7fe00009'];

/**
 * Where a data set ends when its pixel data holds what Rows, Columns, Samples per Pixel, Bits Allocated and
 * Number of Frames promise (plus room for trailing elements); undefined when the pixel data was not reached.
 */
export function promisedDataSetEnd(ds: DataSet): number | undefined {
  const pixels = PIXEL_TAGS.map((tag) => ds.elements[tag]).find((el) => el !== undefined);
  if (pixels === undefined) return undefined;
  const rows = ds.uint16('x00280010');
  const columns = ds.uint16('x00280011');
  const bitsAllocated = ds.uint16('x00280100') ?? (pixels.tag === 'x7fe00009' ? 64 : pixels.tag === 'x7fe00008' ? 32 : undefined);
  const frames = Number.parseInt(ds.string('x00280008') ?? '1', 10);
  // Without a size the header promises nothing: allow what a header may hold.
  if (!rows || !columns || !bitsAllocated) return pixels.dataOffset + MAX_HEADER_BYTES;
  const perFrame = Math.ceil(frameBits({ rows, columns, bitsAllocated, samplesPerPixel: ds.uint16('x00280002') ?? 1, photometricInterpretation: '' }) / 8);
  const pixelBytes = perFrame * (Number.isInteger(frames) && frames > 0 ? frames : 1);
  return Math.min(pixels.dataOffset + pixelBytes + TRAILER_BYTES, MAX_DATA_SET_BYTES);
}

/** The promised end of a partially inflated data set (Part 10 bytes, meta header first), if its pixel data is in. */
function promisedEndOf(whole: Uint8Array): number | undefined {
  try {
    return promisedDataSetEnd(parseDicomBounded(whole, { untilTag: 'x7fe00010', inflater: (() => whole) as unknown as () => void }));
  } catch (thrown) {
    if (thrown instanceof DicomLoadError) throw thrown;
    const partial = typeof thrown === 'object' && thrown !== null && 'dataSet' in thrown ? (thrown.dataSet as DataSet) : undefined;
    return partial === undefined ? undefined : promisedDataSetEnd(partial);
  }
}

const mib = (bytes: number): string => `${Math.round(bytes / MIB)} MiB`;

/**
 * Inflates a Deflated Explicit VR Little Endian data set no further than its own header promises: the elements
 * before the pixel data (at most MAX_HEADER_BYTES) plus the pixel data its image attributes describe. A deflate
 * bomb is refused after inflating at most that much, never the whole stream. `head` is the file up to the data set.
 */
export async function inflateDataSetWithin(head: Uint8Array, deflated: Uint8Array, inflate: InflateRaw): Promise<Uint8Array> {
  let limit = FIRST_LOOK;
  for (;;) {
    const inflated = await inflate(deflated, limit, head);
    const whole = inflated.bytes;
    if (inflated.complete) return whole;
    const end = promisedEndOf(whole);
    if (end === undefined) {
      if (limit >= MAX_HEADER_BYTES) {
        throw new DicomLoadError('too-large', `the deflated data set inflates past ${mib(MAX_HEADER_BYTES)} before its pixel data begins, more than any header holds: refused as a likely deflate bomb`);
      }
      limit = Math.min(limit * 8, MAX_HEADER_BYTES);
    } else if (end <= whole.length) {
      throw new DicomLoadError('too-large', `the deflated data set inflates to more than the ${end} bytes its header promises (pixel data included): refused as a likely deflate bomb`);
    } else {
      limit = end - head.length;
    }
  }
}
