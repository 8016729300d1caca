import { useCallback, useEffect, useRef, useState } from 'react';
import type { StudyIndex } from '@shared/dicom/index-model';
import type { HostApi } from '@shared/ipc/contract';
import type { InitialOpen, RecentStudyEntry, SampleName, StudySource } from '@shared/ipc/study-schemas';
import { studiesFromIndex, type ViewerStudy } from '../viewer';
import { isSessionGone, labelOfPaths, labelOfSource, lastStudyEmptyMessage, lastStudyMissingMessage, openFailureMessage, STARTING_LABEL } from './open-messages';

export interface IndexingProgress {
  readonly scanned: number;
  readonly found: number;
  readonly failed: number;
  readonly seriesReady: number;
  readonly currentSeries?: string;
  /** Before the host answers: the sample study's files being written (study:preparing-sample), `done` of `total`. */
  readonly preparingSample?: { readonly done: number; readonly total: number };
}

/** The one open study session, as the shell shows it. */
export type StudySessionState =
  /** The start page; `notice` says in plain words why the last study is not shown (null: nothing to explain). */
  | { readonly status: 'idle'; readonly notice: string | null }
  | {
      readonly status: 'indexing';
      readonly label: string;
      readonly sessionId: string | null;
      readonly progress: IndexingProgress;
      /** The series ready so far (study:get-partial-index), shown while indexing continues; empty at first. */
      readonly studies: readonly ViewerStudy[];
    }
  | { readonly status: 'ready'; readonly label: string; readonly sessionId: string; readonly index: StudyIndex; readonly studies: readonly ViewerStudy[] }
  /** `message`: one plain sentence (open-messages.ts), never a refusal's text. */
  | { readonly status: 'failed'; readonly label: string; readonly message: string };

export interface StudySessionApi {
  readonly state: StudySessionState;
  readonly recent: readonly RecentStudyEntry[];
  open(paths: readonly string[]): void;
  /** The baseline sample, or its follow-up ('sample-follow-up'). */
  openSample(which?: SampleName): void;
  cancel(): void;
}

const NO_PROGRESS: IndexingProgress = { scanned: 0, found: 0, failed: 0, seriesReady: 0 };

/** What a start function gives: a session to follow (with how to open it again), or the start page. */
type Started =
  | { readonly status: 'open'; readonly sessionId: string; readonly source: StudySource; readonly label?: string; readonly reopened?: boolean }
  | { readonly status: 'start'; readonly notice: string | null };

function startedOf(initial: InitialOpen): Started {
  if (initial.status === 'start') return { status: 'start', notice: initial.unavailable === undefined ? null : lastStudyMissingMessage(initial.unavailable) };
  return { status: 'open', sessionId: initial.sessionId, source: initial.source, label: labelOfSource(initial.source), reopened: initial.opened === 'last' };
}

/**
 * Opens studies through the host (study:open / open-sample / initial), follows their study:progress and
 * study:series-ready events, and ends with the index (study:get-index resolves when indexing ends). On
 * study:series-ready it asks for the partial index (one request in flight, a burst of events coalesced into one
 * more), so the viewer gets the first series while indexing continues. A newer open supersedes an older one: late
 * answers for an old session are dropped, and a partial answer never overwrites the final index.
 */
export function useStudySession(host: HostApi): StudySessionApi {
  const [state, setState] = useState<StudySessionState>({ status: 'idle', notice: null });
  const [recent, setRecent] = useState<readonly RecentStudyEntry[]>([]);
  const current = useRef<{ generation: number; sessionId: string | null }>({ generation: 0, sessionId: null });
  // Partial-index requests of the current session: one in flight; `again` when events arrived meanwhile.
  const partial = useRef<{ sessionId: string | null; inFlight: boolean; again: boolean; seen: Set<string> }>({ sessionId: null, inFlight: false, again: false, seen: new Set() });

  const refreshRecent = useCallback(() => {
    host.studyRecent({}).then(
      (list) => setRecent(list.studies),
      () => setRecent([]),
    );
  }, [host]);

  const fetchPartial = useCallback(
    (sessionId: string) => {
      const p = partial.current;
      if (p.sessionId !== sessionId) return;
      if (p.inFlight) {
        p.again = true;
        return;
      }
      p.inFlight = true;
      p.again = false;
      const settle = (): void => {
        if (partial.current !== p) return;
        p.inFlight = false;
        if (p.again) fetchPartial(sessionId);
      };
      host.studyGetPartialIndex({ sessionId }).then(
        (index) => {
          if (current.current.sessionId === sessionId) {
            const studies = studiesFromIndex(index);
            setState((s) => (s.status === 'indexing' && s.sessionId === sessionId ? { ...s, studies } : s));
          }
          settle();
        },
        // A failed partial read only delays the viewer until the final index.
        settle,
      );
    },
    [host],
  );

  const run = useCallback(
    (initialLabel: string, start: () => Promise<Started>) => {
      const generation = current.current.generation + 1;
      current.current = { generation, sessionId: null };
      const stale = (): boolean => current.current.generation !== generation;
      setState({ status: 'indexing', label: initialLabel, sessionId: null, progress: NO_PROGRESS, studies: [] });
      const reopen = async (source: StudySource): Promise<Started> => {
        const { sessionId } = source.kind === 'sample' ? await host.studyOpenSample(source.sample === undefined ? {} : { sample: source.sample }) : await host.studyOpen({ paths: [...source.paths] });
        return { status: 'open', sessionId, source };
      };
      void (async () => {
        let label = initialLabel;
        let attempt = start;
        // A session that is gone (closed by the host, or from before a restart) is opened again from its source, once.
        for (let tries = 0; ; tries++) {
          let source: StudySource | null = null;
          try {
            const started = await attempt();
            if (stale()) return;
            if (started.status === 'start') {
              current.current = { generation, sessionId: null };
              setState({ status: 'idle', notice: started.notice });
              refreshRecent();
              return;
            }
            const { sessionId } = started;
            source = started.source;
            label = started.label ?? label;
            current.current = { generation, sessionId };
            partial.current = { sessionId, inFlight: false, again: false, seen: new Set() };
            // Events sent before this answer arrived were not ours yet: ask once now.
            fetchPartial(sessionId);
            setState((s) => (s.status === 'indexing' ? { ...s, sessionId, label, progress: NO_PROGRESS } : s));
            const index = await host.studyGetIndex({ sessionId });
            if (stale()) return;
            const studies = studiesFromIndex(index);
            if (started.reopened === true && studies.length === 0) {
              // The last study's folder is there but holds no images now: say so instead of an empty viewer.
              setState({ status: 'idle', notice: lastStudyEmptyMessage(label) });
            } else {
              setState({ status: 'ready', label, sessionId, index, studies });
            }
            refreshRecent();
            return;
          } catch (error) {
            if (stale()) return;
            if (isSessionGone(error) && source !== null && tries === 0) {
              const from = source;
              attempt = () => reopen(from);
              continue;
            }
            setState({ status: 'failed', label, message: openFailureMessage(error) });
            return;
          }
        }
      })();
    },
    [host, refreshRecent, fetchPartial],
  );

  useEffect(() => {
    const mine = (sessionId: string): boolean => current.current.sessionId === sessionId;
    const offProgress = host.on('study:progress', (p) => {
      if (!mine(p.sessionId)) return;
      setState((s) =>
        s.status === 'indexing'
          ? { ...s, progress: { ...s.progress, scanned: p.scanned, found: p.found, failed: p.failed, ...(p.currentSeries === undefined ? {} : { currentSeries: p.currentSeries }) } }
          : s,
      );
    });
    // Only while no session is followed yet: the host is writing the sample study before it can answer.
    const offPreparing = host.on('study:preparing-sample', ({ done, total }) => {
      if (current.current.sessionId !== null) return;
      setState((s) => (s.status === 'indexing' && s.sessionId === null ? { ...s, progress: { ...s.progress, preparingSample: { done, total } } } : s));
    });
    const offSeries = host.on('study:series-ready', (p) => {
      if (!mine(p.sessionId)) return;
      // A growing series is announced again: count distinct series.
      const seen = partial.current.seen;
      seen.add(`${p.studyUid}\n${p.seriesUid}`);
      const seriesReady = seen.size;
      setState((s) => (s.status === 'indexing' ? { ...s, progress: { ...s.progress, seriesReady } } : s));
      fetchPartial(p.sessionId);
    });
    return () => {
      offProgress();
      offPreparing();
      offSeries();
    };
  }, [host, fetchPartial]);

  // Start-up (first load, reload, restarted host): main says what to show, the session it shows now (a reload),
  // what it was started with, the last study of an earlier run, the sample, or the start page with the reason.
  useEffect(() => {
    run(STARTING_LABEL, async () => startedOf(await host.studyInitial({})));
    refreshRecent();
  }, [host, run, refreshRecent]);

  const open = useCallback(
    (paths: readonly string[]) =>
      run(labelOfPaths(paths), async () => ({ status: 'open', sessionId: (await host.studyOpen({ paths: [...paths] })).sessionId, source: { kind: 'paths', paths: [...paths] } })),
    [host, run],
  );
  const openSample = useCallback(
    (which: SampleName = 'sample') => {
      const source: StudySource = which === 'sample' ? { kind: 'sample' } : { kind: 'sample', sample: which };
      run(labelOfSource(source), async () => ({ status: 'open', sessionId: (await host.studyOpenSample(which === 'sample' ? {} : { sample: which })).sessionId, source }));
    },
    [host, run],
  );
  const cancel = useCallback(() => {
    const sessionId = current.current.sessionId;
    // A session already gone has nothing left to cancel.
    if (sessionId !== null) host.studyCancel({ sessionId }).catch(() => undefined);
  }, [host]);

  return { state, recent, open, openSample, cancel };
}
