import { expandFrames } from './frames';
import type { FrameItem } from './frames';
import type { IndexedObject } from './indexed-object';
import type { NonImageObject, Patient, Problem, Series, Study } from './index-model';
import { classifyObject } from './sop-classes';
import { buildStacks, seriesOrientation } from './stacks';

/** More frames than this in one object is a corrupt NumberOfFrames, not an image. */
export const MAX_FRAMES = 50_000;

const MISSING_STUDY = 'missing:study';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export const studyKeyOf = (o: IndexedObject): string => o.header.studyInstanceUid ?? MISSING_STUDY;

const folderOf = (label: string): string => label.slice(0, Math.max(0, ...['/', '\\', '!'].map((c) => label.lastIndexOf(c))));

/**
 * Series key: SeriesInstanceUID, or a placeholder per study, folder, modality and series number (the folder keeps
 * unrelated UID-less files from different places apart).
 */
export function seriesKeyOf(o: IndexedObject): string {
  const h = o.header;
  if (h.seriesInstanceUid !== undefined) return h.seriesInstanceUid;
  return `missing:${studyKeyOf(o)}:${folderOf(o.label)}:${h.modality ?? ''}:${h.seriesNumber ?? ''}`;
}

function nonImageObject(o: IndexedObject): NonImageObject {
  const h = o.header;
  const info = classifyObject(h.sopClassUid, h);
  const out: Mutable<NonImageObject> = { id: o.id, file: o.file, kind: info.kind, name: info.name };
  if (h.sopClassUid !== undefined) out.sopClassUid = h.sopClassUid;
  if (h.sopInstanceUid !== undefined) out.sopInstanceUid = h.sopInstanceUid;
  if (h.instanceNumber !== undefined) out.instanceNumber = h.instanceNumber;
  return out;
}

/**
 * Builds one series from its objects: images become ordered stacks, other objects are listed by kind.
 * Duplicate SOPInstanceUIDs (the same image copied twice) are kept once, with a problem naming the copy.
 */
export function buildSeries(objects: ReadonlyArray<IndexedObject>): Series {
  const first = objects[0];
  const key = first ? seriesKeyOf(first) : 'missing:series';
  const problems: Problem[] = [];
  const seen = new Map<string, string>();
  const frames: FrameItem[] = [];
  const others: NonImageObject[] = [];
  const sorted = [...objects].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  for (const o of sorted) {
    const uid = o.header.sopInstanceUid;
    const earlier = uid === undefined ? undefined : seen.get(uid);
    if (uid !== undefined && earlier !== undefined) {
      problems.push({ file: o.label, code: 'duplicate-instance', reason: `same SOPInstanceUID as ${earlier}; not listed twice` });
      continue;
    }
    if (uid !== undefined) seen.set(uid, o.label);
    const kind = classifyObject(o.header.sopClassUid, o.header).kind;
    if (kind !== 'image') {
      others.push(nonImageObject(o));
      continue;
    }
    if (o.header.numberOfFrames > MAX_FRAMES) {
      problems.push({ file: o.label, code: 'malformed', reason: `NumberOfFrames ${o.header.numberOfFrames} is implausible` });
      continue;
    }
    const items = expandFrames(o);
    const bad = items.find((i) => i.planeError !== undefined);
    if (bad?.planeError) problems.push({ file: o.label, code: 'no-geometry', reason: `geometry unusable: ${bad.planeError}` });
    frames.push(...items);
  }
  if (first && first.header.seriesInstanceUid === undefined) {
    problems.push({ file: first.label, code: 'missing-uid', reason: 'no SeriesInstanceUID: grouped under a placeholder series' });
  }
  const stacks = buildStacks(frames, key);
  const series: Mutable<Series> = {
    uid: key,
    orientation: seriesOrientation(stacks),
    stacks,
    objects: others,
    instanceCount: frames.length + others.length,
    problems,
  };
  const h = first?.header;
  if (h?.seriesNumber !== undefined) series.number = h.seriesNumber;
  if (h?.seriesDescription !== undefined) series.description = h.seriesDescription;
  if (h?.modality !== undefined) series.modality = h.modality;
  if (h?.bodyPartExamined !== undefined) series.bodyPart = h.bodyPartExamined;
  const frameOfReference = objects.find((o) => o.header.frameOfReferenceUid !== undefined)?.header.frameOfReferenceUid;
  if (frameOfReference !== undefined) series.frameOfReferenceUid = frameOfReference;
  if (others[0] && stacks.length === 0) series.nonImage = others[0].kind;
  return series;
}

function groupBy<T>(items: ReadonlyArray<T>, key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

const compareSeries = (a: Series, b: Series): number =>
  (a.number ?? Number.POSITIVE_INFINITY) - (b.number ?? Number.POSITIVE_INFINITY) || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0);

function buildStudy(uid: string, objects: IndexedObject[]): Study {
  const series = [...groupBy(objects, seriesKeyOf).values()].map(buildSeries).sort(compareSeries);
  const h = objects.find((o) => o.header.studyDate !== undefined)?.header ?? objects[0]?.header;
  const study: Mutable<Study> = {
    uid,
    modalities: [...new Set(series.flatMap((s) => (s.modality ? [s.modality] : [])))].sort(),
    series,
  };
  if (h?.studyDate !== undefined) study.date = h.studyDate;
  if (h?.studyTime !== undefined) study.time = h.studyTime;
  const description = objects.find((o) => o.header.studyDescription !== undefined)?.header.studyDescription;
  if (description !== undefined) study.description = description;
  if (h?.accessionNumber !== undefined) study.accessionNumber = h.accessionNumber;
  if (h?.referringPhysicianName !== undefined) study.referringPhysician = h.referringPhysicianName;
  if (h?.studyId !== undefined) study.studyId = h.studyId;
  const institution = objects.find((o) => o.header.institutionName !== undefined)?.header.institutionName;
  if (institution !== undefined) study.institutionName = institution;
  return study;
}

const patientKeyOf = (o: IndexedObject): string => `${o.header.patientId ?? ''}^${o.header.patientName ?? ''}`;

/**
 * The whole tree: objects grouped by patient (PatientID + name of the study's first object), study
 * (StudyInstanceUID) and series. Pure and deterministic: the same objects in any order give the same tree.
 */
export function buildPatients(objects: ReadonlyArray<IndexedObject>): Patient[] {
  const studies = groupBy(objects, studyKeyOf);
  const patients = new Map<string, Mutable<Patient>>();
  const sortedStudies = [...studies.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [uid, studyObjects] of sortedStudies) {
    const sample = [...studyObjects].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))[0];
    if (!sample) continue;
    const key = patientKeyOf(sample);
    let patient = patients.get(key);
    if (!patient) {
      const h = sample.header;
      patient = { key, studies: [] };
      if (h.patientName !== undefined) patient.name = h.patientName;
      if (h.patientId !== undefined) patient.id = h.patientId;
      if (h.patientBirthDate !== undefined) patient.birthDate = h.patientBirthDate;
      if (h.patientSex !== undefined) patient.sex = h.patientSex;
      patients.set(key, patient);
    }
    patient.studies.push(buildStudy(uid, studyObjects));
  }
  for (const p of patients.values()) p.studies.sort((a, b) => `${a.date ?? ''}${a.time ?? ''}`.localeCompare(`${b.date ?? ''}${b.time ?? ''}`));
  return [...patients.values()].sort((a, b) => a.key.localeCompare(b.key));
}
