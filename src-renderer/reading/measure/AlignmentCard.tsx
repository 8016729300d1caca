import type { Lesion } from '@shared/annotation';
import { levelSequence, sortLevels } from '@shared/spine';
import { useClickMode } from '../click-mode';
import { useReading } from '../context';
import { useDocumentSnapshot } from '../document-store';
import { aidPrompt, aidValue } from './alignment-capture';
import type { AlignmentAid } from './alignment-capture';

/** Alignment aids for a lesion: segmental kyphosis and translation, measured on a sagittal image and listed. */
export function AlignmentCard({ lesion }: { lesion: Lesion }) {
  const { store, clicks } = useReading();
  const { document: doc } = useDocumentSnapshot(store);
  const { mode } = useClickMode(clicks);
  if (doc === null) return null;
  const seq = levelSequence(doc.spine.variants);
  const levels = sortLevels(lesion.levels, doc.spine.variants);
  const first = levels[0];
  const last = levels.at(-1);
  const above = first !== undefined ? seq[seq.indexOf(first) - 1] : undefined;
  const below = last !== undefined ? seq[seq.indexOf(last) + 1] : undefined;
  const start = (aid: AlignmentAid): void => {
    const upper = aid === 'kyphosis' ? above : last;
    if (upper === undefined || below === undefined) return;
    const capture = { aid, upper, lower: below, points: [] };
    clicks.set({ kind: 'alignment', lesionId: lesion.id, capture }, aidPrompt(capture));
  };
  const aids = doc.measurements.filter((m) => lesion.alignment.measurementIds.includes(m.id));
  const capturing = mode.kind === 'alignment' && mode.lesionId === lesion.id;
  return (
    <div className="rd-card" data-testid="alignment-card">
      <div className="rd-row">
        <strong>Alignment aids</strong>
        <button type="button" disabled={above === undefined || below === undefined} onClick={() => start('kyphosis')} title="Superior endplate above, inferior endplate below">
          Segmental kyphosis
        </button>
        <button type="button" disabled={below === undefined} onClick={() => start('translation')} title="Posterior corners of the lesion body and the body below">
          Translation
        </button>
        {capturing ? (
          <button type="button" onClick={() => clicks.set({ kind: 'none' })}>
            Cancel
          </button>
        ) : null}
      </div>
      <ul className="rd-list">
        {aids.map((m) => (
          <li key={m.id} data-testid="alignment-aid">
            {aidValue(m)}
            <button type="button" aria-label="Delete measurement" onClick={() => store.dispatch({ type: 'deleteMeasurement', args: { id: m.id } })}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <p className="rd-hint">Aids only: the SINS alignment below is your choice.</p>
    </div>
  );
}
