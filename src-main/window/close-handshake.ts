/**
 * Closing the window without losing the last edit: the first `close` is held back, the renderer is asked to write
 * its pending drafts (event app:before-close) and answers with app:ready-to-close; then the window closes for real.
 * The wait is bounded: a hung or crashed renderer cannot keep the app from quitting (what it had not written by
 * then is lost, as with a crash; every earlier autosave is on disk already).
 *
 * Written against a structural window type so it is unit-tested without Electron (tests/unit/shell).
 */

export interface CloseEvent {
  preventDefault(): void;
}

/** The part of a BrowserWindow this needs. */
export interface ClosableWindow {
  on(event: 'close', listener: (event: CloseEvent) => void): unknown;
  close(): void;
  isDestroyed(): boolean;
  readonly webContents: { isCrashed(): boolean; isDestroyed(): boolean };
}

export interface CloseHandshakeOptions {
  /** Sends app:before-close to the renderer. */
  readonly askRenderer: (timeoutMs: number) => void;
  /** Upper bound on the wait for the renderer (default 3 s). */
  readonly timeoutMs?: number;
  readonly setTimer?: (fn: () => void, ms: number) => unknown;
  readonly clearTimer?: (handle: unknown) => void;
  readonly log?: (line: string) => void;
}

export interface CloseHandshake {
  /** The renderer's app:ready-to-close. */
  rendererReady(): void;
  readonly state: () => 'open' | 'flushing' | 'closing';
}

export const DEFAULT_CLOSE_TIMEOUT_MS = 3_000;

export function installCloseHandshake(window: ClosableWindow, options: CloseHandshakeOptions): CloseHandshake {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  let state: 'open' | 'flushing' | 'closing' = 'open';
  let timer: unknown = null;

  const finish = (why: string): void => {
    if (state === 'closing') return;
    if (timer !== null) clearTimer(timer);
    timer = null;
    state = 'closing';
    if (why !== 'renderer ready') options.log?.(`[window] closing without the renderer's confirmation: ${why}`);
    if (!window.isDestroyed()) window.close();
  };

  window.on('close', (event) => {
    if (state === 'closing') return;
    event.preventDefault();
    if (state === 'flushing') return; // a second close request while waiting: the timer still bounds it
    const contents = window.webContents;
    if (contents.isDestroyed() || contents.isCrashed()) {
      // Nobody to ask; close on the next turn (closing from inside the close handler is not allowed).
      state = 'flushing';
      timer = setTimer(() => finish('renderer is gone'), 0);
      return;
    }
    state = 'flushing';
    timer = setTimer(() => finish(`no answer within ${timeoutMs} ms`), timeoutMs);
    options.askRenderer(timeoutMs);
  });

  return {
    rendererReady: () => {
      if (state === 'flushing') finish('renderer ready');
    },
    state: () => state,
  };
}
