// Child of bench/app-info-latency.ts: a browser-mode web host whose studies are indexed in a worker thread (the
// app's way) or in this process (the old way). Prints {port, token} as one JSON line, then serves until killed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventHub } from '../src-main/ipc/events';
import { createHandlers } from '../src-main/ipc/handlers';
import { DraftStore } from '../src-main/services/draft-store/draft-store';
import { indexSources } from '../src-main/services/study-index/indexer';
import { createWorkerIndexer } from '../src-main/services/study-index/worker-indexer';
import { createStudySessions } from '../src-main/services/study-session';
import { startWebHost } from '../src-main/web-host/server';

const mode = process.argv[2];
if (mode !== 'worker' && mode !== 'in-process') throw new Error('usage: app-info-host.ts worker|in-process');
const dataDir = mkdtempSync(join(tmpdir(), 'app-info-bench-'));
const events = createEventHub();
const studies = createStudySessions({ dataDir, emit: (event, payload) => events.emit(event, payload), indexSources: mode === 'worker' ? createWorkerIndexer() : indexSources });
const handlers = createHandlers({ mode: 'browser', identity: { version: 'bench' }, studies, drafts: new DraftStore(join(dataDir, 'drafts')) });
const host = await startWebHost({ handlers, rendererDir: join(dataDir, 'no-renderer'), events, studies });
console.log(JSON.stringify({ port: host.port, token: host.token }));
