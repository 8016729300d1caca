import { lesionTitle } from '@shared/reading/wording';
import { useClickMode } from '../click-mode';
import { useReading } from '../context';
import { useDocumentSnapshot } from '../document-store';
import { LesionForm } from './LesionForm';

/** Lesion list (create by clicking the image at a level), and the selected lesion's form. */
export function LesionPanel() {
  const { store, clicks } = useReading();
  const { document: doc } = useDocumentSnapshot(store);
  const { mode, selectedLesionId } = useClickMode(clicks);
  if (doc === null) return null;
  const placing = mode.kind === 'lesion';
  const selectedIndex = doc.lesions.findIndex((l) => l.id === selectedLesionId);
  const selected = doc.lesions[selectedIndex >= 0 ? selectedIndex : 0];
  return (
    <section className="rd-section" aria-label="Lesions">
      <h2 className="panel-title">Lesions</h2>
      <div className="rd-row">
        <button
          type="button"
          aria-pressed={placing}
          data-testid="lesion-mode"
          onClick={() => clicks.set(placing ? { kind: 'none' } : { kind: 'lesion' }, placing ? null : 'Click the vertebral body of the lesion.')}
        >
          {placing ? 'Placing lesions (Esc to finish)' : 'New lesion (click image)'}
        </button>
      </div>
      <ul className="rd-list" data-testid="lesion-list">
        {doc.lesions.map((l, i) => (
          <li key={l.id} className={l === selected ? 'rd-selected' : undefined}>
            <button type="button" onClick={() => clicks.selectLesion(l.id)}>
              {lesionTitle(i + 1, l.levels, doc.spine.variants)}
            </button>
            <button type="button" aria-label={`Delete lesion ${i + 1}`} onClick={() => store.dispatch({ type: 'deleteLesion', args: { id: l.id } })}>
              ×
            </button>
          </li>
        ))}
      </ul>
      {selected ? <LesionForm key={selected.id} lesion={selected} number={doc.lesions.indexOf(selected) + 1} /> : <p className="empty">No lesions yet.</p>}
    </section>
  );
}
