// "Propose levels" from the image: the reader's confirmed labels go to the host (labels:propose), which finds the
// vertebrae in the series they were placed on; the answer replaces that frame's proposed labels in one undo step.
// Each proposal keeps its confidence in the document (LevelLabelRecord.confidence), so a reload shows it as before;
// a proposal the reader moves or confirms stops showing as low confidence. The last warnings live here, for the
// session: they describe the last answer, not the document.
import { useSyncExternalStore } from 'react';
import type { AnnotationDocument, Command, LevelLabelRecord } from '@shared/annotation';
import type { StudyIndex } from '@shared/dicom/index-model';
import type { HostApi, ResponseOf } from '@shared/ipc/contract';

export interface LevelProposer {
  readonly host: HostApi;
  readonly sessionId: string;
  readonly index: StudyIndex;
}

/** Below this, a proposal is drawn and listed as low confidence. */
export const LOW_CONFIDENCE = 0.5;

type Warnings = Extract<ResponseOf<'labels:propose'>, { status: 'proposed' }>['warnings'];

let warnings: Warnings = [];
const listeners = new Set<() => void>();
const emit = (): void => listeners.forEach((l) => l());
const subscribe = (listener: () => void): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The confidence of a proposed label from the image proposer, or null (placed by hand, interpolated, moved). */
export function confidenceOf(label: Pick<LevelLabelRecord, 'proposed' | 'confidence'>): number | null {
  return label.proposed ? (label.confidence ?? null) : null;
}

/** Re-renders on every new proposal; returns the lookup and the last warnings. */
export function useImageProposals(): { confidenceOf: typeof confidenceOf; warnings: Warnings } {
  const snapshot = useSyncExternalStore(subscribe, () => state);
  return snapshot;
}
let state = { confidenceOf, warnings };

/** The series holding an instance, and the stack instance nearest a point (a proposal's source image). */
function seriesOfInstance(index: StudyIndex, sop: string): { uid: string; frame: string | undefined } | null {
  for (const p of index.patients) for (const st of p.studies) for (const se of st.series) {
    for (const sk of se.stacks) if (sk.instances.some((i) => i.sopInstanceUid === sop)) return { uid: se.uid, frame: sk.frameOfReferenceUid ?? se.frameOfReferenceUid };
  }
  return null;
}

function nearestInstance(index: StudyIndex, seriesUid: string, point: readonly number[]): { sopInstanceUID: string; frame: number } | null {
  for (const p of index.patients) for (const st of p.studies) for (const se of st.series) {
    if (se.uid !== seriesUid) continue;
    const stack = [...se.stacks].sort((a, b) => b.instances.length - a.instances.length)[0];
    const normal = stack?.normal;
    if (stack === undefined || normal === undefined) return null;
    const along = (point[0] ?? 0) * normal[0] + (point[1] ?? 0) * normal[1] + (point[2] ?? 0) * normal[2];
    let best: (typeof stack.instances)[number] | undefined;
    for (const i of stack.instances) {
      if (i.position === undefined || i.sopInstanceUid === undefined) continue;
      if (best === undefined || Math.abs(i.position - along) < Math.abs((best.position ?? 0) - along)) best = i;
    }
    return best?.sopInstanceUid === undefined ? null : { sopInstanceUID: best.sopInstanceUid, frame: best.frame ?? 0 };
  }
  return null;
}

export type ProposeOutcome = { readonly kind: 'proposed'; readonly commands: Command[]; readonly count: number; readonly low: number } | { readonly kind: 'refused'; readonly message: string };

/**
 * Asks the host for the levels of the series the reader's last confirmed label was placed on, counted from every
 * confirmed label of its frame of reference; returns the commands that replace that frame's proposals.
 */
export async function proposeFromImage(proposer: LevelProposer, doc: AnnotationDocument): Promise<ProposeOutcome> {
  const confirmed = doc.labels.filter((l) => !l.proposed);
  const last = confirmed[confirmed.length - 1];
  if (last === undefined) return { kind: 'refused', message: 'Place one level you are sure of first (for example L5 or C2), then ask for the rest.' };
  const series = seriesOfInstance(proposer.index, last.sourceInstance.sopInstanceUID);
  if (series === null) return { kind: 'refused', message: `The image ${last.label} was placed on is not in this study.` };
  const frame = last.frameOfReferenceUID;
  const anchors = confirmed.filter((l) => l.frameOfReferenceUID === frame).map((l) => ({ level: l.label, point: l.point }));
  const answer = await proposer.host.labelsPropose({
    sessionId: proposer.sessionId,
    seriesUid: series.uid,
    anchors,
    thoracicCount: doc.spine.variants.thoracicCount,
    lumbarCount: doc.spine.variants.lumbarCount,
    countingMethod: doc.spine.countingMethod,
  });
  if (answer.status === 'refused') return { kind: 'refused', message: answer.reason };
  const taken = new Set(confirmed.map((l) => l.label));
  const fresh = answer.levels.filter((l) => !taken.has(l.level));
  const commands: Command[] = doc.labels.filter((l) => l.proposed && l.frameOfReferenceUID === frame).map((l) => ({ type: 'deleteLabel', args: { id: l.id } }));
  const labels = fresh.flatMap((l) => {
    const source = nearestInstance(proposer.index, series.uid, l.point) ?? last.sourceInstance;
    return [{ label: l.level, point: l.point, frameOfReferenceUID: frame, sourceInstance: source, confidence: l.confidence }];
  });
  if (labels.length > 0) commands.push({ type: 'addProposedLabels', args: { labels } });
  warnings = answer.warnings;
  state = { confidenceOf, warnings };
  emit();
  return { kind: 'proposed', commands, count: fresh.length, low: fresh.filter((l) => l.confidence < LOW_CONFIDENCE).length };
}
