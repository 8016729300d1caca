import type { AnnotationDocument, Lesion, Patient } from './schema';
import { ANNOTATION_KIND, CURRENT_VERSION } from './schema';
import type { Subject } from './subject';

/** Every clinical answer starts as 'unknown': nothing is assumed on the reader's behalf. */
export function defaultPatient(): Patient {
  return {
    histology: 'unknown',
    radiosensitivityOverride: null,
    myelopathy: 'unknown',
    frankel: 'unknown',
    asia: 'unknown',
    ambulatory: 'unknown',
    emergency: {
      rapidWeaknessProgression: 'unknown',
      newInabilityToWalk: 'unknown',
      newBladderDysfunction: 'unknown',
      bilateralSymptoms: 'unknown',
      completeParalysisHours: null,
    },
    ecog: 'unknown',
    kps: 'unknown',
    canTolerateSurgery: 'unknown',
    prognosis: {
      extraspinalBoneMetastases: 'unknown',
      vertebralMetastases: 'unknown',
      visceral: 'unknown',
      // null: derived from the histology and the visceral answer until the reader overrides it.
      visceralMetastases: null,
      tokuhashiPrimary: null,
      tomitaPrimaryGrowth: null,
      tomitaVisceral: null,
      boneMetastases: 'unknown',
      bauer: { visceralMetastases: null, lungPrimary: null, favourablePrimary: null, solitarySkeletal: 'unknown' },
    },
    referringQuestion: '',
  };
}

export function defaultLesion(id: string, levels: readonly string[]): Lesion {
  return {
    id,
    levels: [...levels],
    pain: 'unknown',
    boneLesion: 'unknown',
    alignment: { value: 'unknown', source: 'reader', measurementIds: [] },
    collapse: { value: 'unknown', source: 'reader' },
    posterolateral: 'unknown',
    escc: 'unknown',
    cordSignalChange: 'unknown',
    caudaEquina: 'unknown',
    instabilityJudgement: 'unknown',
    note: '',
  };
}

export interface NewDocumentInit {
  readonly studyInstanceUID: string;
  /** The patient and study the reading is made on (subject.ts); null when not known. */
  readonly subject?: Subject | null;
  readonly readerName: string;
  /** ISO 8601 time; passed in so this module stays pure. */
  readonly now: string;
  readonly appVersion: string;
  readonly rulesVersion: string;
}

export function createDocument(init: NewDocumentInit): AnnotationDocument {
  return {
    kind: ANNOTATION_KIND,
    version: CURRENT_VERSION,
    studyInstanceUID: init.studyInstanceUID,
    subject: init.subject ?? null,
    revision: 0,
    reader: { name: init.readerName },
    createdAt: init.now,
    updatedAt: init.now,
    appVersion: init.appVersion,
    rulesVersion: init.rulesVersion,
    // Contract defaults (12 thoracic / 5 lumbar) until the reader states the count.
    spine: { countingMethod: 'unknown', variants: { thoracicCount: 12, lumbarCount: 5, castellvi: null } },
    labels: [],
    lesions: [],
    measurements: [],
    patient: defaultPatient(),
    report: { impression: '', impressionSource: 'proposed', freeText: '', keyImages: [] },
    signoff: { state: 'draft', signatures: [], amendment: null, previous: [] },
  };
}
