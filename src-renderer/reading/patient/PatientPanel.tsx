import type { Patient } from '@shared/annotation';
import {
  BONE_METASTASES_VALUES,
  FRANKEL_VALUES,
  HISTOLOGIES,
  RADIOSENSITIVITY_VALUES,
  SURGERY_TOLERANCE_VALUES,
  TOKUHASHI_PRIMARY_VALUES,
  TOMITA_GROWTH_VALUES,
  TOMITA_VISCERAL_VALUES,
  VISCERAL_METASTASES_VALUES,
} from '@shared/scoring';
import type { TokuhashiPrimary } from '@shared/scoring';
import { ONCOLOGIC_TEXT } from '@shared/reading/wording';
import { useReading } from '../context';
import { useDocumentSnapshot } from '../document-store';
import { useDerivedReading } from '../scores/use-scores';
import { ClinicalQuestion } from './ClinicalQuestion';

type Choice = readonly [value: string, label: string];
const YES_NO: readonly Choice[] = [['unknown', 'unknown'], ['true', 'yes'], ['false', 'no']];
/** ASIA impairment scale: context only, in no rule table. */
const ASIA_GRADES: readonly Choice[] = ['unknown', 'A', 'B', 'C', 'D', 'E'].map((g) => [g, g] as const);

/** A rule table's values as choices, `unknown` first; each value is its own label unless `labels` names it. */
function choices<V extends string>(values: readonly V[], labels: Partial<Record<V, string>> = {}): Choice[] {
  return [['unknown', 'unknown'], ...values.map((v) => [v, labels[v] ?? v] as const)];
}

/** Every Tokuhashi primary group needs a label here: a new row in the table does not compile without one. */
const TOKUHASHI_PRIMARY_LABELS: Record<TokuhashiPrimary, string> = {
  lung_osteosarcoma_stomach_bladder_oesophagus_pancreas: 'lung, osteosarcoma, stomach, bladder, oesophagus, pancreas',
  liver_gallbladder_unidentified: 'liver, gallbladder, unidentified',
  other: 'other',
  kidney_uterus: 'kidney, uterus',
  rectum: 'rectum',
  thyroid_breast_prostate_carcinoid: 'thyroid, breast, prostate, carcinoid',
};

/** Select values are strings; the document wants booleans and numbers where its schema says so. */
function decode(value: string): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (value === 'null') return null;
  return /^\d+$/.test(value) ? Number(value) : value;
}

function get(patient: Patient, path: string): string {
  let node: unknown = patient;
  for (const key of path.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  return String(node);
}

/** Patient context: histology (-> radiosensitivity, overridable), neurology, emergency signs, fitness, prognosis. */
export function PatientPanel() {
  const { store } = useReading();
  const { document: doc } = useDocumentSnapshot(store);
  // The table's answer comes from the one derivation (the same table the scores use).
  const reading = useDerivedReading(doc);
  if (doc === null || reading === null) return null;
  const p = doc.patient;
  const field = (path: string, label: string, choices: readonly Choice[]) => (
    <label className="rd-select" key={path}>
      <span>{label}</span>
      <select value={get(p, path)} aria-label={label} onChange={(e) => store.dispatch({ type: 'setPatientField', args: { field: path, value: decode(e.target.value) } })}>
        {choices.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
  const table = reading.patient.tableRadiosensitivity;
  return (
    <section className="rd-section" aria-label="Patient">
      <h2 className="panel-title">Patient</h2>
      <ClinicalQuestion store={store} question={p.referringQuestion} />
      {field('histology', 'Primary histology', HISTOLOGIES.map((h) => [h.value, h.label] as const))}
      {field('radiosensitivityOverride', `Radiosensitivity (table: ${table === null ? 'not in table' : ONCOLOGIC_TEXT[table]})`, [['null', 'from the table'], ...RADIOSENSITIVITY_VALUES.map((v) => [v, `${ONCOLOGIC_TEXT[v]} (override)`] as const)])}
      {field('myelopathy', 'Myelopathy', YES_NO)}
      {field('frankel', 'Frankel grade', choices(FRANKEL_VALUES))}
      {field('asia', 'ASIA grade', ASIA_GRADES)}
      {field('ambulatory', 'Ambulatory', [['unknown', 'unknown'], ['ambulatory', 'ambulatory'], ['ambulatory-with-aid', 'with aid'], ['non-ambulatory', 'non-ambulatory']])}
      <fieldset className="rd-field">
        <legend>Emergency signs</legend>
        {field('emergency.rapidWeaknessProgression', 'Rapidly progressing weakness', YES_NO)}
        {field('emergency.newInabilityToWalk', 'New inability to walk', YES_NO)}
        {field('emergency.newBladderDysfunction', 'New bladder dysfunction', YES_NO)}
        {field('emergency.bilateralSymptoms', 'Bilateral symptoms', YES_NO)}
      </fieldset>
      {field('ecog', 'ECOG', [['unknown', 'unknown'], ...[0, 1, 2, 3, 4, 5].map((n) => [String(n), String(n)] as const)])}
      {field('kps', 'KPS', [['unknown', 'unknown'], ...[100, 90, 80, 70, 60, 50, 40, 30, 20, 10, 0].map((n) => [String(n), String(n)] as const)])}
      {field('canTolerateSurgery', 'Can tolerate surgery', choices(SURGERY_TOLERANCE_VALUES))}
      <fieldset className="rd-field">
        <legend>Prognosis inputs</legend>
        {field('prognosis.visceralMetastases', 'Visceral metastases (Tokuhashi)', choices(VISCERAL_METASTASES_VALUES))}
        {field('prognosis.extraspinalBoneMetastases', 'Extraspinal bone metastases', [['unknown', 'unknown'], ['0', '0'], ['1', '1–2'], ['3', '≥ 3']])}
        {field('prognosis.vertebralMetastases', 'Vertebral metastases', [['unknown', 'unknown'], ['1', '1'], ['2', '2'], ['3', '≥ 3']])}
        {field('prognosis.tokuhashiPrimary', 'Primary (Tokuhashi)', choices(TOKUHASHI_PRIMARY_VALUES, TOKUHASHI_PRIMARY_LABELS))}
        {field('prognosis.tomitaPrimaryGrowth', 'Primary growth (Tomita)', choices(TOMITA_GROWTH_VALUES))}
        {field('prognosis.tomitaVisceral', 'Visceral (Tomita)', choices(TOMITA_VISCERAL_VALUES))}
        {field('prognosis.boneMetastases', 'Bone metastases (Tomita)', choices(BONE_METASTASES_VALUES))}
        {field('prognosis.bauer.visceralMetastases', 'Bauer: visceral metastases', YES_NO)}
        {field('prognosis.bauer.lungPrimary', 'Bauer: lung primary', YES_NO)}
        {field('prognosis.bauer.favourablePrimary', 'Bauer: favourable primary', YES_NO)}
        {field('prognosis.bauer.solitarySkeletal', 'Bauer: solitary skeletal', YES_NO)}
      </fieldset>
    </section>
  );
}
