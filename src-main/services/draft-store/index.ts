export { DraftStore } from './draft-store';
export type { DraftLoadResult, DraftStatus, DraftStoreOptions, DraftSummary } from './draft-store';
export { DraftStoreError } from './errors';
export type { DraftStoreErrorCode } from './errors';
