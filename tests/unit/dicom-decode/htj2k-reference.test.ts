// HTJ2K lossless against a real reference: real images (decoded by pydicom) are encoded losslessly with OpenJPH's
// encoder, checked lossless by OpenJPEG (an independent HTJ2K decoder, via Pillow), wrapped into DICOM by pydicom,
// and decoded by our pipeline: every sample must equal pydicom's decode of the source.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decodeFileFrame } from '../../../src-main/services/decode-file';
import { corpusPath } from './corpus-files';
import { PYTHON, makeReferences, readReference, type Reference } from './reference';
import { HANG_GUARD_MS } from '../../support/hang-guard';

const PYDICOM_FILES = '/usr/lib/python3/dist-packages/pydicom/data/test_files';
const WRAP = join(import.meta.dirname, 'make_htj2k_dicom.py');

interface Case {
  readonly name: string;
  readonly source: string;
  /** Photometric of the HTJ2K file: grey, or YBR_RCT (colour through the codestream's reversible transform). */
  readonly photometric: 'MONOCHROME2' | 'YBR_RCT';
}

const CASES: Case[] = [
  { name: 'real CT slice, 16-bit signed', source: corpusPath('cornerstoneWADOImageLoader/testImages/CTImage.dcm_LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm'), photometric: 'MONOCHROME2' },
  { name: 'real lumbar MR slice, 16-bit signed', source: '/work/shared/data/dicom/spine/lumbar-mr-axial-t2/IM01.dcm', photometric: 'MONOCHROME2' },
  { name: 'RGB 8-bit, 2 frames, reversible colour transform (YBR_RCT)', source: join(PYDICOM_FILES, 'SC_rgb_rle_2frame.dcm'), photometric: 'YBR_RCT' },
  // Not here: colour without the colour transform (MCT 0). OpenJPH's wasm encoder and our OpenJPH decode round-trip
  // such input exactly, but OpenJPEG decodes the same codestream to other values (its third component equals the
  // third of the input read as planes, the first two match nothing simple; 43,400 of 60,000 samples differ). One
  // of the two libraries is wrong and a third HTJ2K decoder is not available here, so MCT-0 colour HTJ2K stays
  // unverified; the corpus HTJ2K files use the transform. Nor 16-bit colour: Pillow
  // has no 16-bit RGB mode, so OpenJPEG's decode cannot be read back through it.
];

interface Encoder {
  getDecodedBuffer(info: { width: number; height: number; bitsPerSample: number; componentCount: number; isSigned: boolean; isUsingColorTransform: boolean }): Uint8Array;
  setQuality(lossless: boolean, quantizationStep: number): void;
  encode(): void;
  getEncodedBuffer(): Uint8Array;
  delete(): void;
}
interface OpenJph {
  HTJ2KEncoder: new () => Encoder;
}

let dir = '';
let openjph: OpenJph;
const refs: Reference[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'htj2k-ref-'));
  makeReferences(CASES.map((c) => c.source), dir);
  for (let i = 0; i < CASES.length; i++) refs.push(readReference(dir, i));
  const factory = createRequire(import.meta.url)('@cornerstonejs/codec-openjph/wasmjs') as (m: object) => Promise<OpenJph>;
  openjph = await factory({ print: () => undefined, printErr: () => undefined });
});

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

/** One frame's samples (from the reference) as little-endian bytes, encoded losslessly by OpenJPH. */
function encodeFrame(ref: Reference, frame: number, colourTransform: boolean): Uint8Array {
  const shape = ref.shape ?? [];
  const frames = ref.frames ?? 1;
  const [rows, columns, samples = 1] = frames > 1 ? shape.slice(1) : shape;
  if (rows === undefined || columns === undefined) throw new Error(`bad reference shape ${JSON.stringify(shape)}`);
  const bytesPer = ref.dtype?.endsWith('1') ? 1 : 2;
  const signed = ref.dtype?.includes('i') ?? false;
  const encoder = new openjph.HTJ2KEncoder();
  try {
    const buffer = encoder.getDecodedBuffer({ width: columns, height: rows, bitsPerSample: bytesPer * 8, componentCount: samples, isSigned: signed, isUsingColorTransform: colourTransform });
    const count = rows * columns * samples;
    const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    const source = ref.samples ?? [];
    for (let i = 0; i < count; i++) {
      const v = source[frame * count + i] ?? 0;
      if (bytesPer === 1) view.setUint8(i, v);
      else if (signed) view.setInt16(i * 2, v, true);
      else view.setUint16(i * 2, v, true);
    }
    encoder.setQuality(true, 0);
    encoder.encode();
    return encoder.getEncodedBuffer().slice();
  } finally {
    encoder.delete();
  }
}

describe('HTJ2K lossless: OpenJPH-encoded real images decode to the source pixels', () => {
  test.each(CASES.map((c, i) => [c.name, i] as const))('%s', async (_name, i) => {
    const c = CASES[i] as Case;
    const ref = refs[i] as Reference;
    expect(ref.ok, ref.error).toBe(true);
    const frames = ref.frames ?? 1;
    const streams = Array.from({ length: frames }, (_, f) => {
      const path = join(dir, `${i}.${f}.j2c`);
      writeFileSync(path, encodeFrame(ref, f, c.photometric === 'YBR_RCT'));
      return path;
    });
    const out = join(dir, `${i}.htj2k.dcm`);
    const made = JSON.parse(execFileSync(PYTHON, [WRAP, c.source, out, c.photometric, ...streams], { encoding: 'utf8', timeout: HANG_GUARD_MS })) as { openjpegIdentical: boolean };
    // OpenJPEG decodes the codestreams to the source exactly: the encoder really was lossless.
    expect(made.openjpegIdentical).toBe(true);

    const source = ref.samples ?? [];
    let k = 0;
    let differing = 0;
    for (let f = 0; f < frames; f++) {
      const decoded = await decodeFileFrame(out, f);
      expect(decoded.photometricInterpretation).toBe(c.photometric === 'MONOCHROME2' ? 'MONOCHROME2' : 'RGB');
      for (let s = 0; s < decoded.pixels.length; s++, k++) if (decoded.pixels[s] !== source[k]) differing++;
    }
    expect(k).toBe(source.length);
    expect(differing).toBe(0);
  });
});
