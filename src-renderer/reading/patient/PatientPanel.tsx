import type { Patient } from '@shared/annotation';
import {
  HISTOLOGIES,
  RADIOSENSITIVITY_VALUES,
  SURGERY_TOLERANCE_VALUES,
  TOKUHASHI_FRANKEL,
  TOKUHASHI_PRIMARY,
  TOKUHASHI_VISCERAL,
  TOMITA_BONE,
  TOMITA_PRIMARY_GROWTH,
  TOMITA_VISCERAL,
  visceralFollowUps,
} from '@shared/scoring';
import type { ResolvedAnswer } from '@shared/scoring';
import { CONTEXT_ANSWER_NAMES, ONCOLOGIC_TEXT } from '@shared/reading/wording';
import { useReading } from '../context';
import { useDocumentSnapshot } from '../document-store';
import { useDerivedReading } from '../scores/use-scores';
import { ClinicalQuestion } from './ClinicalQuestion';

type Choice = readonly [value: string, label: string];
const YES_NO: readonly Choice[] = [['unknown', 'unknown'], ['true', 'yes'], ['false', 'no']];
/** ASIA impairment scale: context only, in no rule table. */
const ASIA_GRADES: readonly Choice[] = ['unknown', 'A', 'B', 'C', 'D', 'E'].map((g) => [g, g] as const);

/** A rule table's rows as choices, `unknown` first, each by its clinical label (never its stored value). */
const rowChoices = (rows: ReadonlyArray<{ readonly value: string; readonly label: string }>): Choice[] => [['unknown', 'unknown'], ...rows.map((r) => [r.value, r.label] as const)];

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

const labelIn = (choices: readonly Choice[], value: string): string => choices.find(([v]) => v === value)?.[1] ?? value;

/**
 * Patient context in the order a clinician thinks (neurology, oncology, mechanical, systemic). Primary histology and
 * one visceral-metastases question derive the prognosis scores' questions (shared/scoring/context-from-histology.ts,
 * read through the one derivation); each derived answer shows as derived and can be overridden.
 */
export function PatientPanel() {
  const { store } = useReading();
  const { document: doc } = useDocumentSnapshot(store);
  // The table's answer comes from the one derivation (the same table the scores use).
  const reading = useDerivedReading(doc);
  if (doc === null || reading === null) return null;
  const p = doc.patient;
  const set = (path: string, value: string) => store.dispatch({ type: 'setPatientField', args: { field: path, value: decode(value) } });
  const field = (path: string, label: string, choices: readonly Choice[], source?: string) => (
    <label className="rd-select" key={path} data-source={source}>
      <span>{label}</span>
      <select value={get(p, path)} aria-label={label} onChange={(e) => set(path, e.target.value)}>
        {choices.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
  /** A derivable answer: "derived: …" (stored null) or the reader's choice, marked as an override when it differs. */
  const derivedField = (path: string, label: string, resolved: ResolvedAnswer<string | boolean>, choices: readonly Choice[]) => {
    const derived = String(resolved.derived);
    const first: Choice = ['null', resolved.derived === 'unknown' ? 'not derivable: please choose' : `derived: ${labelIn(choices, derived)}`];
    const source = resolved.source === 'derived' ? 'derived' : resolved.overridden ? 'override' : 'reader';
    return (
      <div key={path}>
        {field(path, label, [first, ...choices.map(([v, l]) => [v, resolved.derived !== 'unknown' && v !== derived ? `${l} (override)` : l] as const)], source)}
        {source === 'override' ? (
          <p className="dim rd-override" data-testid={`override-${path}`}>
            Overrides the derived answer ({labelIn(choices, derived)})
          </p>
        ) : null}
      </div>
    );
  };
  const c = reading.patient.context;
  const follow = visceralFollowUps(p.prognosis.visceral);
  const table = reading.patient.tableRadiosensitivity;
  return (
    <section className="rd-section" aria-label="Patient">
      <h2 className="panel-title">Patient</h2>
      <ClinicalQuestion store={store} question={p.referringQuestion} />
      <fieldset className="rd-field" data-testid="patient-neurology">
        <legend>Neurology</legend>
        {field('myelopathy', 'Myelopathy', YES_NO)}
        {field('frankel', 'Frankel grade', rowChoices(TOKUHASHI_FRANKEL))}
        {field('asia', 'ASIA grade', ASIA_GRADES)}
        {field('ambulatory', 'Ambulatory', [['unknown', 'unknown'], ['ambulatory', 'ambulatory'], ['ambulatory-with-aid', 'with aid'], ['non-ambulatory', 'non-ambulatory']])}
        <fieldset className="rd-field">
          <legend>Emergency signs</legend>
          {field('emergency.rapidWeaknessProgression', 'Rapidly progressing weakness', YES_NO)}
          {field('emergency.newInabilityToWalk', 'New inability to walk', YES_NO)}
          {field('emergency.newBladderDysfunction', 'New bladder dysfunction', YES_NO)}
          {field('emergency.bilateralSymptoms', 'Bilateral symptoms', YES_NO)}
        </fieldset>
      </fieldset>
      <fieldset className="rd-field" data-testid="patient-oncology">
        <legend>Oncology</legend>
        {field('histology', 'Primary histology', HISTOLOGIES.map((h) => [h.value, h.label] as const))}
        {field('radiosensitivityOverride', `Radiosensitivity (table: ${table === null ? 'not in table' : ONCOLOGIC_TEXT[table]})`, [['null', 'from the table'], ...RADIOSENSITIVITY_VALUES.map((v) => [v, `${ONCOLOGIC_TEXT[v]} (override)`] as const)])}
        {field('prognosis.visceral', 'Visceral metastases', [['unknown', 'unknown'], ['none', 'none'], ['present', 'present']])}
        {follow.tokuhashi ? derivedField('prognosis.visceralMetastases', 'Removable? (Tokuhashi)', c.visceralMetastases, rowChoices(TOKUHASHI_VISCERAL)) : null}
        {follow.tomita ? derivedField('prognosis.tomitaVisceral', 'Treatable? (Tomita)', c.tomitaVisceral, rowChoices(TOMITA_VISCERAL)) : null}
        {field('prognosis.extraspinalBoneMetastases', 'Extraspinal bone metastases', [['unknown', 'unknown'], ['0', '0'], ['1', '1–2'], ['3', '≥ 3']])}
        {field('prognosis.vertebralMetastases', 'Vertebral metastases', [['unknown', 'unknown'], ['1', '1'], ['2', '2'], ['3', '≥ 3']])}
        {field('prognosis.boneMetastases', 'Bone metastases (Tomita)', rowChoices(TOMITA_BONE))}
        {field('prognosis.bauer.solitarySkeletal', 'Solitary skeletal metastasis (Bauer)', YES_NO)}
        <fieldset className="rd-field" data-testid="derived-answers">
          <legend>Derived from the histology and visceral answer</legend>
          {derivedField('prognosis.tokuhashiPrimary', CONTEXT_ANSWER_NAMES.tokuhashiPrimary, c.tokuhashiPrimary, rowChoices(TOKUHASHI_PRIMARY))}
          {derivedField('prognosis.tomitaPrimaryGrowth', CONTEXT_ANSWER_NAMES.tomitaPrimaryGrowth, c.tomitaPrimaryGrowth, rowChoices(TOMITA_PRIMARY_GROWTH))}
          {derivedField('prognosis.bauer.lungPrimary', CONTEXT_ANSWER_NAMES.bauerLung, c.bauerLung, YES_NO)}
          {derivedField('prognosis.bauer.favourablePrimary', CONTEXT_ANSWER_NAMES.bauerFavourable, c.bauerFavourable, YES_NO)}
          {follow.tokuhashi ? null : derivedField('prognosis.visceralMetastases', CONTEXT_ANSWER_NAMES.visceralMetastases, c.visceralMetastases, rowChoices(TOKUHASHI_VISCERAL))}
          {follow.tomita ? null : derivedField('prognosis.tomitaVisceral', CONTEXT_ANSWER_NAMES.tomitaVisceral, c.tomitaVisceral, rowChoices(TOMITA_VISCERAL))}
          {derivedField('prognosis.bauer.visceralMetastases', CONTEXT_ANSWER_NAMES.bauerVisceral, c.bauerVisceral, YES_NO)}
        </fieldset>
      </fieldset>
      <fieldset className="rd-field" data-testid="patient-mechanical">
        <legend>Mechanical</legend>
        <p className="dim">Stability is scored per lesion (SINS), in the Lesions tab.</p>
      </fieldset>
      <fieldset className="rd-field" data-testid="patient-systemic">
        <legend>Systemic</legend>
        {field('ecog', 'ECOG', [['unknown', 'unknown'], ...[0, 1, 2, 3, 4, 5].map((n) => [String(n), String(n)] as const)])}
        {field('kps', 'KPS', [['unknown', 'unknown'], ...[100, 90, 80, 70, 60, 50, 40, 30, 20, 10, 0].map((n) => [String(n), String(n)] as const)])}
        {field('canTolerateSurgery', 'Can tolerate surgery', [['unknown', 'unknown'], ...SURGERY_TOLERANCE_VALUES.map((v) => [v, v] as const)])}
      </fieldset>
    </section>
  );
}
