// Small pure pieces with hand-made inputs.

import { describe, expect, test } from 'vitest';
import { ybrFullToRgb } from '@shared/dicom/decode/color';
import { readJpegFrameHeader, withoutColourTransform } from '@shared/dicom/decode/jpeg-markers';
import { readSamples, planarToInterleaved, storedValueMapper } from '@shared/dicom/decode/native';
import { decodeRleFrame } from '@shared/dicom/decode/rle';
import { transferSyntaxInfo } from '@shared/dicom/decode/transfer-syntax';
import { applyWindow, windowForRange } from '@shared/dicom/decode/voi';

function rleFrame(segments: number[][]): Uint8Array {
  const header = new Uint8Array(64);
  const view = new DataView(header.buffer);
  view.setUint32(0, segments.length, true);
  let offset = 64;
  segments.forEach((s, i) => {
    view.setUint32(4 + i * 4, offset, true);
    offset += s.length;
  });
  return new Uint8Array([...header, ...segments.flat()]);
}

describe('RLE', () => {
  test('literal and replicate runs; 16-bit planes come MSB first and are returned little endian', () => {
    // 4 pixels: 0x0102, 0x0102, 0x0304, 0x0506
    const msb = [0xff, 0x01, 0x01, 0x03, 0x05]; // replicate 0x01 twice, then literal 03 05
    const lsb = [0x03, 0x02, 0x02, 0x04, 0x06]; // literal 4 bytes
    const out = decodeRleFrame(rleFrame([msb, lsb]), { rows: 2, columns: 2, samplesPerPixel: 1, bitsAllocated: 16 });
    expect(Array.from(new Uint16Array(out.buffer))).toEqual([0x0102, 0x0102, 0x0304, 0x0506]);
  });

  test('a short segment is malformed', () => {
    expect(() => decodeRleFrame(rleFrame([[0x00, 0x07]]), { rows: 2, columns: 2, samplesPerPixel: 1, bitsAllocated: 8 })).toThrow(/decodes to 1 bytes/u);
  });
});

describe('native samples', () => {
  const fmt = { bitsAllocated: 16, bitsStored: 12, highBit: 11, pixelRepresentation: 1, sampleKind: 'int' as const };
  test('bits stored are masked and sign-extended; big endian is swapped', () => {
    const le = readSamples(new Uint8Array([0xff, 0xff, 0xff, 0x07, 0x00, 0xf8]), 0, 3, { bytesPerSample: 2, bigEndian: false }, fmt);
    expect(Array.from(le)).toEqual([-1, 2047, -2048]);
    const be = readSamples(new Uint8Array([0x07, 0xff]), 0, 1, { bytesPerSample: 2, bigEndian: true }, fmt);
    expect(Array.from(be)).toEqual([2047]);
  });
  test('the 8/16-bit little-endian fast path gives what the general mapper gives, for every window and sign', () => {
    const bytes = new Uint8Array(515);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 197 + 31) & 0xff;
    for (const n of [1, 2]) {
      for (let bitsStored = 1; bitsStored <= n * 8; bitsStored++) {
        for (let highBit = bitsStored - 1; highBit < n * 8; highBit++) {
          // Start 3: odd (byte reads); start 4: aligned (16-bit word reads).
          for (const [pixelRepresentation, start] of [[0, 3], [1, 3], [0, 4], [1, 4]] as const) {
            const format = { bitsAllocated: n * 8, bitsStored, highBit, pixelRepresentation, sampleKind: 'int' as const };
            const got = readSamples(bytes, start, 255, { bytesPerSample: n, bigEndian: false }, format);
            const map = storedValueMapper(format) ?? ((raw: number): number => raw);
            const want = Array.from({ length: 255 }, (_, i) => {
              const p = start + i * n;
              const raw = n === 1 ? (bytes[p] ?? 0) : (bytes[p] ?? 0) | ((bytes[p + 1] ?? 0) << 8);
              const v = map(raw);
              // Where the mapper leaves the full word, the typed array's own width wraps it.
              return pixelRepresentation === 1 ? (v << (32 - n * 8)) >> (32 - n * 8) : v;
            });
            expect(Array.from(got), `n=${n} stored=${bitsStored} high=${highBit} signed=${pixelRepresentation} start=${start}`).toEqual(want);
          }
        }
      }
    }
  });
  test('1-bit samples unpack least significant bit first, from any bit offset', () => {
    const bits = readSamples(new Uint8Array([0b10110001, 0b00000001]), 0, 6, { bytesPerSample: 1, bigEndian: false, packedBits: true, bitOffset: 4 }, { ...fmt, bitsAllocated: 1, bitsStored: 1, highBit: 0, pixelRepresentation: 0 });
    expect(Array.from(bits)).toEqual([1, 1, 0, 1, 1, 0]);
  });
  test('planar configuration 1 becomes interleaved', () => {
    expect(Array.from(planarToInterleaved(new Uint8Array([1, 2, 10, 20, 100, 200]), 3))).toEqual([1, 10, 100, 2, 20, 200]);
  });
});

describe('colour', () => {
  test('YBR_FULL → RGB per PS3.3 C.7.6.3.1.2', () => {
    const px = new Uint8Array([128, 128, 128, 255, 128, 128, 76, 85, 255]);
    ybrFullToRgb(px, 8);
    expect(Array.from(px)).toEqual([128, 128, 128, 255, 255, 255, 254, 0, 0]);
  });

  test('JPEG colour transform markers are neutralised and component ids become R,G,B', () => {
    // SOI, APP0 "JFIF", SOF0 with 3 components (ids 1,2,3), SOS naming them, 1 byte of data, EOI.
    const jpeg = new Uint8Array([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x07, 0x4a, 0x46, 0x49, 0x46, 0x00,
      0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x01, 0x00, 0x01, 0x03, 0x01, 0x11, 0x00, 0x02, 0x11, 0x00, 0x03, 0x11, 0x00,
      0xff, 0xda, 0x00, 0x0c, 0x03, 0x01, 0x00, 0x02, 0x00, 0x03, 0x00, 0x00, 0x3f, 0x00, 0x12, 0xff, 0xd9,
    ]);
    expect(readJpegFrameHeader(jpeg)).toEqual({ marker: 0xc0, precision: 8, height: 1, width: 1, components: 3 });
    const out = withoutColourTransform(jpeg);
    expect(String.fromCharCode(...out.subarray(6, 10))).toBe('JFIX');
    expect([out[21], out[24], out[27]]).toEqual([0x52, 0x47, 0x42]);
    expect([out[35], out[37], out[39]]).toEqual([0x52, 0x47, 0x42]);
    expect(jpeg[21]).toBe(1); // the input is not modified
  });
});

describe('VOI and transfer syntaxes', () => {
  test('LINEAR window end points and centre (PS3.3 C.11.2.1.2.1)', () => {
    const w = { center: 40, width: 400, function: 'LINEAR' as const };
    expect(applyWindow(-161, w)).toBe(0);
    expect(applyWindow(240, w)).toBe(255);
    expect(applyWindow(39.5, w)).toBeCloseTo(127.5, 6);
    expect(applyWindow(40, { ...w, function: 'LINEAR_EXACT' })).toBeCloseTo(127.5, 6);
    expect(applyWindow(40, { ...w, function: 'SIGMOID' })).toBeCloseTo(127.5, 6);
    const full = windowForRange(-1024, 3071);
    expect([applyWindow(-1024, full), applyWindow(3071, full)]).toEqual([0, 255]);
  });

  test('the table knows what is lossy, encapsulated and unsupported', () => {
    expect(transferSyntaxInfo('1.2.840.10008.1.2.4.91\0')).toMatchObject({ lossy: true, encapsulated: true, codec: 'j2k', supported: true });
    expect(transferSyntaxInfo('1.2.840.10008.1.2.2')).toMatchObject({ endian: 'big', encapsulated: false });
    expect(transferSyntaxInfo('1.2.840.10008.1.2.4.112')).toMatchObject({ codec: 'jpeg-xl', supported: false });
  });
});
