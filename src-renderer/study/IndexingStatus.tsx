import type { Problem } from '@shared/dicom/index-model';
import { progressHeadline } from './open-messages';
import { problemMessage } from '@shared/dicom/problem-messages';
import type { StudySessionState } from './use-study-session';

const MAX_PROBLEMS_SHOWN = 200;

/** The index's problems, each in a plain sentence; open when nothing could be shown (the reader needs the why). */
function ProblemList({ problems, open }: { readonly problems: readonly Problem[]; readonly open: boolean }) {
  if (problems.length === 0) return null;
  return (
    <details className="problems" data-testid="study-problems" open={open}>
      <summary>
        {problems.length} problem{problems.length === 1 ? '' : 's'}
      </summary>
      <ul>
        {problems.slice(0, MAX_PROBLEMS_SHOWN).map((p, i) => {
          // One plain sentence; the indexer's own reason one click away (shared/dicom/problem-messages.ts).
          const plain = problemMessage(p);
          return (
            <li key={`${p.file}-${i}`} data-code={p.code}>
              <span className="problem-sentence">{plain.sentence}</span>
              <details className="problem-detail">
                <summary>Technical details</summary>
                <code>{plain.detail}</code>
              </details>
            </li>
          );
        })}
      </ul>
      {problems.length > MAX_PROBLEMS_SHOWN && <p className="dim">…and {problems.length - MAX_PROBLEMS_SHOWN} more</p>}
    </details>
  );
}

/** Progress while indexing (with Cancel), then a one-line summary and the problems (collapsible). */
export function IndexingStatus({ state, onCancel }: { readonly state: StudySessionState; readonly onCancel: () => void }) {
  if (state.status === 'idle') return <p className="empty">No study open.</p>;
  if (state.status === 'failed') {
    return (
      <p className="open-error" role="alert">
        Could not open {state.label}. {state.message}
      </p>
    );
  }
  if (state.status === 'indexing') {
    const { scanned, found, failed, seriesReady, currentSeries, preparingSample } = state.progress;
    const waiting = state.sessionId === null;
    return (
      <div className="indexing" data-testid="study-progress" aria-live="polite">
        <div className="indexing-label" title={state.label}>
          {progressHeadline(state.label, state.sessionId, preparingSample)}
        </div>
        {waiting && preparingSample !== undefined && (
          <div className="dim">
            {preparingSample.done} of {preparingSample.total} images written
          </div>
        )}
        {!waiting && (
          <div className="dim">
            {scanned} files · {found} DICOM · {failed} failed · {seriesReady} series ready
          </div>
        )}
        {currentSeries !== undefined && <div className="dim ellipsis">{currentSeries}</div>}
        <button type="button" onClick={onCancel} disabled={state.sessionId === null}>
          Cancel
        </button>
      </div>
    );
  }
  const { stats, cancelled, problems } = state.index;
  return (
    <div className="indexed" data-testid="study-summary">
      <div className="indexing-label" title={state.index.sources.join('\n')}>
        {state.label}
      </div>
      <div className="dim">
        {stats.found} DICOM of {stats.scanned} file{stats.scanned === 1 ? '' : 's'}
        {stats.failed > 0 ? ` · ${stats.failed} failed` : ''}
        {cancelled ? ' · cancelled' : ''}
      </div>
      <ProblemList problems={problems} open={stats.found === 0} />
    </div>
  );
}
