// The table-driven JPEG Lossless decoder (shared/dicom/decode/jpeg-lossless-fast.ts) against the library decoder
// it stands in front of (jpeg-lossless-decoder-js): the same samples on every JPEG Lossless frame of the corpus and
// pydicom's files, and no answer (so the library decides, as before) on cut or damaged streams.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encapsulatedFrameBytes } from '@shared/dicom/decode/frames';
import { decodeWithLibrary } from '@shared/dicom/decode/jpeg-lossless';
import { decodeLosslessFast } from '@shared/dicom/decode/jpeg-lossless-fast';
import { readImageInfo } from '@shared/dicom/decode/image-info';
import { parseDicomBytes } from '@shared/dicom/decode/parse';
import { seededRandom } from '../../support/seeded-random';
import { allFiles } from './corpus-files';

const LOSSLESS = new Set(['1.2.840.10008.1.2.4.57', '1.2.840.10008.1.2.4.70', '1.2.840.10008.1.2.4.14']);

interface Frame {
  readonly label: string;
  readonly bytes: Uint8Array;
}

async function losslessFrames(): Promise<Frame[]> {
  const frames: Frame[] = [];
  for (const file of allFiles()) {
    let parsed;
    try {
      parsed = await parseDicomBytes(new Uint8Array(readFileSync(file.path)));
    } catch {
      continue;
    }
    if (!LOSSLESS.has(parsed.transferSyntaxUid)) continue;
    let info;
    try {
      info = readImageInfo(parsed.dataSet);
    } catch {
      continue;
    }
    for (let f = 0; f < info.numberOfFrames; f++) {
      try {
        frames.push({ label: `${file.label} frame ${f}`, bytes: encapsulatedFrameBytes(parsed.dataSet, info, f) });
      } catch {
        // No pixel data or a broken fragment table: nothing to compare.
      }
    }
  }
  return frames;
}

/** The library's answer: its bytes, or that it failed. */
function library(bytes: Uint8Array): Uint8Array | 'failed' {
  try {
    return decodeWithLibrary(bytes).bytes;
  } catch {
    return 'failed';
  }
}

const asBytes = (s: Uint16Array | Uint8Array): Uint8Array => new Uint8Array(s.buffer, s.byteOffset, s.byteLength);

describe('the table-driven JPEG Lossless decoder', () => {
  it('gives the library decoder its samples on every JPEG Lossless frame it takes, and takes the single-component ones', async () => {
    const frames = await losslessFrames();
    expect(frames.length).toBeGreaterThanOrEqual(8);
    let taken = 0;
    for (const frame of frames) {
      const fast = decodeLosslessFast(frame.bytes);
      if (fast === undefined) continue;
      taken++;
      const expected = library(frame.bytes);
      expect(expected, frame.label).not.toBe('failed');
      expect(Buffer.from(asBytes(fast.samples)).equals(Buffer.from(expected as Uint8Array)), frame.label).toBe(true);
    }
    // Every CT/MR frame here is one component; the RGB secondary capture goes to the library.
    expect(taken).toBeGreaterThanOrEqual(frames.length - 2);
  });

  it('gives no answer on a stream cut short, so the library reports it as before', async () => {
    const frames = (await losslessFrames()).filter((f) => f.bytes.length > 2000);
    for (const frame of frames.slice(0, 4)) {
      for (const keep of [0.25, 0.5, 0.9, 0.999]) {
        const cut = frame.bytes.slice(0, Math.floor(frame.bytes.length * keep));
        expect(decodeLosslessFast(cut), `${frame.label} cut to ${keep}`).toBeUndefined();
      }
    }
  });

  it('on seeded damage either gives no answer or exactly what the library gives', async () => {
    const random = seededRandom(1414);
    const frames = (await losslessFrames()).filter((f) => f.bytes.length > 2000).slice(0, 3);
    let compared = 0;
    for (const frame of frames) {
      for (let trial = 0; trial < 15; trial++) {
        const bytes = frame.bytes.slice();
        const at = Math.floor(random() * bytes.length);
        bytes[at] = Math.floor(random() * 256);
        const fast = decodeLosslessFast(bytes);
        if (fast === undefined) continue;
        const expected = library(bytes);
        // The library refusing a stream this decodes to the end (its look-ahead runs out near EOI) is not compared:
        // both answers are a damaged image.
        if (expected === 'failed') continue;
        compared++;
        expect(Buffer.from(asBytes(fast.samples)).equals(Buffer.from(expected)), `${frame.label} trial ${trial}`).toBe(true);
      }
    }
    expect(compared).toBeGreaterThan(0);
  });
});
