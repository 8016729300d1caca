// Every rule table in one list, so tests (and a "rules" view in the app) can walk them: each row names a
// citation and says whether it is published, our convention or the design seed's (citations.ts, RuleKind).
// rules-version.ts fingerprints this list: a change here needs a new RULES_VERSION.

import type { RuleRow } from './citations';
import { CASTELLVI_TYPES } from '../spine/variants';
import { ESCC_CAUDA_EQUINA, ESCC_GRADES } from './escc';
import { LESION_FLAGS, PATIENT_FLAGS } from './flags';
import { COLLAPSE_SUGGESTIONS, GENANT_GRADES, HEIGHT_LOSS_RULE } from './measured-collapse';
import { NOMS_DECISIONS, NOMS_MECHANICAL_RULE, NOMS_NEUROLOGIC_RULE, NOMS_UNKNOWN_INPUT } from './noms';
import { BAUER_BANDS, BAUER_ITEMS } from './prognosis/bauer';
import {
  TOKUHASHI_BANDS,
  TOKUHASHI_EXTRASPINAL_BONE,
  TOKUHASHI_FRANKEL,
  TOKUHASHI_KPS,
  TOKUHASHI_PRIMARY,
  TOKUHASHI_VERTEBRAL,
  TOKUHASHI_VISCERAL,
} from './prognosis/tokuhashi';
import { TOMITA_BANDS, TOMITA_BONE, TOMITA_PRIMARY_GROWTH, TOMITA_VISCERAL } from './prognosis/tomita';
import { HISTOLOGIES } from './radiosensitivity';
import { BAUER_FAVOURABLE_FROM_HISTOLOGY, BAUER_LUNG_FROM_HISTOLOGY, TOKUHASHI_PRIMARY_FROM_HISTOLOGY, TOMITA_GROWTH_FROM_HISTOLOGY, VISCERAL_ANSWERS } from './context-from-histology';
import { PROGRESSION_RULES } from './progression';
import {
  SINS_ALIGNMENT,
  SINS_BANDS,
  SINS_BONE_LESION,
  SINS_COLLAPSE,
  SINS_LOCATION,
  SINS_MULTI_LEVEL,
  SINS_PAIN,
  SINS_POSTEROLATERAL,
  SINS_SURGICAL_CONSULTATION,
  SINS_UNKNOWN_COMPONENT,
  SINS_VARIANT_REGIONS,
} from './sins';

export interface RuleTable {
  readonly name: string;
  readonly rows: readonly RuleRow[];
}

export const RULE_TABLES: readonly RuleTable[] = [
  { name: 'sins.location', rows: SINS_LOCATION },
  { name: 'sins.pain', rows: SINS_PAIN },
  { name: 'sins.boneLesion', rows: SINS_BONE_LESION },
  { name: 'sins.alignment', rows: SINS_ALIGNMENT },
  { name: 'sins.collapse', rows: SINS_COLLAPSE },
  { name: 'sins.posterolateral', rows: SINS_POSTEROLATERAL },
  { name: 'sins.bands', rows: SINS_BANDS },
  { name: 'sins.rules', rows: [SINS_SURGICAL_CONSULTATION, SINS_MULTI_LEVEL, SINS_UNKNOWN_COMPONENT, SINS_VARIANT_REGIONS] },
  { name: 'spine.castellvi', rows: CASTELLVI_TYPES },
  { name: 'collapse.heightLoss', rows: [HEIGHT_LOSS_RULE] },
  { name: 'collapse.suggestion', rows: COLLAPSE_SUGGESTIONS },
  { name: 'collapse.genant', rows: GENANT_GRADES },
  { name: 'escc.grades', rows: ESCC_GRADES },
  { name: 'escc.rules', rows: [ESCC_CAUDA_EQUINA] },
  { name: 'noms.decisions', rows: NOMS_DECISIONS },
  { name: 'noms.rules', rows: [NOMS_NEUROLOGIC_RULE, NOMS_MECHANICAL_RULE, NOMS_UNKNOWN_INPUT] },
  { name: 'radiosensitivity', rows: HISTOLOGIES },
  { name: 'flags.lesion', rows: LESION_FLAGS },
  { name: 'flags.patient', rows: PATIENT_FLAGS },
  { name: 'tokuhashi.kps', rows: TOKUHASHI_KPS },
  { name: 'tokuhashi.extraspinalBone', rows: TOKUHASHI_EXTRASPINAL_BONE },
  { name: 'tokuhashi.vertebral', rows: TOKUHASHI_VERTEBRAL },
  { name: 'tokuhashi.visceral', rows: TOKUHASHI_VISCERAL },
  { name: 'tokuhashi.primary', rows: TOKUHASHI_PRIMARY },
  { name: 'tokuhashi.frankel', rows: TOKUHASHI_FRANKEL },
  { name: 'tokuhashi.bands', rows: TOKUHASHI_BANDS },
  { name: 'tomita.primaryGrowth', rows: TOMITA_PRIMARY_GROWTH },
  { name: 'tomita.visceral', rows: TOMITA_VISCERAL },
  { name: 'tomita.bone', rows: TOMITA_BONE },
  { name: 'tomita.bands', rows: TOMITA_BANDS },
  { name: 'bauer.items', rows: BAUER_ITEMS },
  { name: 'bauer.bands', rows: BAUER_BANDS },
  { name: 'context.tokuhashiPrimary', rows: TOKUHASHI_PRIMARY_FROM_HISTOLOGY },
  { name: 'context.tomitaGrowth', rows: TOMITA_GROWTH_FROM_HISTOLOGY },
  { name: 'context.bauerLung', rows: BAUER_LUNG_FROM_HISTOLOGY },
  { name: 'context.bauerFavourable', rows: BAUER_FAVOURABLE_FROM_HISTOLOGY },
  { name: 'context.visceral', rows: VISCERAL_ANSWERS },
  { name: 'progression', rows: PROGRESSION_RULES },
];
