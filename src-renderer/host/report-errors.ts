import type { HostApi } from '@shared/ipc/contract';

const MAX_MESSAGE = 10_000;
const MAX_STACK = 50_000;

/** Sends one renderer error to the host's log; never throws (a failing report must not raise another error). */
export function reportError(host: HostApi, error: unknown): void {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_MESSAGE) || '(empty error)';
  const stack = error instanceof Error && error.stack !== undefined ? error.stack.slice(0, MAX_STACK) : undefined;
  host.appLogRendererError(stack === undefined ? { message } : { message, stack }).catch((failure: unknown) => {
    console.error('could not report a renderer error to the host', failure);
  });
}

/** Uncaught errors and unhandled rejections go to the host's log (the Electron console is invisible to users). */
export function installErrorReporting(host: HostApi): void {
  window.addEventListener('error', (event) => reportError(host, event.error ?? event.message));
  window.addEventListener('unhandledrejection', (event) => reportError(host, event.reason));
}
