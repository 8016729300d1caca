import { useState, type FormEvent } from 'react';
import type { HostApi } from '@shared/ipc/contract';
import type { SampleName } from '@shared/ipc/study-schemas';

export interface OpenControlsProps {
  readonly host: HostApi;
  /** From app:info; null while unknown. Electron gets the native dialog, browser mode a path field. */
  readonly mode: 'electron' | 'browser' | null;
  readonly onOpen: (paths: string[]) => void;
  readonly onOpenSample: (which: SampleName) => void;
}

/** "Open…" (native dialog in Electron, a path field in browser mode), "Open sample study" and its follow-up. */
export function OpenControls({ host, mode, onOpen, onOpenSample }: OpenControlsProps) {
  const [path, setPath] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const pick = (kind: 'folder' | 'files'): void => {
    host.studyPick({ kind }).then(
      (answer) => {
        if (answer.status === 'picked') onOpen(answer.paths);
        else if (answer.status === 'unavailable') setMessage(answer.reason);
      },
      // The refusal's details go to the host's log; the reader gets a sentence.
      () => setMessage('The open dialog could not be shown. Type or drop the path instead, or try again.'),
    );
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const trimmed = path.trim();
    if (trimmed === '') return setMessage('Type the path of a folder, file, zip or DICOMDIR.');
    setMessage(null);
    onOpen([trimmed]);
  };

  return (
    <div className="open-controls">
      {mode === 'electron' ? (
        <div className="open-buttons">
          <button type="button" onClick={() => pick('folder')}>
            Open…
          </button>
          <button type="button" onClick={() => pick('files')} title="DICOM files, a zip or a DICOMDIR">
            Open files…
          </button>
        </div>
      ) : (
        <form className="open-path" onSubmit={submit} aria-label="Open a study by path">
          <input
            type="text"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            placeholder="/path/to/study (folder, zip, DICOMDIR)"
            aria-label="Study path"
            spellCheck={false}
          />
          <button type="submit">Open…</button>
        </form>
      )}
      <div className="open-samples">
        <button type="button" className="open-sample" onClick={() => onOpenSample('sample')}>
          Open sample study
        </button>
        <button type="button" className="open-sample" onClick={() => onOpenSample('sample-follow-up')} title="The same synthetic patient months later: another frame of reference, more collapse at L1, a new lesion at T11">
          Open sample follow-up
        </button>
      </div>
      {message !== null && <p className="open-message">{message}</p>}
    </div>
  );
}
