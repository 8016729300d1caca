// Flags the report raises (docs/clinical-rules.md §2, §4, §6; docs/scoring-contract.md). Each flag is a rule row; the
// predicates below are the whole logic. Flags are listed in alphabetical order so output is stable.

import { isTransitionalAnatomy, isTransitionalLevel } from '../spine/variants';
import type { SpineCounts } from '../spine/levels';
import type { RuleRow } from './citations';
import type { EsccResult } from './escc';
import type { Neurologic } from './noms';
import type { Alignment, Collapse, Pain, Posterolateral } from './sins';

export type FlagRow<C extends string = string> = RuleRow & {
  readonly code: C;
};

export const LESION_FLAGS = [
  { code: 'augmentation_candidate', label: 'Vertebral augmentation (kyphoplasty/vertebroplasty) may be considered', citation: 'designSeed', kind: 'design', reason: "The criteria (collapse, mechanical pain, normal alignment, no posterolateral involvement, N low with ESCC 0–1b) are the design seed's, not a published table." },
  { code: 'collapse_borderline', label: 'Measured height loss 45–55%: borderline, confirm the collapse category visually', citation: 'buckens2013', kind: 'convention', reason: 'SINS does not say how to treat a measured loss near 50%; the 45–55% window is our choice, sized by the ±12.5% observer limits of agreement Buckens 2013 reports.' },
  { code: 'escc_1c_indeterminate', label: 'ESCC 1c: low grade, but sources disagree', citation: 'bilsky2010', kind: 'convention', reason: 'Sources disagree on where 1c belongs; raising a flag for it is our choice.' },
  { code: 'location_not_scored', label: 'Lesion touches Co, outside SINS: location counted as unknown (0–3)', citation: 'fisher2010', kind: 'convention', reason: 'Fisher 2010 gives no region for the coccyx; counting its location as unknown over 0–3 is our choice.' },
  { code: 'transitional_level', label: "Lesion touches a level whose SINS region depends on the patient's count", citation: 'castellvi1984', kind: 'convention', reason: 'The region of such a level follows our transitional-anatomy convention (sins.rules), so the report points it out.' },
] as const satisfies readonly FlagRow[];

export const PATIENT_FLAGS = [
  { code: 'mscc_emergency', label: 'Emergency: suspected malignant spinal cord compression', citation: 'designSeed', kind: 'design', reason: "The triggers (rapidly progressive weakness, new inability to walk, new bladder dysfunction, bilateral symptoms) are the design seed's spinal-metastases page, not a published table." },
  { code: 'paralysis_over_48h', label: 'Complete paralysis for more than 48 h: surgery is unlikely to restore function', citation: 'designSeed', kind: 'design', reason: 'The design seed gives 48–72 h; raising the flag from more than 48 h is our reading of it.' },
  { code: 'transitional_anatomy', label: 'Transitional anatomy: a count other than 12 thoracic / 5 lumbar', citation: 'sdsgManual', kind: 'published' },
] as const satisfies readonly FlagRow[];

export type LesionFlag = (typeof LESION_FLAGS)[number]['code'];
export type PatientFlag = (typeof PATIENT_FLAGS)[number]['code'];

/** CONVENTION: the borderline window for a measured height loss, inclusive (docs/clinical-rules.md §2, ±12.5% observer limits). */
export const COLLAPSE_BORDERLINE = { min: 45, max: 55 } as const;
/** Hours of complete paralysis beyond which the flag is raised (strictly more than). */
export const PARALYSIS_HOURS = 48;

export interface LesionFlagInput {
  readonly levels: readonly string[];
  readonly pain: Pain;
  readonly alignment: Alignment;
  readonly collapse: Collapse;
  readonly posterolateral: Posterolateral;
  readonly collapseMeasuredPercent: number | null;
  readonly escc: EsccResult;
  readonly neurologic: Neurologic;
}

const lesionChecks: Record<LesionFlag, (l: LesionFlagInput, counts: SpineCounts) => boolean> = {
  augmentation_candidate: (l) =>
    (l.collapse === 'lt50' || l.collapse === 'gt50') &&
    l.pain === 'mechanical' &&
    l.alignment === 'normal' &&
    l.posterolateral === 'none' &&
    l.neurologic === 'low' &&
    ['0', '1a', '1b'].includes(l.escc.grade),
  collapse_borderline: (l) =>
    l.collapseMeasuredPercent !== null &&
    l.collapseMeasuredPercent >= COLLAPSE_BORDERLINE.min &&
    l.collapseMeasuredPercent <= COLLAPSE_BORDERLINE.max,
  escc_1c_indeterminate: (l) => l.escc.indeterminate,
  location_not_scored: (l) => l.levels.includes('Co'),
  transitional_level: (l, counts) => l.levels.some((level) => isTransitionalLevel(level, counts)),
};

export function lesionFlags(lesion: LesionFlagInput, counts: SpineCounts): LesionFlag[] {
  return LESION_FLAGS.map((f) => f.code).filter((code) => lesionChecks[code](lesion, counts));
}

export interface PatientFlagInput {
  readonly emergency: {
    readonly rapidWeaknessProgression: boolean;
    readonly newInabilityToWalk: boolean;
    readonly newBladderDysfunction: boolean;
    readonly bilateralSymptoms: boolean;
    readonly completeParalysisHours: number | null;
  };
  readonly counts: SpineCounts;
}

const patientChecks: Record<PatientFlag, (p: PatientFlagInput) => boolean> = {
  mscc_emergency: ({ emergency: e }) =>
    e.rapidWeaknessProgression || e.newInabilityToWalk || e.newBladderDysfunction || e.bilateralSymptoms,
  paralysis_over_48h: ({ emergency: e }) => e.completeParalysisHours !== null && e.completeParalysisHours > PARALYSIS_HOURS,
  transitional_anatomy: (p) => isTransitionalAnatomy(p.counts),
};

export function patientFlags(patient: PatientFlagInput): PatientFlag[] {
  return PATIENT_FLAGS.map((f) => f.code).filter((code) => patientChecks[code](patient));
}
