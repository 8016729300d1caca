// A zip entry that would inflate far beyond what an image can (a zip bomb: 100 MiB of zeros in ~100 KB) is refused
// before it is inflated, in our words; its header prefix is still read (indexing looks at headers only), and an
// honest entry of the same archive still reads whole.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openZip, ZipEntryRefusedError } from '../../../src-main/services/study-index/zip';
import { LUMBAR_MR } from '../dicom-index/data';

const dir = mkdtempSync(join(tmpdir(), 'zip-bomb-'));
const zip = join(dir, 'bomb.zip');
const honest = readFileSync(join(LUMBAR_MR, 'IM01.dcm'));

beforeAll(() => {
  // Built at run time: a real DICOM header followed by 100 MiB of zeros, deflated; and the honest file beside it.
  execFileSync('/usr/bin/python3', ['-c', [
    'import sys, zipfile',
    'head = open(sys.argv[2], "rb").read()',
    'with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:',
    '    z.writestr("bomb.dcm", head + bytes(100 * 1024 * 1024))',
    '    z.write(sys.argv[2], "honest.dcm")',
  ].join('\n'), zip, join(LUMBAR_MR, 'IM01.dcm')]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('zip entries are inflated only within what an image can expand to', () => {
  it('refuses the bomb before inflating it, naming the entry and both sizes', async () => {
    const archive = await openZip(zip);
    try {
      const listed: { name: string; size: number }[] = [];
      for await (const e of archive.entries()) listed.push(e);
      expect(listed.map((e) => e.name)).toEqual(['bomb.dcm', 'honest.dcm']);
      const before = process.memoryUsage().rss;
      const refused = await archive.readEntry('bomb.dcm', Number.POSITIVE_INFINITY).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ZipEntryRefusedError);
      expect((refused as Error).message).toMatch(/^bomb\.dcm in the zip would expand from 0\.\d+ MB to 100 MB, far more than an image can; it was not opened/);
      // Nothing was inflated: well under the 100 MiB it promised.
      expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
      // Its header is still readable (what indexing reads), and the honest entry reads whole, byte for byte.
      expect((await archive.readEntry('bomb.dcm', 4096)).subarray(0, 132)).toEqual(new Uint8Array(honest.subarray(0, 132)));
      expect(Buffer.from(await archive.readEntry('honest.dcm', Number.POSITIVE_INFINITY)).equals(honest)).toBe(true);
    } finally {
      archive.close();
    }
  });

});
