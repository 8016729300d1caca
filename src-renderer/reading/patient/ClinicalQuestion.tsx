// The clinical question of the referral (patient.referringQuestion): asked first in the patient panel, printed under
// "Clinical question" in the report. Committed once when the field is left (one undo step), like the report's texts.
import type { ReactElement } from 'react';
import { MAX_TEXT } from '@shared/annotation';
import type { DocumentStore } from '../document-store';
import { LimitedText } from '../../text/LimitedText';
import { useTextEdit } from '../../text/use-text-edit';

export function ClinicalQuestion({ store, question }: { readonly store: DocumentStore; readonly question: string }): ReactElement {
  const edit = useTextEdit(question, (text) => store.dispatch({ type: 'setPatientField', args: { field: 'referringQuestion', value: text } }));
  return (
    <label className="rd-field rd-question">
      <span>Clinical question</span>
      <LimitedText label="Clinical question" edit={edit} limit={MAX_TEXT} rows={2} />
    </label>
  );
}
