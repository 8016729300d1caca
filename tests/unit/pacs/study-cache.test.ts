// The study cache's byte budget: least recently used studies go first, the study being read stays, partial
// transfers and folders that are not studies are never touched. Times are set explicitly (no clock).

import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedStudies, enforceCacheBudget, touchStudy } from '../../../src-main/services/pacs';
import { tempDir } from '../dicom-index/data';

/** Studies 1.1 … 1.4 of 100, 200, 300, 400 bytes, used in the order given (first = least recently). */
async function cache(usedOrder: readonly string[]): Promise<{ path: string; remove: () => void }> {
  const dir = tempDir('pacs-study-cache');
  const sizes: Record<string, number> = { '1.1': 100, '1.2': 200, '1.3': 300, '1.4': 400 };
  for (const [uid, size] of Object.entries(sizes)) {
    mkdirSync(join(dir.path, uid, 'sub'), { recursive: true });
    writeFileSync(join(dir.path, uid, '00001.dcm'), Buffer.alloc(size / 2));
    writeFileSync(join(dir.path, uid, 'sub', '00002.dcm'), Buffer.alloc(size / 2));
  }
  // Not studies: a transfer in progress and a stray folder.
  mkdirSync(join(dir.path, '.1.5.partial-abc'));
  writeFileSync(join(dir.path, '.1.5.partial-abc', '00001.dcm'), Buffer.alloc(5000));
  mkdirSync(join(dir.path, 'notes'));
  for (const [i, uid] of usedOrder.entries()) await touchStudy(join(dir.path, uid), new Date(Date.UTC(2026, 0, 1 + i)));
  return dir;
}

const cases: ReadonlyArray<{ name: string; used: string[]; budget: number; keep?: string[]; removed: string[] }> = [
  { name: 'under budget: nothing removed', used: ['1.1', '1.2', '1.3', '1.4'], budget: 1000, removed: [] },
  { name: 'least recently used first', used: ['1.3', '1.1', '1.4', '1.2'], budget: 600, removed: ['1.3', '1.1'] },
  { name: 'just enough removed', used: ['1.4', '1.1', '1.2', '1.3'], budget: 600, removed: ['1.4'] },
  { name: 'the study being read stays', used: ['1.3', '1.1', '1.4', '1.2'], budget: 600, keep: ['1.3'], removed: ['1.1', '1.4'] },
  { name: 'a budget of zero keeps only the study being read', used: ['1.1', '1.2', '1.3', '1.4'], budget: 0, keep: ['1.2'], removed: ['1.1', '1.3', '1.4'] },
];

describe('study cache budget', () => {
  it.each(cases)('$name', async ({ used, budget, keep, removed }) => {
    const dir = await cache(used);
    try {
      expect((await cachedStudies(dir.path)).map((s) => [s.studyInstanceUid, s.bytes])).toEqual(used.map((uid) => [uid, Number(uid.slice(2)) * 100]));
      expect(await enforceCacheBudget(dir.path, budget, new Set(keep ?? []))).toEqual(removed);
      const left = ['1.1', '1.2', '1.3', '1.4'].filter((uid) => !removed.includes(uid));
      expect(readdirSync(dir.path).sort()).toEqual(['.1.5.partial-abc', 'notes', ...left].sort());
    } finally {
      dir.remove();
    }
  });

  it('a cache folder that does not exist holds no studies', async () => {
    expect(await enforceCacheBudget('/nonexistent/cache', 0)).toEqual([]);
  });
});
