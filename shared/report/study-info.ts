/**
 * What the report needs to know about the source study, independent of how it was read: identification for the
 * header (and for de-identification), the series used, and enough per-instance geometry to pick key images and
 * to place overlays. Built from the study index (plus a few header values the index does not keep).
 */
import type { StudyIndex, SeriesOrientation } from '../dicom/index-model';

export type Vec3 = readonly [number, number, number];

export interface InstanceInfo {
  readonly sopInstanceUID: string;
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
