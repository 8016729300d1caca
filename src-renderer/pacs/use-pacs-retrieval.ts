import { useCallback, useEffect, useRef, useState } from 'react';
import type { HostApi } from '@shared/ipc/contract';
import type { PacsRetrieveProgress } from '@shared/ipc/pacs-schemas';

/** What the PACS panel shows of the one retrieval it follows. */
export type RetrievalState =
  | { readonly status: 'idle' }
  | { readonly status: 'starting'; readonly studyUid: string }
  | { readonly status: 'running'; readonly retrievalId: string; readonly studyUid: string; readonly progress: PacsRetrieveProgress | null }
  | { readonly status: 'ended'; readonly studyUid: string; readonly ok: boolean; readonly message: string };

export interface PacsRetrievalApi {
  readonly state: RetrievalState;
  retrieve(nodeId: string, studyUid: string): void;
  cancel(): void;
}

const mb = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/**
 * Retrieval through main (pacs:retrieve), followed by pacs:retrieve-progress: the first series' folder is opened as
 * soon as main has it, the whole study when it is in the cache; a cached study opens at once, without the network.
 * Opening goes through the ordinary study session, so a retrieved study is read like any folder.
 */
export function usePacsRetrieval(host: HostApi, openFolder: (folder: string) => void): PacsRetrievalApi {
  const [state, setState] = useState<RetrievalState>({ status: 'idle' });
  const followed = useRef<string | null>(null);
  const open = useRef(openFolder);
  open.current = openFolder;

  useEffect(
    () =>
      host.on('pacs:retrieve-progress', (p) => {
        if (p.retrievalId !== followed.current) return;
        if (p.state === 'first-series' && p.folder !== undefined) open.current(p.folder);
        if (p.state === 'done' && p.folder !== undefined) {
          followed.current = null;
          open.current(p.folder);
          setState({ status: 'ended', studyUid: p.studyUid, ok: true, message: `Retrieved ${p.objects} file${p.objects === 1 ? '' : 's'} (${mb(p.bytes)}) into the study cache.` });
          return;
        }
        if (p.state === 'failed' || p.state === 'cancelled') {
          followed.current = null;
          setState({ status: 'ended', studyUid: p.studyUid, ok: false, message: p.message ?? 'The retrieval stopped.' });
          return;
        }
        setState((s) => (s.status === 'running' && s.retrievalId === p.retrievalId ? { ...s, progress: p } : s));
      }),
    [host],
  );

  const retrieve = useCallback(
    (nodeId: string, studyUid: string) => {
      // One retrieval at a time: a new one cancels the one followed.
      if (followed.current !== null) host.pacsCancelRetrieve({ retrievalId: followed.current }).catch(() => undefined);
      followed.current = null;
      setState({ status: 'starting', studyUid });
      host.pacsRetrieve({ id: nodeId, studyUid }).then(
        (answer) => {
          if (answer.status === 'cached') {
            open.current(answer.folder);
            setState({ status: 'ended', studyUid, ok: true, message: 'Opened from the study cache, without the network.' });
          } else if (answer.status === 'started') {
            followed.current = answer.retrievalId;
            setState({ status: 'running', retrievalId: answer.retrievalId, studyUid, progress: null });
          } else setState({ status: 'ended', studyUid, ok: false, message: answer.message });
        },
        () => setState({ status: 'ended', studyUid, ok: false, message: 'The retrieval could not be started.' }),
      );
    },
    [host],
  );

  const cancel = useCallback(() => {
    if (followed.current !== null) host.pacsCancelRetrieve({ retrievalId: followed.current }).catch(() => undefined);
  }, [host]);

  return { state, retrieve, cancel };
}

/** "12 files, 3.1 MB, series 1 of 2" */
export function progressText(p: PacsRetrieveProgress | null): string {
  if (p === null) return 'Asking the PACS for the study…';
  const series = p.seriesTotal > 0 ? `, series ${Math.min(p.seriesDone + 1, p.seriesTotal)} of ${p.seriesTotal}` : '';
  return `${p.objects} file${p.objects === 1 ? '' : 's'}, ${mb(p.bytes)}${series}`;
}
