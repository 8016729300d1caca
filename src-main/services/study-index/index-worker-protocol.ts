import type { IndexEvent } from './indexer';

/** Messages between worker-indexer.ts (parent) and index-worker.ts. Indexes travel as JSON, parsed when asked for. */
export type FromWorker =
  | { readonly type: 'reading'; readonly file: string }
  | { readonly type: 'read'; readonly file: string }
  | { readonly type: 'event'; readonly event: IndexEvent }
  | { readonly type: 'snapshot'; readonly json: string }
  | { readonly type: 'done'; readonly json: string };

export type ToWorker = { readonly type: 'cancel' };

export interface IndexWorkerData {
  readonly paths: readonly string[];
  readonly concurrency?: number;
  /** Test-only: the worker allocates without bound when it reads a file whose label ends with this. */
  readonly exhaustOn?: string;
}
