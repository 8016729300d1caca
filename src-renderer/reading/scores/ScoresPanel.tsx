import { NOMS_DECISIONS, LESION_FLAGS, PATIENT_FLAGS, SINS_BANDS } from '@shared/scoring';
import type { Alternative, LesionOutput, ScoringOutput } from '@shared/scoring';
import { useReading } from '../context';
import { useDocumentSnapshot } from '../document-store';
import { useScores } from './use-scores';

const COMPONENTS = [
  ['location', 'Location'],
  ['pain', 'Pain'],
  ['boneLesion', 'Bone lesion'],
  ['alignment', 'Alignment'],
  ['collapse', 'Collapse'],
  ['posterolateral', 'Posterolateral'],
] as const;

const pathwayLabel = (p: string) => NOMS_DECISIONS.find((d) => d.pathway === p)?.label ?? p;
const flagLabel = (code: string) => [...LESION_FLAGS, ...PATIENT_FLAGS].find((f) => f.code === code)?.label ?? code;
const bandLabel = (band: string | null) => (band === null ? 'band undetermined (range spans bands)' : (SINS_BANDS.find((b) => b.band === band)?.label ?? band));

/** "if neurologic is high and systemic is yes" — what an alternative pathway depends on, in words. */
export function conditionText(alt: Alternative): string {
  const parts = Object.entries(alt.if).map(([k, v]) => `${k} is ${String(v)}`);
  return parts.length > 0 ? `if ${parts.join(' and ')}` : 'otherwise';
}

function LesionScores({ lesion, number }: { lesion: LesionOutput; number: number }) {
  const { sins, escc, noms } = lesion;
  return (
    <div className="rd-card" data-testid="lesion-scores" data-lesion={lesion.id}>
      <h3>
        Lesion {number}: {lesion.levels.join('–')}
      </h3>
      <table className="rd-table">
        <tbody>
          {COMPONENTS.map(([key, label]) => (
            <tr key={key}>
              <td>{label}</td>
              <td data-testid={`sins-${key}`}>{sins.components[key] ?? '?'}</td>
            </tr>
          ))}
          <tr className="rd-total">
            <td>SINS</td>
            <td data-testid="sins-total">{sins.total ?? `${sins.range[0]}–${sins.range[1]}`}</td>
          </tr>
        </tbody>
      </table>
      <p data-testid="sins-band">{bandLabel(sins.band)}</p>
      <p data-testid="surgical-consultation">
        Surgical consultation: {sins.surgicalConsultation === null ? 'depends on unknown components' : sins.surgicalConsultation ? 'recommended (SINS ≥ 7)' : 'not indicated by SINS'}
      </p>
      <p data-testid="escc-category">
        ESCC {escc.grade}: {escc.category ?? 'unknown'} grade{escc.indeterminate ? ' (indeterminate)' : ''}
      </p>
      <p>
        NOMS: N {noms.neurologic} · O {noms.oncologic} · M {noms.mechanical} · S {noms.systemic}
      </p>
      {noms.pathway !== null ? (
        <p data-testid="noms-pathway">
          Pathway: <strong>{pathwayLabel(noms.pathway)}</strong>
        </p>
      ) : (
        <ul data-testid="noms-alternatives">
          {noms.alternatives.map((a, i) => (
            <li key={i}>
              {conditionText(a)}: {pathwayLabel(a.pathway)}
            </li>
          ))}
        </ul>
      )}
      {lesion.flags.length > 0 ? (
        <ul className="rd-flags" data-testid="lesion-flags">
          {lesion.flags.map((f) => (
            <li key={f} data-flag={f}>
              {flagLabel(f)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function PatientScores({ output }: { output: ScoringOutput }) {
  const { tokuhashi, tomita, modifiedBauer } = output.patient;
  const row = (name: string, v: { total: number; band: string } | undefined) => (
    <li>
      {name}: {v ? `${v.total} (${v.band})` : 'needs more inputs'}
    </li>
  );
  return (
    <ul className="rd-list" data-testid="prognosis-scores">
      {row('Tokuhashi', tokuhashi)}
      {row('Tomita', tomita)}
      {row('Modified Bauer', modifiedBauer)}
    </ul>
  );
}

/** Live scores, from the shared core only (the same code as the CLI). */
export function ScoresPanel() {
  const { store } = useReading();
  const { document: doc } = useDocumentSnapshot(store);
  const scores = useScores(doc);
  if (scores === null) return null;
  if (!scores.ok) {
    return (
      <section className="rd-section" aria-label="Scores">
        <h2 className="panel-title">Scores</h2>
        <ul className="rd-error">
          {scores.problems.map((p, i) => (
            <li key={i}>
              {p.path}: {p.message}
            </li>
          ))}
        </ul>
      </section>
    );
  }
  const { output } = scores;
  return (
    <section className="rd-section" aria-label="Scores" data-testid="scores-panel">
      <h2 className="panel-title">Scores</h2>
      {output.patient.flags.length > 0 ? (
        <ul className="rd-flags" data-testid="patient-flags">
          {output.patient.flags.map((f) => (
            <li key={f} data-flag={f}>
              {flagLabel(f)}
            </li>
          ))}
        </ul>
      ) : null}
      {output.lesions.length === 0 ? <p className="empty">No lesions with a level yet.</p> : null}
      {output.lesions.map((l, i) => (
        <LesionScores key={l.id} lesion={l} number={i + 1} />
      ))}
      <PatientScores output={output} />
      <p className="dim">Rules {output.rulesVersion}</p>
    </section>
  );
}

/** Shown above everything while the patient output carries the emergency flag. */
export function EmergencyBanner() {
  const { store } = useReading();
  const { document: doc } = useDocumentSnapshot(store);
  const scores = useScores(doc);
  if (scores === null || !scores.ok || !scores.output.patient.flags.includes('mscc_emergency')) return null;
  return (
    <div className="rd-emergency" role="alert" data-testid="emergency-banner">
      {flagLabel('mscc_emergency')}
    </div>
  );
}

/** One line per lesion, kept in view at the top of the column while the form below is filled in. */
export function ScoreSummary() {
  const { store } = useReading();
  const { document: doc } = useDocumentSnapshot(store);
  const scores = useScores(doc);
  if (scores === null || !scores.ok || scores.output.lesions.length === 0) return null;
  return (
    <div className="rd-summary" data-testid="score-summary" aria-live="polite">
      {scores.output.lesions.map((l, i) => (
        <div key={l.id}>
          <strong>
            {i + 1}. {l.levels.join('–')}
          </strong>{' '}
          SINS {l.sins.total ?? `${l.sins.range[0]}–${l.sins.range[1]}`}
          {l.sins.band ? ` ${l.sins.band}` : ''} · ESCC {l.escc.grade} · {l.noms.pathway !== null ? pathwayLabel(l.noms.pathway) : `NOMS: ${l.noms.alternatives.length} options`}
          {l.flags.length > 0 ? <span className="rd-warn"> · {l.flags.length} flag{l.flags.length > 1 ? 's' : ''}</span> : null}
        </div>
      ))}
    </div>
  );
}
