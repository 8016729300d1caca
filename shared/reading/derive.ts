/**
 * The one derivation: an annotation document (+ options such as the radiosensitivity table) → its derived reading.
 * The live scores panel, the report preview and model, PDF/text/SR, `cli score` on a document and `cli report` all
 * read this and nothing else, so they cannot disagree.
 *
 * - Lesions keep the document's order and are keyed by id; a consumer joins by id, never by array position.
 * - A draft is scored for everything that can be computed: a lesion the scoring contract cannot take yet (no level
 *   assigned, levels not contiguous or not in the patient's count, a repeated id) is listed as not scored, with the
 *   reason, and the other lesions and the patient's scores are still derived. Nothing refuses the whole document.
 * - Each derived fact says where it came from: measured on the images, the reader's call, derived from a cited rule
 *   table, or derived by one of the project's conventions (docs/clinical-rules.md marks those CONVENTION).
 */
import type { AnnotationDocument, Lesion } from '../annotation/schema';
import { measuredCollapsePercent, patientContext, projectToScoring } from '../annotation/project-to-scoring';
import { levelsProblem } from '../spine/levels';
import type { SpineCounts } from '../spine/levels';
import { isTransitionalLevel } from '../spine/variants';
import type { Problem } from '../validation/parse';
import { DEFAULT_RADIOSENSITIVITY, parseScoringInput, radiosensitivityOf, scoreStudy, sinsLocationDetail } from '../scoring/index';
import type {
  LesionOutput, Mechanical, Neurologic, Oncologic, PatientOutput, Radiosensitivity, ResolvedContext, ScoringInputDraft, ScoringOptions, ScoringOutput, Systemic,
} from '../scoring/index';
import type { SinsRegion } from '../spine/regions';

/** Where a value came from. */
export type FactSource = 'measured' | 'reader' | 'table' | 'convention';

export interface Fact<T> {
  readonly value: T;
  readonly source: FactSource;
}

export type SkipReason = 'level-not-assigned' | 'levels-invalid' | 'duplicate-id';

export interface LesionFacts {
  /** SINS location region (null: outside SINS, i.e. Co); a convention when several levels or a variant level decide it. */
  readonly location: Fact<SinsRegion | null>;
  /** Measured % height loss (0–100) from the lesion's height measurement, null without one. */
  readonly collapseMeasuredPercent: number | null;
  readonly collapse: Fact<Lesion['collapse']['value']>;
  readonly alignment: Fact<Lesion['alignment']['value']>;
  readonly neurologic: Fact<Neurologic>;
  readonly oncologic: Fact<Oncologic>;
  readonly mechanical: Fact<Mechanical>;
  readonly systemic: Fact<Systemic>;
}

interface LesionBase {
  readonly id: string;
  /** Position in the document (what the reader sees as "Lesion n"). */
  readonly index: number;
  readonly lesion: Lesion;
}

export interface ScoredLesion extends LesionBase {
  readonly status: 'scored';
  readonly scores: LesionOutput;
  readonly facts: LesionFacts;
}

export interface UnscoredLesion extends LesionBase {
  readonly status: 'not-scored';
  readonly reason: SkipReason;
  /** Why, in plain words (e.g. "level not assigned"). */
  readonly message: string;
}

export type DerivedLesion = ScoredLesion | UnscoredLesion;

export interface DerivedReading {
  readonly rulesVersion: string;
  readonly counts: SpineCounts;
  /** Every lesion of the document, in its order. */
  readonly lesions: readonly DerivedLesion[];
  readonly patient: PatientOutput & {
    /** The radiosensitivity NOMS uses: the reader's override, else the table's value for the histology. */
    readonly radiosensitivity: Fact<Radiosensitivity | null>;
    /** What the table says for the histology, override or not (shown beside the override choice). */
    readonly tableRadiosensitivity: Radiosensitivity | null;
    /** The prognosis answers derived from the histology and the one visceral answer, or the reader's (and which override). */
    readonly context: ResolvedContext;
  };
  /** The scoring contract's output for the scored lesions: exactly what `cli score` prints for this document. */
  readonly output: ScoringOutput;
  /** Where a value had to be filled (e.g. an unknown sign scored as false), by document path. */
  readonly notes: readonly Problem[];
}

export const SKIP_MESSAGES: Record<SkipReason, string> = {
  'level-not-assigned': 'level not assigned',
  'levels-invalid': 'levels not valid for this spine',
  'duplicate-id': 'repeated lesion record',
};

function skipOf(lesion: Lesion, counts: SpineCounts, seen: ReadonlySet<string>): { reason: SkipReason; message: string } | null {
  if (lesion.levels.length === 0) return { reason: 'level-not-assigned', message: SKIP_MESSAGES['level-not-assigned'] };
  const problem = levelsProblem(lesion.levels, counts);
  if (problem !== null) return { reason: 'levels-invalid', message: `${SKIP_MESSAGES['levels-invalid']}: ${problem}` };
  if (seen.has(lesion.id)) return { reason: 'duplicate-id', message: `${SKIP_MESSAGES['duplicate-id']} (id ${lesion.id} appears more than once)` };
  return null;
}

function lesionFacts(doc: AnnotationDocument, lesion: Lesion, out: LesionOutput, oncologic: Fact<Oncologic>, counts: SpineCounts): LesionFacts {
  const detail = sinsLocationDetail(lesion.levels, counts);
  // Multi-level lesions and variant levels are placed by the project's conventions (docs/clinical-rules.md §1, §2).
  const byConvention = lesion.levels.length > 1 || lesion.levels.some((l) => isTransitionalLevel(l, counts));
  const fromMeasurement = (source: Lesion['collapse']['source']): FactSource => (source === 'measurement-confirmed' ? 'measured' : 'reader');
  const judged = out.noms.mechanical === 'indeterminate' && lesion.instabilityJudgement !== 'unknown';
  return {
    location: { value: detail.region, source: byConvention ? 'convention' : 'table' },
    collapseMeasuredPercent: measuredCollapsePercent(doc, lesion),
    collapse: { value: lesion.collapse.value, source: fromMeasurement(lesion.collapse.source) },
    alignment: { value: lesion.alignment.value, source: fromMeasurement(lesion.alignment.source) },
    // An unknown cord signal is scored as false (the contract has no unknown there): that N rests on a convention.
    neurologic: { value: out.noms.neurologic, source: lesion.cordSignalChange === 'unknown' && out.noms.neurologic === 'low' ? 'convention' : 'table' },
    oncologic,
    mechanical: { value: out.noms.mechanical, source: judged ? 'reader' : 'table' },
    systemic: { value: out.noms.systemic, source: 'reader' },
  };
}

/** The derived reading of a (loaded, schema-valid) document. Pure; never refuses a draft. */
export function deriveReading(doc: AnnotationDocument, options: ScoringOptions = {}): DerivedReading {
  const table = options.radiosensitivityTable ?? DEFAULT_RADIOSENSITIVITY;
  const projection = projectToScoring(doc);
  const counts: SpineCounts = { thoracicCount: doc.spine.variants.thoracicCount, lumbarCount: doc.spine.variants.lumbarCount };

  const seen = new Set<string>();
  const skips = doc.lesions.map((lesion) => {
    const skip = skipOf(lesion, counts, seen);
    if (skip === null) seen.add(lesion.id);
    return skip;
  });
  const scoredIndices = doc.lesions.map((_, i) => i).filter((i) => skips[i] === null);
  const input: ScoringInputDraft = { ...projection.input, lesions: scoredIndices.map((i) => projection.input.lesions[i]).filter((l) => l !== undefined) };
  const parsed = parseScoringInput(input);
  // Every lesion the contract could refuse was set aside above and the patient part of a schema-valid document always
  // projects: a refusal here is a bug in this module, not a property of the reader's draft.
  if (!parsed.ok) throw new Error(`deriveReading: projection refused: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  const output = scoreStudy(parsed.value, { radiosensitivityTable: table });

  const radio = radiosensitivityOf(doc.patient.histology, doc.patient.radiosensitivityOverride, table);
  const radiosensitivity: Fact<Radiosensitivity | null> = { value: radio.value, source: radio.source === 'reader' ? 'reader' : 'table' };
  const oncologic: Fact<Oncologic> = { value: radio.value ?? 'unknown', source: radiosensitivity.source };

  const byId = new Map(output.lesions.map((l) => [l.id, l]));
  const lesions: DerivedLesion[] = doc.lesions.map((lesion, index) => {
    const skip = skips[index] ?? null;
    const scores = skip === null ? byId.get(lesion.id) : undefined;
    if (skip !== null || scores === undefined) {
      const why = skip ?? { reason: 'duplicate-id' as const, message: SKIP_MESSAGES['duplicate-id'] };
      return { status: 'not-scored', id: lesion.id, index, lesion, reason: why.reason, message: why.message };
    }
    return { status: 'scored', id: lesion.id, index, lesion, scores, facts: lesionFacts(doc, lesion, scores, oncologic, counts) };
  });

  // Notes about a lesion that is not scored would describe scores that do not exist.
  const unscoredPaths = lesions.filter((l) => l.status === 'not-scored').map((l) => `lesions[${l.index}].`);
  const notes = projection.notes.filter((n) => !unscoredPaths.some((p) => n.path.startsWith(p)));
  return { rulesVersion: output.rulesVersion, counts, lesions, patient: { ...output.patient, radiosensitivity, tableRadiosensitivity: radiosensitivityOf(doc.patient.histology, null, table).value, context: patientContext(doc.patient) }, output, notes };
}

export const scoredLesions = (reading: DerivedReading): ScoredLesion[] => reading.lesions.filter((l): l is ScoredLesion => l.status === 'scored');
export const unscoredLesions = (reading: DerivedReading): UnscoredLesion[] => reading.lesions.filter((l): l is UnscoredLesion => l.status === 'not-scored');
