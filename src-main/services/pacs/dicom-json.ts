// Reading the DICOM JSON model (PS3.18 F.2) that QIDO-RS and STOW-RS answer with: only the few shapes we use, each
// checked, so a malformed answer is a plain refusal and never a crash deep inside.

export type DicomJsonObject = Readonly<Record<string, { readonly vr?: string; readonly Value?: readonly unknown[] } | undefined>>;

export function isDicomJsonObject(value: unknown): value is DicomJsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.entries(value).every(([tag, attr]) => /^[0-9A-Fa-f]{8}$/.test(tag) && typeof attr === 'object' && attr !== null && !Array.isArray(attr));
}

const values = (object: DicomJsonObject, tag: string): readonly unknown[] => {
  const value = object[tag]?.Value;
  return Array.isArray(value) ? value : [];
};

/** Every value of a string attribute (numbers are printed; person names give their alphabetic form). */
export function strings(object: DicomJsonObject, tag: string): string[] {
  return values(object, tag).flatMap((value) => {
    if (typeof value === 'string') return [value];
    if (typeof value === 'number') return [String(value)];
    if (typeof value === 'object' && value !== null && 'Alphabetic' in value && typeof value.Alphabetic === 'string') return [value.Alphabetic];
    return [];
  });
}

export const first = (object: DicomJsonObject, tag: string): string => strings(object, tag)[0] ?? '';

export function integer(object: DicomJsonObject, tag: string): number | undefined {
  const value = values(object, tag)[0];
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isInteger(n) ? n : undefined;
}

/** The items of a sequence attribute that are themselves DICOM JSON objects. */
export const items = (object: DicomJsonObject, tag: string): DicomJsonObject[] => values(object, tag).filter(isDicomJsonObject);

export const TAG = {
  studyDate: '00080020',
  studyTime: '00080030',
  accessionNumber: '00080050',
  modality: '00080060',
  modalitiesInStudy: '00080061',
  studyDescription: '00081030',
  seriesDescription: '0008103E',
  patientName: '00100010',
  patientId: '00100020',
  patientBirthDate: '00100030',
  studyInstanceUid: '0020000D',
  seriesInstanceUid: '0020000E',
  seriesNumber: '00200011',
  numberOfStudyRelatedSeries: '00201206',
  numberOfStudyRelatedInstances: '00201208',
  numberOfSeriesRelatedInstances: '00201209',
  referencedSopClassUid: '00081150',
  referencedSopInstanceUid: '00081155',
  failureReason: '00081197',
  warningReason: '00081196',
  failedSopSequence: '00081198',
  referencedSopSequence: '00081199',
} as const;
