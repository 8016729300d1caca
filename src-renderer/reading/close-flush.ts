/**
 * Never lose the last edit when the window goes: every open reading session registers its autosaver here.
 * - Electron: the main process holds the first close back and sends app:before-close; we wait for every autosaver
 *   to finish writing and answer app:ready-to-close (main bounds the wait, src-main/window/close-handshake.ts).
 * - Any page unload (tab closed, reload, browser mode): pagehide / beforeunload send the newest pending document
 *   at once (Autosaver.saveBeforeExit), since no later turn of the event loop is guaranteed. A tab switch or a
 *   minimised window (visibilitychange to hidden) does the same: a hidden page may be discarded without an unload.
 * Before any of these, text still being typed in a focused field is committed (text/pending-edits.ts), so it is in
 * the document that is saved; the field keeps its focus and its text.
 */
import type { HostApi } from '@shared/ipc/contract';
import { commitPendingEdits } from '../text/pending-edits';

export interface ExitFlusher {
  flush(): Promise<void>;
  saveBeforeExit(): void;
}

const flushers = new Set<ExitFlusher>();

export function registerExitFlusher(flusher: ExitFlusher): () => void {
  flushers.add(flusher);
  return () => flushers.delete(flusher);
}

/** Waits for every registered autosaver (a failing one must not keep the others, or the window, waiting). */
export async function flushAll(): Promise<void> {
  await Promise.allSettled([...flushers].map((f) => f.flush()));
}

export function saveAllBeforeExit(): void {
  for (const f of flushers) f.saveBeforeExit();
}

/** Installed once per page (main.tsx), whether or not a study is open, so main never waits for nobody. */
export function installCloseFlush(
  host: Pick<HostApi, 'on' | 'appReadyToClose'>,
  target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
  isHidden: () => boolean = () => document.visibilityState === 'hidden',
): () => void {
  const unsubscribe = host.on('app:before-close', () => {
    commitPendingEdits();
    void flushAll()
      .then(() => host.appReadyToClose({}))
      .catch((error: unknown) => console.error('could not confirm the window close to the host', error));
  });
  const onHide = (): void => {
    commitPendingEdits();
    saveAllBeforeExit();
  };
  const onVisibility = (): void => {
    if (isHidden()) onHide();
  };
  target.addEventListener('pagehide', onHide);
  target.addEventListener('beforeunload', onHide);
  // Fired at the document; it bubbles to the window.
  target.addEventListener('visibilitychange', onVisibility);
  return () => {
    unsubscribe();
    target.removeEventListener('pagehide', onHide);
    target.removeEventListener('beforeunload', onHide);
    target.removeEventListener('visibilitychange', onVisibility);
  };
}
