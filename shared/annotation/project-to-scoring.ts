/**
 * Document → scoring-contract input (docs/scoring-contract.md), with the contract's exact names and values.
 * - Unknowns stay unknown wherever the contract can say so; where it cannot (cordSignalChange and the emergency
 *   signs are plain booleans there) the contract's own default (false) is used and a note says so.
 * - A prognosis input that is 'unknown' is left out, so the scores needing it are not computed.
 * - Spine counts come from the reader's variants; collapseMeasuredPercent from the lesion's height measurement.
 */
import type { Problem } from '../validation/parse';
import { resolvePatientContext } from '../scoring/index';
import type { ResolvedContext, ScoringInputDraft } from '../scoring/index';
import { assessHeights } from './heights';
import type { AnnotationDocument, Lesion, Patient } from './schema';

type DraftPatient = ScoringInputDraft['patient'];
type DraftLesion = ScoringInputDraft['lesions'][number];
type DraftPrognosis = NonNullable<DraftPatient['prognosis']>;

export interface Projection {
  readonly input: ScoringInputDraft;
  /** Where the projection had to fill a value the contract cannot leave unknown. */
  readonly notes: readonly Problem[];
}

const known = <T>(value: T | 'unknown'): value is T => value !== 'unknown';

function booleanOrFalse(value: boolean | 'unknown', path: string, consequence: string, notes: Problem[]): boolean {
  if (known(value)) return value;
  notes.push({ path, message: `not assessed, counted as no for scoring: ${consequence}` });
  return false;
}

/** The patient's derivable prognosis answers resolved (derived from the histology and the visceral answer, or the reader's). */
export function patientContext(patient: Patient): ResolvedContext {
  const p = patient.prognosis;
  return resolvePatientContext({
    histology: patient.histology,
    visceral: p.visceral,
    tokuhashiPrimary: p.tokuhashiPrimary,
    tomitaPrimaryGrowth: p.tomitaPrimaryGrowth,
    visceralMetastases: p.visceralMetastases,
    tomitaVisceral: p.tomitaVisceral,
    bauerVisceral: p.bauer.visceralMetastases,
    bauerLung: p.bauer.lungPrimary,
    bauerFavourable: p.bauer.favourablePrimary,
  });
}

/** Only the known fields: each prognosis score is computed when all of its inputs are present. */
function projectPrognosis(patient: Patient): DraftPrognosis | undefined {
  const p = patient.prognosis;
  const c = patientContext(patient);
  const out: DraftPrognosis = {};
  if (known(patient.kps)) out.kps = patient.kps;
  if (known(p.extraspinalBoneMetastases)) out.extraspinalBoneMetastases = p.extraspinalBoneMetastases;
  if (known(p.vertebralMetastases)) out.vertebralMetastases = p.vertebralMetastases;
  if (known(c.visceralMetastases.value)) out.visceralMetastases = c.visceralMetastases.value;
  if (known(c.tokuhashiPrimary.value)) out.tokuhashiPrimary = c.tokuhashiPrimary.value;
  if (known(patient.frankel)) out.frankel = patient.frankel;
  if (known(c.tomitaPrimaryGrowth.value)) out.tomitaPrimaryGrowth = c.tomitaPrimaryGrowth.value;
  if (known(c.tomitaVisceral.value)) out.tomitaVisceral = c.tomitaVisceral.value;
  if (known(p.boneMetastases)) out.boneMetastases = p.boneMetastases;
  const bauer: NonNullable<DraftPrognosis['bauer']> = {};
  const bauerAnswers = { visceralMetastases: c.bauerVisceral.value, lungPrimary: c.bauerLung.value, favourablePrimary: c.bauerFavourable.value, solitarySkeletal: p.bauer.solitarySkeletal };
  for (const key of ['visceralMetastases', 'lungPrimary', 'favourablePrimary', 'solitarySkeletal'] as const) {
    const value = bauerAnswers[key];
    if (known(value)) bauer[key] = value;
  }
  if (Object.keys(bauer).length > 0) out.bauer = bauer;
  return Object.keys(out).length > 0 ? out : undefined;
}

function projectPatient(patient: Patient, notes: Problem[]): DraftPatient {
  const e = patient.emergency;
  const sign = (key: 'rapidWeaknessProgression' | 'newInabilityToWalk' | 'newBladderDysfunction' | 'bilateralSymptoms') =>
    booleanOrFalse(e[key], `patient.emergency.${key}`, 'the emergency flag cannot be raised by this sign', notes);
  const prognosis = projectPrognosis(patient);
  return {
    histology: patient.histology,
    radiosensitivity: patient.radiosensitivityOverride,
    myelopathy: patient.myelopathy,
    canTolerateSurgery: patient.canTolerateSurgery,
    emergency: {
      rapidWeaknessProgression: sign('rapidWeaknessProgression'),
      newInabilityToWalk: sign('newInabilityToWalk'),
      newBladderDysfunction: sign('newBladderDysfunction'),
      bilateralSymptoms: sign('bilateralSymptoms'),
      completeParalysisHours: e.completeParalysisHours,
    },
    ...(prognosis ? { prognosis } : {}),
  };
}

/**
 * Measured % height loss for a lesion: its linked measurement, otherwise the worst computable height measurement
 * whose index body is one of the lesion's levels; null when there is none. Clamped to the contract's 0–100
 * (a taller-than-expected body is 0 % loss).
 */
export function measuredCollapsePercent(doc: AnnotationDocument, lesion: Lesion): number | null {
  const link = lesion.collapse.measurementId;
  const candidates = doc.measurements.filter(
    (m) => m.kind === 'vertebral-heights' && (link !== undefined ? m.id === link : lesion.levels.includes(m.index.level)),
  );
  let worst: number | null = null;
  for (const m of candidates) {
    if (m.kind !== 'vertebral-heights') continue;
    const result = assessHeights(m);
    if (result.computable && (worst === null || result.worst.lossPercent > worst)) worst = result.worst.lossPercent;
  }
  return worst === null ? null : Math.min(100, Math.max(0, worst));
}

function projectLesion(doc: AnnotationDocument, lesion: Lesion, index: number, notes: Problem[]): DraftLesion {
  return {
    id: lesion.id,
    levels: [...lesion.levels],
    pain: lesion.pain,
    boneLesion: lesion.boneLesion,
    alignment: lesion.alignment.value,
    collapse: lesion.collapse.value,
    posterolateral: lesion.posterolateral,
    collapseMeasuredPercent: measuredCollapsePercent(doc, lesion),
    escc: lesion.escc,
    cordSignalChange: booleanOrFalse(
      lesion.cordSignalChange,
      `lesions[${index}].cordSignalChange`,
      'neurologic status is high only through ESCC 2/3 or myelopathy',
      notes,
    ),
    instabilityJudgement: known(lesion.instabilityJudgement) ? lesion.instabilityJudgement : null,
  };
}

export function projectToScoring(doc: AnnotationDocument): Projection {
  const notes: Problem[] = [];
  const { thoracicCount, lumbarCount } = doc.spine.variants;
  const input: ScoringInputDraft = {
    spine: { thoracicCount, lumbarCount },
    patient: projectPatient(doc.patient, notes),
    lesions: doc.lesions.map((lesion, i) => projectLesion(doc, lesion, i, notes)),
  };
  return { input, notes };
}
