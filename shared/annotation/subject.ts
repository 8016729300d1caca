/**
 * Whose reading a document is: the patient and study it was made on, as the files said when it was created. A
 * draft is only offered as a study's draft when its recorded patient is the opened study's patient; otherwise the
 * reader sees both and decides (a record belongs to exactly one patient and one study).
 */
import { z } from 'zod';
import type { Patient, Study, StudyIndex } from '../dicom/index-model';

export const SubjectSchema = z.strictObject({
  patient: z.strictObject({ name: z.string().max(500), id: z.string().max(200), birthDate: z.string().max(20) }),
  study: z.strictObject({
    /** The study's identity (study-identity.ts): its StudyInstanceUID, or derived when the files had none. */
    uid: z.string().max(64),
    uidDerived: z.boolean(),
    date: z.string().max(20),
    time: z.string().max(20),
    description: z.string().max(500),
    accessionNumber: z.string().max(64),
    modalities: z.array(z.string().max(16)).max(32),
  }),
});
export type Subject = z.infer<typeof SubjectSchema>;

export function subjectOfStudy(patient: Pick<Patient, 'name' | 'id' | 'birthDate'>, study: Study): Subject {
  return {
    patient: { name: (patient.name ?? '').slice(0, 500), id: (patient.id ?? '').slice(0, 200), birthDate: (patient.birthDate ?? '').slice(0, 20) },
    study: {
      uid: study.uid,
      uidDerived: study.uidDerived === true,
      date: (study.date ?? '').slice(0, 20),
      time: (study.time ?? '').slice(0, 20),
      description: (study.description ?? '').slice(0, 500),
      accessionNumber: (study.accessionNumber ?? '').slice(0, 64),
      modalities: study.modalities.slice(0, 32).map((m) => m.slice(0, 16)),
    },
  };
}

/** The subject of the study `uid` of an index; null when the index has no such study. */
export function subjectInIndex(index: StudyIndex, uid: string): Subject | null {
  for (const patient of index.patients) {
    const study = patient.studies.find((s) => s.uid === uid);
    if (study !== undefined) return subjectOfStudy(patient, study);
  }
  return null;
}

/** One field where the draft and the opened study disagree, in words for the reader. */
export interface SubjectDifference {
  readonly field: 'patient name' | 'patient ID' | 'birth date';
  readonly draft: string;
  readonly study: string;
}

export type SubjectCheck =
  | { readonly kind: 'same' }
  /** The draft was made before drafts recorded whose they are (document version 2 or older). */
  | { readonly kind: 'not-recorded' }
  | { readonly kind: 'different'; readonly differences: readonly SubjectDifference[] };

// PN values differ in trailing carets, spacing and case without naming another person.
const samePerson = (a: string): string => a.replace(/\^+$/u, '').replace(/[\s^]+/gu, ' ').trim().toUpperCase();
const sameText = (a: string): string => a.trim().toUpperCase();

/** Does a draft recorded for `recorded` belong to the patient of `opened`? Any differing patient field says no. */
export function checkSubject(recorded: Subject | null, opened: Subject): SubjectCheck {
  if (recorded === null) return { kind: 'not-recorded' };
  const fields: [SubjectDifference['field'], string, string, (s: string) => string][] = [
    ['patient name', recorded.patient.name, opened.patient.name, samePerson],
    ['patient ID', recorded.patient.id, opened.patient.id, sameText],
    ['birth date', recorded.patient.birthDate, opened.patient.birthDate, sameText],
  ];
  const differences = fields.filter(([, a, b, norm]) => norm(a) !== norm(b)).map(([field, draft, study]) => ({ field, draft, study }));
  return differences.length === 0 ? { kind: 'same' } : { kind: 'different', differences };
}
