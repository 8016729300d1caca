// The `decode` subcommand end to end: spawned as users run it.

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { corpusPath } from './corpus-files';
import { HANG_GUARD_MS } from '../../support/hang-guard';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'decode-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'src-main/cli/main.ts', 'decode', ...args], { timeout: HANG_GUARD_MS });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('cli decode', () => {
  test('writes the CT frame as little-endian int16 and prints one JSON line', async () => {
    const out = join(dir, 'ct.raw');
    const r = await cli([corpusPath('cornerstoneWADOImageLoader/testImages/CTImage.dcm_JPEGLSLosslessTransferSyntax_1.2.840.10008.1.2.4.80.dcm'), '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.stdout)).toEqual({ rows: 512, columns: 512, samplesPerPixel: 1, bitsAllocated: 16, pixelRepresentation: 1, photometricInterpretation: 'MONOCHROME2' });
    const raw = readFileSync(out);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(raw.length).toBe(512 * 512 * 2);
    expect(raw.readInt16LE((256 * 512 + 256) * 2)).toBe(1091);
  });

  test('--frame picks a frame of a multi-frame file; colour is interleaved RGB', async () => {
    const out = join(dir, 'rgb.raw');
    const r = await cli([corpusPath('pydicom-data/data_store/data/SC_rgb_2frame.dcm'), '--frame', '2', '--out', out]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 100, columns: 100, samplesPerPixel: 3, photometricInterpretation: 'RGB' });
    expect(statSync(out).size).toBe(100 * 100 * 3);
  });

  test('1-bit images are written one byte (0/1) per pixel', async () => {
    const out = join(dir, 'bits.raw');
    const r = await cli([corpusPath('pydicom-data/data_store/data/liver_rle.dcm'), '--frame', '3', '--out', out]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ bitsAllocated: 1 });
    const raw = readFileSync(out);
    expect(raw.length).toBe(512 * 512);
    expect(raw.every((v) => v <= 1) && raw.includes(1)).toBe(true);
  });

  test('errors exit 2 with one line on stderr and nothing on stdout', async () => {
    const unsupported = await cli([corpusPath('cornerstoneWADOImageLoader/testImages/CTImage.dcm_JPEGProcess2_4TransferSyntax_1.2.840.10008.1.2.4.51.dcm'), '--out', join(dir, 'x.raw')]);
    expect(unsupported.code).toBe(2);
    expect(unsupported.stdout).toBe('');
    expect(unsupported.stderr.trim().split('\n').filter((l) => !l.startsWith('npm warn'))).toHaveLength(1);
    expect(unsupported.stderr).toMatch(/^unsupported-transfer-syntax: JPEG Extended/mu);

    const range = await cli([corpusPath('pydicom-data/data_store/data/SC_rgb_2frame.dcm'), '--frame', '3', '--out', join(dir, 'x.raw')]);
    expect(range.code).toBe(2);
    expect(range.stderr).toMatch(/frame-out-of-range/u);

    const usage = await cli(['--out', join(dir, 'x.raw')]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/FILE is missing/u);
  });
});
