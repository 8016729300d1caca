// The scoring contract (docs/scoring-contract.md) as zod 4 schemas: strict objects, the documented
// defaults, and messages a reader can act on (`expected one of gt50, lt50, involved_gt50, none, unknown`).
// Enum values come from the rule tables, so the schema and the arithmetic cannot drift apart.

import { z } from 'zod';
import { ALL_LEVELS, LUMBAR_COUNTS, THORACIC_COUNTS, levelsProblem } from '../spine/levels';
import { parseUnknown } from '../validation/parse';
import type { ParseResult } from '../validation/parse';
import type { EsccResult } from './escc';
import type { LesionFlag, PatientFlag } from './flags';
import type { Alternative, Mechanical, Neurologic, Oncologic, Pathway, Systemic } from './noms';
import type { TokuhashiBand } from './prognosis/tokuhashi';
import type { TomitaBand } from './prognosis/tomita';
import type { BauerBand } from './prognosis/bauer';
import type { ScoreValue } from './prognosis/common';
import { UNKNOWN } from './sins';
import type { SinsResult } from './sins';
import {
  ALIGNMENT_VALUES,
  BONE_LESION_VALUES,
  BONE_METASTASES_VALUES,
  COLLAPSE_VALUES,
  ESCC_GRADE_VALUES,
  FRANKEL_VALUES,
  HISTOLOGY_VALUES,
  JUDGEMENT_VALUES,
  PAIN_VALUES,
  POSTEROLATERAL_VALUES,
  RADIOSENSITIVITY_VALUES,
  SURGERY_TOLERANCE_VALUES,
  TOKUHASHI_PRIMARY_VALUES,
  TOMITA_GROWTH_VALUES,
  TOMITA_VISCERAL_VALUES,
  VISCERAL_METASTASES_VALUES,
  withUnknown,
} from './vocabulary';

// --- message helpers ---------------------------------------------------------------------------------------------

/** The message for a missing required value, or the given one for a wrong value. */
const says = (expected: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'required' : expected),
});

const list = (values: ReadonlyArray<string | number>): string => values.join(', ');

function oneOf<const T extends readonly string[]>(values: T) {
  return z.enum(values, says(`expected one of ${list(values)}`));
}

/** Strict object: an unknown field is an error that names it. */
function strict<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') {
        const keys = issue.keys.map((k) => `"${k}"`).join(', ');
        return issue.keys.length === 1 ? `unknown field ${keys}` : `unknown fields ${keys}`;
      }
      return issue.input === undefined ? 'required' : 'expected an object';
    },
  });
}

const bool = (fallback: boolean) => z.boolean(says('expected true or false')).default(fallback);
const optionalBool = () => z.boolean(says('expected true or false')).optional();

const integerAtLeast = (min: number) =>
  z.number(says(`expected an integer ≥ ${min}`)).refine((v) => Number.isInteger(v) && v >= min, `expected an integer ≥ ${min}`);

// --- input -------------------------------------------------------------------------------------------------------

const spineSchema = strict({
  thoracicCount: z.literal(THORACIC_COUNTS, says(`expected one of ${list(THORACIC_COUNTS)}`)).default(12),
  lumbarCount: z.literal(LUMBAR_COUNTS, says(`expected one of ${list(LUMBAR_COUNTS)}`)).default(5),
}).default({ thoracicCount: 12, lumbarCount: 5 });

const emergencySchema = strict({
  rapidWeaknessProgression: bool(false),
  newInabilityToWalk: bool(false),
  newBladderDysfunction: bool(false),
  bilateralSymptoms: bool(false),
  completeParalysisHours: z
    .number(says('expected a number of hours ≥ 0 or null'))
    .refine((v) => v >= 0, 'expected a number of hours ≥ 0 or null')
    .nullable()
    .default(null),
}).default({
  rapidWeaknessProgression: false,
  newInabilityToWalk: false,
  newBladderDysfunction: false,
  bilateralSymptoms: false,
  completeParalysisHours: null,
});

const bauerSchema = strict({
  visceralMetastases: optionalBool(),
  lungPrimary: optionalBool(),
  favourablePrimary: optionalBool(),
  solitarySkeletal: optionalBool(),
});

const prognosisSchema = strict({
  kps: z
    .number(says('expected a multiple of 10 from 0 to 100'))
    .refine((v) => Number.isInteger(v) && v % 10 === 0 && v >= 0 && v <= 100, 'expected a multiple of 10 from 0 to 100')
    .optional(),
  extraspinalBoneMetastases: integerAtLeast(0).optional(),
  vertebralMetastases: integerAtLeast(1).optional(),
  visceralMetastases: oneOf(VISCERAL_METASTASES_VALUES).optional(),
  tokuhashiPrimary: oneOf(TOKUHASHI_PRIMARY_VALUES).optional(),
  frankel: oneOf(FRANKEL_VALUES).optional(),
  tomitaPrimaryGrowth: oneOf(TOMITA_GROWTH_VALUES).optional(),
  tomitaVisceral: oneOf(TOMITA_VISCERAL_VALUES).optional(),
  boneMetastases: oneOf(BONE_METASTASES_VALUES).optional(),
  bauer: bauerSchema.optional(),
});

const patientSchema = strict({
  histology: oneOf(HISTOLOGY_VALUES),
  radiosensitivity: oneOf(RADIOSENSITIVITY_VALUES).nullable().default(null),
  myelopathy: z
    .union([z.boolean(), z.literal(UNKNOWN)], says('expected true, false or "unknown"'))
    .default(false),
  canTolerateSurgery: oneOf(withUnknown(SURGERY_TOLERANCE_VALUES)).default(UNKNOWN),
  emergency: emergencySchema,
  prognosis: prognosisSchema.optional(),
});

const lesionSchema = strict({
  id: z.string(says('expected a non-empty string')).min(1, 'expected a non-empty string'),
  levels: z
    .array(
      z.enum(ALL_LEVELS, says('expected a vertebral level: C1–C7, T1–T13, L1–L6, S1–S5 or Co')),
      says('expected a non-empty array of levels'),
    )
    .min(1, 'expected a non-empty array of levels'),
  pain: oneOf(withUnknown(PAIN_VALUES)),
  boneLesion: oneOf(withUnknown(BONE_LESION_VALUES)),
  alignment: oneOf(withUnknown(ALIGNMENT_VALUES)),
  collapse: oneOf(withUnknown(COLLAPSE_VALUES)),
  posterolateral: oneOf(withUnknown(POSTEROLATERAL_VALUES)),
  collapseMeasuredPercent: z
    .number(says('expected a number from 0 to 100 or null'))
    .refine((v) => v >= 0 && v <= 100, 'expected a number from 0 to 100 or null')
    .nullable()
    .default(null),
  escc: oneOf(withUnknown(ESCC_GRADE_VALUES)),
  cordSignalChange: bool(false),
  instabilityJudgement: oneOf(JUDGEMENT_VALUES).nullable().default(null),
});

/** Cross-field rules: levels must exist in this patient's count and be contiguous; lesion ids are unique. */
export const scoringInputSchema = strict({
  spine: spineSchema,
  patient: patientSchema,
  lesions: z.array(lesionSchema, says('expected an array of lesions')),
}).superRefine((input, ctx) => {
  const ids = new Set<string>();
  input.lesions.forEach((lesion, i) => {
    // An empty list is already reported by the array schema.
    const problem = lesion.levels.length === 0 ? null : levelsProblem(lesion.levels, input.spine);
    if (problem !== null) ctx.addIssue({ code: 'custom', path: ['lesions', i, 'levels'], message: problem });
    if (ids.has(lesion.id)) ctx.addIssue({ code: 'custom', path: ['lesions', i, 'id'], message: `duplicate lesion id "${lesion.id}"` });
    ids.add(lesion.id);
  });
});

export type ScoringInput = z.output<typeof scoringInputSchema>;
/** What a caller may write: defaults not yet applied. */
export type ScoringInputDraft = z.input<typeof scoringInputSchema>;
export type LesionInput = ScoringInput['lesions'][number];
export type PatientInput = ScoringInput['patient'];

/** Parses untrusted JSON into a scoring input, or `path: message` problems. */
export function parseScoringInput(value: unknown): ParseResult<ScoringInput> {
  return parseUnknown(scoringInputSchema, value);
}

// --- output ------------------------------------------------------------------------------------------------------

export interface NomsOutput {
  neurologic: Neurologic;
  oncologic: Oncologic;
  mechanical: Mechanical;
  systemic: Systemic;
  pathway: Pathway | null;
  alternatives: Alternative[];
}

export interface LesionOutput {
  id: string;
  levels: string[];
  sins: SinsResult;
  escc: EsccResult;
  noms: NomsOutput;
  flags: LesionFlag[];
}

export interface PatientOutput {
  tokuhashi?: ScoreValue<TokuhashiBand>;
  tomita?: ScoreValue<TomitaBand>;
  modifiedBauer?: ScoreValue<BauerBand>;
  flags: PatientFlag[];
}

export interface ScoringOutput {
  rulesVersion: string;
  lesions: LesionOutput[];
  patient: PatientOutput;
}
