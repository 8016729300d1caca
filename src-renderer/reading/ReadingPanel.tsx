import { useState } from 'react';
import type { Subject } from '@shared/annotation';
import { formatDicomDate } from '@shared/report/dates';
import { formatPersonName, signoffReport } from '@shared/report/model';
import { useSaveState } from './autosave';
import type { DraftOffer, SaveState } from './autosave';
import { useClickMode } from './click-mode';
import { ReadingContext } from './context';
import { useDocumentSnapshot } from './document-store';
import { LabelsPanel } from './labels/LabelsPanel';
import type { LevelProposer } from './labels/image-proposals';
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

/** "DOE, JANE (ID 123, born 1950-01-01), study 2012-01-01 L-SPINE": enough to tell two patients' drafts apart. */
function subjectLine(subject: Subject): string {
  const p = subject.patient;
  const who = [p.id !== '' ? `ID ${p.id}` : 'no ID', p.birthDate !== '' ? `born ${formatDicomDate(p.birthDate)}` : 'no birth date'].join(', ');
  const study = [subject.study.date !== '' ? formatDicomDate(subject.study.date) : 'no study date', subject.study.description || 'no description'].join(' ');
  return `${formatPersonName(p.name) || '(no name)'} (${who}), study ${study}`;
}

/** A draft that records another patient: refused as this study's draft, both sides shown, the reader decides. */
function OtherPatientDraft({ session, offer }: { session: ReadingSession; offer: Extract<DraftOffer, { kind: 'other-patient' }> }) {
  const recorded = offer.document.subject;
  return (
    <div className="rd-card rd-offer rd-conflict" role="alertdialog" aria-label="Draft of another patient" data-testid="draft-other-patient">
      <p>
        <strong>The saved draft for this study records another patient.</strong> It has not been opened, and nothing of it is shown
        in this study.
      </p>
      <table className="rd-compare">
        <thead>
          <tr>
            <th />
            <th>The draft says</th>
            <th>This study says</th>
          </tr>
        </thead>
        <tbody>
          {offer.differences.map((d) => (
            <tr key={d.field} data-testid="draft-difference">
              <th scope="row">{d.field}</th>
              <td>{d.draft || '(empty)'}</td>
              <td>{d.study || '(empty)'}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">study</th>
            <td>{recorded ? `${formatDicomDate(recorded.study.date) || 'no date'} ${recorded.study.description}` : ''}</td>
            <td>{session.subject ? `${formatDicomDate(session.subject.study.date) || 'no date'} ${session.subject.study.description}` : ''}</td>
          </tr>
        </tbody>
      </table>
      <p className="dim">
        Saved {new Date(offer.document.updatedAt).toLocaleString()} ({offer.document.labels.length} labels, {offer.document.lesions.length} lesions).
      </p>
      <div className="rd-row">
        <button type="button" onClick={() => void session.setAsideOtherPatient()} data-testid="set-aside-draft">
          Set the draft aside and start a new one
        </button>
        <button type="button" onClick={session.openOtherPatientAnyway} data-testid="open-draft-anyway">
          Open it anyway as this study&apos;s draft
        </button>
      </div>
      <p className="dim">Set aside keeps the file (nothing is deleted). Opening it anyway records this study&apos;s patient in it from the next change.</p>
    </div>
  );
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
        <p data-testid="draft-whose">
          {offer.subjectRecorded && offer.document.subject !== null ? (
            <>Draft of <strong>{subjectLine(offer.document.subject)}</strong>.</>
          ) : (
            <>This draft was saved by an earlier version that did not record whose it is. Check that it belongs to {session.subject ? <strong>{subjectLine(session.subject)}</strong> : 'this patient'}.</>
          )}
        </p>
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
  if (offer.kind === 'other-patient') return <OtherPatientDraft session={session} offer={offer} />;
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

/** DRAFT, FINAL or AMENDED beside the save state; who signed and when on hover (the Report tab says it in full). */
function SignoffBadge({ status }: { status: ReturnType<typeof signoffReport> }) {
  return (
    <span className={`rd-signoff rd-signoff-${status.state}`} data-testid="reading-signoff" title={status.lines.join(' ')}>
      {status.label}
    </span>
  );
}

/** The right column of a reading session: draft decision, status, emergency banner, tabs, and the scores. */
export function ReadingPanel({ session, proposer }: { session: ReadingSession; proposer?: LevelProposer }) {
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
              <SignoffBadge status={signoffReport(snap.document)} />
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
            {tab === 'Levels' ? <LabelsPanel {...(proposer ? { proposer } : {})} /> : tab === 'Lesions' ? <LesionPanel /> : <PatientPanel />}
            <ScoresPanel />
          </>
        ) : null}
      </aside>
    </ReadingContext.Provider>
  );
}
