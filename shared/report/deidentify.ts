/**
 * De-identification of what the report exports (DICOM PS3.15 Annex E, basic application level confidentiality
 * profile, applied to our own objects): names, IDs, dates, institution and descriptions are removed or replaced,
 * free text is scrubbed of the known identifiers, and every UID is remapped by one keyed hash, so the PDF, the
 * JSON and the DICOM outputs of one export (same salt) still reference each other consistently.
 *
 * One pseudonym per study: the app and the CLI take the salt from `studySalt`, an HMAC of the study's identity under a
 * per-installation secret (created once in the app data folder, src-main/services/installation-secret.ts). Two
 * exports of one study on one installation carry the same pseudonymous ID and UIDs; another installation's secret
 * gives others; without the secret the pseudonym cannot be traced back by hashing candidate IDs. The secret is an
 * input here and is never written into an output.
 */
import type { AnnotationDocument, InstanceRef } from '../annotation/schema';
import { ANNOTATION_KIND } from '../annotation/schema';
import { hmacSha256, sha256, uidFromSeed, utf8Encode } from '../dicom/write/index';
import type { StudyInfo } from './study-info';

export interface DeidentifyOptions {
  /** The key of the hashes (studySalt: per study and installation): without it the hashed UIDs could be confirmed by a dictionary. */
  readonly salt: string;
}

export const DEIDENTIFIED_NAME = 'DEIDENTIFIED';
export const DEIDENTIFIED_READER = 'De-identified reader';
/** Dummy date for times that must be present (JSON timestamps, SR content date). */
export const DUMMY_ISO_TIME = '1900-01-01T00:00:00.000Z';
export const DUMMY_DA = '19000101';
/** LO (64 bytes max): the method as written to (0012,0063). */
export const DEIDENTIFICATION_METHOD = 'PS3.15 basic profile; UIDs remapped; free text scrubbed';

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** The de-identification key of one study on one installation: HMAC-SHA-256(secret, study identity). */
export function studySalt(installationSecret: string, studyInstanceUID: string): DeidentifyOptions {
  if (installationSecret.length < 16) throw new RangeError('the installation secret is too short');
  return { salt: hex(hmacSha256(utf8Encode(installationSecret), utf8Encode(`spine-met-annotator/study-pseudonym/${studyInstanceUID}`))) };
}

export function remapUid(uid: string, options: DeidentifyOptions): string {
  return uidFromSeed(`spine-met-annotator/deidentify/${options.salt}/${uid}`);
}

/** Replacement patient ID: the same for every export with the same salt (one study on one installation), unrelated to the original. */
export function pseudonymousId(id: string, options: DeidentifyOptions): string {
  return `DEID-${hex(sha256(utf8Encode(`${options.salt}/id/${id}`)).slice(0, 5)).toUpperCase()}`;
}

/** The identifying strings of a study and document: what scrubbing removes and what the audit looks for. */
export function identifiersOf(study: StudyInfo, doc?: AnnotationDocument): string[] {
  const name = study.patientName.split('^').filter((p) => p.trim().length >= 2);
  const values = [
    study.patientName, ...name, study.patientId, study.patientBirthDate, study.accessionNumber, study.institutionName,
    study.referringPhysician, ...study.referringPhysician.split('^'), study.studyId, study.studyDate,
    ...(doc !== undefined && doc.reader.name.trim() !== '' ? [doc.reader.name] : []),
  ];
  return [...new Set(values.map((v) => v.trim()).filter((v) => v.length >= 2))].sort((a, b) => b.length - a.length);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A case-insensitive pattern for an identifier as a whole word ("DOE" must not match inside "does"). */
export function identifierPattern(id: string): RegExp {
  const start = /^\w/.test(id) ? '\\b' : '';
  const end = /\w$/.test(id) ? '\\b' : '';
  return new RegExp(`${start}${escapeRegExp(id)}${end}`, 'gi');
}

/** Free text with every known identifier replaced by "[removed]". */
export function scrubText(text: string, identifiers: readonly string[]): string {
  let out = text;
  for (const id of identifiers) out = out.replace(identifierPattern(id), '[removed]');
  return out;
}

export function deidentifyStudyInfo(study: StudyInfo, options: DeidentifyOptions): StudyInfo {
  return {
    studyInstanceUID: remapUid(study.studyInstanceUID, options),
    ...(study.studyInstanceUIDDerived === true ? { studyInstanceUIDDerived: true } : {}),
    patientName: DEIDENTIFIED_NAME,
    patientId: pseudonymousId(study.patientId, options),
    patientBirthDate: '',
    patientSex: '',
    studyDate: '',
    studyTime: '',
    studyId: '',
    studyDescription: '',
    accessionNumber: '',
    referringPhysician: '',
    institutionName: '',
    modalities: study.modalities,
    series: study.series.map((s) => ({
      ...s,
      uid: remapUid(s.uid, options),
      description: '',
      ...(s.frameOfReferenceUID !== undefined ? { frameOfReferenceUID: remapUid(s.frameOfReferenceUID, options) } : {}),
      instances: s.instances.map((i) => ({ ...i, sopInstanceUID: remapUid(i.sopInstanceUID, options) })),
    })),
  };
}

/** A de-identified copy of the document: only the known fields (a plug-in's extra fields could hold anything). */
export function deidentifyDocument(doc: AnnotationDocument, study: StudyInfo, options: DeidentifyOptions): AnnotationDocument {
  const ids = identifiersOf(study, doc);
  const scrub = (text: string): string => scrubText(text, ids);
  const uid = (u: string): string => remapUid(u, options);
  const ref = (r: InstanceRef): InstanceRef => ({ sopInstanceUID: uid(r.sopInstanceUID), frame: r.frame });
  return {
    kind: ANNOTATION_KIND,
    version: doc.version,
    studyInstanceUID: uid(doc.studyInstanceUID),
    // Whose it is, as the de-identified study says it (same pseudonym and UID as every other output of this export).
    subject: doc.subject === null ? null : {
      patient: { name: DEIDENTIFIED_NAME, id: pseudonymousId(doc.subject.patient.id, options), birthDate: '' },
      study: { ...doc.subject.study, uid: uid(doc.subject.study.uid), date: '', time: '', description: '', accessionNumber: '' },
    },
    revision: doc.revision,
    reader: { name: DEIDENTIFIED_READER },
    createdAt: DUMMY_ISO_TIME,
    updatedAt: DUMMY_ISO_TIME,
    appVersion: doc.appVersion,
    rulesVersion: doc.rulesVersion,
    spine: doc.spine,
    labels: doc.labels.map((l) => ({ ...l, frameOfReferenceUID: uid(l.frameOfReferenceUID), sourceInstance: ref(l.sourceInstance) })),
    lesions: doc.lesions.map((l) => ({ ...l, note: scrub(l.note) })),
    measurements: doc.measurements.map((m) => {
      const base = { ...m, frameOfReferenceUID: uid(m.frameOfReferenceUID), sourceInstance: ref(m.sourceInstance), note: scrub(m.note) };
      return base.kind === 'arrow' || base.kind === 'text' ? { ...base, text: scrub(base.text) } : base;
    }),
    patient: { ...doc.patient, referringQuestion: scrub(doc.patient.referringQuestion) },
    report: {
      impression: scrub(doc.report.impression),
      impressionSource: doc.report.impressionSource,
      freeText: scrub(doc.report.freeText),
      keyImages: doc.report.keyImages.map((k) => ({ ...k, seriesInstanceUID: uid(k.seriesInstanceUID), instance: ref(k.instance), caption: scrub(k.caption) })),
    },
    // Signers are named nowhere, times are dummies, the SR UIDs are remapped like every other UID; the superseded
    // signed versions are left out (their free text is not scrubbed here, and a shared copy needs only the current one).
    signoff: {
      state: doc.signoff.state,
      signatures: doc.signoff.signatures.map((s) => ({
        ...s,
        signer: DEIDENTIFIED_READER,
        organization: '',
        signedAt: DUMMY_ISO_TIME,
        reason: scrub(s.reason),
        sr: { seriesInstanceUID: uid(s.sr.seriesInstanceUID), sopInstanceUID: uid(s.sr.sopInstanceUID) },
      })),
      amendment: doc.signoff.amendment === null ? null : { reason: scrub(doc.signoff.amendment.reason), startedAt: DUMMY_ISO_TIME },
      previous: [],
    },
  };
}
