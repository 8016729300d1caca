/**
 * Standard report phrases, one table per finding, so the preview, the dictation text, the PDF and the SR say the
 * same thing in the same words. Unknown answers are worded as "not assessed", never guessed.
 */
import type { SpineCounts } from '../spine/levels';
import { displayLevelName } from '../spine/variants';
import { ESCC_GRADES, NOMS_DECISIONS, SINS_BANDS } from '../scoring/index';
import type { Alternative, EsccResult, Pathway, SinsBand } from '../scoring/index';
import type { Lesion } from '../annotation/schema';

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
  return `undetermined: the range spans ${bandsSpanned(range).join(' and ')}`;
}

export function pathwayText(pathway: Pathway): string {
  const label = NOMS_DECISIONS.find((d) => d.pathway === pathway)?.label;
  return label === undefined ? pathway : `${pathway} (${label})`;
}

const CONDITION_WORDS: Record<string, Record<string, string>> = {
  neurologic: { low: 'neurologic low grade', high: 'neurologic high grade' },
  oncologic: { sensitive: 'radiosensitive', resistant: 'radioresistant' },
  mechanical: { stable: 'mechanically stable', unstable: 'mechanically unstable' },
  systemic: { yes: 'able to tolerate surgery', no: 'unable to tolerate surgery' },
};

export function alternativeText(alternative: Alternative): string {
  const conditions = Object.entries(alternative.if).map(([dim, value]) => CONDITION_WORDS[dim]?.[String(value)] ?? `${dim} ${String(value)}`);
  const when = conditions.length > 0 ? `if ${conditions.join(' and ')}` : 'otherwise';
  return `${when}: ${pathwayText(alternative.pathway)}`;
}

export const YES_NO: Record<'true' | 'false' | 'unknown', string> = { true: 'yes', false: 'no', unknown: NOT_ASSESSED };
export const yesNo = (value: boolean | 'unknown'): string => YES_NO[String(value) as 'true' | 'false' | 'unknown'];

export const CLINICAL_REVIEW_STATEMENT =
  'This draft supports and does not replace the multidisciplinary decision; it requires clinical review before use.';
