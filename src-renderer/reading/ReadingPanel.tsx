import { useState } from 'react';
import { useSaveState } from './autosave';
import type { SaveState } from './autosave';
import { useClickMode } from './click-mode';
import { ReadingContext } from './context';
import { useDocumentSnapshot } from './document-store';
import { LabelsPanel } from './labels/LabelsPanel';
import { LesionPanel } from './lesions/LesionPanel';
import { PatientPanel } from './patient/PatientPanel';
import { EmergencyBanner, ScoreSummary, ScoresPanel } from './scores/ScoresPanel';
import type { ReadingSession } from './use-reading-session';
import './reading.css';

function saveText(state: SaveState): string {
  switch (state.kind) {
    case 'idle':
      return 'No changes yet';
    case 'saving':
      return 'Saving…';
    case 'saved':
      return `Draft saved ${new Date(state.at).toLocaleTimeString()}`;
    case 'failed':
      return `Not saved: ${state.message}`;
    case 'blocked':
      return `Autosave stopped: ${state.message}`;
  }
}

function DraftGate({ session }: { session: ReadingSession }) {
  const { open } = session;
  if (open.kind === 'loading') return <p className="dim">Looking for a saved draft…</p>;
  if (open.kind === 'failed') return <p className="rd-error">Cannot read drafts: {open.message}</p>;
  if (open.kind !== 'offer') return null;
  const { offer } = open;
  if (offer.kind === 'resume') {
    return (
      <div className="rd-card rd-offer" role="dialog" aria-label="Draft found" data-testid="draft-offer">
        <p>
          Resume draft from <strong>{new Date(offer.document.updatedAt).toLocaleString()}</strong>? ({offer.document.labels.length} labels, {offer.document.lesions.length} lesions)
          {offer.recovered ? ' Recovered from the previous version: the latest file was damaged.' : ''}
        </p>
        <div className="rd-row">
          <button type="button" onClick={session.resume} data-testid="resume-draft">
            Resume draft
          </button>
          <button type="button" onClick={session.startFresh}>
            Start fresh
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="rd-card rd-offer" role="dialog" aria-label="Unreadable draft" data-testid="draft-unreadable">
      <p>
        {offer.reason === 'newer-version'
          ? 'The saved draft of this study was written by a newer version of the app. It is left untouched.'
          : 'The saved draft of this study is damaged. It is left untouched.'}
      </p>
      <details>
        <summary>Details</summary>
        <ul>
          {offer.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      </details>
      <div className="rd-row">
        <button type="button" onClick={() => void session.quarantine()}>
          Move it aside and start fresh
        </button>
        <button type="button" onClick={session.startFresh}>
          Look without saving
        </button>
      </div>
    </div>
  );
}

const TABS = ['Levels', 'Lesions', 'Patient'] as const;

/** The right column of a reading session: draft decision, status, emergency banner, tabs, and the scores. */
export function ReadingPanel({ session }: { session: ReadingSession }) {
  const { services } = session;
  const save = useSaveState(services.saver);
  const snap = useDocumentSnapshot(services.store);
  const { message } = useClickMode(services.clicks);
  const [tab, setTab] = useState<(typeof TABS)[number]>('Levels');
  return (
    <ReadingContext.Provider value={services}>
      <aside className="panel findings-panel rd-panel" aria-label="Findings and scores">
        <DraftGate session={session} />
        {snap.document !== null ? (
          <>
            <div className="rd-sticky">
              <EmergencyBanner />
              <ScoreSummary />
            </div>
            <div className="rd-row rd-status">
              <span data-testid="save-state" data-state={save.kind} className={save.kind === 'failed' || save.kind === 'blocked' ? 'rd-error' : 'dim'}>
                {saveText(save)}
              </span>
              <button type="button" disabled={!snap.canUndo} onClick={() => services.store.undo()} title="Undo (Ctrl+Z)">
                Undo
              </button>
              <button type="button" disabled={!snap.canRedo} onClick={() => services.store.redo()} title="Redo (Ctrl+Shift+Z)">
                Redo
              </button>
            </div>
            {message !== null || snap.lastError !== null ? (
              <p className="rd-message" role="status" data-testid="reading-message">
                {snap.lastError ?? message}
              </p>
            ) : null}
            <div className="rd-tabs" role="tablist">
              {TABS.map((t) => (
                <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => setTab(t)}>
                  {t}
                </button>
              ))}
            </div>
            {tab === 'Levels' ? <LabelsPanel /> : tab === 'Lesions' ? <LesionPanel /> : <PatientPanel />}
            <ScoresPanel />
          </>
        ) : null}
      </aside>
    </ReadingContext.Provider>
  );
}
