import type { Patient } from '@shared/annotation';
import { HISTOLOGIES } from '@shared/scoring';
import { ONCOLOGIC_TEXT } from '@shared/reading/wording';
import { useReading } from '../context';
import { useDocumentSnapshot } from '../document-store';
import { useDerivedReading } from '../scores/use-scores';

type Choice = readonly [value: string, label: string];
const YES_NO: readonly Choice[] = [['unknown', 'unknown'], ['true', 'yes'], ['false', 'no']];
const GRADES: readonly Choice[] = ['unknown', 'A', 'B', 'C', 'D', 'E'].map((g) => [g, g] as const);

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
      {field('histology', 'Primary histology', HISTOLOGIES.map((h) => [h.value, h.label] as const))}
      {field('radiosensitivityOverride', `Radiosensitivity (table: ${table === null ? 'not in table' : ONCOLOGIC_TEXT[table]})`, [['null', 'from the table'], ['sensitive', 'sensitive (override)'], ['resistant', 'resistant (override)']])}
      {field('myelopathy', 'Myelopathy', YES_NO)}
      {field('frankel', 'Frankel grade', GRADES)}
      {field('asia', 'ASIA grade', GRADES)}
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
      {field('canTolerateSurgery', 'Can tolerate surgery', [['unknown', 'unknown'], ['yes', 'yes'], ['no', 'no']])}
      <fieldset className="rd-field">
        <legend>Prognosis inputs</legend>
        {field('prognosis.visceralMetastases', 'Visceral metastases (Tokuhashi)', [['unknown', 'unknown'], ['none', 'none'], ['removable', 'removable'], ['unremovable', 'unremovable']])}
        {field('prognosis.extraspinalBoneMetastases', 'Extraspinal bone metastases', [['unknown', 'unknown'], ['0', '0'], ['1', '1–2'], ['3', '≥ 3']])}
        {field('prognosis.vertebralMetastases', 'Vertebral metastases', [['unknown', 'unknown'], ['1', '1'], ['2', '2'], ['3', '≥ 3']])}
        {field('prognosis.tokuhashiPrimary', 'Primary (Tokuhashi)', [
          ['unknown', 'unknown'],
          ['lung_osteosarcoma_stomach_bladder_oesophagus_pancreas', 'lung, osteosarcoma, stomach, bladder, oesophagus, pancreas'],
          ['liver_gallbladder_unidentified', 'liver, gallbladder, unidentified'],
          ['other', 'other'],
          ['kidney_uterus', 'kidney, uterus'],
          ['rectum', 'rectum'],
          ['thyroid_breast_prostate_carcinoid', 'thyroid, breast, prostate, carcinoid'],
        ])}
        {field('prognosis.tomitaPrimaryGrowth', 'Primary growth (Tomita)', [['unknown', 'unknown'], ['slow', 'slow'], ['moderate', 'moderate'], ['rapid', 'rapid']])}
        {field('prognosis.tomitaVisceral', 'Visceral (Tomita)', [['unknown', 'unknown'], ['none', 'none'], ['treatable', 'treatable'], ['untreatable', 'untreatable']])}
        {field('prognosis.boneMetastases', 'Bone metastases (Tomita)', [['unknown', 'unknown'], ['solitary', 'solitary'], ['multiple', 'multiple']])}
        {field('prognosis.bauer.visceralMetastases', 'Bauer: visceral metastases', YES_NO)}
        {field('prognosis.bauer.lungPrimary', 'Bauer: lung primary', YES_NO)}
        {field('prognosis.bauer.favourablePrimary', 'Bauer: favourable primary', YES_NO)}
        {field('prognosis.bauer.solitarySkeletal', 'Bauer: solitary skeletal', YES_NO)}
      </fieldset>
    </section>
  );
}
