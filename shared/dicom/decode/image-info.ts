import type { DataSet, Element } from './dicom-parser';
import { DicomLoadError } from './errors';

/** Sample storage: integer pixel data (7FE0,0010), Float (7FE0,0008) or Double Float (7FE0,0009) Pixel Data. */
export type SampleKind = 'int' | 'float' | 'double';

/** The Image Pixel module attributes that decoding needs (PS3.3 C.7.6.3), validated. */
export interface ImageInfo {
  readonly rows: number;
  readonly columns: number;
  readonly samplesPerPixel: number;
  readonly bitsAllocated: number;
  readonly bitsStored: number;
  readonly highBit: number;
  /** 0 unsigned, 1 two's complement. */
  readonly pixelRepresentation: number;
  readonly photometricInterpretation: string;
  /** 0 interleaved (R1G1B1R2…), 1 planar (R1R2…G1G2…B1B2…). */
  readonly planarConfiguration: number;
  readonly numberOfFrames: number;
  readonly sampleKind: SampleKind;
  readonly pixelElement: Element;
}

/** Frames bigger than this are refused: a corrupt Rows/Columns must not make us allocate gigabytes. */
export const MAX_FRAME_BYTES = 1 << 30;

const PIXEL_TAGS: ReadonlyArray<[string, SampleKind]> = [
  ['x7fe00010', 'int'],
  ['x7fe00008', 'float'],
  ['x7fe00009', 'double'],
];

function required(dataSet: DataSet, tag: string, label: string): number {
  const value = dataSet.uint16(tag);
  if (value === undefined) throw new DicomLoadError('malformed', `${label} (${tag.slice(1, 5)},${tag.slice(5)}) is missing`);
  return value;
}

/** Reads and checks the pixel description; throws DicomLoadError with a plain reason. */
export function readImageInfo(dataSet: DataSet): ImageInfo {
  const found = PIXEL_TAGS.map(([tag, kind]) => [dataSet.elements[tag], kind] as const).find(([el]) => el !== undefined);
  if (found === undefined) throw new DicomLoadError('no-pixel-data', 'the file has no pixel data (7FE0,0010)');
  const [pixelElement, sampleKind] = found;
  if (pixelElement === undefined) throw new DicomLoadError('no-pixel-data', 'the file has no pixel data');

  const rows = required(dataSet, 'x00280010', 'Rows');
  const columns = required(dataSet, 'x00280011', 'Columns');
  const samplesPerPixel = dataSet.uint16('x00280002') ?? 1;
  const defaultBits = sampleKind === 'double' ? 64 : sampleKind === 'float' ? 32 : undefined;
  const bitsAllocated = dataSet.uint16('x00280100') ?? defaultBits;
  if (bitsAllocated === undefined) throw new DicomLoadError('malformed', 'Bits Allocated (0028,0100) is missing');
  const bitsStored = dataSet.uint16('x00280101') ?? bitsAllocated;
  const highBit = dataSet.uint16('x00280102') ?? bitsStored - 1;
  const pixelRepresentation = dataSet.uint16('x00280103') ?? 0;
  const photometricInterpretation = (dataSet.string('x00280004') ?? (samplesPerPixel === 3 ? 'RGB' : 'MONOCHROME2')).trim().toUpperCase();
  const planarConfiguration = dataSet.uint16('x00280006') ?? 0;
  const framesText = dataSet.string('x00280008');
  const numberOfFrames = framesText === undefined || framesText.trim() === '' ? 1 : Number.parseInt(framesText, 10);

  if (rows === 0 || columns === 0) throw new DicomLoadError('malformed', `the image has no size (Rows ${rows}, Columns ${columns})`);
  if (!Number.isInteger(numberOfFrames) || numberOfFrames < 1) {
    throw new DicomLoadError('malformed', `Number of Frames (0028,0008) is not a positive integer: "${framesText ?? ''}"`);
  }
  if (samplesPerPixel !== 1 && samplesPerPixel !== 3) {
    throw new DicomLoadError('unsupported-pixel-format', `${samplesPerPixel} samples per pixel is not supported (only 1 or 3)`);
  }
  const allowedBits = sampleKind === 'int' ? [1, 8, 16, 32] : sampleKind === 'float' ? [32] : [64];
  if (!allowedBits.includes(bitsAllocated)) {
    throw new DicomLoadError('unsupported-pixel-format', `Bits Allocated ${bitsAllocated} is not supported for this pixel data`);
  }
  if (sampleKind === 'int' && (bitsStored < 1 || bitsStored > bitsAllocated)) {
    throw new DicomLoadError('malformed', `Bits Stored ${bitsStored} does not fit in Bits Allocated ${bitsAllocated}`);
  }
  const frameBytes = rows * columns * samplesPerPixel * Math.max(1, bitsAllocated / 8);
  if (frameBytes > MAX_FRAME_BYTES) {
    throw new DicomLoadError('too-large', `a ${rows}×${columns} frame (${Math.round(frameBytes / 2 ** 20)} MiB) is larger than this app decodes`);
  }
  return {
    rows,
    columns,
    samplesPerPixel,
    bitsAllocated,
    bitsStored: sampleKind === 'int' ? bitsStored : bitsAllocated,
    highBit,
    pixelRepresentation: sampleKind === 'int' ? pixelRepresentation : 1,
    photometricInterpretation,
    planarConfiguration,
    numberOfFrames,
    sampleKind,
    pixelElement,
  };
}
