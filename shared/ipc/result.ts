/**
 * The envelope every host call returns, over both transports (Electron IPC and the loopback HTTP host).
 * Refusals are data, not thrown errors: Electron flattens errors thrown across ipcMain.handle into a string, and
 * HTTP needs a body anyway, so one shape serves both and the renderer turns a refusal into a HostError once.
 */
export type RefusalCode =
  | 'unknown-channel'
  | 'invalid-request'
  | 'invalid-response'
  | 'handler-failed'
  | 'forbidden-sender'
  | 'invalid-json'
  /** The study session named in the request is not open (any more): an expected answer, not a failure. */
  | 'session-gone';

export interface Refusal {
  readonly code: RefusalCode;
  readonly channel: string;
  /** Each problem as `path: message` (see shared/validation/parse.ts). */
  readonly problems: ReadonlyArray<string>;
}

export type HostResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly refusal: Refusal };

export function refused(code: RefusalCode, channel: string, problems: ReadonlyArray<string>): HostResult<never> {
  return { ok: false, refusal: { code, channel, problems } };
}
