// A complete reading of the built-in sample FOLLOW-UP study, from its known geometry (FOLLOW_UP_GEOMETRY, the
// follow-up's own coordinates and frame of reference): labels T11–L3 on the sagittal MR, L1's heights measured
// (60% anterior loss), the L1 lesion now with > 50% collapse, and the new lytic T11 lesion. With sampleDocument()
// as the prior reading it is the follow-up case of issue 15 (progressed collapse, a new lesion).
import type { AnnotationDocument, BodyHeights, LpsPoint } from '@shared/annotation/schema';
import { defaultLesion } from '@shared/annotation/defaults';
import { FOLLOW_UP_DATE, FOLLOW_UP_GEOMETRY, FOLLOW_UP_SCAN, FOLLOW_UP_STUDY_DESCRIPTION, FOLLOW_UP_UIDS, SAMPLE_DATE, SAMPLE_PATIENT_ID, SAMPLE_PATIENT_NAME, SAMPLE_STUDY_DESCRIPTION, SAMPLE_UIDS } from '@shared/sample';
import type { LevelGeometry, LevelName } from '@shared/sample';
import { sampleDocument } from './sample-document';

export const FOLLOW_UP_READER = 'Dr Follow-up Reader';

const level = (name: LevelName): LevelGeometry => {
  const found = FOLLOW_UP_GEOMETRY.levels.find((l) => l.name === name);
  if (found === undefined) throw new Error(`follow-up has no ${name}`);
  return found;
};

const add = (p: readonly number[], d: readonly number[], k: number): LpsPoint => [(p[0] ?? 0) + (d[0] ?? 0) * k, (p[1] ?? 0) + (d[1] ?? 0) * k, (p[2] ?? 0) + (d[2] ?? 0) * k];

/** Endplate-to-endplate segments at the anterior wall, the middle and the posterior wall, in follow-up coordinates. */
export function followUpHeights(name: LevelName): BodyHeights {
  const g = level(name);
  const mid = (g.anteriorWallA + g.posteriorWallA) / 2;
  const at = (a: number, height: number): [LpsPoint, LpsPoint] => {
    const bottom = add(g.inferiorEndplateCentre, g.posteriorDirection, a - mid);
    return [bottom, add(bottom, g.axis, height)];
  };
  return { level: name, anterior: at(g.anteriorWallA, g.heightsMm.anterior), middle: at(mid, g.heightsMm.middle), posterior: at(g.posteriorWallA, g.heightsMm.posterior) };
}

/** The follow-up's sagittal MR slice nearest L1's centre (the patient lies shifted and turned: not x = 0). */
export function followUpSagittalInstance(): { sopInstanceUID: string; frame: number } {
  const x = level('L1').centre[0];
  const xs = FOLLOW_UP_SCAN.mr.x;
  let best = 0;
  xs.forEach((v, i) => { if (Math.abs(v - x) < Math.abs((xs[best] ?? Infinity) - x)) best = i; });
  return { sopInstanceUID: FOLLOW_UP_UIDS.instance('mr', best + 1), frame: 0 };
}

const subject = (uid: string, date: string, description: string): AnnotationDocument['subject'] => ({
  patient: { name: SAMPLE_PATIENT_NAME, id: SAMPLE_PATIENT_ID, birthDate: '' },
  study: { uid, uidDerived: false, date, time: '120000', description, accessionNumber: '', modalities: ['CT', 'MR'] },
});

/** The baseline sample's reading (sampleDocument) with its study named: the prior of followUpDocument(). */
export function baselineDocument(): AnnotationDocument {
  const doc = sampleDocument();
  doc.subject = subject(SAMPLE_UIDS.study, SAMPLE_DATE, SAMPLE_STUDY_DESCRIPTION);
  return doc;
}

export function followUpDocument(): AnnotationDocument {
  const doc = sampleDocument();
  const source = followUpSagittalInstance();
  const frameOfReferenceUID = FOLLOW_UP_UIDS.frameOfReference;
  doc.studyInstanceUID = FOLLOW_UP_UIDS.study;
  doc.subject = subject(FOLLOW_UP_UIDS.study, FOLLOW_UP_DATE, FOLLOW_UP_STUDY_DESCRIPTION);
  doc.reader = { name: FOLLOW_UP_READER };
  doc.labels = (['T11', 'T12', 'L1', 'L2', 'L3'] as const).map((name) => ({
    id: `lbl-${name}`,
    label: name,
    point: [...level(name).centre] as LpsPoint,
    frameOfReferenceUID,
    sourceInstance: source,
    proposed: false,
  }));
  doc.measurements = [
    { id: 'm-heights-L1', kind: 'vertebral-heights', frameOfReferenceUID, sourceInstance: source, note: '', index: followUpHeights('L1'), above: followUpHeights('T12'), below: followUpHeights('L2') },
  ];
  const [l1] = doc.lesions;
  if (l1 === undefined) throw new Error('the sample reading has an L1 lesion');
  doc.lesions = [
    { ...l1, collapse: { value: 'gt50', source: 'measurement-confirmed', measurementId: 'm-heights-L1' } },
    {
      ...defaultLesion('les-t11', ['T11']),
      pain: 'none',
      boneLesion: 'lytic',
      alignment: { value: 'normal', source: 'reader', measurementIds: [] },
      collapse: { value: 'none', source: 'reader' },
      posterolateral: 'none',
      escc: '0',
      cordSignalChange: false,
      caudaEquina: false,
      note: 'New focus, right anterior body.',
    },
  ];
  doc.report = {
    impressionSource: 'edited',
    impression: 'Progressive collapse of the lytic L1 metastasis, now > 50%. New lytic T11 metastasis.',
    freeText: '',
    keyImages: [],
  };
  return doc;
}
