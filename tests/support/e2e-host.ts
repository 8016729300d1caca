// Browser mode as the e2e specs run it: the real web host and handlers in the test process, over the built
// renderer, with the spec's own drafts folder so a run never waits on (or writes into) the user's own drafts.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createEventHub } from '../../src-main/ipc/events';
import { createHandlers, type Handlers } from '../../src-main/ipc/handlers';
import { DraftStore } from '../../src-main/services/draft-store/index';
import { createStudySessions, type StudySessions } from '../../src-main/services/study-session';
import { createWorkerIndexer } from '../../src-main/services/study-index/worker-indexer';
import { startWebHost, type WebHost } from '../../src-main/web-host/server';

export const PROJECT_DIR = join(import.meta.dirname, '..', '..');
export const SCREENSHOT_DIR = join(PROJECT_DIR, 'tests', 'output', 'screenshots');
const APP_DATA_DIR = join(PROJECT_DIR, 'tests', 'output', 'e2e-app-data');

export interface E2eHost {
  readonly host: WebHost;
  readonly studies: StudySessions;
  close(): Promise<void>;
}

export interface E2eHostOptions {
  /** The last-study file (as serve.ts turns it on); off by default, so every spec starts on the sample study. */
  readonly lastStudyFile?: string;
  /** Where the host's own log lines go (refusals, handler failures); dropped by default. */
  readonly log?: (line: string) => void;
  /** Replaces some handlers (e.g. one that answers as a gone session). */
  readonly override?: Partial<Handlers>;
  /** The app data folder for reader settings and the installation secret; default: the tests' app data folder. */
  readonly dataDir?: string;
}

/**
 * `drafts`: a folder, emptied first (a run starts without a draft, else the draft offer waits), or a store the spec
 * has already filled (or a folder to keep, for a restarted host: pass `new DraftStore(dir)`). The screenshot folder
 * is made here for every spec.
 */
export async function startE2eHost(drafts: DraftStore | string, options: E2eHostOptions = {}): Promise<E2eHost> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  if (typeof drafts === 'string') rmSync(drafts, { recursive: true, force: true });
  const log = options.log ?? (() => undefined);
  const hub = createEventHub();
  const studies = createStudySessions({
    dataDir: APP_DATA_DIR,
    // As in the app and browser mode: indexing in a worker thread with resource limits.
    indexSources: createWorkerIndexer(),
    ...(options.lastStudyFile === undefined ? {} : { lastStudyFile: options.lastStudyFile }),
    emit: (event, payload) => hub.emit(event, payload),
  });
  const base = createHandlers({
    mode: 'browser',
    identity: { version: '0.0.0-e2e' },
    studies,
    drafts: typeof drafts === 'string' ? new DraftStore(drafts) : drafts,
    logLine: log,
    // Reader settings and the installation secret: the test data folder, never the user's own.
    dataDir: options.dataDir ?? APP_DATA_DIR,
  });
  const handlers: Handlers = { ...base, ...options.override };
  const host = await startWebHost({ handlers, rendererDir: join(PROJECT_DIR, 'out', 'renderer'), events: hub, studies, log });
  return {
    host,
    studies,
    async close() {
      studies.closeAll();
      await host.close();
    },
  };
}
