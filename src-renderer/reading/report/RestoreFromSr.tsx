// "Restore reading from SR": an open study holding a structured report this app wrote offers its reading back (the
// reader decides). A draft already in progress is never replaced silently: the panel says so and asks, and the
// draft it replaces is set aside (kept), not deleted. An SR file from disk restores the same way, into its own study
// only (another study's is refused in words). Another program's SR is shown read-only as text with its note.
import { useEffect, useState } from 'react';
import type { ChangeEvent, ReactElement } from 'react';
import type { AnnotationDocument } from '@shared/annotation';
import type { HostApi, ResponseOf } from '@shared/ipc/contract';
import { plural } from '@shared/reading/wording';
import { signoffReport } from '@shared/report/model';
import { readingFromFile, restoreRefusal } from '@shared/report/restore-reading';

/** An SR is a few MB at most; anything far larger is not one. */
const MAX_SR_BYTES = 64 * 1024 * 1024;

type StudySrs = ResponseOf<'report:study-srs'>;
type Found = StudySrs['readings'][number];

export interface RestoreFromSrProps {
  readonly host: Pick<HostApi, 'reportStudySrs'>;
  readonly sessionId: string;
  readonly document: AnnotationDocument;
  /** Replaces the session's reading with `restored` (setting the current draft aside first when `setAside`). */
  readonly onRestore: (restored: AnnotationDocument, setAside: boolean) => Promise<void>;
}

/** A reading in progress: anything placed, typed or changed since the study was opened fresh. */
const hasDraft = (doc: AnnotationDocument): boolean => doc.revision > 0 || doc.lesions.length > 0 || doc.labels.length > 0 || doc.measurements.length > 0;

/** 20250601083000 → 2025-06-01 08:30. */
const when = (dt: string): string => (/^\d{12}/.test(dt) ? `${dt.slice(0, 4)}-${dt.slice(4, 6)}-${dt.slice(6, 8)} ${dt.slice(8, 10)}:${dt.slice(10, 12)}` : 'date not recorded');

function summary(doc: AnnotationDocument): string {
  return `${plural(doc.lesions.length, 'lesion')}, ${plural(doc.labels.length, 'level label')}, ${plural(doc.measurements.length, 'measurement')}`;
}

export function RestoreFromSr({ host, sessionId, document: doc, onRestore }: RestoreFromSrProps): ReactElement {
  const studyInstanceUID = doc.studyInstanceUID;
  const [srs, setSrs] = useState<StudySrs | null>(null);
  const [confirming, setConfirming] = useState<Found | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  /** An SR picked from disk that cannot be restored here: why, and its text when it is one. */
  const [refusal, setRefusal] = useState<{ readonly message: string; readonly text: string } | null>(null);

  useEffect(() => {
    let live = true;
    setSrs(null);
    host.reportStudySrs({ sessionId, studyInstanceUID }).then(
      (found) => live && setSrs(found),
      () => live && setSrs({ readings: [], others: [] }),
    );
    return () => {
      live = false;
    };
  }, [host, sessionId, studyInstanceUID]);

  const restore = (found: Found, setAside: boolean): void => {
    setConfirming(null);
    onRestore(found.document, setAside).then(
      () => setMessage(`Reading restored from the structured report${found.written !== '' ? ` of ${when(found.written)}` : ''}.`),
      () => setMessage('The reading could not be restored: your draft is unchanged.'),
    );
  };
  const ask = (found: Found): void => (hasDraft(doc) ? setConfirming(found) : restore(found, false));

  /** An SR from disk (or a PACS retrieval): restored only into its own study, the one open. */
  const pick = (event: ChangeEvent<HTMLInputElement>): void => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file === undefined) return;
    setMessage(null);
    setRefusal(null);
    if (file.size > MAX_SR_BYTES) {
      setRefusal({ message: `${file.name} is too large to be a structured report.`, text: '' });
      return;
    }
    file.arrayBuffer().then(
      (buffer) => {
        const loaded = readingFromFile(new Uint8Array(buffer));
        if (!loaded.ok) return setRefusal({ message: `${file.name}: ${loaded.message}`, text: loaded.text });
        const refused = restoreRefusal(loaded.document.studyInstanceUID, studyInstanceUID);
        if (refused !== null) return setRefusal({ message: refused, text: '' });
        ask({ sopInstanceUID: file.name, written: '', document: loaded.document });
      },
      () => setRefusal({ message: `${file.name} could not be read.`, text: '' }),
    );
  };

  return (
    <section className="report-card restore-sr" aria-label="Readings in structured reports" data-testid="restore-sr">
      {srs !== null && srs.readings.length + srs.others.length > 0 ? <h3>Structured reports in this study</h3> : null}
      {(srs?.readings ?? []).map((found) => {
        const status = signoffReport(found.document);
        return (
          <div key={found.sopInstanceUID} className="restore-sr-reading">
            <p>
              A reading written by this app, saved {when(found.written)}. {status.lines[0]} Reader: {found.document.reader.name.trim() || 'not recorded'};{' '}
              {summary(found.document)}.
            </p>
            <button type="button" onClick={() => ask(found)}>
              Restore reading from SR
            </button>
          </div>
        );
      })}
      {confirming !== null ? (
        <div role="alertdialog" aria-label="Replace the draft?" className="restore-sr-confirm">
          <p>
            This study already has a draft ({summary(doc)}). Restoring replaces it with the reading from the structured report; your draft is set
            aside in the drafts folder, not deleted.
          </p>
          <button type="button" onClick={() => restore(confirming, true)}>Replace the draft with the SR&apos;s reading</button>
          <button type="button" onClick={() => setConfirming(null)}>Keep the draft</button>
        </div>
      ) : null}
      <label className="opinion-load">
        Restore a reading from an SR file…
        <input type="file" accept=".dcm,application/dicom" onChange={pick} aria-label="Restore a reading from an SR file" />
      </label>
      {refusal !== null ? <p className="report-error" role="alert">{refusal.message}</p> : null}
      {refusal !== null && refusal.text !== '' ? <pre className="sr-text" aria-label="Structured report as text">{refusal.text}</pre> : null}
      {message !== null ? <p role="status">{message}</p> : null}
      {(srs?.others ?? []).map((other) => (
        <details key={other.sopInstanceUID} className="restore-sr-other">
          <summary>A structured report that cannot be restored (read-only)</summary>
          <p>{other.note}</p>
          {other.text !== '' ? <pre className="sr-text">{other.text}</pre> : null}
        </details>
      ))}
    </section>
  );
}
