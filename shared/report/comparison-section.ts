/**
 * The report's "Comparison" (a prior study of the same patient) or "Second opinion" (another reader's reading of
 * the same study) section: the rows and sentences of shared/reading/compare.ts and second-opinion.ts laid out as a
 * table with two columns, for the preview, PDF, text and SR alike. Formatting only: every value and sentence comes
 * from the comparison it is given.
 */
import type { AnnotationDocument } from '../annotation/schema';
import { compareDocuments } from '../reading/compare';
import type { Comparison, ComparisonRow } from '../reading/compare';
import type { DerivedReading } from '../reading/derive';
import { secondOpinionOnDocuments } from '../reading/second-opinion';
import type { OpinionRow, SecondOpinion } from '../reading/second-opinion';
import { BAND_WORD } from '../reading/wording';
import { formatDicomDate } from './dates';

/** What the report says about the prior study: from the prior reading's recorded subject. */
export interface PriorStudyRef {
  readonly studyInstanceUID: string;
  /** DICOM DA (YYYYMMDD) or ''. */
  readonly date: string;
  readonly description: string;
  readonly modalities: readonly string[];
  readonly accessionNumber: string;
  readonly reader: string;
}

export type ComparisonInput =
  | { readonly kind: 'follow-up'; readonly comparison: Comparison; readonly prior: PriorStudyRef }
  | { readonly kind: 'second-opinion'; readonly opinion: SecondOpinion; readonly otherReader: string };

export interface ComparisonCell {
  readonly label: string;
  readonly before: string;
  readonly after: string;
  readonly differs: boolean;
  /** A difference that moves a decision (the SINS band or the NOMS pathway). */
  readonly important: boolean;
}

export interface ComparisonSectionRow {
  readonly levels: string;
  readonly status: string;
  readonly cells: readonly ComparisonCell[];
}

export interface ComparisonSection {
  readonly kind: 'follow-up' | 'second-opinion';
  readonly title: string;
  /** One sentence: what this reading is compared with. */
  readonly against: string;
  /** Column headings: the other reading's, then this reading's. */
  readonly columns: readonly [string, string];
  /** What a cell whose two values are equal is called: "unchanged" over time, "same" between readers. */
  readonly sameWord: string;
  /** The changes (or disagreements) in clinical words, the ones that matter most first. */
  readonly changes: readonly string[];
  readonly rows: readonly ComparisonSectionRow[];
  readonly notes: readonly string[];
  /** The prior study, for the SR's reference (null for a second opinion, or when de-identified). */
  readonly priorStudy: { readonly studyInstanceUID: string; readonly date: string } | null;
}

/** The progression a follow-up comparison found, in words (what the proposed impression leads with); none otherwise. */
export function progressionOf(input: ComparisonInput | undefined): string[] {
  return input?.kind === 'follow-up' ? input.comparison.changes.filter((c) => c.progression).map((c) => c.text) : [];
}

/** The prior study as the prior reading recorded it (its subject), or what the document alone says. */
export function priorStudyOfDocument(doc: AnnotationDocument): PriorStudyRef {
  const study = doc.subject?.study;
  return {
    studyInstanceUID: doc.studyInstanceUID,
    date: study?.date ?? '',
    description: study?.description ?? '',
    modalities: study?.modalities ?? [],
    accessionNumber: study?.accessionNumber ?? '',
    reader: doc.reader.name,
  };
}

const dash = (value: string | number | null): string => (value === null ? '—' : `${value}`);
const band = (value: keyof typeof BAND_WORD | null): string => (value === null ? '—' : BAND_WORD[value]);
const percent = (value: number | null): string => (value === null ? '—' : `${Math.round(value)}%`);

function cell(label: string, before: string, after: string, important = false): ComparisonCell {
  const differs = before !== after;
  return { label, before, after, differs, important: differs && important };
}

const FOLLOW_UP_STATUS: Record<ComparisonRow['status'], string> = { new: 'new lesion', 'not-seen': 'not recorded on the current study', both: 'on both studies' };
const OPINION_STATUS: Record<OpinionRow['status'], string> = { both: 'both readers', 'this-only': 'this reading only', 'other-only': 'other reader only' };

function followUpRow(r: ComparisonRow): ComparisonSectionRow {
  return {
    levels: r.levels,
    status: FOLLOW_UP_STATUS[r.status],
    cells: [
      ...r.components.map((c) => cell(`SINS ${c.label.toLowerCase()}`, dash(c.values.prior), dash(c.values.current))),
      cell('SINS total', dash(r.sins.prior), dash(r.sins.current)),
      cell('SINS band', band(r.band.prior), band(r.band.current), true),
      cell('Measured collapse', percent(r.collapseMeasuredPercent.prior), percent(r.collapseMeasuredPercent.current)),
      cell('ESCC grade', dash(r.escc.prior), dash(r.escc.current)),
      cell('NOMS pathway', dash(r.pathway.prior), dash(r.pathway.current), true),
    ],
  };
}

function opinionRow(r: OpinionRow): ComparisonSectionRow {
  return {
    levels: r.levels,
    status: OPINION_STATUS[r.status],
    cells: [
      ...r.components.map((c) => cell(`SINS ${c.label.toLowerCase()}`, dash(c.values.prior), dash(c.values.current))),
      cell('SINS total', dash(r.sins.prior), dash(r.sins.current)),
      cell('SINS band', band(r.band.prior), band(r.band.current), true),
      cell('ESCC grade', dash(r.escc.prior), dash(r.escc.current)),
      cell('NOMS pathway', dash(r.pathway.prior), dash(r.pathway.current), true),
    ],
  };
}

function studyWords(prior: PriorStudyRef, deidentified: boolean): string {
  const what = [prior.description, prior.modalities.join(', ')].filter((s) => s !== '').join(', ') || 'spine imaging';
  if (deidentified) return `${what} (date removed, de-identified)`;
  const date = formatDicomDate(prior.date);
  return `${what}, ${date === '' ? 'date not recorded' : `dated ${date}`}${prior.accessionNumber ? `, accession ${prior.accessionNumber}` : ''}`;
}

export function comparisonSection(input: ComparisonInput, thisReader: string, deidentified: boolean): ComparisonSection {
  if (input.kind === 'follow-up') {
    const c = input.comparison;
    const changes = c.changes.map((x) => x.text);
    return {
      kind: 'follow-up',
      title: 'Comparison',
      against: `Compared with the prior study: ${studyWords(input.prior, deidentified)}${input.prior.reader && !deidentified ? `, read by ${input.prior.reader}` : ''}.`,
      columns: ['Prior', 'Current'],
      sameWord: 'unchanged',
      changes: changes.length > 0 ? changes : ['No change recorded between the two readings.'],
      rows: c.rows.map(followUpRow),
      notes: c.notCompared.map((n) => `${n.side === 'prior' ? 'Prior' : 'Current'} reading, ${n.title}: not compared`),
      priorStudy: deidentified ? null : { studyInstanceUID: input.prior.studyInstanceUID, date: input.prior.date },
    };
  }
  const o = input.opinion;
  const differences = o.rows.flatMap((r) => r.differences);
  const decisive = differences.filter((d) => d.changesBand || d.changesPathway).map((d) => d.text);
  const other = differences.filter((d) => !d.changesBand && !d.changesPathway).map((d) => d.text);
  const only = o.rows.map((r) => r.text).filter((t): t is string => t !== null);
  const changes = [...decisive, ...only, ...other];
  const name = (n: string, fallback: string): string => (deidentified || n.trim() === '' ? fallback : n.trim());
  return {
    kind: 'second-opinion',
    title: 'Second opinion',
    against: `Readings of the same study compared: ${name(input.otherReader, 'the other reader')} and ${name(thisReader, 'this reader')}; they agree on ${o.agreed} of ${o.compared} ${o.compared === 1 ? 'lesion' : 'lesions'}.`,
    sameWord: 'same',
    columns: [`Other reader${deidentified || input.otherReader.trim() === '' ? '' : ` (${input.otherReader.trim()})`}`, 'This reading'],
    changes: changes.length > 0 ? changes : ['The two readings agree on every finding.'],
    rows: o.rows.map(opinionRow),
    notes: [],
    priorStudy: null,
  };
}

/** Another reading to compare this one with: a prior study's, or another reader's of the same study. */
export interface CompareWith {
  readonly kind: 'follow-up' | 'second-opinion';
  readonly document: AnnotationDocument;
}

/**
 * The comparison input for a report, from the two documents (each derived by `derive`), or why they may not be
 * compared (two patients; a second opinion on another study).
 */
export function comparisonInputOf(
  other: CompareWith,
  current: AnnotationDocument,
  derive: (doc: AnnotationDocument) => DerivedReading,
): { readonly ok: true; readonly input: ComparisonInput } | { readonly ok: false; readonly reason: string } {
  if (other.kind === 'second-opinion') {
    const result = secondOpinionOnDocuments(other.document, current, derive);
    return result.ok ? { ok: true, input: { kind: 'second-opinion', opinion: result.opinion, otherReader: other.document.reader.name } } : result;
  }
  const result = compareDocuments(other.document, current, derive);
  return result.ok ? { ok: true, input: { kind: 'follow-up', comparison: result.comparison, prior: priorStudyOfDocument(other.document) } } : result;
}
