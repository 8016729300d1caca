import { buildPatients, buildSeries, seriesKeyOf, studyKeyOf } from '@shared/dicom/grouping';
import { fileObjectId } from '@shared/dicom/instance-id';
import type { IndexedObject } from '@shared/dicom/indexed-object';
import { INDEX_VERSION } from '@shared/dicom/index-model';
import type { FileRef, Problem, Series, StudyIndex } from '@shared/dicom/index-model';
import { MEDIA_STORAGE_DIRECTORY_SOP_CLASS } from '@shared/dicom/sop-classes';
import { runPool } from './pool';
import { readHeader } from './read-header';
import type { HeaderRead, ReadHeaderOptions } from './read-header';
import type { ByteSource } from './byte-source';
import { scanSources } from './scan-sources';
import type { ScanItem } from './scan-sources';

export interface IndexProgress {
  readonly type: 'progress';
  readonly scanned: number;
  readonly found: number;
  readonly failed: number;
  /** Description (or UID) of the series of the object read last. */
  readonly currentSeries?: string;
}

/**
 * Events while indexing. 'series-ready' fires when a batch (folder, DICOMDIR series, zip folder) holding files of
 * the series has been read, and, within a long batch, at most every `seriesIntervalMs` for the series that grew,
 * so the first series can be shown before indexing ends (a big flat folder too). It fires again as the series
 * grows (the latest event wins; the final index is authoritative).
 */
export type IndexEvent =
  | IndexProgress
  | { readonly type: 'series-ready'; readonly studyUid: string; readonly series: Series }
  | { readonly type: 'problem'; readonly problem: Problem };

export interface IndexOptions {
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: IndexEvent) => void;
  /** Header reads in flight at once (default 8). */
  readonly concurrency?: number;
  /** Minimum time between progress events (default 100 ms; batch ends always report). */
  readonly progressIntervalMs?: number;
  /** Minimum time between 'series-ready' events inside one batch (default 250 ms; batch ends always publish). */
  readonly seriesIntervalMs?: number;
  /** Called once, before the first read, with a view of the run (partial index, file lookup for pixel bytes). */
  readonly onStart?: (view: IndexingView) => void;
  readonly header?: ReadHeaderOptions;
  /** Replaces the header reader (tests instrument reads with it). */
  readonly readHeader?: (source: ByteSource, options: ReadHeaderOptions) => Promise<HeaderRead>;
}

/** What a running index can tell before it ends (study-session.ts serves it to the renderer and the pixel route). */
export interface IndexingView {
  /** The tree of everything read so far: the final index's shape, `cancelled: false`, stats so far. */
  snapshot(): StudyIndex;
  /** The file behind an object id read so far (the pixel route's allow-list until the index is final). */
  fileOf(objectId: string): FileRef | undefined;
}

/** Mutable state of one indexing run. */
class IndexState {
  readonly files: FileRef[] = [];
  readonly objects: IndexedObject[] = [];
  readonly problems: Problem[] = [];
  readonly bySeries = new Map<string, IndexedObject[]>();
  readonly ids = new Set<string>();
  readonly fileById = new Map<string, FileRef>();
  scanned = 0;
  found = 0;
  failed = 0;
  skipped = 0;
  bytesRead = 0;
  currentSeries: string | undefined;

  /** A stable id; a (practically impossible) hash collision gets a suffix rather than a wrong file. */
  uniqueId(label: string): string {
    const base = fileObjectId(label);
    let id = base;
    for (let n = 1; this.ids.has(id); n++) id = `${base}~${n}`;
    this.ids.add(id);
    return id;
  }
}

/** A turn of the event loop: header reads are synchronous, so the run yields now and then (timers, abort). */
const YIELD_EVERY_MS = 8;
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function addProblem(state: IndexState, problem: Problem, emit: (e: IndexEvent) => void): void {
  state.problems.push(problem);
  emit({ type: 'problem', problem });
}

function record(state: IndexState, item: ScanItem, read: HeaderRead, emit: (e: IndexEvent) => void): string | undefined {
  state.scanned++;
  state.bytesRead += read.bytesRead;
  if (read.kind === 'skipped') {
    state.skipped++;
    return undefined;
  }
  if (read.kind === 'problem') {
    state.failed++;
    addProblem(state, read.problem, emit);
    return undefined;
  }
  const header = read.header;
  // A DICOMDIR met during a folder walk or in a zip describes files, it is not one of them.
  if (header.sopClassUid === MEDIA_STORAGE_DIRECTORY_SOP_CLASS) {
    state.skipped++;
    return undefined;
  }
  const label = item.source.label;
  const object: IndexedObject = { id: state.uniqueId(label), file: state.files.length, label, header };
  state.files.push(item.source.ref);
  state.fileById.set(object.id, item.source.ref);
  state.objects.push(object);
  state.found++;
  for (const warning of header.warnings) addProblem(state, { file: label, code: 'parse-warning', reason: warning }, emit);
  const key = `${studyKeyOf(object)}\n${seriesKeyOf(object)}`;
  const list = state.bySeries.get(key);
  if (list) list.push(object);
  else state.bySeries.set(key, [object]);
  state.currentSeries = header.seriesDescription ?? header.seriesInstanceUid;
  return key;
}

function indexOf(state: IndexState, paths: ReadonlyArray<string>, started: number, cancelled: boolean): StudyIndex {
  return {
    version: INDEX_VERSION,
    sources: [...paths],
    files: [...state.files],
    patients: buildPatients(state.objects),
    problems: [...state.problems],
    stats: {
      scanned: state.scanned,
      found: state.found,
      failed: state.failed,
      skipped: state.skipped,
      bytesRead: state.bytesRead,
      elapsedMs: Date.now() - started,
    },
    cancelled,
  };
}

/** The run's view; a snapshot is rebuilt only when something was read since the last one. */
function viewOf(state: IndexState, paths: ReadonlyArray<string>, started: number): IndexingView {
  let cached: { scanned: number; index: StudyIndex } | undefined;
  return {
    snapshot() {
      if (cached?.scanned !== state.scanned) cached = { scanned: state.scanned, index: indexOf(state, paths, started, false) };
      return cached.index;
    },
    fileOf: (objectId) => state.fileById.get(objectId),
  };
}

function progress(state: IndexState): IndexProgress {
  return {
    type: 'progress',
    scanned: state.scanned,
    found: state.found,
    failed: state.failed,
    ...(state.currentSeries === undefined ? {} : { currentSeries: state.currentSeries }),
  };
}

/**
 * Indexes folders, files, DICOMDIRs and zip archives into patient → study → series → stack → instance, reading
 * headers only. Never throws for bad input: unreadable or malformed files become problems. When `signal` aborts,
 * returns what was indexed so far with `cancelled: true`.
 */
export async function indexSources(paths: ReadonlyArray<string>, options: IndexOptions = {}): Promise<StudyIndex> {
  const started = Date.now();
  const state = new IndexState();
  const emit = options.onEvent ?? ((): void => undefined);
  const interval = options.progressIntervalMs ?? 100;
  const read = options.readHeader ?? readHeader;
  const signal = options.signal;
  const seriesInterval = options.seriesIntervalMs ?? 250;
  options.onStart?.(viewOf(state, paths, started));
  let lastProgress = 0;
  let lastSeries = started;
  let lastTurn = performance.now();
  let publishGap = seriesInterval;
  const maybeProgress = (force: boolean): void => {
    const now = Date.now();
    if (force || now - lastProgress >= interval) {
      lastProgress = now;
      emit(progress(state));
    }
  };

  for await (const event of scanSources(paths, signal)) {
    if (signal?.aborted) break;
    if (event.kind === 'problem') {
      state.scanned++;
      state.failed++;
      addProblem(state, event.problem, emit);
      continue;
    }
    const touched = new Set<string>();
    // A timer, not the next read, publishes: a read that stalls (slow disk, network share) must not hold back
    // the series already read.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const publish = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      const began = performance.now();
      for (const key of touched) {
        const objects = state.bySeries.get(key) ?? [];
        const first = objects[0];
        if (first) emit({ type: 'series-ready', studyUid: studyKeyOf(first), series: buildSeries(objects) });
      }
      touched.clear();
      lastSeries = Date.now();
      // Each publish groups the whole growing series again: in a big folder the pause after one is at least four
      // times its cost, so publishing never takes more than a fifth of the run (it was quadratic in the folder).
      publishGap = Math.max(seriesInterval, 4 * (performance.now() - began));
    };
    try {
      await runPool(
        event.items,
        options.concurrency ?? 8,
        async (item) => {
          if (performance.now() - lastTurn >= YIELD_EVERY_MS) {
            lastTurn = performance.now();
            await turn();
          }
          const result = await read(item.source, { ...options.header, strict: item.strict });
          const key = record(state, item, result, emit);
          if (key !== undefined) touched.add(key);
          maybeProgress(false);
          // A long batch (one big folder) publishes its growing series as it goes.
          if (touched.size > 0 && timer === undefined) timer = setTimeout(() => {
            publish();
            maybeProgress(true);
          }, Math.max(0, publishGap - (Date.now() - lastSeries)));
        },
        signal,
      );
    } finally {
      publish();
    }
    // One progress event after the batch's series events (the timer's publishes send their own).
    maybeProgress(true);
  }

  const cancelled = signal?.aborted ?? false;
  maybeProgress(true);
  return indexOf(state, paths, started, cancelled);
}
