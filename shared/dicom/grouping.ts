import { expandFrames } from './frames';
import type { FrameItem } from './frames';
import type { IndexedObject } from './indexed-object';
import type { NonImageObject, Patient, Problem, Series, Study } from './index-model';
import { classifyObject } from './sop-classes';
import { buildStacks, seriesOrientation } from './stacks';
import { groupUid, instanceUidOf, seriesUidOf, studyGroupKey, studyIdentity, uidWithin, validUid } from './study-identity';

/** More frames than this in one object is a corrupt NumberOfFrames, not an image. */
export const MAX_FRAMES = 50_000;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Which study an object belongs to while indexing (the identity itself is known once the study's files are). */
export const studyKeyOf = (o: IndexedObject): string => studyGroupKey(o.header);

/** Series key: the valid SeriesInstanceUID, or a UID derived from the study and what the images share (study-identity.ts). */
export const seriesKeyOf = (o: IndexedObject): string => seriesUidOf(o.header);

/** The object with a valid SOP Instance UID (derived from its header when it has none), and whether it was derived. */
function withInstanceUid(o: IndexedObject): { object: IndexedObject; derived: boolean } {
  const uid = instanceUidOf(o.header);
  if (uid === o.header.sopInstanceUid) return { object: o, derived: false };
  return { object: { ...o, header: { ...o.header, sopInstanceUid: uid } }, derived: true };
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

export interface SeriesOptions {
  /** Stack id prefix when the series UID is not unique in the index (a StudyInstanceUID shared by two patients). */
  readonly stackPrefix?: string;
}

/**
 * Builds one series from its objects: images become ordered stacks, other objects are listed by kind.
 * Duplicate SOPInstanceUIDs (the same image copied twice) are kept once, with a problem naming the copy.
 * Objects without a valid SOP Instance UID get a derived one (flagged on the instance).
 */
export function buildSeries(objects: ReadonlyArray<IndexedObject>, options: SeriesOptions = {}): Series {
  const sorted = [...objects].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  // The first by label, not by arrival: the same files give the same series in any order.
  const first = sorted[0];
  const key = first ? seriesKeyOf(first) : 'missing:series';
  const problems: Problem[] = [];
  const seen = new Map<string, string>();
  const frames: FrameItem[] = [];
  const others: NonImageObject[] = [];
  const derivedLabels: string[] = [];
  for (const original of sorted) {
    const { object: o, derived } = withInstanceUid(original);
    const uid = o.header.sopInstanceUid ?? '';
    const earlier = seen.get(uid);
    if (earlier !== undefined) {
      problems.push({ file: o.label, code: 'duplicate-instance', reason: `same SOPInstanceUID as ${earlier}; not listed twice` });
      continue;
    }
    seen.set(uid, o.label);
    if (derived) derivedLabels.push(o.label);
    const kind = classifyObject(o.header.sopClassUid, o.header).kind;
    if (kind !== 'image') {
      others.push(nonImageObject(o));
      continue;
    }
    if (o.header.numberOfFrames > MAX_FRAMES) {
      problems.push({ file: o.label, code: 'malformed', reason: `NumberOfFrames ${o.header.numberOfFrames} is implausible` });
      continue;
    }
    const items = expandFrames(o).map((i) => (derived ? { ...i, instance: { ...i.instance, sopInstanceUidDerived: true as const } } : i));
    const bad = items.find((i) => i.planeError !== undefined);
    if (bad?.planeError) problems.push({ file: o.label, code: 'no-geometry', reason: `geometry unusable: ${bad.planeError}` });
    frames.push(...items);
  }
  const seriesDerived = first !== undefined && validUid(first.header.seriesInstanceUid) === undefined;
  if (first && seriesDerived) {
    problems.push({
      file: first.label,
      code: 'missing-uid',
      reason: `no valid SeriesInstanceUID: grouped with the images of this study that share modality, series number, description and plane, under the derived UID ${key}`,
    });
  }
  if (derivedLabels[0] !== undefined) {
    problems.push({
      file: derivedLabels[0],
      code: 'missing-uid',
      reason: `${derivedLabels.length} image(s) without a valid SOPInstanceUID: each given a UID derived from its header, used in the SR and de-identified copies`,
    });
  }
  const stacks = buildStacks(frames, options.stackPrefix ?? key);
  const series: Mutable<Series> = {
    uid: key,
    orientation: seriesOrientation(stacks),
    stacks,
    objects: others,
    instanceCount: frames.length + others.length,
    problems,
  };
  if (seriesDerived) series.uidDerived = true;
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

function buildStudy(groupKey: string, objects: IndexedObject[], uidShared: boolean): Study {
  const identity = studyIdentity(groupKey, objects.map((o) => instanceUidOf(o.header)), uidShared);
  // Two patients' studies under one StudyInstanceUID keep their series UIDs, but their stacks need ids of their own.
  const options = (s: IndexedObject[]): SeriesOptions => (uidShared && s[0] ? { stackPrefix: uidWithin(identity.uid, 'stacks', seriesKeyOf(s[0])) } : {});
  const series = [...groupBy(objects, seriesKeyOf).values()].map((s) => buildSeries(s, options(s))).sort(compareSeries);
  const uid = identity.uid;
  const firstSeries = series[0];
  if (uidShared && firstSeries) {
    firstSeries.problems.push({
      file: objects[0]?.label ?? '',
      code: 'uid-conflict',
      reason: `StudyInstanceUID ${groupUid(groupKey) ?? ''} is also carried by another patient's files: kept apart, this study's identity is ${uid}`,
    });
  }
  const h = objects.find((o) => o.header.studyDate !== undefined)?.header ?? objects[0]?.header;
  const study: Mutable<Study> = {
    uid,
    modalities: [...new Set(series.flatMap((s) => (s.modality ? [s.modality] : [])))].sort(),
    series,
  };
  if (identity.derived) study.uidDerived = true;
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

// Birth date too: two people with the same name and ID but different birth dates are not one patient.
const patientKeyOf = (o: IndexedObject): string => `${o.header.patientId ?? ''}^${o.header.patientName ?? ''}^${o.header.patientBirthDate ?? ''}`;

/**
 * The whole tree: objects grouped by patient (PatientID + name of the study's first object), study (identity, see
 * study-identity.ts) and series. Pure and deterministic: the same objects in any order give the same tree.
 */
export function buildPatients(objects: ReadonlyArray<IndexedObject>): Patient[] {
  const studies = groupBy(objects, studyKeyOf);
  // A valid StudyInstanceUID carried by two patients' files is used by neither (each study is derived instead).
  const uidUse = new Map<string, number>();
  for (const key of studies.keys()) {
    const uid = groupUid(key);
    if (uid !== undefined) uidUse.set(uid, (uidUse.get(uid) ?? 0) + 1);
  }
  const patients = new Map<string, Mutable<Patient>>();
  const sortedStudies = [...studies.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [groupKey, studyObjects] of sortedStudies) {
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
    const uid = groupUid(groupKey);
    patient.studies.push(buildStudy(groupKey, studyObjects, uid !== undefined && (uidUse.get(uid) ?? 0) > 1));
  }
  for (const p of patients.values()) {
    p.studies.sort((a, b) => `${a.date ?? ''}${a.time ?? ''}`.localeCompare(`${b.date ?? ''}${b.time ?? ''}`) || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
  }
  return [...patients.values()].sort((a, b) => a.key.localeCompare(b.key));
}
