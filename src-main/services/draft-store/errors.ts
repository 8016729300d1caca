/** The draft store's typed error: callers match on `code`, the message is for the log. */
export type DraftStoreErrorCode =
  | 'invalid-study-uid'
  | 'invalid-document'
  | 'study-mismatch'
  /** The file on disk is corrupt or from a newer version: saving would overwrite it; quarantine() first. */
  | 'blocked-corrupt'
  | 'blocked-newer-version';

export class DraftStoreError extends Error {
  constructor(
    readonly code: DraftStoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DraftStoreError';
  }
}
