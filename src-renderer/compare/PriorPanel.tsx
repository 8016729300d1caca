import { useState, useSyncExternalStore, type FormEvent } from 'react';
import type { HostApi } from '@shared/ipc/contract';
import type { SampleName } from '@shared/ipc/study-schemas';
import { studyDateText } from '@shared/reading/prior-study';
import type { ComparisonController } from './comparison-controller';
import type { PriorStudyApi } from './use-prior-study';
import './compare-viewports.css';

export interface PriorPanelProps {
  readonly host: HostApi;
  readonly mode: 'electron' | 'browser' | null;
  readonly prior: PriorStudyApi;
  readonly controller: ComparisonController;
  /** The built-in sample that is this sample's other study, when a sample is open (offered as the prior). */
  readonly sampleOffer: { readonly which: SampleName; readonly label: string } | null;
  /** Which study's reading the Findings tab shows. */
  readonly readingShown: 'current' | 'prior';
  readonly onReadingShown: (which: 'current' | 'prior') => void;
}

/**
 * "Compare with a prior": open one (folder, files, zip, DICOMDIR, or the sample's other study), then go to a level in
 * both studies, see whether they are linked, and choose which study's reading the Findings tab shows.
 */
export function PriorPanel({ host, mode, prior, controller, sampleOffer, readingShown, onReadingShown }: PriorPanelProps) {
  const [path, setPath] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [level, setLevel] = useState('');
  const link = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const { state } = prior;

  const pick = (kind: 'folder' | 'files'): void => {
    host.studyPick({ kind }).then(
      (answer) => {
        if (answer.status === 'picked') prior.openPaths(answer.paths);
        else if (answer.status === 'unavailable') setMessage(answer.reason);
      },
      () => setMessage('The open dialog could not be shown. Type the path instead, or try again.'),
    );
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const trimmed = path.trim();
    if (trimmed === '') return setMessage('Type the path of the prior study: a folder, file, zip or DICOMDIR.');
    setMessage(null);
    prior.openPaths([trimmed]);
  };

  if (state.status === 'ready') {
    const chosen = link.shared.includes(level) ? level : (link.shared[0] ?? '');
    return (
      <section className="prior-panel" aria-label="Prior study" data-testid="prior-panel">
        <h2>
          Prior: {state.subject.study.description || 'study'} ({studyDateText(state.subject)})
        </h2>
        <div className="rd-row">
          <label>
            Go to level{' '}
            <select aria-label="Go to level" value={chosen} onChange={(e) => setLevel(e.target.value)} disabled={link.shared.length === 0}>
              {link.shared.map((l) => (
                <option key={l}>{l}</option>
              ))}
            </select>
          </label>
          <button type="button" data-testid="go-to-level" disabled={chosen === ''} onClick={() => setMessage(controller.goToLevel(chosen))} title="Moves the active viewport's study to the level; the other study follows">
            Go
          </button>
          <button type="button" onClick={prior.close}>
            Close prior
          </button>
        </div>
        <p className="prior-status" data-testid="link-status">
          {link.status}
        </p>
        <div className="side-switch" role="tablist" aria-label="Reading shown">
          {(['current', 'prior'] as const).map((which) => (
            <button key={which} type="button" role="tab" aria-selected={readingShown === which} onClick={() => onReadingShown(which)}>
              {which === 'current' ? 'Current reading' : 'Prior reading'}
            </button>
          ))}
        </div>
        {message !== null ? <p className="prior-message">{message}</p> : null}
      </section>
    );
  }
  return (
    <section className="prior-panel" aria-label="Prior study" data-testid="prior-panel">
      <h2>Compare with a prior</h2>
      {state.status === 'opening' ? (
        <p className="prior-status">Opening the prior study…</p>
      ) : (
        <>
          {mode === 'electron' ? (
            <div className="rd-row">
              <button type="button" onClick={() => pick('folder')}>
                Open prior…
              </button>
              <button type="button" onClick={() => pick('files')} title="DICOM files, a zip or a DICOMDIR">
                Open prior files…
              </button>
            </div>
          ) : (
            <form className="rd-row" onSubmit={submit} aria-label="Open a prior study by path">
              <input type="text" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/path/to/prior (folder, zip, DICOMDIR)" aria-label="Prior study path" spellCheck={false} />
              <button type="submit">Open prior…</button>
            </form>
          )}
          {sampleOffer !== null ? (
            <div className="rd-row">
              <button type="button" onClick={() => prior.openSample(sampleOffer.which)}>
                {sampleOffer.label}
              </button>
            </div>
          ) : null}
        </>
      )}
      {state.status === 'none' && state.message !== null ? (
        <p className="prior-message" role="alert" data-testid="prior-refused">
          {state.message}
        </p>
      ) : null}
      {message !== null ? <p className="prior-message">{message}</p> : null}
    </section>
  );
}
