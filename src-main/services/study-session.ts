import { randomBytes } from 'node:crypto';
import { emptyStudyIndex, type FileRef, type StudyIndex } from '@shared/dicom/index-model';
import type { EventName, EventPayloadOf } from '@shared/ipc/contract';
import type { InitialOpen, OpenRole, RecentStudyEntry, SampleName, StudySource } from '@shared/ipc/study-schemas';
import { sampleFollowUpDir, sampleStudyDir, recentStudiesFile } from './app-paths';
import { firstMissingPath, lastStudyAt, type LastStudy, type LastStudyStore } from './last-study';
import { recentEntriesOf, recentStudiesAt, type RecentStudies } from './recent-studies';
import { ensureSampleStudy } from './sample-study';
import { ServiceRefusal } from './service-refusal';
import { allowListOf, createLookupBytesReader, type InstanceBytesReader } from './study-index/file-bytes';
import { indexSources, type IndexEvent, type IndexingView, type IndexOptions } from './study-index/indexer';

/**
 * Opened studies, by session id. `open` starts indexing in the background and returns at once; progress goes out
 * as study:* events; `getPartialIndex` answers at once with what has been read so far (the renderer asks on
 * study:series-ready), `getIndex` resolves when indexing ends. Pixel bytes are read through the session's
 * allow-listed bytes reader (files indexed so far, then the final index's), so only files the index holds can
 * ever be served, and a series' pixels can be served as soon as it is ready.
 *
 * Lifecycle: the newest session is the current one (what the page shows); a reloaded page asks `initial` and gets it
 * back. Older sessions are closed beyond `maxSessions` (never the current one). A request naming a session that is
 * not open (closed, or from before a restart: sessions live in memory only) throws StudySessionGone, which the
 * transports answer as a typed 'session-gone' refusal. With `lastStudyFile`, the current study is recorded when its
 * indexing ends, so a restarted host opens it again (or says why it cannot: its files are gone).
 *
 * A prior (role 'prior': a study of the same patient hung beside the current one for a follow-up) is a session of its
 * own, keyed like any other: it never becomes the current one, is not recorded as the last study nor added to the
 * recent list, and is not closed while it is the prior shown (the newest prior; an older one may be).
 */
export type EmitEvent = <E extends EventName>(event: E, payload: EventPayloadOf<E>) => void;

export interface StudySessionsOptions {
  /** App data folder (sample study, recent list); see app-paths.ts. */
  readonly dataDir: string;
  readonly emit?: EmitEvent;
  /** Paths the host was started with (`npm start -- PATH`); empty: the sample study opens first. */
  readonly initialPaths?: readonly string[];
  /**
   * Where the last study shown is recorded (app-paths.ts lastStudyFile), so a restarted host reopens it. The app's
   * entries (main.ts, serve.ts) pass it; without it a new host starts with the initial paths or the sample.
   */
  readonly lastStudyFile?: string;
  /** Sessions kept open (oldest closed first, never the current one). */
  readonly maxSessions?: number;
  /** The build's copy of the sample study (out/sample-study), copied instead of generating when current. */
  readonly sampleCache?: string;
  /** Replaces the indexer (tests). */
  readonly indexSources?: (paths: readonly string[], options: IndexOptions) => Promise<StudyIndex>;
}

/** The session a request names is not open (closed, or from before a restart): a typed answer, not a failure. */
export class StudySessionGone extends ServiceRefusal {
  override readonly name = 'StudySessionGone';
  constructor(readonly sessionId: string) {
    super('session-gone', `study session ${sessionId} is not open (closed, or the host restarted)`);
  }
}

/** Why pixel bytes were refused; the routes map the code to an HTTP status. */
export class PixelAccessError extends Error {
  override readonly name = 'PixelAccessError';
  constructor(
    readonly code: 'not-in-index' | 'read-failed',
    message: string,
  ) {
    super(message);
  }
}

export interface StudySessions {
  open(paths: readonly string[], role?: OpenRole): string;
  /** Opens a built-in sample: the baseline unless told 'sample-follow-up'. */
  openSample(which?: SampleName, role?: OpenRole): Promise<string>;
  /** What a starting page should show (see InitialOpenSchema): the current session, else a first open. */
  initial(): Promise<InitialOpen>;
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
  /** How to open the same study again (a page holding a gone session id reopens it from here). */
  readonly source: StudySource;
  /** The running indexer's view until `final` is set. */
  view?: IndexingView;
  final?: { readonly index: StudyIndex; readonly allowed: ReadonlyMap<string, FileRef> };
  reader?: InstanceBytesReader;
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


/** The last-study record of a finished index: its first study, for the sentence when it cannot be reopened. */
function lastStudyOf(source: StudySource, index: StudyIndex): LastStudy | null {
  const patient = index.patients[0];
  const study = patient?.studies[0];
  if (patient === undefined || study === undefined) return null;
  return {
    source,
    patientName: (patient.name ?? '').replace(/\^+/g, ' ').trim().slice(0, 500),
    description: (study.description ?? '').slice(0, 500),
    studyDate: (study.date ?? '').slice(0, 20),
  };
}

export function createStudySessions(options: StudySessionsOptions): StudySessions {
  const emit: EmitEvent = options.emit ?? (() => undefined);
  const index = options.indexSources ?? indexSources;
  const maxSessions = options.maxSessions ?? 6;
  const sessions = new Map<string, Session>();
  const recentList: RecentStudies = recentStudiesAt(recentStudiesFile(options.dataDir));
  const lastStudy: LastStudyStore | undefined = options.lastStudyFile === undefined ? undefined : lastStudyAt(options.lastStudyFile);
  /** The newest session: what the page shows, and what a reloaded page gets back. */
  let currentId: string | undefined;
  /** The newest prior session (hung beside the current one): kept open like the current one. */
  let priorId: string | undefined;
  let firstRun: Promise<InitialOpen> | undefined;

  function evictOldest(): void {
    while (sessions.size > maxSessions) {
      const [oldestId, oldest] = sessions.entries().next().value ?? [];
      if (oldestId === undefined || oldest === undefined || oldestId === currentId || oldestId === priorId) return;
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

  function start(paths: readonly string[], remember: boolean, source: StudySource, role?: OpenRole): string {
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
      // Only the study still shown is the one to come back to; a superseded or cancelled run is not.
      const last = lastStudy !== undefined && currentId === sessionId && !result.cancelled ? lastStudyOf(source, result) : null;
      if (last !== null) await lastStudy?.write(last).catch(() => undefined);
      return result;
    });
    sessions.set(sessionId, { controller, index: run, paths, source, ...(pendingView === undefined ? {} : { view: pendingView }) });
    if (role === 'prior') priorId = sessionId;
    else currentId = sessionId;
    evictOldest();
    return sessionId;
  }

  function session(sessionId: string): Session {
    const found = sessions.get(sessionId);
    if (found === undefined) throw new StudySessionGone(sessionId);
    return found;
  }

  async function openSample(which: SampleName = 'sample', role?: OpenRole): Promise<string> {
    const progress = { onProgress: (done: number, total: number) => emit('study:preparing-sample', { done, total }) };
    if (which === 'sample-follow-up') {
      const location = await ensureSampleStudy(sampleFollowUpDir(options.dataDir), { which, ...progress });
      return start([location.dir], false, { kind: 'sample', sample: which }, role);
    }
    const location = await ensureSampleStudy(sampleStudyDir(options.dataDir), {
      ...(options.sampleCache === undefined ? {} : { prebuilt: options.sampleCache }),
      ...progress,
    });
    return start([location.dir], false, { kind: 'sample' }, role);
  }

  /** The current session as an 'open' answer; `first` names why it was opened when it is the first run's session. */
  function currentAnswer(first?: InitialOpen): InitialOpen | null {
    const shown = currentId === undefined ? undefined : sessions.get(currentId);
    if (currentId === undefined || shown === undefined) return null;
    const opened = first?.status === 'open' && first.sessionId === currentId ? first.opened : 'current';
    return { status: 'open', sessionId: currentId, opened, source: shown.source };
  }

  /** A host's first answer: its start paths, else the last study of an earlier run, else the sample. */
  async function firstOpen(): Promise<InitialOpen> {
    const paths = options.initialPaths ?? [];
    if (paths.length > 0) {
      const source: StudySource = { kind: 'paths', paths: [...paths] };
      return { status: 'open', sessionId: start(paths, true, source), opened: 'paths', source };
    }
    const last = (await lastStudy?.read()) ?? null;
    if (last !== null && last.source.kind === 'paths') {
      const missingPath = await firstMissingPath(last.source);
      const { patientName, description, studyDate } = last;
      if (missingPath !== null) return { status: 'start', unavailable: { patientName, description, studyDate, missingPath: missingPath.slice(0, 4096) } };
      return { status: 'open', sessionId: start(last.source.paths, true, last.source), opened: 'last', source: last.source };
    }
    return { status: 'open', sessionId: await openSample(), opened: 'sample', source: { kind: 'sample' } };
  }

  return {
    open: (paths, role) => start(paths, role !== 'prior', { kind: 'paths', paths: [...paths] }, role),
    openSample,
    async initial() {
      // A reloaded page (or a second tab) gets the session shown now, not a second indexing run.
      const shown = currentAnswer();
      if (shown !== null) return shown;
      // The first open runs once per host process, however many pages ask at once.
      firstRun ??= firstOpen();
      const first = await firstRun;
      return currentAnswer(first) ?? first;
    },
    cancel(sessionId) {
      session(sessionId).controller.abort();
    },
    getIndex: async (sessionId) => session(sessionId).index,
    getPartialIndex(sessionId) {
      const current = session(sessionId);
      return current.final?.index ?? current.view?.snapshot() ?? emptyStudyIndex(current.paths);
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
      currentId = undefined;
      priorId = undefined;
    },
  };
}
