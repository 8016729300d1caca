// A codestream larger than its header (issue 11, item 2): the SIZ / SOF55 / SOFn marker is read and checked
// against Rows, Columns and Samples per Pixel before any decoder runs, so a 23000×23000 claim inside a 512×512
// image is refused without the codec allocating gigabytes (it did: 2.25 / 1.2 / 0.7 GB), and memory stays at its
// baseline for the next decode (measured in a child process).

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { decodeFrame } from '@shared/dicom/decode/decode-frame';
import { DicomLoadError } from '@shared/dicom/decode/errors';
import { nodeCodecs } from '../../../src-main/services/codecs-node';
import { HANG_GUARD_MS } from '../../support/hang-guard';
import { HTJ2K_RGB, J2K_CT, JPEG_BASELINE_CT, JPEG_LOSSLESS_CT, JPEG_LS_CT, jpegWithSize, sizWithSize } from '../../support/hostile-dicom';

const run = promisify(execFile);

describe('a codestream that disagrees with its header is refused before decoding', () => {
  test.each([
    { name: 'JPEG 2000 SIZ 23000×23000 in a 512×512 CT', bytes: () => sizWithSize(J2K_CT, 23000, 23000), message: "the JPEG 2000 codestream's SIZ marker says 23000×23000 with 1 component(s), but the header says 512×512 with 1: refused before decoding" },
    { name: 'HTJ2K SIZ 23000×23000 in a 640×480 RGB image', bytes: () => sizWithSize(HTJ2K_RGB, 23000, 23000), message: "the HTJ2K codestream's SIZ marker says 23000×23000 with 3 component(s), but the header says 640×480 with 3: refused before decoding" },
    { name: 'JPEG-LS SOF55 23000×23000 in a 512×512 CT', bytes: () => jpegWithSize(JPEG_LS_CT, 0xf7, 23000, 23000), message: "the JPEG-LS codestream's SOF55 marker says 23000×23000 with 1 component(s), but the header says 512×512 with 1: refused before decoding" },
    { name: 'JPEG SOF0 23000×23000 in a 512×512 CT', bytes: () => jpegWithSize(JPEG_BASELINE_CT, 0xc0, 23000, 23000), message: "the JPEG codestream's SOF marker says 23000×23000 with 1 component(s), but the header says 512×512 with 1: refused before decoding" },
    { name: 'JPEG Lossless SOF3 513×512 in a 512×512 CT', bytes: () => jpegWithSize(JPEG_LOSSLESS_CT, 0xc3, 513, 512), message: "the JPEG Lossless codestream's SOF marker says 513×512 with 1 component(s), but the header says 512×512 with 1: refused before decoding" },
  ])('$name', async ({ bytes, message }) => {
    const refused = await decodeFrame(bytes(), 0, await nodeCodecs()).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(DicomLoadError);
    expect((refused as DicomLoadError).code).toBe('malformed');
    expect((refused as DicomLoadError).message).toBe(message);
  });

  test('after a hostile codestream the next decode starts at normal memory (child process)', async () => {
    const { stdout } = await run('npx', ['tsx', '--expose-gc', 'tests/unit/hostile-input/heap-child.ts'], { timeout: HANG_GUARD_MS });
    const m = JSON.parse(stdout.trim().split('\n').slice(-1)[0] ?? '{}') as { baselineMb: number; afterHostileMb: number; afterNextMb: number; hostile: string };
    console.log(`codestream 23000×23000 in 512×512: RSS baseline ${m.baselineMb} MB, after the hostile file ${m.afterHostileMb} MB, after the next decode ${m.afterNextMb} MB`);
    expect(m.hostile).toMatch(/SIZ marker says 23000×23000.*refused before decoding/u);
    expect(m.afterHostileMb - m.baselineMb).toBeLessThan(100);
    expect(m.afterNextMb - m.baselineMb).toBeLessThan(100);
  });
});
