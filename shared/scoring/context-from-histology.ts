// Patient context asked once (issue 12 item 4): the primary histology decides the Tokuhashi primary group, the
// Tomita growth class and the two Bauer primary questions (radiosensitivity is radiosensitivity.ts); one visceral
// metastases answer feeds all three prognosis scores. Every mapping is a cited rule row; a histology a score's table
// does not place unambiguously (e.g. colorectal: rectum 4 points, colon "others" 2 in Tokuhashi) has no row, so the
// reader is asked. A stored answer (non-null) wins over the derived one; `resolvePatientContext` says which is which
// and whether a stored answer overrides a derivable value, for the panel, the report and the CLI alike.

import type { RuleRow } from './citations';
import { HISTOLOGIES } from './radiosensitivity';
import type { Histology } from './radiosensitivity';
import type { TokuhashiPrimary, VisceralMetastases } from './prognosis/tokuhashi';
import type { TomitaGrowth, TomitaVisceral } from './prognosis/tomita';

type HistologyRow<V> = RuleRow & { readonly histology: Histology; readonly value: V };

const tokuhashi = { citation: 'tokuhashi2005', kind: 'published' } as const;
const tokuhashiOthers = {
  citation: 'tokuhashi2005',
  kind: 'convention',
  reason: 'Tokuhashi 2005 names no group for this primary; it is counted among "others" (2 points).',
} as const;

/** Histology → revised Tokuhashi primary group (Tokuhashi 2005). */
export const TOKUHASHI_PRIMARY_FROM_HISTOLOGY = [
  { histology: 'breast', value: 'thyroid_breast_prostate_carcinoid', label: 'Breast: thyroid, breast, prostate, carcinoid group', ...tokuhashi },
  { histology: 'prostate', value: 'thyroid_breast_prostate_carcinoid', label: 'Prostate: thyroid, breast, prostate, carcinoid group', ...tokuhashi },
  { histology: 'thyroid', value: 'thyroid_breast_prostate_carcinoid', label: 'Thyroid: thyroid, breast, prostate, carcinoid group', ...tokuhashi },
  { histology: 'renal_cell', value: 'kidney_uterus', label: 'Renal cell: kidney, uterus group', ...tokuhashi },
  { histology: 'hepatocellular', value: 'liver_gallbladder_unidentified', label: 'Hepatocellular: liver, gallbladder, unidentified group', ...tokuhashi },
  { histology: 'small_cell_lung', value: 'lung_osteosarcoma_stomach_bladder_oesophagus_pancreas', label: 'Small-cell lung: lung group', ...tokuhashi },
  { histology: 'non_small_cell_lung', value: 'lung_osteosarcoma_stomach_bladder_oesophagus_pancreas', label: 'Non-small-cell lung: lung group', ...tokuhashi },
  { histology: 'lymphoma', value: 'other', label: 'Lymphoma: others', ...tokuhashiOthers },
  { histology: 'myeloma', value: 'other', label: 'Myeloma / plasmacytoma: others', ...tokuhashiOthers },
  { histology: 'seminoma_germ_cell', value: 'other', label: 'Seminoma / germ-cell: others', ...tokuhashiOthers },
  { histology: 'ovarian', value: 'other', label: 'Ovarian: others', ...tokuhashiOthers },
  { histology: 'melanoma', value: 'other', label: 'Melanoma: others', ...tokuhashiOthers },
] as const satisfies ReadonlyArray<HistologyRow<TokuhashiPrimary>>;

const tomita = { citation: 'tomita2001', kind: 'published' } as const;

/** Histology → Tomita primary growth class (Tomita 2001: slow breast, thyroid; moderate kidney, uterus; rapid lung, liver, stomach, colon). */
export const TOMITA_GROWTH_FROM_HISTOLOGY = [
  { histology: 'breast', value: 'slow', label: 'Breast: slow growth', ...tomita },
  { histology: 'thyroid', value: 'slow', label: 'Thyroid: slow growth', ...tomita },
  {
    histology: 'prostate',
    value: 'slow',
    label: 'Prostate: slow growth',
    citation: 'tomita2001',
    kind: 'convention',
    reason: 'Tomita 2001 lists breast and thyroid "etc." as slow growth; prostate is placed there as in common use of the score.',
  },
  { histology: 'renal_cell', value: 'moderate', label: 'Renal cell: moderate growth', ...tomita },
  { histology: 'hepatocellular', value: 'rapid', label: 'Hepatocellular: rapid growth', ...tomita },
  { histology: 'colorectal', value: 'rapid', label: 'Colorectal: rapid growth', ...tomita },
  { histology: 'small_cell_lung', value: 'rapid', label: 'Small-cell lung: rapid growth', ...tomita },
  { histology: 'non_small_cell_lung', value: 'rapid', label: 'Non-small-cell lung: rapid growth', ...tomita },
] as const satisfies ReadonlyArray<HistologyRow<TomitaGrowth>>;

const bauer = { citation: 'leithner2008', kind: 'published' } as const;
/** Every histology the table names, so the Bauer questions ("lung?", "breast, kidney, lymphoma or myeloma?") have an answer for each. */
const NAMED: readonly Histology[] = [
  'lymphoma', 'myeloma', 'seminoma_germ_cell', 'breast', 'prostate', 'ovarian', 'neuroendocrine', 'small_cell_lung', 'renal_cell', 'thyroid',
  'hepatocellular', 'colorectal', 'non_small_cell_lung', 'sarcoma', 'melanoma',
];
const histologyLabel = (h: Histology): string => HISTOLOGIES.find((r) => r.value === h)?.label ?? h;
const LUNG: readonly Histology[] = ['small_cell_lung', 'non_small_cell_lung'];
const FAVOURABLE: readonly Histology[] = ['breast', 'renal_cell', 'lymphoma', 'myeloma'];

/** Histology → modified Bauer "primary tumour is lung" (Leithner 2008); other and unknown histologies are asked. */
export const BAUER_LUNG_FROM_HISTOLOGY: ReadonlyArray<HistologyRow<boolean>> = NAMED.map((histology) => ({
  histology,
  value: LUNG.includes(histology),
  label: `${histologyLabel(histology)}: ${LUNG.includes(histology) ? 'lung primary' : 'not a lung primary'}`,
  ...bauer,
}));

/** Histology → modified Bauer "primary breast, kidney, lymphoma or myeloma" (Leithner 2008). */
export const BAUER_FAVOURABLE_FROM_HISTOLOGY: ReadonlyArray<HistologyRow<boolean>> = NAMED.map((histology) => ({
  histology,
  value: FAVOURABLE.includes(histology),
  label: `${histologyLabel(histology)}: ${FAVOURABLE.includes(histology) ? 'favourable primary' : 'not a favourable primary'}`,
  ...bauer,
}));

/** The one visceral-metastases question, and what each score takes from it; `null`: the score asks its finer question. */
export type VisceralAnswer = 'none' | 'present';
export type VisceralRow = RuleRow & {
  readonly value: VisceralAnswer;
  readonly tokuhashi: VisceralMetastases | null;
  readonly tomita: TomitaVisceral | null;
  readonly bauer: boolean;
};

const oneAnswer = {
  citation: 'leithner2008',
  kind: 'convention',
  reason: 'One question for three scores: absent visceral metastases mean the same in Tokuhashi 2005, Tomita 2001 and Leithner 2008; when present, each score keeps its own finer grading.',
} as const;

export const VISCERAL_ANSWERS = [
  {
    value: 'none',
    label: 'No visceral metastases: Tokuhashi none (2), Tomita none (0), Bauer point for no visceral metastases',
    tokuhashi: 'none',
    tomita: 'none',
    bauer: false,
    ...oneAnswer,
  },
  {
    value: 'present',
    label: 'Visceral metastases present: Tokuhashi asks removable or not, Tomita asks treatable or not, Bauer no point',
    tokuhashi: null,
    tomita: null,
    bauer: true,
    ...oneAnswer,
  },
] as const satisfies readonly VisceralRow[];

type Unknown = 'unknown';

/** The stored patient answers this module reads; `null` is "derive it" (what the reader has not overridden). */
export interface ContextAnswers {
  readonly histology: Histology;
  readonly visceral: VisceralAnswer | Unknown;
  readonly tokuhashiPrimary: TokuhashiPrimary | Unknown | null;
  readonly tomitaPrimaryGrowth: TomitaGrowth | Unknown | null;
  readonly visceralMetastases: VisceralMetastases | Unknown | null;
  readonly tomitaVisceral: TomitaVisceral | Unknown | null;
  readonly bauerVisceral: boolean | Unknown | null;
  readonly bauerLung: boolean | Unknown | null;
  readonly bauerFavourable: boolean | Unknown | null;
}

export type ContextKey = Exclude<keyof ContextAnswers, 'histology' | 'visceral'>;

/**
 * One resolved answer: its value, whether it was derived (from the histology or the visceral answer) or given by the
 * reader, what the derivation says (unknown: nothing to derive, the reader is asked) and whether the reader's
 * answer overrides a derived value that differs.
 */
export interface ResolvedAnswer<V> {
  readonly value: V | Unknown;
  readonly source: 'derived' | 'reader';
  readonly derived: V | Unknown;
  readonly overridden: boolean;
}

export type ResolvedContext = {
  readonly [K in ContextKey]: ResolvedAnswer<Exclude<ContextAnswers[K], Unknown | null>>;
};

const fromTable = <V>(rows: ReadonlyArray<HistologyRow<V>>, histology: Histology): V | Unknown => {
  const row = rows.find((r) => r.histology === histology);
  return row === undefined ? 'unknown' : row.value;
};

function visceralDerived<K extends 'tokuhashi' | 'tomita' | 'bauer'>(answer: VisceralAnswer | Unknown, key: K): VisceralRow[K] | Unknown {
  const row = VISCERAL_ANSWERS.find((r) => r.value === answer);
  const value = row === undefined ? null : row[key];
  return value ?? 'unknown';
}

function resolve<V>(stored: V | Unknown | null, derived: V | Unknown): ResolvedAnswer<V> {
  if (stored === null) return { value: derived, source: 'derived', derived, overridden: false };
  return { value: stored, source: 'reader', derived, overridden: derived !== 'unknown' && stored !== derived };
}

/** Every derivable prognosis answer, resolved: the one derivation the projection, the panel and the report read. */
export function resolvePatientContext(a: ContextAnswers): ResolvedContext {
  return {
    tokuhashiPrimary: resolve(a.tokuhashiPrimary, fromTable<TokuhashiPrimary>(TOKUHASHI_PRIMARY_FROM_HISTOLOGY, a.histology)),
    tomitaPrimaryGrowth: resolve(a.tomitaPrimaryGrowth, fromTable<TomitaGrowth>(TOMITA_GROWTH_FROM_HISTOLOGY, a.histology)),
    visceralMetastases: resolve(a.visceralMetastases, visceralDerived(a.visceral, 'tokuhashi') as VisceralMetastases | Unknown),
    tomitaVisceral: resolve(a.tomitaVisceral, visceralDerived(a.visceral, 'tomita') as TomitaVisceral | Unknown),
    bauerVisceral: resolve(a.bauerVisceral, visceralDerived(a.visceral, 'bauer')),
    bauerLung: resolve(a.bauerLung, fromTable(BAUER_LUNG_FROM_HISTOLOGY, a.histology)),
    bauerFavourable: resolve(a.bauerFavourable, fromTable(BAUER_FAVOURABLE_FROM_HISTOLOGY, a.histology)),
  };
}

/** Which of the one visceral question's scores still needs its finer answer (the panel asks only these). */
export function visceralFollowUps(visceral: VisceralAnswer | Unknown): { readonly tokuhashi: boolean; readonly tomita: boolean } {
  return { tokuhashi: visceral === 'present', tomita: visceral === 'present' };
}
