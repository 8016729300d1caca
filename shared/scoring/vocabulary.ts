// The clinical vocabulary shared by the scoring contract (contract.ts) and the annotation document
// (annotation/schema.ts), read from the rule tables: a row added to a table is a value of both, and a value cannot
// exist in either without a row. Values the document has beyond the tables (`unknown`) are added here, explicitly.

import { CASTELLVI_TYPES } from '../spine/variants';
import { ESCC_GRADES } from './escc';
import { JUDGEMENTS, SURGERY_TOLERANCE } from './noms';
import { TOKUHASHI_FRANKEL, TOKUHASHI_PRIMARY, TOKUHASHI_VISCERAL } from './prognosis/tokuhashi';
import { TOMITA_BONE, TOMITA_PRIMARY_GROWTH, TOMITA_VISCERAL } from './prognosis/tomita';
import { HISTOLOGIES, RADIOSENSITIVITIES } from './radiosensitivity';
import { VISCERAL_ANSWERS } from './context-from-histology';
import { SINS_ALIGNMENT, SINS_BONE_LESION, SINS_COLLAPSE, SINS_PAIN, SINS_POSTEROLATERAL, UNKNOWN } from './sins';

export const valuesOf = <V extends string>(rows: ReadonlyArray<{ readonly value: V }>): V[] => rows.map((r) => r.value);

/** The table's values and `unknown` (a component or input the reader has not answered). */
export const withUnknown = <V extends string>(values: readonly V[]): Array<V | typeof UNKNOWN> => [...values, UNKNOWN];

export const PAIN_VALUES = valuesOf(SINS_PAIN);
export const BONE_LESION_VALUES = valuesOf(SINS_BONE_LESION);
export const ALIGNMENT_VALUES = valuesOf(SINS_ALIGNMENT);
export const COLLAPSE_VALUES = valuesOf(SINS_COLLAPSE);
export const POSTEROLATERAL_VALUES = valuesOf(SINS_POSTEROLATERAL);
export const ESCC_GRADE_VALUES = valuesOf(ESCC_GRADES);
/** Histologies, `other` and `unknown` included (they are rows of the table). */
export const HISTOLOGY_VALUES = valuesOf(HISTOLOGIES);
export const RADIOSENSITIVITY_VALUES = [...RADIOSENSITIVITIES];
export const JUDGEMENT_VALUES = [...JUDGEMENTS];
export const SURGERY_TOLERANCE_VALUES = [...SURGERY_TOLERANCE];
export const VISCERAL_METASTASES_VALUES = valuesOf(TOKUHASHI_VISCERAL);
export const TOKUHASHI_PRIMARY_VALUES = valuesOf(TOKUHASHI_PRIMARY);
export const FRANKEL_VALUES = valuesOf(TOKUHASHI_FRANKEL);
export const TOMITA_GROWTH_VALUES = valuesOf(TOMITA_PRIMARY_GROWTH);
export const TOMITA_VISCERAL_VALUES = valuesOf(TOMITA_VISCERAL);
export const BONE_METASTASES_VALUES = valuesOf(TOMITA_BONE);
/** The one visceral-metastases question (context-from-histology.ts). */
export const VISCERAL_ANSWER_VALUES = valuesOf(VISCERAL_ANSWERS);
export const CASTELLVI_VALUES = valuesOf(CASTELLVI_TYPES);
