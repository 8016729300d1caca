import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexSources } from '../../../src-main/services/study-index/indexer';
import { createInstanceBytesReader } from '../../../src-main/services/study-index/file-bytes';
import { LUMBAR_MR, allSeries, tempDir } from './data';

describe('zip archive of the lumbar MR', () => {
  const dir = tempDir('zip');
  const zip = join(dir.path, 'study.zip');
  beforeAll(() => {
    // Deflate-compressed entries under a folder, as exported by PACS web viewers.
    execFileSync('python3', ['-m', 'zipfile', '-c', zip, LUMBAR_MR]);
  });
  afterAll(() => dir.remove());

  it('indexes the entries in place: 4 stacks of 3, zip entry references, headers only', async () => {
    const index = await indexSources([zip]);
    expect(index.problems).toEqual([]);
    const series = allSeries(index);
    expect(series).toHaveLength(1);
    expect(series[0]?.stacks.map((s) => s.instances.length)).toEqual([3, 3, 3, 3]);
    expect(index.files).toHaveLength(12);
    for (const ref of index.files) expect(ref).toEqual({ zip, entry: expect.stringMatching(/^lumbar-mr-axial-t2\/IM\d\d\.dcm$/u) });
    const total = 12 * statSync(join(LUMBAR_MR, 'IM01.dcm')).size;
    expect(index.stats.bytesRead).toBeLessThan(total / 4);
  });

  it('serves an instance’s whole entry for decoding, byte for byte', async () => {
    const index = await indexSources([zip]);
    const reader = createInstanceBytesReader(index);
    try {
      const stack = allSeries(index)[0]?.stacks[0];
      const instance = stack?.instances.find((i) => i.instanceNumber === 1);
      expect(instance).toBeDefined();
      const bytes = await reader.read(instance?.id ?? '');
      expect(Buffer.from(bytes).equals(readFileSync(join(LUMBAR_MR, 'IM01.dcm')))).toBe(true);
    } finally {
      reader.close();
    }
  });
});
