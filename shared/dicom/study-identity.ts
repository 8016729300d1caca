/**
 * One identity per study, per series and per image, always a valid UID.
 *
 * - A study is its StudyInstanceUID when that is a valid UID and no other patient's files carry it. Otherwise it is
 *   derived from what the files say: patient ID, name and birth date, study date and time, accession (these decide
 *   which files belong together), plus every image's SOP Instance UID (these make the identity specific to the files).
 * - A series is its SeriesInstanceUID when valid; otherwise images of one study are grouped by what they share
 *   (modality, series number and description, frame of reference, plane) and the group gets a derived UID.
 * - An image without a valid SOP Instance UID gets one derived from its header content (the pixels are not read
 *   while indexing), so it can still be referenced consistently by the SR and the de-identified copies.
 *
 * Derived UIDs are `2.25.<hash>` (write/uid.ts): the same files give the same UIDs on every run, in any order, from
 * any folder, and different patients never share one. Pure: no file paths take part.
 */
import type { InstanceHeader } from './header';
import { isValidUid, uidFromSeed } from './write/uid';

/** Bumped only if the derivation changes (it would change every derived identity, so drafts would not be found). */
const SEED_VERSION = 'spine-met-annotator/identity/1';
const SEP = '\u001f';

export const validUid = (value: string | undefined): string | undefined => (value !== undefined && isValidUid(value) ? value : undefined);

const patientPart = (h: InstanceHeader): string => [h.patientId ?? '', h.patientName ?? '', h.patientBirthDate ?? ''].join(SEP);

/**
 * Which files make one study, before its identity is known: the valid StudyInstanceUID together with the patient
 * (so two patients' files that share a UID stay apart), or else the patient and study attributes the files carry.
 */
export function studyGroupKey(h: InstanceHeader): string {
  const uid = validUid(h.studyInstanceUid);
  if (uid !== undefined) return ['uid', uid, patientPart(h)].join(SEP);
  return ['attrs', patientPart(h), h.studyDate ?? '', h.studyTime ?? '', h.accessionNumber ?? '', h.studyInstanceUid ?? ''].join(SEP);
}

/** The valid StudyInstanceUID a group key was made from, if any. */
export function groupUid(groupKey: string): string | undefined {
  const [kind, uid] = groupKey.split(SEP);
  return kind === 'uid' ? uid : undefined;
}

/** Header values in a fixed order (warnings excluded: they describe our parse, not the file). */
function stableText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([k, v]) => k !== 'warnings' && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableText(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The image's SOP Instance UID, or one derived from its header content when it has no valid one. */
export function instanceUidOf(h: InstanceHeader): string {
  return validUid(h.sopInstanceUid) ?? uidFromSeed([SEED_VERSION, 'instance', stableText(h)].join('\n'));
}

/** Plane from the orientation cosines (dominant axis of the normal): UID-less images of different planes are different series. */
function planeOf(iop: readonly number[] | undefined): string {
  if (iop?.length !== 6) return '';
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = iop;
  const n = [Math.abs(b * f - c * e), Math.abs(c * d - a * f), Math.abs(a * e - b * d)];
  const max = Math.max(...n);
  return max === 0 ? '' : (['sagittal', 'coronal', 'axial'][n.indexOf(max)] ?? '');
}

/** The series' SeriesInstanceUID, or a UID derived from the study group and what the images share. */
export function seriesUidOf(h: InstanceHeader): string {
  const uid = validUid(h.seriesInstanceUid);
  if (uid !== undefined) return uid;
  const shared = [
    h.modality ?? '',
    h.seriesNumber ?? '',
    h.seriesDescription ?? '',
    h.frameOfReferenceUid ?? '',
    planeOf(h.imageOrientationPatient ?? h.frames?.[0]?.imageOrientationPatient),
    h.seriesInstanceUid ?? '',
  ].join(SEP);
  return uidFromSeed([SEED_VERSION, 'series', studyGroupKey(h), shared].join('\n'));
}

/**
 * The study's identity. `shared` is true when another patient's files carry the same valid StudyInstanceUID: then
 * neither may use it, and each gets an identity derived from its own files.
 */
export function studyIdentity(groupKey: string, instanceUids: readonly string[], shared: boolean): { uid: string; derived: boolean } {
  const uid = groupUid(groupKey);
  if (uid !== undefined && !shared) return { uid, derived: false };
  const instances = [...new Set(instanceUids)].sort();
  return { uid: uidFromSeed([SEED_VERSION, 'study', groupKey, ...instances].join('\n')), derived: true };
}

/** A UID derived from a study identity for a study-scoped purpose (e.g. a series UID inside a split study). */
export const uidWithin = (studyUid: string, purpose: string, value: string): string => uidFromSeed([SEED_VERSION, purpose, studyUid, value].join('\n'));
