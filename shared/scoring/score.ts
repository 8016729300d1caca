// The scoring core's one entry point: a validated contract input in, the contract output out. Pure.

import type { ScoringInput, ScoringOutput, LesionOutput, PatientOutput, LesionInput, PatientInput } from './contract';
import type { SpineCounts } from '../spine/levels';
import { scoreEscc } from './escc';
import { lesionFlags, patientFlags } from './flags';
import { neurologicOf, scoreNoms } from './noms';
import { scoreBauer } from './prognosis/bauer';
import { scoreTokuhashi } from './prognosis/tokuhashi';
import { scoreTomita } from './prognosis/tomita';
import { radiosensitivityOf, DEFAULT_RADIOSENSITIVITY } from './radiosensitivity';
import type { RadiosensitivityTable } from './radiosensitivity';
import { RULES_VERSION } from './rules-version';
import { scoreSins } from './sins';

/** Reports carry it; it changes with the rule tables (rules-version.ts, checked against their fingerprint). */
export { RULES_VERSION };

export interface ScoringOptions {
  /** Histology → radiosensitivity; defaults to the table in radiosensitivity.ts. */
  readonly radiosensitivityTable?: RadiosensitivityTable;
}

function scoreLesion(lesion: LesionInput, patient: PatientInput, counts: SpineCounts, options: ScoringOptions): LesionOutput {
  const sins = scoreSins(lesion, counts);
  const escc = scoreEscc(lesion.escc);
  const neurologic = neurologicOf({ escc, cordSignalChange: lesion.cordSignalChange, myelopathy: patient.myelopathy });
  const oncologic = radiosensitivityOf(patient.histology, patient.radiosensitivity, options.radiosensitivityTable ?? DEFAULT_RADIOSENSITIVITY).value ?? 'unknown';
  const noms = scoreNoms({
    neurologic,
    oncologic,
    sinsRange: sins.range,
    judgement: lesion.instabilityJudgement,
    systemic: patient.canTolerateSurgery,
  });
  const flags = lesionFlags({ ...lesion, escc, neurologic }, counts);
  return { id: lesion.id, levels: [...lesion.levels], sins, escc, noms, flags };
}

function scorePatient(patient: PatientInput, counts: SpineCounts): PatientOutput {
  const out: PatientOutput = { flags: patientFlags({ emergency: patient.emergency, counts }) };
  const prognosis = patient.prognosis;
  if (prognosis === undefined) return out;
  // A score lacking inputs is absent from the output (its reason stays internal).
  const tokuhashi = scoreTokuhashi(prognosis).value;
  const tomita = scoreTomita(prognosis).value;
  const bauer = scoreBauer(prognosis.bauer).value;
  if (tokuhashi !== null) out.tokuhashi = tokuhashi;
  if (tomita !== null) out.tomita = tomita;
  if (bauer !== null) out.modifiedBauer = bauer;
  return out;
}

export function scoreStudy(input: ScoringInput, options: ScoringOptions = {}): ScoringOutput {
  const counts = input.spine;
  return {
    rulesVersion: RULES_VERSION,
    lesions: input.lesions.map((lesion) => scoreLesion(lesion, input.patient, counts, options)),
    patient: scorePatient(input.patient, counts),
  };
}
