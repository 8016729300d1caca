/**
 * A second opinion on the same study: two readings of one set of images, lesion by lesion (paired through their
 * levels, as a follow-up comparison pairs them), finding by finding. For every finding where the readers differ it
 * says both answers, what each scores, and whether taking the other reader's answer would change this reading's SINS
 * band or NOMS pathway: the disagreements that matter to a surgeon are the ones that move a decision. Nothing is
 * rescored here: "would it change" is the one derivation run on this reading with that one answer replaced.
 */
import type { AnnotationDocument, Lesion } from '../annotation/schema';
import type { SinsBand } from '../scoring/index';
import { differentPatientsReason, pairsByLevel, pathwayOf, SINS_COMPONENT_LABELS, SINS_COMPONENT_NAMES, sinsOf } from './compare';
import type { Side, SinsComponentName } from './compare';
import { scoredLesions } from './derive';
import type { DerivedReading, ScoredLesion } from './derive';
import {
  ALIGNMENT_WORDING, BONE_LESION_WORDING, COLLAPSE_WORDING, NOT_ASSESSED, PAIN_WORDING, POSTEROLATERAL_WORDING, BAND_WORD, pathwayText, yesNo,
} from './wording';

/** The lesion findings a reader gives (levels pair the lesions and are compared through that pairing). */
export const OPINION_FIELDS = ['pain', 'boneLesion', 'alignment', 'collapse', 'posterolateral', 'escc', 'cordSignalChange', 'instabilityJudgement'] as const;
export type OpinionField = (typeof OPINION_FIELDS)[number];

export const OPINION_FIELD_LABELS: Record<OpinionField, string> = {
  pain: 'Pain',
  boneLesion: 'Bone lesion',
  alignment: 'Alignment',
  collapse: 'Vertebral body collapse',
  posterolateral: 'Posterolateral involvement',
  escc: 'ESCC grade',
  cordSignalChange: 'Cord signal change',
  instabilityJudgement: "Reader's instability judgement",
};

/** The SINS component a finding scores, where it scores one. */
const COMPONENT_OF: Partial<Record<OpinionField, SinsComponentName>> = {
  pain: 'pain', boneLesion: 'boneLesion', alignment: 'alignment', collapse: 'collapse', posterolateral: 'posterolateral',
};

/** A finding's answer in the report's words. */
function answerText(field: OpinionField, lesion: Lesion): string {
  switch (field) {
    case 'pain': return PAIN_WORDING[lesion.pain];
    case 'boneLesion': return BONE_LESION_WORDING[lesion.boneLesion];
    case 'alignment': return ALIGNMENT_WORDING[lesion.alignment.value] ?? 'normal alignment';
    case 'collapse': return COLLAPSE_WORDING[lesion.collapse.value].replace(/^with(out)? /, (m) => (m === 'without ' ? 'no ' : ''));
    case 'posterolateral': return POSTEROLATERAL_WORDING[lesion.posterolateral];
    case 'escc': return lesion.escc === 'unknown' ? NOT_ASSESSED : `ESCC ${lesion.escc}`;
    case 'cordSignalChange': return yesNo(lesion.cordSignalChange);
    case 'instabilityJudgement': return lesion.instabilityJudgement === 'unknown' ? 'not given' : lesion.instabilityJudgement;
  }
}

/** The value to write into this reading's lesion to take the other reader's answer (its own measurement links dropped). */
export function adoptedValue(field: OpinionField, other: Lesion): unknown {
  if (field === 'collapse') return { value: other.collapse.value, source: 'reader' };
  if (field === 'alignment') return { value: other.alignment.value, source: 'reader', measurementIds: [] };
  return other[field];
}

/** Another reader's lesion as this reading would record it: no id (the document gives one), no measurement links. */
export function adoptedLesion(other: Lesion): Omit<Lesion, 'id'> {
  const { id: _id, ...rest } = other;
  return { ...rest, collapse: { value: other.collapse.value, source: 'reader' }, alignment: { value: other.alignment.value, source: 'reader', measurementIds: [] } };
}

const sameAnswer = (field: OpinionField, a: Lesion, b: Lesion): boolean =>
  field === 'collapse' ? a.collapse.value === b.collapse.value : field === 'alignment' ? a.alignment.value === b.alignment.value : a[field] === b[field];

export interface FindingDifference {
  readonly field: OpinionField;
  readonly label: string;
  readonly answers: Side<string>;
  /** The SINS points each answer scores, when the finding is a SINS component (null: unknown). */
  readonly points: Side<number | null> | null;
  /** Taking the other reader's answer into this reading would change its SINS band / NOMS pathway. */
  readonly changesBand: boolean;
  readonly changesPathway: boolean;
  /** e.g. "L1: collapse — < 50% (this reading) vs > 50% (other reader); changes the SINS band (indeterminate → unstable)". */
  readonly text: string;
}

export interface OpinionRow {
  readonly levels: string;
  /** Which readings record the lesion: 'both', or only this reading ('this-only') or the other ('other-only'). */
  readonly status: 'both' | 'this-only' | 'other-only';
  /** `prior` is the other reader's, `current` this reader's (Side is read as other → this). */
  readonly other: ScoredLesion | null;
  readonly current: ScoredLesion | null;
  readonly components: readonly { readonly name: SinsComponentName; readonly label: string; readonly values: Side<number | null>; readonly agree: boolean }[];
  readonly sins: Side<string | null>;
  readonly band: Side<SinsBand | null>;
  readonly escc: Side<string | null>;
  readonly pathway: Side<string | null>;
  readonly agree: boolean;
  readonly differences: readonly FindingDifference[];
  /** One sentence for a lesion only one reader recorded. */
  readonly text: string | null;
}

export interface SecondOpinion {
  readonly rows: readonly OpinionRow[];
  /** Lesions and findings in agreement / all compared, for a one-line summary. */
  readonly agreed: number;
  readonly compared: number;
}

/**
 * This reading (`current`, the one being edited) against another reader's reading of the same study (`other`).
 * `deriveWith(lesionId, field, value)` is this reading derived with one lesion field replaced; the caller supplies it
 * (the app and the CLI derive with their own options), so "would it change the band" is the one derivation's answer.
 */
export function compareOpinions(
  other: DerivedReading,
  current: DerivedReading,
  deriveWith: (lesionId: string, field: OpinionField, value: unknown) => DerivedReading,
): SecondOpinion {
  const counts = current.counts;
  const rows = pairsByLevel(scoredLesions(other), scoredLesions(current), counts).map(({ levels, a: o, b: c }): OpinionRow => {
    const components = SINS_COMPONENT_NAMES.map((name) => {
      const values = { prior: o?.scores.sins.components[name] ?? null, current: c?.scores.sins.components[name] ?? null };
      return { name, label: SINS_COMPONENT_LABELS[name], values, agree: o !== null && c !== null && values.prior === values.current };
    });
    const esccOf = (l: ScoredLesion | null): string | null => (l === null || l.lesion.escc === 'unknown' ? null : l.lesion.escc);
    const base = {
      levels,
      other: o,
      current: c,
      components,
      sins: { prior: sinsOf(o), current: sinsOf(c) },
      band: { prior: o?.scores.sins.band ?? null, current: c?.scores.sins.band ?? null },
      escc: { prior: esccOf(o), current: esccOf(c) },
      pathway: { prior: pathwayOf(o), current: pathwayOf(c) },
    };
    if (o === null || c === null) {
      const only = o === null ? 'this reading' : 'the other reader';
      return { ...base, status: o === null ? 'this-only' : 'other-only', agree: false, differences: [], text: `${levels}: lesion recorded only by ${only}` };
    }
    const differences = OPINION_FIELDS.filter((field) => !sameAnswer(field, o.lesion, c.lesion)).map((field): FindingDifference => {
      const component = COMPONENT_OF[field];
      const adopted = deriveWith(c.id, field, adoptedValue(field, o.lesion)).lesions.find((l) => l.id === c.id);
      const after = adopted?.status === 'scored' ? adopted.scores : null;
      const bandAfter = after?.sins.band ?? null;
      const pathwayAfter = after?.noms.pathway ?? null;
      const changesBand = after !== null && bandAfter !== c.scores.sins.band;
      const changesPathway = after !== null && pathwayAfter !== c.scores.noms.pathway;
      const answers = { prior: answerText(field, o.lesion), current: answerText(field, c.lesion) };
      const consequences = [
        changesBand ? `changes the SINS band (${c.scores.sins.band === null ? 'range spans bands' : BAND_WORD[c.scores.sins.band]} → ${bandAfter === null ? 'range spans bands' : BAND_WORD[bandAfter]})` : '',
        changesPathway ? `changes the NOMS pathway (${c.scores.noms.pathway === null ? 'undetermined' : pathwayText(c.scores.noms.pathway)} → ${pathwayAfter === null ? 'undetermined' : pathwayText(pathwayAfter)})` : '',
      ].filter((x) => x !== '');
      return {
        field,
        label: OPINION_FIELD_LABELS[field],
        answers,
        points: component === undefined ? null : { prior: o.scores.sins.components[component], current: c.scores.sins.components[component] },
        changesBand,
        changesPathway,
        text: `${levels}: ${OPINION_FIELD_LABELS[field].toLowerCase()}, ${answers.current} (this reading) vs ${answers.prior} (other reader)${consequences.length > 0 ? `; adopting it ${consequences.join(' and ')}` : ''}`,
      };
    });
    return { ...base, status: 'both', agree: differences.length === 0, differences, text: null };
  });
  return { rows, agreed: rows.filter((r) => r.agree).length, compared: rows.length };
}

/** compareOpinions on two documents, deriving each with `derive`; a field replaced through a plain document edit. */
export function compareOpinionDocuments(
  other: AnnotationDocument,
  current: AnnotationDocument,
  derive: (doc: AnnotationDocument) => DerivedReading,
): SecondOpinion {
  const deriveWith = (lesionId: string, field: OpinionField, value: unknown): DerivedReading =>
    derive({ ...current, lesions: current.lesions.map((l) => (l.id === lesionId ? ({ ...l, [field]: value } as Lesion) : l)) });
  return compareOpinions(derive(other), derive(current), deriveWith);
}

export type DocumentOpinion = { readonly ok: true; readonly opinion: SecondOpinion } | { readonly ok: false; readonly reason: string };

/** Two readings of the same study, or a plain refusal: a second opinion on another study (or patient) is not one. */
export function secondOpinionOnDocuments(
  other: AnnotationDocument,
  current: AnnotationDocument,
  derive: (doc: AnnotationDocument) => DerivedReading,
): DocumentOpinion {
  const patients = differentPatientsReason(other, current);
  if (patients !== null) return { ok: false, reason: patients };
  if (other.studyInstanceUID !== current.studyInstanceUID) {
    return { ok: false, reason: 'The two readings are of different studies; a second opinion compares two readings of the same study (compare them as prior and current instead).' };
  }
  return { ok: true, opinion: compareOpinionDocuments(other, current, derive) };
}
