/**
 * Comparing a prior reading of a patient with the current one, lesion by lesion through their vertebral levels:
 * which lesions are new, which are no longer recorded, and for the others each SINS component and total, the
 * measured collapse, the ESCC grade and the NOMS pathway, side by side. Each side's values are its own derived
 * reading's (deriveReading): nothing is rescored here. What counts as a change is a cited rule row
 * (shared/scoring/progression.ts); the sentences say it in clinical words.
 */
import { checkSubject } from '../annotation/subject';
import type { SubjectCheck } from '../annotation/subject';
import type { AnnotationDocument } from '../annotation/schema';
import type { SinsBand } from '../scoring/index';
import { ESCC_GRADES } from '../scoring/escc';
import { SINS_BANDS } from '../scoring/sins';
import { MEASURED_COLLAPSE_STEP } from '../scoring/progression';
import type { ProgressionRuleId } from '../scoring/progression';
import { levelSequence } from '../spine/levels';
import type { SpineCounts } from '../spine/levels';
import { scoredLesions, unscoredLesions } from './derive';
import type { DerivedReading, ScoredLesion } from './derive';
import { BAND_WORD, BONE_LESION_WORDING, levelsText, pathwayText, sinsTotalText } from './wording';

export const SINS_COMPONENT_NAMES = ['location', 'pain', 'boneLesion', 'alignment', 'collapse', 'posterolateral'] as const;
export type SinsComponentName = (typeof SINS_COMPONENT_NAMES)[number];
export const SINS_COMPONENT_LABELS: Record<SinsComponentName, string> = {
  location: 'Location',
  pain: 'Pain',
  boneLesion: 'Bone lesion',
  alignment: 'Alignment',
  collapse: 'Collapse',
  posterolateral: 'Posterolateral involvement',
};

/** One change between the two readings, in words, with the rule that calls it one. */
export interface Change {
  readonly rule: ProgressionRuleId;
  readonly text: string;
  /** true when the rule reads it as progression (worse), false for a change that is only reported. */
  readonly progression: boolean;
}

export interface Side<T> {
  readonly prior: T;
  readonly current: T;
}

export interface ComparisonRow {
  /** The levels either reading gives the lesion, e.g. "L1" or "T12–L1". */
  readonly levels: string;
  readonly status: 'new' | 'not-seen' | 'both';
  readonly prior: ScoredLesion | null;
  readonly current: ScoredLesion | null;
  /** SINS components (null: not assessed or no lesion on that side). */
  readonly components: readonly { readonly name: SinsComponentName; readonly label: string; readonly values: Side<number | null> }[];
  /** The SINS total, or its range when a component is unknown ("9–12"). */
  readonly sins: Side<string | null>;
  readonly band: Side<SinsBand | null>;
  readonly collapseMeasuredPercent: Side<number | null>;
  readonly escc: Side<string | null>;
  readonly pathway: Side<string | null>;
  readonly changes: readonly Change[];
}

export interface Comparison {
  readonly rows: readonly ComparisonRow[];
  /** Every change of every row, progression first, then cranial to caudal: what a proposed impression leads with. */
  readonly changes: readonly Change[];
  /** Lesions that could not be compared because their reading could not score them (e.g. level not assigned). */
  readonly notCompared: readonly { readonly side: 'prior' | 'current'; readonly title: string }[];
}

const BAND_ORDER: readonly SinsBand[] = SINS_BANDS.map((b) => b.band);
const ESCC_ORDER: readonly string[] = ESCC_GRADES.map((g) => g.value);

const overlap = (a: readonly string[], b: readonly string[]): number => a.filter((l) => b.includes(l)).length;

/** Pairs lesions that share a level, most shared levels first; each lesion in at most one pair. */
export function pairLesions(prior: readonly ScoredLesion[], current: readonly ScoredLesion[]): [ScoredLesion | null, ScoredLesion | null][] {
  const candidates = prior.flatMap((p) => current.map((c) => ({ p, c, shared: overlap(p.lesion.levels, c.lesion.levels) }))).filter((x) => x.shared > 0);
  candidates.sort((x, y) => y.shared - x.shared);
  const usedPrior = new Set<string>();
  const usedCurrent = new Set<string>();
  const pairs: [ScoredLesion | null, ScoredLesion | null][] = [];
  for (const { p, c } of candidates) {
    if (usedPrior.has(p.id) || usedCurrent.has(c.id)) continue;
    usedPrior.add(p.id);
    usedCurrent.add(c.id);
    pairs.push([p, c]);
  }
  for (const p of prior) if (!usedPrior.has(p.id)) pairs.push([p, null]);
  for (const c of current) if (!usedCurrent.has(c.id)) pairs.push([null, c]);
  return pairs;
}

/** One pair of lesions and the levels they span, worded as `counts` names them. */
export interface LevelPair {
  readonly levels: string;
  readonly a: ScoredLesion | null;
  readonly b: ScoredLesion | null;
}

/** Pairs two readings' lesions (pairLesions) and orders the pairs cranial to caudal, as a report lists them. */
export function pairsByLevel(a: readonly ScoredLesion[], b: readonly ScoredLesion[], counts: SpineCounts): LevelPair[] {
  const order = levelSequence(counts);
  const position = (level: string): number => (order.includes(level) ? order.indexOf(level) : order.length);
  return pairLesions(a, b)
    .map(([x, y]) => {
      const levelSet = [...new Set([...(x?.lesion.levels ?? []), ...(y?.lesion.levels ?? [])])].sort((l, m) => position(l) - position(m));
      return { pair: { levels: levelsText(levelSet, counts), a: x, b: y }, rank: Math.min(...levelSet.map(position)) };
    })
    .sort((x, y) => x.rank - y.rank)
    .map((x) => x.pair);
}

/** A lesion's NOMS pathway in words, or why there is none yet. */
export const pathwayOf = (l: ScoredLesion | null): string | null => {
  if (l === null) return null;
  const pathway = l.scores.noms.pathway;
  return pathway === null ? 'depends on inputs not yet assessed' : pathwayText(pathway);
};

/** A lesion's SINS total (or range) in words. */
export const sinsOf = (l: ScoredLesion | null): string | null => (l === null ? null : sinsTotalText(l.scores.sins.total, l.scores.sins.range));

const esccOf = (l: ScoredLesion | null): string | null => (l === null || l.scores.escc.grade === 'unknown' ? null : l.scores.escc.grade);

function changesOf(levels: string, prior: ScoredLesion | null, current: ScoredLesion | null): Change[] {
  if (prior === null && current !== null) return [{ rule: 'new-lesion', progression: true, text: `${levels}: new ${BONE_LESION_WORDING[current.lesion.boneLesion]}` }];
  if (prior !== null && current === null) return [{ rule: 'not-seen', progression: false, text: `${levels}: lesion recorded on the prior study, not on the current study` }];
  if (prior === null || current === null) return [];
  const changes: Change[] = [];

  const before = prior.facts.collapseMeasuredPercent;
  const after = current.facts.collapseMeasuredPercent;
  const pointsBefore = prior.scores.sins.components.collapse;
  const pointsAfter = current.scores.sins.components.collapse;
  if (before !== null && after !== null && after - before >= MEASURED_COLLAPSE_STEP) {
    const crossed = before < 50 && after >= 50 ? ', now > 50%' : '';
    changes.push({ rule: 'collapse-measured', progression: true, text: `${levels}: collapse ${Math.round(before)}% → ${Math.round(after)}%${crossed}` });
  } else if (pointsBefore !== null && pointsAfter !== null && pointsAfter > pointsBefore) {
    changes.push({ rule: 'collapse-category', progression: true, text: `${levels}: vertebral body collapse progressed (SINS collapse ${pointsBefore} → ${pointsAfter})` });
  }

  const gradeBefore = esccOf(prior);
  const gradeAfter = esccOf(current);
  if (gradeBefore !== null && gradeAfter !== null && ESCC_ORDER.indexOf(gradeAfter) > ESCC_ORDER.indexOf(gradeBefore)) {
    const high = current.scores.escc.category === 'high' ? ', high grade' : '';
    changes.push({ rule: 'escc-grade', progression: true, text: `${levels}: ESCC ${gradeBefore} → ${gradeAfter}${high}` });
  }

  const bandBefore = prior.scores.sins.band;
  const bandAfter = current.scores.sins.band;
  if (bandBefore !== null && bandAfter !== null && BAND_ORDER.indexOf(bandAfter) > BAND_ORDER.indexOf(bandBefore)) {
    changes.push({ rule: 'sins-band', progression: true, text: `${levels}: SINS ${sinsOf(prior)} → ${sinsOf(current)}, now ${BAND_WORD[bandAfter]}` });
  }

  const pathwayBefore = prior.scores.noms.pathway;
  const pathwayAfter = current.scores.noms.pathway;
  if (pathwayBefore !== null && pathwayAfter !== null && pathwayBefore !== pathwayAfter) {
    changes.push({ rule: 'noms-pathway', progression: false, text: `${levels}: NOMS pathway ${pathwayText(pathwayBefore)} → ${pathwayText(pathwayAfter)}` });
  }
  return changes;
}

/**
 * The comparison of a prior reading with the current one. Levels are named as the current reading's spine counts
 * name them; both readings must be of one patient (compareDocuments checks that).
 */
export function compareReadings(prior: DerivedReading, current: DerivedReading, counts: SpineCounts = current.counts): Comparison {
  const rows = pairsByLevel(scoredLesions(prior), scoredLesions(current), counts).map(({ levels, a: p, b: c }): ComparisonRow => {
    return {
      levels,
      status: p === null ? 'new' : c === null ? 'not-seen' : 'both',
      prior: p,
      current: c,
      components: SINS_COMPONENT_NAMES.map((name) => ({
        name,
        label: SINS_COMPONENT_LABELS[name],
        values: { prior: p?.scores.sins.components[name] ?? null, current: c?.scores.sins.components[name] ?? null },
      })),
      sins: { prior: sinsOf(p), current: sinsOf(c) },
      band: { prior: p?.scores.sins.band ?? null, current: c?.scores.sins.band ?? null },
      collapseMeasuredPercent: { prior: p?.facts.collapseMeasuredPercent ?? null, current: c?.facts.collapseMeasuredPercent ?? null },
      escc: { prior: esccOf(p), current: esccOf(c) },
      pathway: { prior: pathwayOf(p), current: pathwayOf(c) },
      changes: changesOf(levels, p, c),
    };
  });
  const all = rows.flatMap((r) => r.changes);
  const notCompared = [
    ...unscoredLesions(prior).map((l) => ({ side: 'prior' as const, title: `Lesion ${l.index + 1}: ${l.message}` })),
    ...unscoredLesions(current).map((l) => ({ side: 'current' as const, title: `Lesion ${l.index + 1}: ${l.message}` })),
  ];
  return { rows, changes: [...all.filter((c) => c.progression), ...all.filter((c) => !c.progression)], notCompared };
}

export type DocumentComparison =
  | { readonly ok: true; readonly subject: SubjectCheck; readonly comparison: Comparison }
  | { readonly ok: false; readonly reason: string };

/**
 * Two documents of one patient: refused when their recorded patients differ (a record belongs to one patient).
 * A document that does not record its patient is compared, and `subject` says so, for the caller to show.
 */
/** Why two documents may not be compared (their recorded patients differ), in the reader's words; null when they may. */
export function differentPatientsReason(a: AnnotationDocument, b: AnnotationDocument): string | null {
  const subject = a.subject === null || b.subject === null ? ({ kind: 'not-recorded' } as const) : checkSubject(a.subject, b.subject);
  if (subject.kind !== 'different') return null;
  const fields = subject.differences.map((d) => `${d.field} "${d.draft}" vs "${d.study}"`).join(', ');
  return `The two readings belong to different patients (${fields}); they are not compared.`;
}

export function compareDocuments(
  prior: AnnotationDocument,
  current: AnnotationDocument,
  derive: (doc: AnnotationDocument) => DerivedReading,
): DocumentComparison {
  const subject = prior.subject === null || current.subject === null ? ({ kind: 'not-recorded' } as const) : checkSubject(prior.subject, current.subject);
  const refused = differentPatientsReason(prior, current);
  if (refused !== null || subject.kind === 'different') return { ok: false, reason: refused ?? '' };
  return { ok: true, subject, comparison: compareReadings(derive(prior), derive(current)) };
}
