import { useCallback, useEffect, useRef, useState } from 'react';
import type { StudyIndex } from '@shared/dicom/index-model';
import type { HostApi } from '@shared/ipc/contract';
import type { RecentStudyEntry } from '@shared/ipc/study-schemas';
import { studiesFromIndex, type ViewerStudy } from '../viewer';

export interface IndexingProgress {
  readonly scanned: number;
  readonly found: number;
  readonly failed: number;
  readonly seriesReady: number;
  readonly currentSeries?: string;
}

/** The one open study session, as the shell shows it. */
export type StudySessionState =
  | { readonly status: 'idle' }
  | {
      readonly status: 'indexing';
      readonly label: string;
      readonly sessionId: string | null;
      readonly progress: IndexingProgress;
      /** The series ready so far (study:get-partial-index), shown while indexing continues; empty at first. */
      readonly studies: readonly ViewerStudy[];
    }
  | { readonly status: 'ready'; readonly label: string; readonly sessionId: string; readonly index: StudyIndex; readonly studies: readonly ViewerStudy[] }
  | { readonly status: 'failed'; readonly label: string; readonly message: string };

export interface StudySessionApi {
  readonly state: StudySessionState;
  readonly recent: readonly RecentStudyEntry[];
  open(paths: readonly string[]): void;
  openSample(): void;
  cancel(): void;
}

const NO_PROGRESS: IndexingProgress = { scanned: 0, found: 0, failed: 0, seriesReady: 0 };

const labelOf = (paths: readonly string[]): string => (paths.length === 1 ? (paths[0] ?? '') : `${paths[0] ?? ''} (+${paths.length - 1})`);

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Opens studies through the host (study:open / open-sample / initial), follows their study:progress and
 * study:series-ready events, and ends with the index (study:get-index resolves when indexing ends). On
 * study:series-ready it asks for the partial index (one request in flight, a burst of events coalesced into one
 * more), so the viewer gets the first series while indexing continues. A newer open supersedes an older one: late
 * answers for an old session are dropped, and a partial answer never overwrites the final index.
 */
export function useStudySession(host: HostApi): StudySessionApi {
  const [state, setState] = useState<StudySessionState>({ status: 'idle' });
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
    (initialLabel: string, start: () => Promise<{ sessionId: string; label?: string }>) => {
      const generation = current.current.generation + 1;
      current.current = { generation, sessionId: null };
      const stale = (): boolean => current.current.generation !== generation;
      setState({ status: 'indexing', label: initialLabel, sessionId: null, progress: NO_PROGRESS, studies: [] });
      void (async () => {
        let label = initialLabel;
        try {
          const started = await start();
          const { sessionId } = started;
          if (stale()) return;
          label = started.label ?? initialLabel;
          current.current = { generation, sessionId };
          partial.current = { sessionId, inFlight: false, again: false, seen: new Set() };
          // Events sent before this answer arrived were not ours yet: ask once now.
          fetchPartial(sessionId);
          setState((s) => (s.status === 'indexing' ? { ...s, sessionId, label } : s));
          const index = await host.studyGetIndex({ sessionId });
          if (stale()) return;
          setState({ status: 'ready', label, sessionId, index, studies: studiesFromIndex(index) });
          refreshRecent();
        } catch (error) {
          if (!stale()) setState({ status: 'failed', label, message: messageOf(error) });
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
      offSeries();
    };
  }, [host, fetchPartial]);

  // Start-up: whatever the host was started with, else the built-in sample study.
  useEffect(() => {
    run('Starting…', async () => {
      const initial = await host.studyInitial({});
      return { sessionId: initial.sessionId, label: initial.source === 'sample' ? 'Sample study' : 'Opened at start' };
    });
    refreshRecent();
  }, [host, run, refreshRecent]);

  const open = useCallback((paths: readonly string[]) => run(labelOf(paths), () => host.studyOpen({ paths: [...paths] })), [host, run]);
  const openSample = useCallback(() => run('Sample study', () => host.studyOpenSample({})), [host, run]);
  const cancel = useCallback(() => {
    const sessionId = current.current.sessionId;
    if (sessionId !== null) host.studyCancel({ sessionId }).catch(() => undefined);
  }, [host]);

  return { state, recent, open, openSample, cancel };
}
