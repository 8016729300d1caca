/**
 * The words of a reading, one table per finding: the live scores panel, the preview, the dictation text, the PDF and
 * the SR import these functions, so they say the same thing in the same words (NOMS conditions, pathway names, SINS
 * bands, ESCC categories, flags, prognosis bands). Unknown answers are worded as "not assessed", never guessed; no
 * programme identifier (band or flag code) reaches the reader.
 */
import type { SpineCounts } from '../spine/levels';
import { displayLevelName } from '../spine/variants';
import {
  BAUER_BANDS, ESCC_GRADES, LESION_FLAGS, NOMS_DECISIONS, PATIENT_FLAGS, SINS_BANDS, SINS_SURGICAL_CONSULTATION, TOKUHASHI_BANDS, TOMITA_BANDS,
} from '../scoring/index';
import type { Alternative, EsccResult, Mechanical, Neurologic, Oncologic, Pathway, SinsBand, Systemic } from '../scoring/index';
import type { Lesion } from '../annotation/schema';
import type { FactSource } from './derive';

export const NOT_ASSESSED = 'not assessed';

export const BONE_LESION_WORDING: Record<Lesion['boneLesion'], string> = {
  lytic: 'lytic lesion',
  mixed: 'mixed lytic/blastic lesion',
  blastic: 'blastic lesion',
  unknown: 'lesion (matrix not assessed)',
};

export const COLLAPSE_WORDING: Record<Lesion['collapse']['value'], string> = {
  gt50: 'with >50% vertebral body collapse',
  lt50: 'with <50% vertebral body collapse',
  involved_gt50: 'without collapse, >50% of the vertebral body involved',
  none: 'without vertebral body collapse',
  unknown: 'vertebral body collapse not assessed',
};

export const POSTEROLATERAL_WORDING: Record<Lesion['posterolateral'], string> = {
  bilateral: 'bilateral posterolateral involvement',
  unilateral: 'unilateral posterolateral involvement',
  none: 'no posterolateral involvement',
  unknown: 'posterolateral elements not assessed',
};

/** Normal alignment is the default finding and is not repeated in the one-line summary. */
export const ALIGNMENT_WORDING: Record<Lesion['alignment']['value'], string | null> = {
  subluxation: 'subluxation/translation',
  deformity: 'de novo deformity (kyphosis/scoliosis)',
  normal: null,
  unknown: 'alignment not assessed',
};

export const PAIN_WORDING: Record<Lesion['pain'], string> = {
  mechanical: 'mechanical pain',
  occasional: 'occasional, non-mechanical pain',
  none: 'pain-free lesion',
  unknown: `pain ${NOT_ASSESSED}`,
};

/** "L1", or "T12–L1" for a contiguous run; variants named as the report prints them. */
export function levelsText(levels: readonly string[], counts: SpineCounts): string {
  if (levels.length === 0) return 'level not assigned';
  const names = levels.map((l) => displayLevelName(l, counts));
  return names.length === 1 ? (names[0] ?? '') : `${names[0] ?? ''}–${names[names.length - 1] ?? ''}`;
}

export function esccWording(escc: EsccResult, caudaEquina: boolean | 'unknown'): string {
  if (escc.grade === 'unknown') return `ESCC ${NOT_ASSESSED}`;
  const category = escc.category === 'high' ? 'high grade' : 'low grade';
  const indeterminate = escc.indeterminate ? ', indeterminate' : '';
  const analogy = caudaEquina === true ? ', graded by analogy at the cauda equina' : '';
  return `ESCC grade ${escc.grade} (${category}${indeterminate}${analogy})`;
}

export function esccDescription(grade: EsccResult['grade']): string {
  return ESCC_GRADES.find((g) => g.value === grade)?.label ?? NOT_ASSESSED;
}

/** The one-line finding: "L1: lytic lesion with <50% vertebral body collapse, unilateral posterolateral involvement; ESCC grade 1b (low grade)". */
export function findingSentence(lesion: Lesion, escc: EsccResult, counts: SpineCounts): string {
  // "lytic lesion with <50% … collapse" reads as one phrase; an unassessed collapse is a separate clause.
  const joiner = lesion.collapse.value === 'unknown' ? ', ' : ' ';
  const parts = [`${BONE_LESION_WORDING[lesion.boneLesion]}${joiner}${COLLAPSE_WORDING[lesion.collapse.value]}`, POSTEROLATERAL_WORDING[lesion.posterolateral]];
  const alignment = ALIGNMENT_WORDING[lesion.alignment.value];
  if (alignment !== null) parts.push(alignment);
  return `${levelsText(lesion.levels, counts)}: ${parts.join(', ')}; ${esccWording(escc, lesion.caudaEquina)}`;
}

/** A band in one word, for a sentence that says how it changed ("now unstable"). */
export const BAND_WORD: Record<SinsBand, string> = { stable: 'stable', indeterminate: 'indeterminate', unstable: 'unstable' };

export function bandLabel(band: SinsBand): string {
  return SINS_BANDS.find((b) => b.band === band)?.label ?? band;
}

/** The bands a SINS range touches, e.g. "stable or indeterminate". */
export function bandsSpanned(range: readonly [number, number]): SinsBand[] {
  return SINS_BANDS.filter((b) => !(b.max < range[0] || b.min > range[1])).map((b) => b.band);
}

export function sinsTotalText(total: number | null, range: readonly [number, number]): string {
  return total !== null ? `${total}` : `${range[0]}–${range[1]}`;
}

export function sinsBandText(band: SinsBand | null, range: readonly [number, number]): string {
  if (band !== null) return bandLabel(band);
  return `undetermined: the range spans ${listText(bandsSpanned(range))}`;
}

export function pathwayText(pathway: Pathway): string {
  // The decision table's clinical words only: its pathway codes ("stabilization+SBRT") are identifiers, not prose.
  return NOMS_DECISIONS.find((d) => d.pathway === pathway)?.label ?? pathway;
}

/** The NOMS inputs as the reader reads them (the same words in a condition, "if … and …", and as a value). */
export const NEUROLOGIC_TEXT: Record<Neurologic, string> = { low: 'low grade', high: 'high grade', unknown: NOT_ASSESSED };
export const ONCOLOGIC_TEXT: Record<Oncologic, string> = { sensitive: 'radiosensitive', resistant: 'radioresistant', unknown: NOT_ASSESSED };
export const SYSTEMIC_TEXT: Record<Systemic, string> = { yes: 'can tolerate surgery', no: 'cannot tolerate surgery', unknown: NOT_ASSESSED };
export const MECHANICAL_TEXT: Record<Mechanical, string> = { stable: 'stable', indeterminate: 'indeterminate (7–12)', unstable: 'unstable', unknown: 'undetermined (SINS range spans bands)' };

/** "if neurologic high grade and can tolerate surgery": what an alternative pathway depends on, in the input words. */
export function conditionText(alternative: Alternative): string {
  const c = alternative.if;
  const conditions = [
    c.neurologic === undefined ? null : `neurologic ${NEUROLOGIC_TEXT[c.neurologic]}`,
    c.oncologic === undefined ? null : ONCOLOGIC_TEXT[c.oncologic],
    c.mechanical === undefined ? null : `mechanically ${c.mechanical}`,
    c.systemic === undefined ? null : SYSTEMIC_TEXT[c.systemic],
  ].filter((x): x is string => x !== null);
  return conditions.length > 0 ? `if ${conditions.join(' and ')}` : 'otherwise';
}

export function alternativeText(alternative: Alternative): string {
  return `${conditionText(alternative)}: ${pathwayText(alternative.pathway)}`;
}

export function surgicalConsultationText(value: boolean | null): string {
  if (value === true) return SINS_SURGICAL_CONSULTATION.label;
  if (value === false) return 'SINS < 7: no surgical consultation triggered by SINS';
  return `the range crosses ${SINS_SURGICAL_CONSULTATION.threshold}: surgical consultation possibly indicated`;
}

export function flagLabel(code: string): string {
  return [...LESION_FLAGS, ...PATIENT_FLAGS].find((f) => f.code === code)?.label ?? code;
}

const PROGNOSIS_BANDS = { tokuhashi: TOKUHASHI_BANDS, tomita: TOMITA_BANDS, modifiedBauer: BAUER_BANDS } as const;
export const PROGNOSIS_NAMES = { tokuhashi: 'Revised Tokuhashi', tomita: 'Tomita', modifiedBauer: 'Modified Bauer' } as const;

/** "10 (6 months or more)", or why there is no score. */
export function prognosisText(score: keyof typeof PROGNOSIS_BANDS, value: { readonly total: number; readonly band: string } | undefined): string {
  if (value === undefined) return 'not computed: inputs missing';
  const bands: ReadonlyArray<{ band: string; label: string }> = PROGNOSIS_BANDS[score];
  return `${value.total} (${bands.find((b) => b.band === value.band)?.label ?? value.band})`;
}

/** Why a lesion of a draft has no scores yet, e.g. "level not assigned: not scored". */
export const notScoredText = (message: string): string => `${message}: not scored`;

/** Heads the list of a draft's lesions that have no scores yet (report and panel). */
export const INCOMPLETE_HEADING = 'Not yet complete: lesions recorded but not scored';

/** "Lesion 2" (its place in the document) with its levels. */
export const lesionTitle = (number: number, levels: readonly string[], counts: SpineCounts): string => `Lesion ${number}: ${levelsText(levels, counts)}`;

/** "1 lesion", "2 lesions": a count as a clinician writes it (irregular plurals given). */
export const plural = (n: number, singular: string, pluralForm = `${singular}s`): string => `${n} ${n === 1 ? singular : pluralForm}`;

/** "a, b and c". */
export const listText = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;

/** Capital first letter: phrases are written to sit mid-sentence. */
export const sentenceCase = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const EMERGENCY_SIGN_WORDS: Record<string, string> = {
  rapidWeaknessProgression: 'rapid weakness progression',
  newInabilityToWalk: 'new inability to walk',
  newBladderDysfunction: 'new bladder dysfunction',
  bilateralSymptoms: 'bilateral symptoms',
};

/** Document fields a load or projection note can name, in the reader's words (the rest are worded generically). */
const FIELD_WORDS: Record<string, string> = {
  ...EMERGENCY_SIGN_WORDS,
  cordSignalChange: 'cord signal change',
  note: 'note',
  impression: 'impression',
  freeText: 'comments',
  referringQuestion: 'clinical question',
  caption: 'key image caption',
  text: 'annotation text',
};

/** "referringQuestion" → "referring question": never a dotted path or an index. */
const fieldWords = (field: string): string => FIELD_WORDS[field] ?? field.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_.[\]]+/g, ' ').trim().toLowerCase();

/**
 * The caveats of a report ("where a value had to be filled", load repairs, how the study is identified), each once
 * and in clinical words: the unknown emergency signs become one sentence ("Emergency signs not assessed: the MSCC
 * emergency flag could not be evaluated."), a lesion's unknown cord signal one sentence naming the lesion.
 */
export function caveatTexts(notes: ReadonlyArray<{ readonly path: string; readonly message: string }>): string[] {
  const out: string[] = [];
  const signs: string[] = [];
  for (const note of notes) {
    const sign = /^patient\.emergency\.(\w+)$/.exec(note.path);
    if (sign !== null) {
      signs.push(EMERGENCY_SIGN_WORDS[sign[1] ?? ''] ?? fieldWords(sign[1] ?? ''));
      continue;
    }
    const lesion = /^lesions\[(\d+)\](?:\.(\w+))?/.exec(note.path);
    if (lesion !== null) {
      const n = Number(lesion[1]) + 1;
      out.push(
        lesion[2] === 'cordSignalChange'
          ? `Lesion ${n}: cord signal change not assessed; its neurologic grade rests on ESCC and myelopathy only.`
          : `Lesion ${n}${lesion[2] === undefined ? '' : `, ${fieldWords(lesion[2])}`}: ${note.message}.`,
      );
      continue;
    }
    const field = note.path.split(/[.[\]]+/).filter((x) => x !== '' && !/^\d+$/.test(x)).pop();
    const generic = note.path === '' || note.path === '(root)' || note.path === 'study' || note.path === 'images' || field === undefined;
    out.push(generic ? `${sentenceCase(note.message)}.` : `${sentenceCase(fieldWords(field))}: ${note.message}.`);
  }
  if (signs.length === Object.keys(EMERGENCY_SIGN_WORDS).length) out.unshift('Emergency signs not assessed: the MSCC emergency flag could not be evaluated.');
  else if (signs.length > 0) out.unshift(`Emergency ${signs.length === 1 ? 'sign' : 'signs'} not assessed (${listText(signs)}): the MSCC emergency flag could not be fully evaluated.`);
  return [...new Set(out)].map((c) => c.replace(/\.\.$/, '.'));
}

/** The prognosis answers a histology or the one visceral question derives, named as the panel and report name them. */
export const CONTEXT_ANSWER_NAMES = {
  tokuhashiPrimary: 'Primary site (Tokuhashi)',
  tomitaPrimaryGrowth: 'Primary tumour growth (Tomita)',
  visceralMetastases: 'Major internal-organ metastases (Tokuhashi)',
  tomitaVisceral: 'Visceral metastases (Tomita)',
  bauerVisceral: 'Visceral metastases (Bauer)',
  bauerLung: 'Lung primary (Bauer)',
  bauerFavourable: 'Primary breast, kidney, lymphoma or myeloma (Bauer)',
} as const;

/**
 * A derivable answer as printed: the value, and when the reader's answer overrides a different derived one, that
 * too ("Others; overrides the derived Kidney, uterus"). Source: derived ('table') or the reader's.
 */
export function contextAnswerText(
  resolved: { readonly source: 'derived' | 'reader'; readonly overridden: boolean },
  valueText: string,
  derivedText: string,
): { readonly value: string; readonly source: 'table' | 'reader' } {
  if (resolved.source === 'derived') return { value: valueText, source: valueText === NOT_ASSESSED ? 'reader' : 'table' };
  return { value: resolved.overridden ? `${valueText}; overrides the derived answer (${derivedText})` : valueText, source: 'reader' };
}

/** How the source of a value is printed beside it. */
export const SOURCE_WORDS: Record<FactSource | 'header', string> = {
  measured: 'measured',
  reader: 'reader',
  table: 'derived',
  convention: 'convention',
  header: 'image header',
};

export const YES_NO: Record<'true' | 'false' | 'unknown', string> = { true: 'yes', false: 'no', unknown: NOT_ASSESSED };
export const yesNo = (value: boolean | 'unknown'): string => YES_NO[String(value) as 'true' | 'false' | 'unknown'];

export const CLINICAL_REVIEW_STATEMENT =
  'This draft supports and does not replace the multidisciplinary decision; it requires clinical review before use.';

// ---- the impression and the sign-off (shared/reading/impression.ts, shared/annotation/signoff.ts) ----

/** The patient flags that are emergencies: first in the report and first in the impression. */
export const EMERGENCY_FLAG_CODES: ReadonlySet<string> = new Set(['mscc_emergency', 'paralysis_over_48h']);

/** What the report says about where its impression came from. */
export const IMPRESSION_SOURCE_WORDING: Record<'proposed' | 'accepted' | 'edited', string> = {
  proposed: 'proposed from the findings, not yet accepted by the reader',
  accepted: 'proposed from the findings, accepted by the reader',
  edited: 'edited by the reader',
};

export const NO_IMPRESSION = 'No impression entered.';
export const NO_LESION_IMPRESSION = 'No spinal metastatic lesion recorded.';

/** The report's status, in capitals where a reader scans for it (title, banner, SR title). */
export const SIGNOFF_LABELS: Record<'draft' | 'final' | 'amended', string> = { draft: 'DRAFT', final: 'FINAL', amended: 'AMENDED' };

/** Said wherever an unsigned reading leaves the app (export panel, CLI). */
export const UNSIGNED_EXPORT_WARNING = 'This reading is not signed: every output is marked DRAFT.';

/** "Signed by Dr A Smith (St Example), 2025-03-01 10:00 UTC". */
export const signedByText = (signer: string, organization: string, at: string): string => `${signer}${organization !== '' ? ` (${organization})` : ''}, ${at}`;
