// Documents and points shared by the annotation tests.
import { createDocument } from '@shared/annotation/defaults';
import type { AnnotationDocument, LpsPoint } from '@shared/annotation/schema';

export const UID = '1.2.840.113619.2.55.3.42';
export const FOR = '1.2.840.113619.2.55.3.42.1';
export const SOURCE = { sopInstanceUID: '1.2.840.113619.2.55.3.42.2.7', frame: 0 };
export const T0 = '2025-03-01T10:00:00.000Z';

export function emptyDoc(): AnnotationDocument {
  return createDocument({ studyInstanceUID: UID, readerName: 'Dr Reader', now: T0, appVersion: '0.1.0', rulesVersion: 'rules-1' });
}

export const p = (x: number, y: number, z: number): LpsPoint => [x, y, z];

/** A vertical height segment of `mm` millimetres at (x, y), starting at z. */
export const seg = (x: number, mm: number, z = 0): [LpsPoint, LpsPoint] => [p(x, 0, z), p(x, 0, z + mm)];

/** Heights of one body: anterior, middle, posterior (mm). */
export const body = (level: string, a: number, m: number, post: number) => ({
  level,
  anterior: seg(0, a),
  middle: seg(10, m),
  posterior: seg(20, post),
});

/** A version-0 draft (the first prototype's shape: flat sinsInputs, no variants, reader as a string…). */
export function v0Fixture(): Record<string, unknown> {
  return {
    kind: 'spine-annotation',
    version: 0,
    studyInstanceUID: UID,
    reader: 'Dr Old',
    createdAt: T0,
    updatedAt: T0,
    appVersion: '0.0.9',
    countingMethod: 'whole-spine-localizer',
    labels: [{ id: 'lbl-1', label: 'L1', point: [1, 2, 3], frameOfReferenceUID: FOR, sopInstanceUID: SOURCE.sopInstanceUID, frame: 3 }],
    lesions: [
      {
        id: 'les-1',
        levels: ['T12', 'L1'],
        sinsInputs: { pain: 'mechanical', boneLesion: 'lytic', alignment: 'normal', collapse: 'lt50', posterolateral: 'unilateral' },
        escc: '1b',
        cordSignalChange: false,
        instabilityJudgement: null,
      },
    ],
    measurements: [],
    patient: {
      histology: 'renal_cell',
      radiosensitivityOverride: null,
      myelopathy: false,
      frankel: 'E',
      emergency: { rapidWeaknessProgression: false, newInabilityToWalk: false, newBladderDysfunction: false, bilateralSymptoms: false, completeParalysisHours: null },
      ecog: 1,
      kps: 70,
      canTolerateSurgery: 'yes',
      prognosis: {
        extraspinalBoneMetastases: 1,
        vertebralMetastases: 2,
        visceralMetastases: 'none',
        tokuhashiPrimary: 'kidney_uterus',
        tomitaPrimaryGrowth: 'moderate',
        tomitaVisceral: 'none',
        boneMetastases: 'multiple',
        bauer: { visceralMetastases: false, lungPrimary: false, favourablePrimary: true, solitarySkeletal: false },
      },
      referringQuestion: 'stability?',
    },
    impression: 'Lytic T12–L1 lesion.',
  };
}
