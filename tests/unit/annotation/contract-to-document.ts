// Test-only inverse of the projection: builds an annotation document that says what a contract input says, so
// every shared scoring vector can be replayed through document → projection → scoring.
import { defaultLesion, defaultPatient } from '@shared/annotation/defaults';
import type { AnnotationDocument, Lesion, Measurement } from '@shared/annotation/schema';
import type { ScoringInputDraft } from '@shared/scoring/index';
import { body, emptyDoc, FOR, SOURCE } from './fixtures';

type DraftLesion = ScoringInputDraft['lesions'][number];

/** A height measurement on the lesion's first level whose worst loss is exactly `percent`. */
function heightsFor(id: string, level: string, percent: number): Measurement {
  return { id, kind: 'vertebral-heights', frameOfReferenceUID: FOR, sourceInstance: SOURCE, note: '', index: body(level, 100 - percent, 100, 100), above: body('T1', 100, 100, 100), below: null };
}

function lesionFrom(l: DraftLesion, measurements: Measurement[]): Lesion {
  const base = defaultLesion(l.id, l.levels);
  let collapse: Lesion['collapse'] = { value: l.collapse, source: 'reader' };
  const percent = l.collapseMeasuredPercent;
  if (percent !== undefined && percent !== null) {
    const id = `msr-${measurements.length + 1}`;
    measurements.push(heightsFor(id, l.levels[0] ?? 'L1', percent));
    collapse = { ...collapse, measurementId: id };
  }
  return {
    ...base,
    pain: l.pain,
    boneLesion: l.boneLesion,
    alignment: { value: l.alignment, source: 'reader', measurementIds: [] },
    collapse,
    posterolateral: l.posterolateral,
    escc: l.escc,
    cordSignalChange: l.cordSignalChange ?? false,
    instabilityJudgement: l.instabilityJudgement ?? 'unknown',
  };
}

export function documentFromContract(input: ScoringInputDraft): AnnotationDocument {
  const doc = emptyDoc();
  const patient = defaultPatient();
  const p = input.patient;
  const e = p.emergency;
  const g = p.prognosis;
  const measurements: Measurement[] = [];
  const lesions = input.lesions.map((l) => lesionFrom(l, measurements));
  const known = <T>(value: T | undefined): T | 'unknown' => (value === undefined ? 'unknown' : value);
  return {
    ...doc,
    spine: { ...doc.spine, variants: { thoracicCount: input.spine?.thoracicCount ?? 12, lumbarCount: input.spine?.lumbarCount ?? 5, castellvi: null } },
    lesions,
    measurements,
    patient: {
      ...patient,
      histology: p.histology,
      radiosensitivityOverride: p.radiosensitivity ?? null,
      myelopathy: p.myelopathy ?? false,
      canTolerateSurgery: p.canTolerateSurgery ?? 'unknown',
      emergency: {
        rapidWeaknessProgression: e?.rapidWeaknessProgression ?? false,
        newInabilityToWalk: e?.newInabilityToWalk ?? false,
        newBladderDysfunction: e?.newBladderDysfunction ?? false,
        bilateralSymptoms: e?.bilateralSymptoms ?? false,
        completeParalysisHours: e?.completeParalysisHours ?? null,
      },
      kps: known(g?.kps),
      frankel: known(g?.frankel),
      prognosis: {
        extraspinalBoneMetastases: known(g?.extraspinalBoneMetastases),
        vertebralMetastases: known(g?.vertebralMetastases),
        visceral: 'unknown',
        visceralMetastases: known(g?.visceralMetastases),
        tokuhashiPrimary: known(g?.tokuhashiPrimary),
        tomitaPrimaryGrowth: known(g?.tomitaPrimaryGrowth),
        tomitaVisceral: known(g?.tomitaVisceral),
        boneMetastases: known(g?.boneMetastases),
        bauer: {
          visceralMetastases: known(g?.bauer?.visceralMetastases),
          lungPrimary: known(g?.bauer?.lungPrimary),
          favourablePrimary: known(g?.bauer?.favourablePrimary),
          solitarySkeletal: known(g?.bauer?.solitarySkeletal),
        },
      },
    },
  };
}
