// Sign-off: the reader's name (set once, remembered by the host), the report's status, "Sign report", and once
// signed, "Amend" with a reason, then "Sign addendum" or "Cancel addendum". The rules are the document's own
// (shared/annotation/signoff.ts): this panel only asks and shows what they answer, in their words.
import { useState } from 'react';
import type { ReactElement } from 'react';
import { isLocked, MAX_TEXT, ORGANIZATION_MAX, SIGNER_MAX } from '@shared/annotation';
import type { AnnotationDocument } from '@shared/annotation';
import type { HostApi } from '@shared/ipc/contract';
import { signoffReport } from '@shared/report/model';
import type { DispatchResult } from '../document-store';
import { readerSettingsStore, useReaderSettings } from '../reader-settings';
import type { DocumentStore } from '../document-store';

export interface SignoffPanelProps {
  readonly host: Pick<HostApi, 'settingsGetReader' | 'settingsSetReader'>;
  readonly store: DocumentStore;
  readonly document: AnnotationDocument;
  /** The last refused edit (e.g. an edit of a signed report), shown here too: the findings column may be hidden. */
  readonly lastError: string | null;
}

export function SignoffPanel({ host, store, document: doc, lastError }: SignoffPanelProps): ReactElement {
  const settings = useReaderSettings(host);
  const [name, setName] = useState<string | null>(null);
  const [organization, setOrganization] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const status = signoffReport(doc);
  const locked = isLocked(doc);
  const amending = doc.signoff.amendment !== null;
  const shownName = name ?? settings.name;
  const shownOrganization = organization ?? settings.organization;

  const report = (result: DispatchResult): boolean => {
    setMessage(result.ok ? null : result.message);
    return result.ok;
  };
  /** Remembers the reader for this installation; an unsigned reading takes the new name at once. */
  const saveReader = async (): Promise<void> => {
    if (name === null && organization === null) return;
    const [typedName, typedOrganization] = [shownName, shownOrganization];
    try {
      const saved = await readerSettingsStore(host).save(typedName, typedOrganization);
      // Only what was saved goes back to following the settings: typing that went on meanwhile stays.
      setName((n) => (n === typedName ? null : n));
      setOrganization((o) => (o === typedOrganization ? null : o));
      if (!isLocked(doc) && doc.reader.name !== saved.name && saved.name !== '') store.dispatch({ type: 'setReader', args: { name: saved.name } });
    } catch {
      setMessage('Your name could not be remembered: it is used for this reading only.');
    }
  };
  const sign = (): void => {
    report(store.dispatch({ type: 'signReport', args: { signer: shownName, organization: shownOrganization, now: new Date().toISOString() } }));
  };
  const amend = (): void => {
    if (report(store.dispatch({ type: 'beginAmendment', args: { reason, now: new Date().toISOString() } }))) setReason('');
  };

  return (
    <section className="report-card report-signoff" aria-label="Sign-off" data-testid="signoff" data-state={status.state} data-locked={locked}>
      <h3>
        Sign-off: <span data-testid="signoff-label">{status.label}</span>
      </h3>
      {status.lines.map((l) => (
        <p key={l} className="report-dim">
          {l}
        </p>
      ))}
      <div className="report-row">
        <label>
          Reader
          <input
            type="text"
            aria-label="Reader name"
            maxLength={SIGNER_MAX}
            placeholder="Your name, as it should appear on the report"
            value={shownName}
            onChange={(e) => setName(e.target.value)}
            onBlur={() => void saveReader()}
          />
        </label>
        <label>
          Organisation
          <input type="text" aria-label="Reader organisation" maxLength={ORGANIZATION_MAX} value={shownOrganization} onChange={(e) => setOrganization(e.target.value)} onBlur={() => void saveReader()} />
        </label>
      </div>
      {!locked && !amending ? (
        <div className="report-row">
          <button type="button" onClick={sign} disabled={shownName.trim() === ''} data-testid="sign-report">
            Sign report
          </button>
          {shownName.trim() === '' ? <span className="report-dim">Enter your name to sign.</span> : <span className="report-dim">Signing makes the report final and locks it.</span>}
        </div>
      ) : null}
      {locked ? (
        <div className="report-row">
          <label className="report-field">
            Reason for an addendum
            <textarea aria-label="Reason for the addendum" maxLength={MAX_TEXT} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="button" onClick={amend} data-testid="amend-report">
            Amend
          </button>
        </div>
      ) : null}
      {amending ? (
        <div className="report-row">
          <button type="button" onClick={sign} disabled={shownName.trim() === ''} data-testid="sign-addendum">
            Sign addendum
          </button>
          <button type="button" onClick={() => report(store.dispatch({ type: 'cancelAmendment', args: {} }))}>
            Cancel addendum
          </button>
        </div>
      ) : null}
      {message !== null || lastError !== null ? (
        <p className="report-error" role="status" data-testid="signoff-message">
          {message ?? lastError}
        </p>
      ) : null}
    </section>
  );
}
