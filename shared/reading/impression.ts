/**
 * The proposed impression: built from the derived reading alone, in the order a radiologist dictates it.
 * 1. Emergencies first (suspected cord compression, prolonged paralysis): they change what happens today.
 * 2. One line per scored lesion, head to tail (by its highest level): levels and pattern; SINS with its band and the
 *    consultation advice; ESCC; the NOMS pathway, or the pathways the unknown inputs still allow, each with its
 *    condition; the lesion's own flags.
 * 3. The lesions recorded but not yet scored, so the impression never reads as complete when it is not.
 * Every phrase comes from the wording module, so the impression says what the findings, panel and SR say.
 * The reader accepts or edits it; until then the report shows it as proposed (shared/report/model.ts).
 */
import { ALL_LEVELS } from '../spine/levels';
import type { DerivedReading, ScoredLesion } from './derive';
import { scoredLesions, unscoredLesions } from './derive';
import {
  BONE_LESION_WORDING, EMERGENCY_FLAG_CODES, NO_LESION_IMPRESSION, alternativeText, esccWording, flagLabel, levelsText, pathwayText, sinsBandText,
  sinsTotalText, surgicalConsultationText,
} from './wording';

/** Mid-sentence phrases start lower case; a line starts with a capital. */
const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const lower = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);
const stop = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);

/** Head to tail: the lesion's highest level in the spine's order (ties keep the document's order). */
function cranialRank(l: ScoredLesion): number {
  const ranks = l.lesion.levels.map((level) => ALL_LEVELS.indexOf(level)).filter((r) => r >= 0);
  return ranks.length === 0 ? Number.MAX_SAFE_INTEGER : Math.min(...ranks);
}

function nomsPhrase(l: ScoredLesion): string {
  const { pathway, alternatives } = l.scores.noms;
  if (pathway !== null) return `NOMS: ${pathwayText(pathway)}`;
  if (alternatives.length === 0) return 'NOMS: pathway not determined';
  return `NOMS pathway depends on inputs not assessed: ${alternatives.map(alternativeText).join('; ')}`;
}

/** One lesion's line: "L1: lytic lesion. SINS 9, indeterminate… (7–12); SINS ≥ 7: surgical consultation recommended. ESCC … NOMS: …". */
export function lesionImpression(l: ScoredLesion, reading: DerivedReading): string {
  const { sins, escc } = l.scores;
  const total = sins.total !== null ? `SINS ${sinsTotalText(sins.total, sins.range)}` : `SINS ${sinsTotalText(null, sins.range)} (components not assessed)`;
  const parts = [
    `${levelsText(l.lesion.levels, reading.counts)}: ${BONE_LESION_WORDING[l.lesion.boneLesion]}`,
    `${total}, ${lower(sinsBandText(sins.band, sins.range))}; ${surgicalConsultationText(sins.surgicalConsultation)}`,
    esccWording(escc, l.lesion.caudaEquina),
    nomsPhrase(l),
    ...l.scores.flags.map(flagLabel),
  ];
  return parts.map((p) => stop(capital(p))).join(' ');
}

/**
 * The impression the findings propose, as numbered lines (plain text: it goes into the document as it is). With a
 * prior study compared, its progression comes first after any emergency: it is what a follow-up is read for.
 */
export function proposeImpression(reading: DerivedReading, progression: readonly string[] = []): string {
  const lines: string[] = [];
  for (const code of reading.patient.flags) if (EMERGENCY_FLAG_CODES.has(code)) lines.push(`EMERGENCY: ${stop(flagLabel(code).replace(/^Emergency:\s*/i, ''))}`);
  if (progression.length > 0) lines.push(`Progression since the prior study: ${stop(progression.join('; '))}`);
  const lesions = scoredLesions(reading)
    .map((l, order) => ({ l, order }))
    .sort((a, b) => cranialRank(a.l) - cranialRank(b.l) || a.order - b.order)
    .map(({ l }) => l);
  lesions.forEach((l, i) => lines.push(`${lesions.length > 1 ? `${i + 1}. ` : ''}${lesionImpression(l, reading)}`));
  const unscored = unscoredLesions(reading);
  if (unscored.length > 0) {
    lines.push(`Not yet scored: ${unscored.map((u) => `lesion ${u.index + 1} (${u.message})`).join('; ')}.`);
  }
  if (lesions.length === 0 && unscored.length === 0) lines.push(NO_LESION_IMPRESSION);
  return lines.join('\n');
}
