// An annotation document made on a real indexed study, as the app would record it: the study's identity, its
// patient and study as the draft's subject, level labels placed on the images' own planes (one per stack) and a
// lesion at the middle label. The image references are whatever the index gives, derived UIDs included.
import { createDocument, defaultLesion } from '@shared/annotation/defaults';
import type { AnnotationDocument, LpsPoint } from '@shared/annotation/schema';
import { subjectOfStudy } from '@shared/annotation/subject';
import type { Patient, Study, StudyIndex } from '@shared/dicom/index-model';
import { RULES_VERSION } from '@shared/scoring/index';

export function findStudy(index: StudyIndex, patientName: string): { patient: Patient; study: Study } {
  for (const patient of index.patients) {
    const study = patient.studies[0];
    if (patient.name === patientName && study !== undefined) return { patient, study };
  }
  throw new Error(`no study of ${patientName} in the index`);
}

const LEVELS = ['L3', 'L4', 'L5', 'S1'] as const;

export function documentOnStudy(patient: Patient, study: Study): AnnotationDocument {
  const doc = createDocument({ studyInstanceUID: study.uid, readerName: 'Dr Test Reader', now: '2026-12-01T10:00:00.000Z', appVersion: '0.1.0', rulesVersion: RULES_VERSION });
  doc.subject = subjectOfStudy(patient, study);
  const stacks = study.series.flatMap((s) => s.stacks.map((k) => ({ series: s, stack: k })));
  doc.labels = stacks.slice(0, LEVELS.length).flatMap(({ series, stack }, i) => {
    const instance = stack.instances[Math.floor(stack.instances.length / 2)];
    const ipp = instance?.imagePositionPatient;
    const label = LEVELS[i];
    if (instance?.sopInstanceUid === undefined || ipp === undefined || label === undefined) return [];
    return [{
      id: `lbl-${label}`,
      label,
      point: [...ipp] as LpsPoint,
      frameOfReferenceUID: series.frameOfReferenceUid ?? stack.frameOfReferenceUid ?? '1.2.3',
      sourceInstance: { sopInstanceUID: instance.sopInstanceUid, frame: instance.frame ?? 0 },
      proposed: false,
    }];
  });
  const middle = doc.labels[1]?.label ?? 'L4';
  doc.lesions = [{ ...defaultLesion('les-1', [middle]), pain: 'mechanical', boneLesion: 'lytic', escc: '1b' }];
  return doc;
}
