import { MAX_TEXT } from '@shared/annotation';
import type { Lesion } from '@shared/annotation';
import { levelSequence, levelsProblem, sortLevels } from '@shared/spine';
import { LimitedText } from '../../text/LimitedText';
import { useTextEdit } from '../../text/use-text-edit';
import { useReading } from '../context';
import { useDocumentSnapshot } from '../document-store';
import { AlignmentCard } from '../measure/AlignmentCard';
import { HeightCard } from '../measure/HeightCard';
import { fieldUpdate, formValue, LESION_FORM } from './form-fields';
import type { FormFieldId } from './form-fields';
import { RadioField } from './RadioField';

/** The keyboard-first form of one lesion: levels, SINS components, ESCC, neuro signs, judgement, note. */
export function LesionForm({ lesion, number }: { lesion: Lesion; number: number }) {
  const { store } = useReading();
  const { document: doc } = useDocumentSnapshot(store);
  // One undo step per edit of the note (committed when the field is left, or when the page goes), not per keystroke.
  const note = useTextEdit(lesion.note, (value) => store.dispatch({ type: 'updateLesion', args: { id: lesion.id, field: 'note', value } }));
  if (doc === null) return null;
  const sequence = levelSequence(doc.spine.variants);

  const set = (id: FormFieldId, value: string): void => {
    const link = lesion.collapse.measurementId;
    // With a height measurement linked, the record says whether the choice agrees with its suggestion.
    if (id === 'collapse' && link !== undefined && value !== 'unknown') {
      const result = store.dispatch({ type: 'chooseCollapseWithMeasurement', args: { lesionId: lesion.id, measurementId: link, value: value as Lesion['collapse']['value'] } });
      if (result.ok) return;
    }
    store.dispatch({ type: 'updateLesion', args: { id: lesion.id, field: id, value: fieldUpdate(lesion, id, value) } });
  };
  const setLevels = (levels: string[]): void => {
    store.dispatch({ type: 'updateLesion', args: { id: lesion.id, field: 'levels', value: sortLevels(levels, doc.spine.variants) } });
  };
  const sorted = sortLevels(lesion.levels, doc.spine.variants);
  const first = sorted[0];
  const last = sorted.at(-1);
  const above = first !== undefined ? sequence[sequence.indexOf(first) - 1] : undefined;
  const below = last !== undefined ? sequence[sequence.indexOf(last) + 1] : undefined;
  const problem = lesion.levels.length > 0 ? levelsProblem(lesion.levels, doc.spine.variants) : 'no level yet';

  return (
    <form className="rd-form" aria-label={`Lesion ${number}`} data-testid="lesion-form" onSubmit={(e) => e.preventDefault()}>
      <div className="rd-row rd-levels">
        <strong data-testid="lesion-levels">{sorted.join('–') || 'no level'}</strong>
        {above ? (
          <button type="button" onClick={() => setLevels([above, ...sorted])}>
            + {above}
          </button>
        ) : null}
        {below ? (
          <button type="button" onClick={() => setLevels([...sorted, below])}>
            + {below}
          </button>
        ) : null}
        {sorted.length > 1 && first && last ? (
          <>
            <button type="button" onClick={() => setLevels(sorted.slice(1))}>
              − {first}
            </button>
            <button type="button" onClick={() => setLevels(sorted.slice(0, -1))}>
              − {last}
            </button>
          </>
        ) : null}
        {problem ? <span className="rd-error">{problem}</span> : null}
      </div>
      <HeightCard lesion={lesion} />
      <AlignmentCard lesion={lesion} />
      {LESION_FORM.map((field) => (
        <RadioField key={field.id} field={field} lesionId={lesion.id} value={formValue(lesion, field.id)} onChange={(v) => set(field.id, v)} />
      ))}
      <label className="rd-note">
        Note
        <LimitedText label="Note" edit={note} limit={MAX_TEXT} rows={2} />
      </label>
    </form>
  );
}
