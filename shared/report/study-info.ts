/**
 * What the report needs to know about the source study, independent of how it was read: identification for the
 * header (and for de-identification), the series used, and enough per-instance geometry to pick key images and
 * to place overlays. Built from the study index (plus a few header values the index does not keep).
 */
import type { StudyIndex, SeriesOrientation } from '../dicom/index-model';

export type Vec3 = readonly [number, number, number];

export interface InstanceInfo {
  readonly sopInstanceUID: string;
  /** The file has no valid SOP Instance UID: `sopInstanceUID` is derived from its header (study-identity.ts). */
  readonly sopInstanceUIDDerived?: boolean;
  /** Absent when unknown (the index does not keep it); the DICOM export reads it from the file. */
  readonly sopClassUID?: string;
  readonly frame: number;
  readonly imagePositionPatient?: Vec3;
  /** Index into the study index's files (Node side uses it to read pixels). */
  readonly file?: number;
}

export interface SeriesInfo {
  readonly uid: string;
  readonly number?: number;
  readonly modality: string;
  readonly description: string;
  readonly orientation: SeriesOrientation;
  readonly frameOfReferenceUID?: string;
  readonly rows?: number;
  readonly columns?: number;
  /** [row spacing, column spacing] mm. */
  readonly pixelSpacing?: readonly [number, number];
  readonly imageOrientationPatient?: readonly number[];
  readonly instances: readonly InstanceInfo[];
}

export interface StudyInfo {
  readonly studyInstanceUID: string;
  /** The files carry no valid StudyInstanceUID: `studyInstanceUID` is the identity derived from them. */
  readonly studyInstanceUIDDerived?: boolean;
  readonly patientName: string;
  readonly patientId: string;
  readonly patientBirthDate: string;
  readonly patientSex: string;
  /** DICOM DA/TM strings as in the files ('' when absent). */
  readonly studyDate: string;
  readonly studyTime: string;
  readonly studyId: string;
  readonly studyDescription: string;
  readonly accessionNumber: string;
  readonly referringPhysician: string;
  readonly institutionName: string;
  readonly modalities: readonly string[];
  readonly series: readonly SeriesInfo[];
}

/** Header values read from the files by the caller (they win over the index's copies when given). */
export interface StudyHeaderExtras {
  readonly institutionName?: string;
  readonly studyId?: string;
  /** SOP class per SOP instance UID, for the instances the caller looked at. */
  readonly sopClasses?: Readonly<Record<string, string>>;
}

/** The study `studyInstanceUID` (or the first one) of an index as StudyInfo; null when the index has no study. */
export function studyInfoFromIndex(index: StudyIndex, studyInstanceUID: string | null, extras: StudyHeaderExtras = {}): StudyInfo | null {
  for (const patient of index.patients) {
    for (const study of patient.studies) {
      if (studyInstanceUID !== null && study.uid !== studyInstanceUID) continue;
      const series: SeriesInfo[] = study.series
        .filter((s) => s.stacks.length > 0)
        .map((s) => {
          const stack = s.stacks[0];
          const instances: InstanceInfo[] = s.stacks.flatMap((st) =>
            st.instances
              .filter((i) => i.sopInstanceUid !== undefined)
              .map((i) => {
                const uid = i.sopInstanceUid ?? '';
                const sopClassUID = extras.sopClasses?.[uid];
                return {
                  sopInstanceUID: uid,
                  frame: i.frame ?? 0,
                  file: i.file,
                  ...(i.sopInstanceUidDerived === true ? { sopInstanceUIDDerived: true } : {}),
                  ...(sopClassUID !== undefined ? { sopClassUID } : {}),
                  ...(i.imagePositionPatient !== undefined ? { imagePositionPatient: i.imagePositionPatient } : {}),
                };
              }),
          );
          return {
            uid: s.uid,
            ...(s.number !== undefined ? { number: s.number } : {}),
            modality: s.modality ?? '',
            description: s.description ?? '',
            orientation: s.orientation,
            ...(s.frameOfReferenceUid !== undefined ? { frameOfReferenceUID: s.frameOfReferenceUid } : {}),
            ...(stack?.rows !== undefined ? { rows: stack.rows } : {}),
            ...(stack?.columns !== undefined ? { columns: stack.columns } : {}),
            ...(stack?.pixelSpacing !== undefined ? { pixelSpacing: stack.pixelSpacing } : {}),
            ...(stack?.imageOrientationPatient !== undefined ? { imageOrientationPatient: stack.imageOrientationPatient } : {}),
            instances,
          };
        });
      return {
        studyInstanceUID: study.uid,
        ...(study.uidDerived === true ? { studyInstanceUIDDerived: true } : {}),
        patientName: patient.name ?? '',
        patientId: patient.id ?? '',
        patientBirthDate: patient.birthDate ?? '',
        patientSex: patient.sex ?? '',
        studyDate: study.date ?? '',
        studyTime: study.time ?? '',
        studyId: extras.studyId ?? study.studyId ?? '',
        studyDescription: study.description ?? '',
        accessionNumber: study.accessionNumber ?? '',
        referringPhysician: study.referringPhysician ?? '',
        institutionName: extras.institutionName ?? study.institutionName ?? '',
        modalities: study.modalities,
        series,
      };
    }
  }
  return null;
}

/** The series holding an instance, and the instance. */
export function findInstance(study: StudyInfo, sopInstanceUID: string, frame = 0): { series: SeriesInfo; instance: InstanceInfo } | null {
  for (const series of study.series) {
    const instance = series.instances.find((i) => i.sopInstanceUID === sopInstanceUID && i.frame === frame)
      ?? series.instances.find((i) => i.sopInstanceUID === sopInstanceUID);
    if (instance !== undefined) return { series, instance };
  }
  return null;
}

/** An instance's study, series and SOP Instance UIDs as the index gives them (derived where the file had none). */
export function imageIdentity(study: StudyInfo, sopInstanceUID: string): { studyInstanceUID: string; seriesInstanceUID: string; sopInstanceUID: string } | undefined {
  const found = findInstance(study, sopInstanceUID);
  return found === null ? undefined : { studyInstanceUID: study.studyInstanceUID, seriesInstanceUID: found.series.uid, sopInstanceUID };
}

/**
 * What the report must say about identity: a study UID derived from the files, images referenced by derived UIDs,
 * and images the document points at that the study does not hold (those cannot be referenced). Plain notes for the
 * report's footer, computed on the study as exported (de-identified UIDs when de-identified).
 */
export function identityNotes(study: StudyInfo, referencedSops: readonly string[]): { path: string; message: string }[] {
  const notes: { path: string; message: string }[] = [];
  if (study.studyInstanceUIDDerived === true) {
    notes.push({ path: 'study', message: `the files carry no valid StudyInstanceUID; this report and its DICOM outputs identify the study as ${study.studyInstanceUID}, derived from the patient, study and image attributes of its files` });
  }
  const found = referencedSops.map((sop) => ({ sop, hit: findInstance(study, sop) }));
  const derived = found.filter((f) => f.hit?.instance.sopInstanceUIDDerived === true).length;
  if (derived > 0) {
    notes.push({ path: 'images', message: `${derived === 1 ? '1 referenced image has' : `${derived} referenced images have`} no SOP Instance UID in ${derived === 1 ? 'its file; it is referenced by a UID derived from its header' : 'their files; they are referenced by UIDs derived from their headers'}, the same in every output of this study` });
  }
  const missing = found.filter((f) => f.hit === null).map((f) => f.sop);
  if (missing.length > 0) {
    notes.push({ path: 'images', message: `${missing.length === 1 ? '1 image the reading points at is' : `${missing.length} images the reading points at are`} not in this study, so the SR cannot reference ${missing.length === 1 ? 'it' : 'them'}: ${missing.join(', ')}` });
  }
  return notes;
}
