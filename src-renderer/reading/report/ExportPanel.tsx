// Exports of the report through the host: the PDF (printToPDF in the app, headless Chromium in browser mode) and
// JSON / DICOM SR / Encapsulated PDF, identified or de-identified, into a folder: the native dialog in the app, a
// typed folder path in browser mode (as for opening a study).
import { useState } from 'react';
import type { ReactElement } from 'react';
import type { AnnotationDocument } from '@shared/annotation';
import type { HostApi } from '@shared/ipc/contract';
import type { Destination, ExportFormat, WrittenResponse } from '@shared/ipc/report-schemas';
import type { PageSize } from '@shared/report/index';
import { UNSIGNED_EXPORT_WARNING } from '@shared/reading/wording';

export interface ExportPanelProps {
  readonly host: HostApi;
  readonly sessionId: string;
  readonly mode: 'electron' | 'browser' | null;
  readonly page: PageSize;
  readonly onPage: (page: PageSize) => void;
  /** The committed document at the moment of export (never a drag in progress). */
  readonly document: () => AnnotationDocument | null;
  /** Pictures by key image id the host should take as they are (none: the host renders every key image from its record). */
  readonly images: () => Record<string, string>;
  /** Another reading the report compares this one with (its Second opinion section), when the reader included one. */
  readonly compareWith?: () => { readonly kind: 'follow-up' | 'second-opinion'; readonly document: AnnotationDocument } | null;
  /** Signed (final or amended) and not being amended: the exports are not drafts. */
  readonly signed: boolean;
}

const FORMAT_LABEL: Readonly<Record<ExportFormat, string>> = { json: 'JSON (annotation document)', sr: 'DICOM SR', 'encapsulated-pdf': 'Encapsulated PDF (DICOM)' };

type Status = { readonly kind: 'idle' } | { readonly kind: 'busy'; readonly what: string } | { readonly kind: 'done'; readonly result: WrittenResponse } | { readonly kind: 'failed'; readonly message: string };

export function ExportPanel(props: ExportPanelProps): ReactElement {
  const { host, sessionId, mode } = props;
  const [deidentify, setDeidentify] = useState(false);
  const [folder, setFolder] = useState('');
  const [formats, setFormats] = useState<ReadonlySet<ExportFormat>>(new Set(['json', 'sr', 'encapsulated-pdf']));
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const useDialog = mode === 'electron';

  const destination = (): Destination | null => (useDialog ? { kind: 'dialog' } : folder.trim() === '' ? null : { kind: 'folder', path: folder.trim() });

  const run = async (what: 'pdf' | 'export'): Promise<void> => {
    const doc = props.document();
    const dest = destination();
    if (doc === null) return;
    if (dest === null) {
      setStatus({ kind: 'failed', message: 'Type the folder to write into first.' });
      return;
    }
    setStatus({ kind: 'busy', what: what === 'pdf' ? 'Printing the PDF…' : 'Exporting…' });
    const compareWith = props.compareWith?.() ?? null;
    const base = { sessionId, document: doc, images: props.images(), page: props.page, deidentify, destination: dest, ...(compareWith !== null ? { compareWith } : {}) };
    try {
      const result = what === 'pdf' ? await host.reportPdf(base) : await host.reportExport({ ...base, formats: [...formats] });
      setStatus({ kind: 'done', result });
    } catch (error) {
      setStatus({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  const toggle = (f: ExportFormat): void => {
    const next = new Set(formats);
    if (next.has(f)) next.delete(f);
    else next.add(f);
    setFormats(next);
  };
  const busy = status.kind === 'busy';
  return (
    <section className="report-card report-export" aria-label="Export the report">
      <h3>Export</h3>
      {props.signed ? null : (
        <p className="report-error" data-testid="export-draft-warning">
          {UNSIGNED_EXPORT_WARNING}
        </p>
      )}
      <div className="report-row">
        <label>
          Page
          <select value={props.page} onChange={(e) => props.onPage(e.target.value === 'Letter' ? 'Letter' : 'A4')}>
            <option value="A4">A4</option>
            <option value="Letter">Letter</option>
          </select>
        </label>
        <label>
          <input type="checkbox" checked={deidentify} onChange={(e) => setDeidentify(e.target.checked)} />
          De-identified (DICOM PS3.15 basic profile)
        </label>
      </div>
      {useDialog ? null : (
        <label className="report-row">
          Folder
          <input type="text" aria-label="Export folder" placeholder="/path/to/an/existing/folder" value={folder} onChange={(e) => setFolder(e.target.value)} />
        </label>
      )}
      <div className="report-row">
        <button type="button" disabled={busy} onClick={() => void run('pdf')}>
          Export PDF
        </button>
      </div>
      <div className="report-row">
        {(Object.keys(FORMAT_LABEL) as ExportFormat[]).map((f) => (
          <label key={f}>
            <input type="checkbox" checked={formats.has(f)} onChange={() => toggle(f)} />
            {FORMAT_LABEL[f]}
          </label>
        ))}
        <button type="button" disabled={busy || formats.size === 0} onClick={() => void run('export')}>
          Export files
        </button>
      </div>
      <div role="status" data-testid="export-status" data-state={status.kind}>
        {status.kind === 'busy' ? <p className="report-dim">{status.what}</p> : null}
        {status.kind === 'failed' ? <p className="report-error">Not exported: {status.message}</p> : null}
        {status.kind === 'done' && status.result.status === 'written' ? (
          <>
            <p className="report-dim">Written to {status.result.folder}:</p>
            <ul className="report-written">
              {status.result.files.map((f) => (
                <li key={f.path} data-format={f.format} data-path={f.path}>
                  {f.path} ({Math.round(f.bytes / 1024)} KB)
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {status.kind === 'done' && status.result.status === 'cancelled' ? <p className="report-dim">Cancelled.</p> : null}
        {status.kind === 'done' && status.result.status === 'unavailable' ? <p className="report-error">{status.result.reason}</p> : null}
      </div>
    </section>
  );
}
