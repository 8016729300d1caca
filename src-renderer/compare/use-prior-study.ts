import { useCallback, useEffect, useRef, useState } from 'react';
import type { Subject } from '@shared/annotation';
import type { StudyIndex } from '@shared/dicom/index-model';
import type { HostApi } from '@shared/ipc/contract';
import type { SampleName } from '@shared/ipc/study-schemas';
import { choosePriorStudy } from '@shared/reading/prior-study';
import { studiesFromIndex } from '../viewer';
import { openFailureMessage } from '../study/open-messages';
import type { PriorImages } from './prior-images';

export type PriorState =
  /** `message`: why the last prior was not hung (another patient, the same study, nothing there), else null. */
  | { readonly status: 'none'; readonly message: string | null }
  | { readonly status: 'opening' }
  | {
      readonly status: 'ready';
      readonly images: PriorImages;
      readonly studyKey: string;
      readonly subject: Subject;
      readonly index: StudyIndex;
    };

export interface PriorStudyApi {
  readonly state: PriorState;
  openPaths(paths: readonly string[]): void;
  openSample(which: SampleName): void;
  close(): void;
}

/**
 * The prior study hung beside the open one: its own session in main (opened with role 'prior', so it never becomes
 * the study a reload shows), indexed to the end before it is hung, then checked to be the same patient's
 * (shared/reading/prior-study.ts). Forgotten when the open study changes.
 */
export function usePriorStudy(host: HostApi, currentSessionId: string | null, current: Subject | null): PriorStudyApi {
  const [state, setState] = useState<PriorState>({ status: 'none', message: null });
  const generation = useRef(0);
  const currentRef = useRef(current);
  currentRef.current = current;

  const close = useCallback(() => {
    generation.current++;
    setState({ status: 'none', message: null });
  }, []);
  useEffect(close, [currentSessionId, close]);

  const run = useCallback(
    (open: () => Promise<{ sessionId: string }>) => {
      const mine = ++generation.current;
      const stale = (): boolean => generation.current !== mine;
      setState({ status: 'opening' });
      void (async () => {
        try {
          const { sessionId } = await open();
          const index = await host.studyGetIndex({ sessionId });
          if (stale()) return;
          const now = currentRef.current;
          if (now === null) return setState({ status: 'none', message: 'Open a study first, then its prior.' });
          const choice = choosePriorStudy(index, now);
          if (!choice.ok) {
            host.studyCancel({ sessionId }).catch(() => undefined);
            return setState({ status: 'none', message: choice.message });
          }
          const studies = studiesFromIndex(index).filter((s) => s.key === choice.studyUid);
          setState({ status: 'ready', images: { sessionId, studies }, studyKey: choice.studyUid, subject: choice.subject, index });
        } catch (error) {
          if (!stale()) setState({ status: 'none', message: `The prior could not be opened. ${openFailureMessage(error)}` });
        }
      })();
    },
    [host],
  );

  const openPaths = useCallback((paths: readonly string[]) => run(() => host.studyOpen({ paths: [...paths], role: 'prior' })), [host, run]);
  const openSample = useCallback((which: SampleName) => run(() => host.studyOpenSample({ sample: which, role: 'prior' })), [host, run]);
  return { state, openPaths, openSample, close };
}
