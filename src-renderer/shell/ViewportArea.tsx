import { useMemo } from 'react';
import { fetchPixelSource } from '../study/pixel-source';
import type { StudySessionState } from '../study/use-study-session';
import { Viewer, type FrameDecoder, type ViewerExtension } from '../viewer';

export interface ViewportAreaProps {
  readonly state: StudySessionState;
  readonly decoder: FrameDecoder;
  /** The shell's columns the viewer portals its side panels into (null until they mount). */
  readonly slots: { readonly left: HTMLElement | null; readonly right: HTMLElement | null };
  /** The reading layer's overlays and click tool (src-renderer/reading). */
  readonly extension?: ViewerExtension;
}

function Placeholder({ state }: { readonly state: StudySessionState }) {
  const text = state.status === 'indexing' ? 'Indexing…' : state.status === 'failed' ? 'Nothing to show' : 'No series loaded';
  return <p className="viewport-empty">{text}</p>;
}

/** Centre: the reading viewer over the open session (remounted per session, so nothing of the last study lingers). */
export function ViewportArea({ state, decoder, slots, extension }: ViewportAreaProps) {
  const sessionId = state.status === 'ready' ? state.sessionId : null;
  const pixelSource = useMemo(() => (sessionId === null ? undefined : fetchPixelSource(sessionId)), [sessionId]);
  const { left, right } = slots;
  const ready = state.status === 'ready' && pixelSource !== undefined && left !== null && right !== null;
  return (
    <main className="viewport-area" aria-label="Image viewport">
      {ready ? (
        <Viewer key={state.sessionId} studies={state.studies} pixelSource={pixelSource} decoder={decoder} panelSlots={{ left, right }} {...(extension ? { extension } : {})} />
      ) : (
        <Placeholder state={state} />
      )}
    </main>
  );
}
