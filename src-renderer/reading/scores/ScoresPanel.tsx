import { useMemo } from 'react';
import type { AnnotationDocument } from '@shared/annotation';
import { useReading } from '../context';
import { useDocumentSnapshot } from '../document-store';
import { panelModel } from './panel-model';
import type { PanelLesion, PanelModel } from './panel-model';
import { useDerivedReading } from './use-scores';

function LesionScores({ lesion }: { lesion: PanelLesion }) {
  if (lesion.status === 'not-scored') {
    return (
      <div className="rd-card" data-testid="lesion-not-scored" data-lesion={lesion.id}>
        <h3>{lesion.title}</h3>
        <p className="dim">{lesion.text}</p>
      </div>
    );
  }
  return (
    <div className="rd-card" data-testid="lesion-scores" data-lesion={lesion.id}>
      <h3>{lesion.title}</h3>
      <table className="rd-table">
        <tbody>
          {lesion.components.map((c) => (
            <tr key={c.key}>
              <td>{c.label}</td>
              <td data-testid={`sins-${c.key}`}>{c.points}</td>
            </tr>
          ))}
          <tr className="rd-total">
            <td>SINS</td>
            <td data-testid="sins-total">{lesion.sinsTotal}</td>
          </tr>
        </tbody>
      </table>
      <p data-testid="sins-band">{lesion.band}</p>
      <p data-testid="surgical-consultation">{lesion.surgicalConsultation}</p>
      <p data-testid="escc-category">{lesion.escc}</p>
      <p>NOMS: {lesion.noms}</p>
      {lesion.pathway !== null ? (
        <p data-testid="noms-pathway">
          Pathway: <strong>{lesion.pathway}</strong>
        </p>
      ) : (
        <ul data-testid="noms-alternatives">
          {lesion.alternatives.map((a, i) => (
            <li key={i}>{a}</li>
          ))}
        </ul>
      )}
      {lesion.flags.length > 0 ? (
        <ul className="rd-flags" data-testid="lesion-flags">
          {lesion.flags.map((f) => (
            <li key={f.code} data-flag={f.code}>
              {f.label}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function PatientScores({ model }: { model: PanelModel }) {
  return (
    <ul className="rd-list" data-testid="prognosis-scores">
      {model.prognosis.map((p) => (
        <li key={p.name}>
          {p.name}: {p.text}
        </li>
      ))}
    </ul>
  );
}

/** The panel's model of the open document: the shared derivation, worded by the shared wording module. */
function usePanelModel(doc: AnnotationDocument | null): PanelModel | null {
  const reading = useDerivedReading(doc);
  return useMemo(() => (reading === null ? null : panelModel(reading)), [reading]);
}

/** Live scores, from the shared derivation only (the same as the report and the CLI). */
export function ScoresPanel() {
  const { store } = useReading();
  const { document: doc } = useDocumentSnapshot(store);
  const model = usePanelModel(doc);
  if (model === null) return null;
  return (
    <section className="rd-section" aria-label="Scores" data-testid="scores-panel">
      <h2 className="panel-title">Scores</h2>
      {model.patientFlags.length > 0 ? (
        <ul className="rd-flags" data-testid="patient-flags">
          {model.patientFlags.map((f) => (
            <li key={f.code} data-flag={f.code}>
              {f.label}
            </li>
          ))}
        </ul>
      ) : null}
      {model.lesions.length === 0 ? <p className="empty">No lesions recorded yet.</p> : null}
      {model.lesions.map((l) => (
        <LesionScores key={l.id} lesion={l} />
      ))}
      <PatientScores model={model} />
      <p className="dim">Rules {model.rulesVersion}</p>
    </section>
  );
}

/** Shown above everything while the patient output carries the emergency flag. */
export function EmergencyBanner() {
  const { store } = useReading();
  const { document: doc } = useDocumentSnapshot(store);
  const model = usePanelModel(doc);
  if (model === null || !model.emergency) return null;
  return (
    <div className="rd-emergency" role="alert" data-testid="emergency-banner">
      {model.patientFlags.find((f) => f.code === 'mscc_emergency')?.label}
    </div>
  );
}

/** One line per lesion, kept in view at the top of the column while the form below is filled in. */
export function ScoreSummary() {
  const { store } = useReading();
  const { document: doc } = useDocumentSnapshot(store);
  const model = usePanelModel(doc);
  if (model === null || model.lesions.length === 0) return null;
  return (
    <div className="rd-summary" data-testid="score-summary" aria-live="polite">
      {model.lesions.map((l) => (
        <div key={l.id} data-lesion={l.id}>
          <strong>{l.title}</strong>{' '}
          {l.status === 'not-scored' ? l.text : l.summary}
          {l.status === 'scored' && l.flags.length > 0 ? <span className="rd-warn"> · {l.flags.length} flag{l.flags.length > 1 ? 's' : ''}</span> : null}
        </div>
      ))}
    </div>
  );
}
