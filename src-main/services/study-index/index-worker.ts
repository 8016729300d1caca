import { parentPort, workerData } from 'node:worker_threads';
import { indexSources, type IndexingView } from './indexer';
import { readHeader } from './read-header';
import type { FromWorker, IndexWorkerData, ToWorker } from './index-worker-protocol';

/**
 * The worker side of worker-indexer.ts: runs the real indexer and posts what the parent needs to answer for it
 * (events, the file being read, a JSON snapshot of the partial index). A file that exhausts this worker's resource
 * limits costs this worker only; the parent names the file from the 'reading' messages.
 */
const port = parentPort;
if (port === null) throw new Error('index-worker.ts runs as a worker thread');
const data = workerData as IndexWorkerData;
const controller = new AbortController();
const post = (message: FromWorker): void => port.postMessage(message);
port.on('message', (message: ToWorker) => {
  if (message.type === 'cancel') controller.abort();
});

let view: IndexingView | undefined;
let postedScanned = -1;
/** Before an event goes out, the parent gets a snapshot at least as new as it (pixels of a ready series are allowed). */
const postSnapshot = (): void => {
  const snapshot = view?.snapshot();
  if (snapshot === undefined || snapshot.stats.scanned === postedScanned) return;
  postedScanned = snapshot.stats.scanned;
  post({ type: 'snapshot', json: JSON.stringify(snapshot) });
};

/** Test-only: allocate without bound while reading this file, as a runaway decoder would. */
function exhaustHeap(): never {
  const hoard: number[][] = [];
  for (;;) hoard.push(Array.from({ length: 1e5 }, (_, i) => i));
}

const index = await indexSources(data.paths, {
  signal: controller.signal,
  ...(data.concurrency === undefined ? {} : { concurrency: data.concurrency }),
  onStart: (v) => (view = v),
  onEvent: (event) => {
    if (event.type !== 'problem') postSnapshot();
    post({ type: 'event', event });
  },
  readHeader: async (source, options) => {
    post({ type: 'reading', file: source.label });
    try {
      if (data.exhaustOn !== undefined && source.label.endsWith(data.exhaustOn)) exhaustHeap();
      return await readHeader(source, options);
    } finally {
      post({ type: 'read', file: source.label });
    }
  },
});
post({ type: 'done', json: JSON.stringify(index) });
