import { describe, expect, it } from 'vitest';
import { emptyStudyIndex, type Patient, type StudyIndex } from '@shared/dicom/index-model';
import { subjectOfStudy } from '@shared/annotation/subject';
import { choosePriorStudy, describePatient, studyDateText } from '@shared/reading/prior-study';

const study = (uid: string, date: string) => ({ uid, date, description: `study ${uid}`, modalities: ['CT'], series: [] });
const patient = (name: string, id: string, birthDate: string, studies: ReturnType<typeof study>[]): Patient => ({ key: `${id}|${name}`, name, id, birthDate, studies });
const indexOf = (...patients: Patient[]): StudyIndex => ({ ...emptyStudyIndex(['/x']), patients });

const ME = patient('DOE^JANE', 'P1', '19600203', [study('1.1', '20260302')]);
const current = subjectOfStudy(ME, ME.studies[0]!);

describe('the prior of the study being read', () => {
  it.each([
    ['the newest other study of the same patient', indexOf(patient('DOE^JANE^^', 'P1', '19600203', [study('1.0', '20250101'), study('1.2', '20251101')])), '1.2'],
    ['the same patient with the study already open beside it', indexOf(patient('doe jane', 'P1', '19600203', [study('1.1', '20260302'), study('1.0', '20250101')])), '1.0'],
    ['a later study of the same patient (the reader chose it as the prior)', indexOf(patient('DOE^JANE', 'P1', '19600203', [study('2.0', '20270101')])), '2.0'],
  ])('%s', (_, index, uid) => {
    const choice = choosePriorStudy(index, current);
    expect(choice.ok && choice.studyUid).toBe(uid);
  });

  it.each([
    ['another patient', indexOf(patient('ROE^RICHARD', 'P2', '19551111', [study('3.0', '20250101')])), "The prior is another patient's study, so it is not hung beside this one. Open now: DOE, JANE (ID P1, born 1960-02-03). Prior: ROE, RICHARD (ID P2, born 1955-11-11)."],
    ['the same name with another ID', indexOf(patient('DOE^JANE', 'P9', '19600203', [study('3.0', '20250101')])), "The prior is another patient's study, so it is not hung beside this one. Open now: DOE, JANE (ID P1, born 1960-02-03). Prior: DOE, JANE (ID P9, born 1960-02-03)."],
    ['the study already open', indexOf(ME), 'That is the study already open: choose an earlier study of the same patient as the prior.'],
    ['nothing there', indexOf(), 'No images were found there to open as the prior study.'],
  ])('refused: %s', (_, index, message) => {
    expect(choosePriorStudy(index, current)).toEqual({ ok: false, message });
  });

  it('words a patient and a date for the reader', () => {
    expect(describePatient(subjectOfStudy(patient('', '', '', []), study('9', '')))).toBe('no name (no ID)');
    expect(studyDateText(current)).toBe('2026-03-02');
    expect(studyDateText(subjectOfStudy(ME, study('9', '')))).toBe('date unknown');
  });
});
