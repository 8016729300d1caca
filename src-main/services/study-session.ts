import { randomBytes } from 'node:crypto';
import { INDEX_VERSION, type FileRef, type StudyIndex } from '@shared/dicom/index-model';
import type { EventName, EventPayloadOf } from '@shared/ipc/contract';
import type { RecentStudyEntry } from '@shared/ipc/study-schemas';
import { sampleStudyDir, recentStudiesFile } from './app-paths';
import { recentEntriesOf, recentStudiesAt, type RecentStudies } from './recent-studies';
import { ensureSampleStudy } from './sample-study';
import { allowListOf, createLookupBytesReader, type InstanceBytesReader } from './study-index/file-bytes';
import { indexSources, type IndexEvent, type IndexingView, type IndexOptions } from './study-index/indexer';

/**
 * Opened studies, by session id. `open` starts indexing in the background and returns at once; progress goes out
 * as study:* events; `getPartialIndex` answers at once with what has been read so far (the renderer asks on
 * study:series-ready), `getIndex` resolves when indexing ends. Pixel bytes are read through the session's
 * allow-listed bytes reader (files indexed so far, then the final index's), so only files the index holds can
 * ever be served, and a series' pixels can be served as soon as it is ready.
 */
export type EmitEvent = <E extends EventName>(event: E, payload: EventPayloadOf<E>) => void;

export interface StudySessionsOptions {
  /** App data folder (sample study, recent list); see app-paths.ts. */
  readonly dataDir: string;
  readonly emit?: EmitEvent;
  /** Paths the host was started with (`npm start -- PATH`); empty: the sample study opens first. */
  readonly initialPaths?: readonly string[];
  /** Sessions kept open (oldest closed first). */
  readonly maxSessions?: number;
  /** Replaces the indexer (tests). */
  readonly indexSources?: (paths: readonly string[], options: IndexOptions) => Promise<StudyIndex>;
}

/** Why pixel bytes were refused; the routes map the code to an HTTP status. */
export class PixelAccessError extends Error {
  override readonly name = 'PixelAccessError';
  constructor(
    readonly code: 'unknown-session' | 'not-in-index' | 'read-failed',
    message: string,
  ) {
    super(message);
  }
}

export interface StudySessions {
  open(paths: readonly string[]): string;
  openSample(): Promise<string>;
  initial(): Promise<{ sessionId: string; source: 'paths' | 'sample' }>;
  cancel(sessionId: string): void;
  getIndex(sessionId: string): Promise<StudyIndex>;
  /** What is indexed so far (the final index once indexing ended). */
  getPartialIndex(sessionId: string): StudyIndex;
  readInstance(sessionId: string, instanceId: string): Promise<Uint8Array>;
  recent(): Promise<RecentStudyEntry[]>;
  closeAll(): void;
}

interface Session {
  readonly controller: AbortController;
  readonly index: Promise<StudyIndex>;
  readonly paths: readonly string[];
  /** The running indexer's view until `final` is set. */
  view?: IndexingView;
  final?: { readonly index: StudyIndex; readonly allowed: ReadonlyMap<string, FileRef> };
  reader?: InstanceBytesReader;
}

/** Before the first file is read (or with an indexer that offers no view): nothing yet. */
function emptyIndex(paths: readonly string[]): StudyIndex {
  return {
    version: INDEX_VERSION,
    sources: [...paths],
    files: [],
    patients: [],
    problems: [],
    stats: { scanned: 0, found: 0, failed: 0, skipped: 0, bytesRead: 0, elapsedMs: 0 },
    cancelled: false,
  };
}

const newSessionId = (): string => randomBytes(12).toString('base64url');

function counts(index: StudyIndex): { studies: number; series: number } {
  let studies = 0;
  let series = 0;
  for (const patient of index.patients) {
    studies += patient.studies.length;
    for (const study of patient.studies) series += study.series.length;
  }
  return { studies, series };
}

export function createStudySessions(options: StudySessionsOptions): StudySessions {
  const emit: EmitEvent = options.emit ?? (() => undefined);
  const index = options.indexSources ?? indexSources;
  const maxSessions = options.maxSessions ?? 6;
  const sessions = new Map<string, Session>();
  const recentList: RecentStudies = recentStudiesAt(recentStudiesFile(options.dataDir));
  let initialRun: Promise<{ sessionId: string; source: 'paths' | 'sample' }> | undefined;

  function evictOldest(): void {
    while (sessions.size > maxSessions) {
      const [oldestId, oldest] = sessions.entries().next().value ?? [];
      if (oldestId === undefined || oldest === undefined) return;
      oldest.controller.abort();
      oldest.reader?.close();
      sessions.delete(oldestId);
    }
  }

  function onIndexEvent(sessionId: string, event: IndexEvent): void {
    if (event.type === 'progress') {
      const { scanned, found, failed, currentSeries } = event;
      emit('study:progress', { sessionId, scanned, found, failed, done: false, cancelled: false, ...(currentSeries === undefined ? {} : { currentSeries: currentSeries.slice(0, 500) }) });
    } else if (event.type === 'series-ready') {
      const { series } = event;
      emit('study:series-ready', {
        sessionId,
        studyUid: event.studyUid,
        seriesUid: series.uid,
        ...(series.description === undefined ? {} : { description: series.description }),
        ...(series.modality === undefined ? {} : { modality: series.modality }),
        instanceCount: series.instanceCount,
      });
    }
  }

  function start(paths: readonly string[], remember: boolean): string {
    const sessionId = newSessionId();
    const controller = new AbortController();
    // The indexer hands its view over before its first read, which may be before the session is stored.
    let pendingView: IndexingView | undefined;
    const onStart = (view: IndexingView): void => {
      const current = sessions.get(sessionId);
      if (current !== undefined) current.view = view;
      else pendingView = view;
    };
    const run = index(paths, { signal: controller.signal, onStart, onEvent: (event) => onIndexEvent(sessionId, event) }).then(async (result) => {
      const current = sessions.get(sessionId);
      // Set before study:indexed goes out, so a renderer that reacts to it already sees the final index.
      if (current !== undefined) current.final = { index: result, allowed: allowListOf(result) };
      const { scanned, found, failed } = result.stats;
      emit('study:progress', { sessionId, scanned, found, failed, done: true, cancelled: result.cancelled });
      emit('study:indexed', { sessionId, ...counts(result), found, problems: result.problems.length, cancelled: result.cancelled, elapsedMs: result.stats.elapsedMs });
      const entries = remember && !result.cancelled ? recentEntriesOf(paths, result) : [];
      // A failed write of the convenience list must not fail the open. Added last first: the first study on top.
      for (const entry of [...entries].reverse()) await recentList.add(entry).catch(() => undefined);
      return result;
    });
    sessions.set(sessionId, { controller, index: run, paths, ...(pendingView === undefined ? {} : { view: pendingView }) });
    evictOldest();
    return sessionId;
  }

  function session(sessionId: string): Session {
    const found = sessions.get(sessionId);
    if (found === undefined) throw new PixelAccessError('unknown-session', `no open study session ${sessionId}`);
    return found;
  }

  async function openSample(): Promise<string> {
    const location = await ensureSampleStudy(sampleStudyDir(options.dataDir));
    return start([location.dir], false);
  }

  return {
    open: (paths) => start(paths, true),
    openSample,
    initial() {
      // Once per host process: a reloaded page (or a second tab) gets the same session, not a second indexing run.
      initialRun ??= (async () => {
        const paths = options.initialPaths ?? [];
        if (paths.length > 0) return { sessionId: start(paths, true), source: 'paths' as const };
        return { sessionId: await openSample(), source: 'sample' as const };
      })();
      return initialRun;
    },
    cancel(sessionId) {
      session(sessionId).controller.abort();
    },
    getIndex: (sessionId) => session(sessionId).index,
    getPartialIndex(sessionId) {
      const current = session(sessionId);
      return current.final?.index ?? current.view?.snapshot() ?? emptyIndex(current.paths);
    },
    async readInstance(sessionId, instanceId) {
      const current = session(sessionId);
      if (current.reader === undefined) {
        // Without a view of the running index (an injected indexer), wait for the final allow-list.
        if (current.view === undefined && current.final === undefined) await current.index;
        current.reader = createLookupBytesReader((objectId) => (current.final ? current.final.allowed.get(objectId) : current.view?.fileOf(objectId)));
      }
      try {
        return await current.reader.read(instanceId);
      } catch (error) {
        const notIndexed = error instanceof Error && 'code' in error && error.code === 'not-in-index';
        throw new PixelAccessError(notIndexed ? 'not-in-index' : 'read-failed', error instanceof Error ? error.message : String(error));
      }
    },
    recent: () => recentList.list(),
    closeAll() {
      for (const s of sessions.values()) {
        s.controller.abort();
        s.reader?.close();
      }
      sessions.clear();
    },
  };
}
