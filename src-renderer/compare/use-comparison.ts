import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { Subject } from '@shared/annotation';
import type { LevelLabelRecord } from '@shared/annotation/schema';
import type { HostApi } from '@shared/ipc/contract';
import type { SampleName } from '@shared/ipc/study-schemas';
import { studyDateText } from '@shared/reading/prior-study';
import type { DocumentStore } from '../reading/document-store';
import { useReadingSession, type ReadingSession } from '../reading/use-reading-session';
import { SAMPLE_FOLLOW_UP_LABEL, SAMPLE_LABEL } from '../study/open-messages';
import type { ViewerExtension } from '../viewer/extension';
import { ComparisonController, installComparisonHook } from './comparison-controller';
import { useComparisonExtension } from './comparison-extension';
import type { PriorImages } from './prior-images';
import { usePriorStudy, type PriorStudyApi } from './use-prior-study';

export interface Comparison {
  readonly prior: PriorStudyApi;
  /** The prior's own reading (its draft), while a prior is hung. */
  readonly priorReading: ReadingSession | null;
  readonly images: PriorImages | null;
  readonly controller: ComparisonController;
  /** The viewer extension: the current reading's, or both readings' with the study badges and the level link. */
  readonly extension: ViewerExtension | undefined;
  readonly sampleOffer: { readonly which: SampleName; readonly label: string } | null;
}

const NO_LABELS: readonly LevelLabelRecord[] = [];
const noSubscribe = (): (() => void) => () => undefined;

/** A reading's labels as they change (empty without a reading). */
function useLabels(store: DocumentStore | undefined): readonly LevelLabelRecord[] {
  const snapshot = useSyncExternalStore(store?.subscribe ?? noSubscribe, () => store?.getSnapshot() ?? null);
  return snapshot?.document?.labels ?? NO_LABELS;
}

/**
 * The follow-up comparison beside the open study (issue 15): the prior's session and reading, the controller that
 * hangs and links the two, and the combined viewer extension. `label`: the open study's label (a built-in sample
 * offers its other sample as the prior).
 */
export function useComparison(
  host: HostApi,
  sessionId: string | null,
  subject: Subject | null,
  reading: ReadingSession | null,
  version: string,
  priorShortcuts: boolean,
  label: string,
): Comparison {
  const prior = usePriorStudy(host, sessionId, subject);
  const ready = prior.state.status === 'ready' ? prior.state : null;
  const priorReading = useReadingSession(host, ready?.studyKey ?? null, version, ready?.subject ?? null, { role: 'prior', shortcuts: priorShortcuts });
  const [controller] = useState(() => new ComparisonController());
  useEffect(() => installComparisonHook(controller), [controller]);

  const currentLabels = useLabels(reading?.services.store);
  const priorLabels = useLabels(priorReading?.services.store);
  const currentKey = subject?.study.uid ?? null;
  const currentDate = subject === null ? '' : studyDateText(subject);
  const priorKey = ready?.studyKey ?? null;
  const priorDate = ready === null ? '' : studyDateText(ready.subject);
  useEffect(() => {
    controller.setSides(
      currentKey === null || priorKey === null
        ? null
        : { current: { studyKey: currentKey, dateText: currentDate, labels: currentLabels }, prior: { studyKey: priorKey, dateText: priorDate, labels: priorLabels } },
    );
  }, [controller, currentKey, currentDate, currentLabels, priorKey, priorDate, priorLabels]);

  const images = ready?.images ?? null;
  const priorFrames = useMemo(() => new Set((images?.studies ?? []).flatMap((s) => s.series.flatMap((series) => (series.frameOfReferenceUID === null ? [] : [series.frameOfReferenceUID])))), [images]);
  const extension = useComparisonExtension(controller, reading, priorReading, priorKey, priorFrames);
  const sampleOffer = useMemo(
    () =>
      label === SAMPLE_LABEL
        ? { which: 'sample-follow-up' as const, label: 'Open sample follow-up as prior' }
        : label === SAMPLE_FOLLOW_UP_LABEL
          ? { which: 'sample' as const, label: 'Open sample study as prior' }
          : null,
    [label],
  );
  return { prior, priorReading, images, controller, extension, sampleOffer };
}
