import { useMemo } from 'react';
import { noImagesMessage } from '@shared/dicom/problem-messages';
import { fetchPixelSource } from '../study/pixel-source';
import { withPriorImages, type PriorImages } from '../compare/prior-images';
import type { StudySessionState } from '../study/use-study-session';
import { Viewer, type FrameDecoder, type ViewerExtension, type ViewerStudy } from '../viewer';

export interface ViewportAreaProps {
  readonly state: StudySessionState;
  readonly decoder: FrameDecoder;
  /** The shell's columns the viewer portals its side panels into (null until they mount). */
  readonly slots: { readonly left: HTMLElement | null; readonly right: HTMLElement | null };
  /** The reading layer's overlays and click tool (src-renderer/reading). */
  readonly extension?: ViewerExtension;
  /** The study the viewer shows (the reading session follows it). */
  readonly onStudyShown?: (studyKey: string) => void;
  /** A prior study of the same patient hung beside the open one (its own session): src-renderer/compare. */
  readonly prior?: PriorImages | null;
}

/**
 * No study shown (first run with nothing to open, a last study that cannot be reopened, a failed open): what to do
 * next, in plain words. The open controls and the recent list are in the left column; a failed open's reason is
 * shown there, beside the controls, and the reason the last study is not shown here.
 */
function StartPage({ notice }: { readonly notice: string | null }) {
  return (
    <section className="start-page" aria-label="Start" data-testid="start-page">
      <h2 className="start-title">No study open</h2>
      {notice !== null && (
        <p className="start-notice" role="status" data-testid="start-notice">
          {notice}
        </p>
      )}
      <p className="start-help">
        Open a folder, DICOM files, a zip or a DICOMDIR with the controls on the left (or drop them here), open the sample study, or choose one of
        your recent studies.
      </p>
    </section>
  );
}

function Placeholder({ state }: { readonly state: StudySessionState }) {
  if (state.status === 'idle') return <StartPage notice={state.notice} />;
  if (state.status === 'failed') return <StartPage notice={null} />;
  if (state.status === 'ready' && state.studies.length === 0) {
    // Opened, and nothing to show: say why (a missing path, no DICOM in the folder, only broken files) where the reader looks.
    return (
      <section className="start-page" aria-label="Start" data-testid="start-page">
        <h2 className="start-title">No images to show</h2>
        <p className="start-notice" role="alert" data-testid="no-images">
          {noImagesMessage(state.label, state.index.stats.scanned, state.index.problems)}
        </p>
      </section>
    );
  }
  if (state.status !== 'indexing') return <p className="viewport-empty">No series loaded</p>;
  const preparing = state.sessionId === null && state.progress.preparingSample !== undefined;
  return <p className="viewport-empty">{preparing ? 'Preparing the sample study…' : state.sessionId === null ? 'Starting…' : 'Indexing…'}</p>;
}

/** The session whose series can be shown: indexed, or still indexing with some series ready. */
function showable(state: StudySessionState): { sessionId: string; studies: readonly ViewerStudy[] } | null {
  if (state.status === 'ready') return state.studies.length > 0 ? state : null;
  if (state.status === 'indexing' && state.sessionId !== null && state.studies.length > 0) return { sessionId: state.sessionId, studies: state.studies };
  return null;
}

/**
 * Centre: the reading viewer over the open session (remounted per session, so nothing of the last study lingers).
 * It mounts as soon as the first series is ready and stays mounted when the final index replaces the partial one.
 */
export function ViewportArea({ state, decoder, slots, extension, onStudyShown, prior }: ViewportAreaProps) {
  const open = showable(state);
  const sessionId = open?.sessionId ?? null;
  const own = useMemo(() => (sessionId === null ? undefined : fetchPixelSource(sessionId)), [sessionId]);
  // With a prior, the viewer shows both studies; each image is fetched from its own session.
  const openStudies = open?.studies;
  const merged = useMemo(() => (own === undefined || openStudies === undefined ? null : withPriorImages(openStudies, own, prior ?? null)), [openStudies, own, prior]);
  const shown = open === null || merged === null ? null : { sessionId: open.sessionId, studies: merged.studies };
  const pixelSource = merged?.pixelSource;
  const { left, right } = slots;
  const ready = shown !== null && pixelSource !== undefined && left !== null && right !== null;
  return (
    <main className="viewport-area" aria-label="Image viewport">
      {ready ? (
        <Viewer key={shown.sessionId} studies={shown.studies} pixelSource={pixelSource} decoder={decoder} panelSlots={{ left, right }} {...(extension ? { extension } : {})} {...(onStudyShown ? { onStudyShown } : {})} />
      ) : (
        <Placeholder state={state} />
      )}
    </main>
  );
}
