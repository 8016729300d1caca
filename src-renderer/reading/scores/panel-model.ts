// What the scores panel shows, as plain data: one entry per lesion of the document (by id, in its order), in the
// words of the shared wording module, so the panel and the report say the same thing. Pure; ScoresPanel renders it.
import type { DerivedReading } from '@shared/reading/derive';
import {
  MECHANICAL_TEXT, NEUROLOGIC_TEXT, NOT_ASSESSED, ONCOLOGIC_TEXT, PROGNOSIS_NAMES, SYSTEMIC_TEXT, alternativeText, esccWording, flagLabel,
  lesionTitle, notScoredText, pathwayText, prognosisText, sinsBandText, sinsTotalText, surgicalConsultationText,
} from '@shared/reading/wording';
import type { SinsComponents } from '@shared/scoring';

export const SINS_COMPONENT_NAMES = [
  ['location', 'Location'],
  ['pain', 'Pain'],
  ['boneLesion', 'Bone lesion'],
  ['alignment', 'Alignment'],
  ['collapse', 'Collapse'],
  ['posterolateral', 'Posterolateral'],
] as const satisfies ReadonlyArray<readonly [keyof SinsComponents, string]>;

export interface PanelScoredLesion {
  readonly status: 'scored';
  readonly id: string;
  readonly title: string;
  readonly components: ReadonlyArray<{ readonly key: keyof SinsComponents; readonly label: string; readonly points: string }>;
  readonly sinsTotal: string;
  readonly band: string;
  readonly surgicalConsultation: string;
  readonly escc: string;
  readonly noms: string;
  /** The single pathway, or null when it depends on unknown inputs (then `alternatives`). */
  readonly pathway: string | null;
  readonly alternatives: readonly string[];
  readonly flags: ReadonlyArray<{ readonly code: string; readonly label: string }>;
  /** One line for the summary kept in view above the form. */
  readonly summary: string;
}

export interface PanelUnscoredLesion {
  readonly status: 'not-scored';
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

export type PanelLesion = PanelScoredLesion | PanelUnscoredLesion;

export interface PanelModel {
  readonly lesions: readonly PanelLesion[];
  readonly patientFlags: ReadonlyArray<{ readonly code: string; readonly label: string }>;
  readonly emergency: boolean;
  readonly prognosis: ReadonlyArray<{ readonly name: string; readonly text: string }>;
  readonly rulesVersion: string;
}

export function panelModel(reading: DerivedReading): PanelModel {
  const lesions = reading.lesions.map((l): PanelLesion => {
    const title = lesionTitle(l.index + 1, l.lesion.levels, reading.counts);
    if (l.status === 'not-scored') return { status: 'not-scored', id: l.id, title, text: notScoredText(l.message) };
    const { sins, escc, noms, flags } = l.scores;
    const pathway = noms.pathway === null ? null : pathwayText(noms.pathway);
    const sinsTotal = sinsTotalText(sins.total, sins.range);
    const band = sinsBandText(sins.band, sins.range);
    return {
      status: 'scored',
      id: l.id,
      title,
      components: SINS_COMPONENT_NAMES.map(([key, label]) => ({ key, label, points: sins.components[key] === null ? NOT_ASSESSED : String(sins.components[key]) })),
      sinsTotal,
      band,
      surgicalConsultation: surgicalConsultationText(sins.surgicalConsultation),
      escc: esccWording(escc, l.lesion.caudaEquina),
      noms: `Neurologic ${NEUROLOGIC_TEXT[noms.neurologic]} · Oncologic ${ONCOLOGIC_TEXT[noms.oncologic]} · Mechanical ${MECHANICAL_TEXT[noms.mechanical]} · Systemic ${SYSTEMIC_TEXT[noms.systemic]}`,
      pathway,
      alternatives: noms.pathway === null ? noms.alternatives.map(alternativeText) : [],
      flags: flags.map((code) => ({ code, label: flagLabel(code) })),
      summary: `SINS ${sinsTotal} · ESCC ${escc.grade} · ${pathway ?? `NOMS: ${noms.alternatives.length} options`}`,
    };
  });
  const { patient } = reading;
  return {
    lesions,
    patientFlags: patient.flags.map((code) => ({ code, label: flagLabel(code) })),
    emergency: patient.flags.includes('mscc_emergency'),
    prognosis: (['tokuhashi', 'tomita', 'modifiedBauer'] as const).map((k) => ({ name: PROGNOSIS_NAMES[k], text: prognosisText(k, patient[k]) })),
    rulesVersion: reading.rulesVersion,
  };
}
