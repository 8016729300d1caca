import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { emptyStudyIndex, type FileRef, type Problem, type StudyIndex } from '@shared/dicom/index-model';
import { allowListOf } from './file-bytes';
import type { IndexEvent, IndexingView, IndexOptions } from './indexer';
import type { FromWorker, IndexWorkerData, ToWorker } from './index-worker-protocol';

/**
 * The indexer in a worker thread with resource limits, behind indexSources' contract: a file that makes the header
 * reader run away costs the worker, not the main process, and the run ends with a problem naming that file.
 */

/** Heap limits per indexing run: far above what headers need (a few MB), far below what would hurt main. */
export const INDEX_WORKER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 32, stackSizeMb: 8 };

export interface WorkerIndexerOptions {
  readonly resourceLimits?: ResourceLimits;
  /** Test-only: the worker allocates without bound when it reads a file whose label ends with this. */
  readonly exhaustOn?: string;
}

/**
 * Built: index-worker.js beside the bundle (out/main from electron-vite, out/node from scripts/node-build.mjs), or
 * one folder up when this code sits in a shared chunk (out/…/chunks). From source (tsx, vitest): index-worker.ts
 * beside this file, through index-worker-from-source.mjs (which registers tsx's loader in the worker).
 */
function workerEntry(): { file: string; execArgv: string[] } {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = [join(here, 'index-worker.js'), join(here, '..', 'index-worker.js')].find((file) => existsSync(file));
  if (!import.meta.url.endsWith('.ts') && built !== undefined) return { file: built, execArgv: [] };
  return { file: join(here, 'index-worker-from-source.mjs'), execArgv: [] };
}

/** Our sentence for a worker that died; the engine's text stays in the log, not in front of the reader. */
function refusal(file: string, error: unknown): Problem {
  const memory = error instanceof Error && 'code' in error && error.code === 'ERR_WORKER_OUT_OF_MEMORY';
  return memory
    ? { file, code: 'too-large', reason: `${file} was refused: reading it needed more memory than a file is allowed` }
    : { file, code: 'read-failed', reason: `${file} was refused: reading it stopped the indexer` };
}

/** The worker died between files: the run is named instead. */
function stopped(paths: readonly string[], error: unknown): Problem {
  const file = paths.join(', ');
  const memory = error instanceof Error && 'code' in error && error.code === 'ERR_WORKER_OUT_OF_MEMORY';
  return { file, code: 'read-failed', reason: `Indexing stopped before it finished${memory ? ': it needed more memory than it is allowed' : ''}; the files read so far are shown` };
}

export function createWorkerIndexer(config: WorkerIndexerOptions = {}) {
  return function indexSourcesInWorker(paths: readonly string[], options: IndexOptions = {}): Promise<StudyIndex> {
    const started = Date.now();
    const entry = workerEntry();
    const data: IndexWorkerData = {
      paths: [...paths],
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      ...(config.exhaustOn === undefined ? {} : { exhaustOn: config.exhaustOn }),
    };
    const worker = new Worker(entry.file, {
      workerData: data,
      execArgv: entry.execArgv,
      resourceLimits: config.resourceLimits ?? INDEX_WORKER_LIMITS,
      stdout: false,
      stderr: false,
    });
    const emit = options.onEvent ?? ((_event: IndexEvent): void => undefined);
    const inFlight = new Set<string>();
    let snapshotJson: string | undefined;
    let parsed: { json: string; index: StudyIndex; allowed: Map<string, FileRef> } | undefined;
    const latest = (): { index: StudyIndex; allowed: Map<string, FileRef> } | undefined => {
      if (snapshotJson === undefined) return undefined;
      if (parsed?.json !== snapshotJson) {
        const index = JSON.parse(snapshotJson) as StudyIndex;
        parsed = { json: snapshotJson, index, allowed: allowListOf(index) };
      }
      return parsed;
    };
    const view: IndexingView = {
      snapshot: () => latest()?.index ?? emptyStudyIndex(paths, Date.now() - started),
      fileOf: (objectId) => latest()?.allowed.get(objectId),
    };
    options.onStart?.(view);

    const cancel = (): void => worker.postMessage({ type: 'cancel' } satisfies ToWorker);
    options.signal?.addEventListener('abort', cancel, { once: true });
    if (options.signal?.aborted) cancel();

    return new Promise<StudyIndex>((resolve) => {
      let settled = false;
      const finish = (index: StudyIndex): void => {
        if (settled) return;
        settled = true;
        options.signal?.removeEventListener('abort', cancel);
        resolve(index);
        void worker.terminate();
      };
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'reading') inFlight.add(message.file);
        else if (message.type === 'read') inFlight.delete(message.file);
        else if (message.type === 'snapshot') snapshotJson = message.json;
        else if (message.type === 'event') emit(message.event);
        else finish(JSON.parse(message.json) as StudyIndex);
      });
      // The worker died (resource limit, crash): keep what it had read, name the files it was reading.
      const died = (error: unknown): void => {
        if (settled) return;
        const base = latest()?.index ?? emptyStudyIndex(paths, Date.now() - started);
        const files = [...inFlight];
        const problems = files.length > 0 ? files.map((file) => refusal(file, error)) : [stopped(paths, error)];
        for (const problem of problems) emit({ type: 'problem', problem });
        const failed = base.stats.failed + problems.length;
        const scanned = base.stats.scanned + files.length;
        emit({ type: 'progress', scanned, found: base.stats.found, failed });
        finish({
          ...base,
          problems: [...base.problems, ...problems],
          stats: { ...base.stats, scanned, failed, elapsedMs: Date.now() - started },
          cancelled: options.signal?.aborted ?? false,
        });
      };
      worker.on('error', died);
      worker.on('exit', (code) => died(new Error(`index worker exited with code ${code}`)));
    });
  };
}
