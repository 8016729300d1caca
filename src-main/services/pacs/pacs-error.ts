// Every failure of the PACS client is one of these: a code a caller can act on, and a plain sentence for the user
// (never an engine's text, never a credential).

export type PacsErrorCode =
  | 'bad-config'
  | 'bad-request'
  | 'unreachable'
  | 'refused-credentials'
  | 'forbidden'
  | 'not-found'
  | 'timeout'
  | 'server-error'
  | 'bad-answer'
  | 'too-large'
  | 'cancelled'
  | 'local-file';

export class PacsError extends Error {
  override readonly name: string = 'PacsError';
  constructor(
    readonly code: PacsErrorCode,
    message: string,
  ) {
    super(message);
  }
}
