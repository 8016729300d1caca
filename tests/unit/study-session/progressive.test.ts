import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indexSources } from '../../../src-main/services/study-index/indexer';
import { readHeader } from '../../../src-main/services/study-index/read-header';
import { createStudySessions } from '../../../src-main/services/study-session';
import type { EventName } from '../../../shared/ipc/contract';
import { THORACOLUMBAR_CT } from '../dicom-index/data';

/** A gate the test opens: header reads after the first `open` files wait until release(). */
function gatedReads(open: number): { readHeader: typeof readHeader; release: () => void; started: () => number } {
  let reads = 0;
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    readHeader: async (source, options) => {
      if (reads++ >= open) await gate;
      return readHeader(source, options);
    },
    release: () => release(),
    started: () => reads,
  };
}

describe('a study session before indexing ends', () => {
  const sessions: ReturnType<typeof createStudySessions>[] = [];
  afterAll(() => {
    for (const s of sessions) s.closeAll();
  });

  it('serves the partial index and the pixels of a ready series while the rest is still being read', async () => {
    const gate = gatedReads(30);
    const events: { name: EventName; payload: unknown }[] = [];
    const studies = createStudySessions({
      dataDir: mkdtempSync(join(tmpdir(), 'progressive-')),
      emit: (name, payload) => events.push({ name, payload }),
      // Test-only: the real indexer over real files, its reads held after 30 files (not reachable from IPC).
      indexSources: (paths, options) => indexSources(paths, { ...options, concurrency: 1, seriesIntervalMs: 0, readHeader: gate.readHeader }),
    });
    sessions.push(studies);
    const sessionId = studies.open([join(THORACOLUMBAR_CT, 'axial')]);
    let finished = false;
    void studies.getIndex(sessionId).then(() => {
      finished = true;
    });

    await expect.poll(() => events.filter((e) => e.name === 'study:series-ready').length).toBeGreaterThan(0);
    const partial = studies.getPartialIndex(sessionId);
    const series = partial.patients[0]?.studies[0]?.series[0];
    const stack = series?.stacks[0];
    expect(stack?.instances.length).toBeGreaterThan(0);
    expect(stack?.instances.length).toBeLessThan(112);
    expect(partial.stats.scanned).toBeLessThan(112);

    // Its pixels can be read now: the same bytes as the file on disk.
    const instance = stack?.instances[0];
    const bytes = await studies.readInstance(sessionId, instance?.id ?? '');
    const file = partial.files[instance?.file ?? -1];
    expect(file !== undefined && 'path' in file).toBe(true);
    if (file !== undefined && 'path' in file) expect(Buffer.from(bytes).equals(readFileSync(file.path))).toBe(true);
    expect(finished).toBe(false);
    expect(events.some((e) => e.name === 'study:indexed')).toBe(false);
    // Ids the index never held are still refused.
    await expect(studies.readInstance(sessionId, '0123456789abcdef')).rejects.toMatchObject({ code: 'not-in-index' });

    gate.release();
    const final = await studies.getIndex(sessionId);
    expect(final.patients[0]?.studies[0]?.series[0]?.stacks[0]?.instances).toHaveLength(112);
    // Once indexing ended the partial answer is the final index.
    expect(studies.getPartialIndex(sessionId)).toBe(final);
    const last = final.patients[0]?.studies[0]?.series[0]?.stacks[0]?.instances[111];
    expect((await studies.readInstance(sessionId, last?.id ?? '')).length).toBeGreaterThan(0);
  });

  it('an indexer with no view of its run (an injected fake) still serves pixels after the index ends', async () => {
    const studies = createStudySessions({
      dataDir: mkdtempSync(join(tmpdir(), 'progressive-')),
      indexSources: (paths, options) => indexSources(paths, { ...(options.signal ? { signal: options.signal } : {}) }),
    });
    sessions.push(studies);
    const sessionId = studies.open([join(THORACOLUMBAR_CT, 'sagittal')]);
    expect(studies.getPartialIndex(sessionId).patients).toEqual([]);
    const index = await studies.getIndex(sessionId);
    const instance = index.patients[0]?.studies[0]?.series[0]?.stacks[0]?.instances[0];
    expect((await studies.readInstance(sessionId, instance?.id ?? '')).length).toBeGreaterThan(0);
  });
});
