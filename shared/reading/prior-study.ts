/**
 * Which study of an opened folder is the prior of the study being read: an earlier (or other) study of the same
 * patient. A study of another patient is refused, with both identities in the reader's words: a follow-up compares
 * one patient's studies, and two patients' images are never hung together. The study already open is not its own
 * prior.
 */
import type { StudyIndex } from '../dicom/index-model';
import { checkSubject, subjectOfStudy } from '../annotation/subject';
import type { Subject } from '../annotation/subject';
import { formatDicomDate } from '../report/dates';
import { formatPersonName } from '../report/model';

export type PriorChoice =
  | { readonly ok: true; readonly studyUid: string; readonly subject: Subject }
  | { readonly ok: false; readonly message: string };

/** "DOE, JOHN (ID 123, born 1950-01-01)": enough for the reader to see who is who. */
export function describePatient(subject: Subject): string {
  const { name, id, birthDate } = subject.patient;
  const details = [id === '' ? 'no ID' : `ID ${id}`, ...(birthDate === '' ? [] : [`born ${formatDicomDate(birthDate)}`])];
  return `${name === '' ? 'no name' : formatPersonName(name)} (${details.join(', ')})`;
}

/** The date a study was made, for the viewport badges: "2000-04-15", or "date unknown". */
export function studyDateText(subject: Subject): string {
  return subject.study.date === '' ? 'date unknown' : formatDicomDate(subject.study.date);
}

/**
 * The prior among the studies of `index` for the study `current` being read: the newest study of the same patient
 * that is not the current study (DICOM dates sort as text). Refused, in plain words, when there is none.
 */
export function choosePriorStudy(index: StudyIndex, current: Subject): PriorChoice {
  const all = index.patients.flatMap((patient) => patient.studies.map((study) => subjectOfStudy(patient, study)));
  const others = all.filter((s) => s.study.uid !== current.study.uid);
  if (all.length === 0) return { ok: false, message: 'No images were found there to open as the prior study.' };
  if (others.length === 0) return { ok: false, message: 'That is the study already open: choose an earlier study of the same patient as the prior.' };
  const same = others.filter((s) => checkSubject(current, s).kind === 'same');
  const chosen = [...same].sort((a, b) => b.study.date.localeCompare(a.study.date) || a.study.uid.localeCompare(b.study.uid))[0];
  if (chosen === undefined) {
    const names = [...new Set(others.map(describePatient))].join('; ');
    return {
      ok: false,
      message: `The prior is another patient's study, so it is not hung beside this one. Open now: ${describePatient(current)}. Prior: ${names}.`,
    };
  }
  return { ok: true, studyUid: chosen.study.uid, subject: chosen };
}
