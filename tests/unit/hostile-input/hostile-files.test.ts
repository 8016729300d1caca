// Hostile input that must end in a clear reason of ours (issue 11, items 3 and 4): short frames are refused, never
// padded; sequences nested past MAX_SEQUENCE_DEPTH are refused before dicom-parser's recursion overflows; no engine
// text reaches users. Every file is built at run time from a named corpus file (tests/support/hostile-dicom.ts).

import { describe, expect, test } from 'vitest';
import { decodeFrame } from '@shared/dicom/decode/decode-frame';
import { DicomLoadError, thrownText } from '@shared/dicom/decode/errors';
import { readSamples } from '@shared/dicom/decode/native';
import { MAX_SEQUENCE_DEPTH } from '@shared/dicom/decode/sequence-depth';
import { nodeCodecs } from '../../../src-main/services/codecs-node';
import type { ByteSource } from '../../../src-main/services/study-index/byte-source';
import { readHeader } from '../../../src-main/services/study-index/read-header';
import { EXPLICIT_CT, IMPLICIT_MR, deeplyNested, deflatedFrameFile, setUs } from '../../support/hostile-dicom';

const ENGINE_TEXT = /RangeError|TypeError|call stack|\bat .+:\d+:\d+/u;

/** A file in memory as the indexer reads it. */
function memorySource(bytes: Uint8Array, label: string): ByteSource {
  return {
    ref: { path: label },
    label,
    size: () => Promise.resolve(bytes.length),
    readPrefix: (length) => Promise.resolve(bytes.subarray(0, length)),
    readAll: () => Promise.resolve(bytes),
  };
}

async function decodeError(bytes: Uint8Array): Promise<DicomLoadError> {
  try {
    await decodeFrame(bytes, 0, await nodeCodecs());
  } catch (error) {
    if (error instanceof DicomLoadError) return error;
    throw error;
  }
  throw new Error('decoded, expected a refusal');
}

describe('short frames are refused, never padded', () => {
  test('the liver 1-bit Deflated Image Frame with Rows 512 changed to 1024', async () => {
    const error = await decodeError(setUs(deflatedFrameFile(), 0x0028, 0x0010, 1024));
    expect(error.code).toBe('truncated');
    expect(error.message).toBe('frame 1 inflates to 32768 bytes, but its header (512×1024, 1-bit) needs 65536');
  });

  test('the same frame unchanged still decodes', async () => {
    const frame = await decodeFrame(deflatedFrameFile(), 0, await nodeCodecs());
    expect(frame.pixels.length).toBe(512 * 512);
  });

  const format = (bitsAllocated: number) => ({ bitsAllocated, bitsStored: bitsAllocated, highBit: bitsAllocated - 1, pixelRepresentation: 0, sampleKind: 'int' as const });
  test.each([
    { name: '1-bit packed, one byte short', bytes: 7, count: 64, layout: { bytesPerSample: 1, bigEndian: false, packedBits: true }, bits: 1, early: 1 },
    { name: '1-bit packed, starting mid-byte, running one bit over', bytes: 8, count: 64, layout: { bytesPerSample: 1, bigEndian: false, packedBits: true, bitOffset: 1 }, bits: 1, early: 1 },
    { name: '8-bit, one byte short', bytes: 63, count: 64, layout: { bytesPerSample: 1, bigEndian: false }, bits: 8, early: 1 },
    { name: '16-bit big endian, one sample short', bytes: 126, count: 64, layout: { bytesPerSample: 2, bigEndian: true }, bits: 16, early: 2 },
  ])('readSamples: $name', ({ bytes, count, layout, bits, early }) => {
    expect(() => readSamples(new Uint8Array(bytes), 0, count, layout, format(bits))).toThrow(`pixel data ends ${early} bytes early`);
  });

  test('readSamples: an exact 1-bit frame is read', () => {
    expect(Array.from(readSamples(new Uint8Array([0b10000001]), 0, 8, { bytesPerSample: 1, bigEndian: false, packedBits: true }, format(1)))).toEqual([1, 0, 0, 0, 0, 0, 0, 1]);
  });
});

describe(`sequences nested deeper than ${MAX_SEQUENCE_DEPTH} levels are refused in words of ours`, () => {
  const refusal = new RegExp(`^sequences are nested more than ${MAX_SEQUENCE_DEPTH} levels deep \\(real files nest fewer than 10\\), so the file is refused$`, 'u');
  const cases = [
    { name: 'explicit VR CT, 3,000 deep', path: EXPLICIT_CT, explicit: true, depth: 3000 },
    { name: 'implicit VR lumbar MR, 3,000 deep', path: IMPLICIT_MR, explicit: false, depth: 3000 },
    { name: 'explicit VR CT, 100,000 deep', path: EXPLICIT_CT, explicit: true, depth: 100_000 },
    { name: `implicit VR lumbar MR, ${MAX_SEQUENCE_DEPTH + 1} deep`, path: IMPLICIT_MR, explicit: false, depth: MAX_SEQUENCE_DEPTH + 1 },
  ];

  test.each(cases)('index: $name', async ({ path, explicit, depth }) => {
    const read = await readHeader(memorySource(deeplyNested(path, depth, explicit), 'deep.dcm'));
    expect(read.kind).toBe('problem');
    if (read.kind !== 'problem') return;
    expect(read.problem.code).toBe('malformed');
    expect(read.problem.reason).toMatch(refusal);
  });

  test.each(cases)('decode: $name', async ({ path, explicit, depth }) => {
    const error = await decodeError(deeplyNested(path, depth, explicit));
    expect(error.message).toMatch(refusal);
    expect(error.message).not.toMatch(ENGINE_TEXT);
  });

  test.each([
    { name: 'explicit VR CT', path: EXPLICIT_CT, explicit: true },
    { name: 'implicit VR lumbar MR', path: IMPLICIT_MR, explicit: false },
  ])(`$name nested exactly ${MAX_SEQUENCE_DEPTH} deep is read and decoded`, async ({ path, explicit }) => {
    const bytes = deeplyNested(path, MAX_SEQUENCE_DEPTH, explicit);
    expect((await readHeader(memorySource(bytes, 'deep.dcm'))).kind).toBe('header');
    expect((await decodeFrame(bytes, 0, await nodeCodecs())).rows).toBeGreaterThan(0);
  });
});

describe('engine text never reaches users', () => {
  test.each([
    { name: 'stack overflow', thrown: new RangeError('Maximum call stack size exceeded'), text: 'its structure is nested too deeply to read' },
    { name: 'DataView out of range', thrown: new RangeError('Offset is outside the bounds of the DataView'), text: 'a length or offset in it points past the end of the data' },
    { name: 'allocation', thrown: new RangeError('Array buffer allocation failed'), text: 'it asks for more memory than this app allows' },
    { name: 'TypeError', thrown: new TypeError("Cannot read properties of undefined (reading 'length')"), text: 'it is damaged in a way the reader does not recognise' },
    { name: 'wasm trap', thrown: new WebAssembly.RuntimeError('memory access out of bounds'), text: 'a length or offset in it points past the end of the data' },
    { name: 'dicom-parser wrapped', thrown: { exception: new RangeError('Maximum call stack size exceeded'), dataSet: {} }, text: 'its structure is nested too deeply to read' },
    { name: "dicom-parser's own sentence", thrown: 'dicomParser.readFixedString: attempt to read past end of buffer', text: 'attempt to read past end of buffer' },
    { name: 'something odd', thrown: 42, text: 'it is damaged in a way the reader does not recognise' },
  ])('$name', ({ thrown, text }) => {
    expect(thrownText(thrown)).toBe(text);
  });
});
