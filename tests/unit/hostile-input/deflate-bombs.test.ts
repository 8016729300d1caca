// Deflate bombs (issue 11, item 1): 1 GiB of zeros in about 1 MB, made at run time from the corpus's deflated CT
// and liver files. Each is refused with our reason, in a child process whose peak memory is asserted (the wall time
// is printed, not asserted: this machine is shared and busy).

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HANG_GUARD_MS } from '../../support/hang-guard';
import { deflatedDataSetBomb, deflatedFrameBomb } from '../../support/hostile-dicom';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'deflate-bombs-'));
const MAX_RSS_MB = 300;

beforeAll(() => {
  writeFileSync(join(dir, 'element-bomb.dcm'), deflatedDataSetBomb('element'));
  writeFileSync(join(dir, 'pixel-bomb.dcm'), deflatedDataSetBomb('pixel-data'));
  writeFileSync(join(dir, 'frame-bomb.dcm'), deflatedFrameBomb());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Measured {
  readonly ms: number;
  readonly maxRssMb: number;
  readonly outcome: string;
}

async function measure(mode: 'index' | 'decode', file: string): Promise<Measured> {
  const { stdout } = await run('npx', ['tsx', 'tests/unit/hostile-input/measure-child.ts', mode, join(dir, file)], { timeout: HANG_GUARD_MS });
  return JSON.parse(stdout.trim().split('\n').slice(-1)[0] ?? '{}') as Measured;
}

describe('a 1 GiB deflate bomb is refused in bounded memory', () => {
  test.each([
    { name: 'Deflated Explicit VR data set, huge element before the pixel data', mode: 'index', file: 'element-bomb.dcm', reason: /^too-large: the deflated data set inflates past 64 MiB before its pixel data begins.*deflate bomb/u },
    { name: 'Deflated Explicit VR data set, huge element before the pixel data', mode: 'decode', file: 'element-bomb.dcm', reason: /^too-large: the deflated data set inflates past 64 MiB before its pixel data begins.*deflate bomb/u },
    { name: 'Deflated Explicit VR data set, 1 GiB pixel data behind a 512×512 header', mode: 'decode', file: 'pixel-bomb.dcm', reason: /^too-large: the deflated data set inflates to more than the \d+ bytes its header promises/u },
    { name: 'Deflated Image Frame, 1 GiB frame behind a 512×512 1-bit header', mode: 'decode', file: 'frame-bomb.dcm', reason: /^too-large: frame 1 inflates to more than the 32768 bytes its header promises/u },
  ] as const)('$mode: $name', async ({ mode, file, reason }) => {
    const m = await measure(mode, file);
    console.log(`${mode} ${file}: ${m.ms} ms, peak RSS ${m.maxRssMb} MB: ${m.outcome}`);
    expect(m.outcome).toMatch(reason);
    expect(m.maxRssMb).toBeLessThan(MAX_RSS_MB);
  });

  test('the Deflated Image Frame bomb through `cli decode`: exit 2, one line of ours, bounded memory', async () => {
    if (!existsSync('/usr/bin/time')) throw new Error('GNU time is needed to measure the CLI: install it (Debian: apt-get install time)');
    let stderr = '';
    let code = 0;
    try {
      await run('/usr/bin/time', ['-f', 'peak-rss-kb %M', 'npx', 'tsx', 'src-main/cli/main.ts', 'decode', join(dir, 'frame-bomb.dcm'), '--out', join(dir, 'out.raw')], { timeout: HANG_GUARD_MS });
    } catch (error) {
      const e = error as { code?: number; stderr?: string };
      code = e.code ?? -1;
      stderr = e.stderr ?? '';
    }
    const lines = stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('npm warn') && !l.startsWith('Command exited'));
    const peakMb = Number(/peak-rss-kb (\d+)/u.exec(stderr)?.[1] ?? Number.NaN) / 1024;
    console.log(`cli decode frame bomb: peak RSS ${Math.round(peakMb)} MB (tsx included): ${lines[0] ?? ''}`);
    expect(code).toBe(2);
    expect(lines[0]).toMatch(/^too-large: frame 1 inflates to more than the 32768 bytes/u);
    expect(peakMb).toBeLessThan(MAX_RSS_MB);
  });
});
