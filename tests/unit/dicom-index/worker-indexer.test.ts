import { describe, expect, it } from 'vitest';
import type { StudyIndex } from '@shared/dicom/index-model';
import { indexSources } from '../../../src-main/services/study-index/indexer';
import type { IndexEvent, IndexingView } from '../../../src-main/services/study-index/indexer';
import { createWorkerIndexer } from '../../../src-main/services/study-index/worker-indexer';
import { LUMBAR_MR, THORACOLUMBAR_CT } from './data';

// The worker-backed indexer (the app's and browser mode's) against the in-process one, on the real spine folders.
// Reads run eight at a time, so the order of `files` (and of problems) is the order reads ended: compare each
// instance's file itself, and the lists as sets.
function comparable(index: StudyIndex): unknown {
  const byRef = JSON.parse(JSON.stringify(index), (key, value: unknown) => (key === 'file' && typeof value === 'number' ? index.files[value] : value)) as StudyIndex;
  const sorted = <T>(list: readonly T[]): T[] => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return { ...byRef, files: sorted(index.files), problems: sorted(index.problems), stats: { ...index.stats, elapsedMs: 0 } };
}

describe('indexing in a worker thread', () => {
  it('gives the same index as the in-process indexer, with the same events and a live view', async () => {
    const events: IndexEvent[] = [];
    let view: IndexingView | undefined;
    const inWorker = await createWorkerIndexer()([LUMBAR_MR, THORACOLUMBAR_CT], { onEvent: (e) => events.push(e), onStart: (v) => (view = v) });
    const inProcess = await indexSources([LUMBAR_MR, THORACOLUMBAR_CT]);
    expect(comparable(inWorker)).toEqual(comparable(inProcess));
    expect(inWorker.stats.found).toBeGreaterThan(100);
    expect(events.filter((e) => e.type === 'series-ready').length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ type: 'progress', scanned: inProcess.stats.scanned, found: inProcess.stats.found });
    // The view answers synchronously from the last posted snapshot: every instance it lists has its file.
    const snapshot = view?.snapshot();
    expect(snapshot?.patients.length).toBeGreaterThan(0);
    const instance = snapshot?.patients[0]?.studies[0]?.series[0]?.stacks[0]?.instances[0];
    expect(instance).toBeDefined();
    if (instance !== undefined) expect(view?.fileOf(instance.id)).toEqual(snapshot?.files[instance.file]);
  });

  it('stops when cancelled and answers with what it read, marked cancelled', async () => {
    const controller = new AbortController();
    const result = await createWorkerIndexer()([THORACOLUMBAR_CT], {
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'series-ready') controller.abort();
      },
    });
    expect(result.cancelled).toBe(true);
    const instances = result.patients.flatMap((p) => p.studies.flatMap((s) => s.series.flatMap((se) => se.stacks.flatMap((st) => st.instances))));
    expect(instances.length).toBe(result.stats.found);
  });

  it('a file that exhausts the worker\'s heap is refused by name in plain words; the parent does not throw', async () => {
    const problems: IndexEvent[] = [];
    const indexer = createWorkerIndexer({ resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 }, exhaustOn: 'IM05.dcm' });
    const result = await indexer([LUMBAR_MR], { concurrency: 1, onEvent: (e) => e.type === 'problem' && problems.push(e) });
    const refused = result.problems.filter((p) => p.file.endsWith('IM05.dcm'));
    expect(refused).toEqual([
      { file: expect.stringMatching(/IM05\.dcm$/u), code: 'too-large', reason: expect.stringMatching(/IM05\.dcm was refused: reading it needed more memory than a file is allowed$/u) },
    ]);
    expect(problems).toContainEqual({ type: 'problem', problem: refused[0] });
    expect(result.cancelled).toBe(false);
    expect(result.stats.failed).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(result)).not.toMatch(/ERR_WORKER|heap|RangeError/u);
    // The main process goes on: the same folder indexes fully afterwards.
    const again = await createWorkerIndexer()([LUMBAR_MR], {});
    expect(again.problems).toEqual([]);
    expect(again.stats.found).toBe(12);
  });
});
