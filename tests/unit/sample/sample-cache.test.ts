// The build's copy of the sample study (out/sample-study, written by `npm start`): a host copies it instead of
// generating when it is current, reports progress either way, and never copies a cache of another generator version.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_UIDS, sampleStudyPaths } from '@shared/sample';
import { SAMPLE_STAMP_FILE, ensureSampleStudy, writeSampleShare } from '../../../src-main/services/sample-study';
import { outputDir } from '../dicom-write/external-tools';

const root = join(outputDir('sample'), `cache-${process.pid}`);
// The sample study other tests generate too (study.test.ts): generated once, reused when current.
const reference = join(outputDir('sample'), 'study');
const paths = sampleStudyPaths();
const bytes = (dir: string, path: string): Buffer => readFileSync(join(dir, ...path.split('/')));

beforeAll(async () => {
  await ensureSampleStudy(reference);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function recorder() {
  const calls: [number, number][] = [];
  return { calls, onProgress: (done: number, total: number) => calls.push([done, total]) };
}

describe('ensureSampleStudy with a prebuilt cache', () => {
  it('copies a current cache: the same bytes, private files, progress from 0 to every file', async () => {
    const target = join(root, 'copied');
    const progress = recorder();
    const result = await ensureSampleStudy(target, { prebuilt: reference, onProgress: progress.onProgress });
    expect(result.generated).toBe(true);
    for (const path of [paths[0]!, paths[70]!, paths[paths.length - 1]!]) expect(bytes(target, path).equals(bytes(reference, path))).toBe(true);
    expect(statSync(join(target, ...paths[0]!.split('/'))).mode & 0o777).toBe(0o600);
    expect(progress.calls).toEqual(Array.from({ length: paths.length + 1 }, (_, i) => [i, paths.length]));
    // Current now: a second call writes nothing and reports nothing.
    const again = recorder();
    expect((await ensureSampleStudy(target, { prebuilt: reference, onProgress: again.onProgress })).generated).toBe(false);
    expect(again.calls).toEqual([]);
  });

  it('does not copy a cache of another generator version: it generates (same bytes as the reference)', async () => {
    const stale = join(root, 'stale-cache');
    for (const path of paths) {
      mkdirSync(join(stale, ...path.split('/').slice(0, -1)), { recursive: true });
      writeFileSync(join(stale, ...path.split('/')), 'not the current sample');
    }
    writeFileSync(join(stale, SAMPLE_STAMP_FILE), JSON.stringify({ generatorVersion: -1, studyInstanceUid: SAMPLE_UIDS.study, files: paths }));
    const target = join(root, 'generated');
    const progress = recorder();
    await ensureSampleStudy(target, { prebuilt: stale, onProgress: progress.onProgress });
    for (const path of [paths[0]!, paths[paths.length - 1]!]) expect(bytes(target, path).equals(bytes(reference, path))).toBe(true);
    expect(progress.calls.at(-1)).toEqual([paths.length, paths.length]);
  });
});

describe('writeSampleShare (the build renders the cache in several processes)', () => {
  it.each([[0, 79], [78, 79]])('share %i of %i: exactly its files, the same bytes as one process writes', async (part, parts) => {
    const target = join(root, `share-${part}-${parts}`);
    const written = await writeSampleShare(target, part, parts);
    const mine = paths.filter((_, i) => i % parts === part);
    expect(written).toBe(mine.length);
    for (const path of paths) expect(existsSync(join(target, ...path.split('/')))).toBe(mine.includes(path));
    for (const path of mine) expect(bytes(target, path).equals(bytes(reference, path))).toBe(true);
  });
});
