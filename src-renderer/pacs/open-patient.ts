import type { StudySessionState } from '../study/use-study-session';
import type { OpenPatient } from './PacsPanel';

/** The open study's patient as its files name them (the first study of a ready session), or null. */
export function openPatientOf(state: StudySessionState): OpenPatient | null {
  if (state.status !== 'ready') return null;
  const patient = state.index.patients[0];
  const study = patient?.studies[0];
  if (patient === undefined || study === undefined || study.uidDerived === true) return null;
  return { patientId: patient.id ?? '', patientName: patient.name ?? '', birthDate: patient.birthDate ?? '', studyUid: study.uid };
}
