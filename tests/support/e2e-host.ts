// Browser mode as the e2e specs run it: the real web host and handlers in the test process, over the built
// renderer, with the spec's own drafts folder so a run never waits on (or writes into) the user's own drafts.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createEventHub } from '../../src-main/ipc/events';
import { createHandlers } from '../../src-main/ipc/handlers';
import { DraftStore } from '../../src-main/services/draft-store/index';
import { createStudySessions, type StudySessions } from '../../src-main/services/study-session';
import { startWebHost, type WebHost } from '../../src-main/web-host/server';

export const PROJECT_DIR = join(import.meta.dirname, '..', '..');
export const SCREENSHOT_DIR = join(PROJECT_DIR, 'tests', 'output', 'screenshots');
const APP_DATA_DIR = join(PROJECT_DIR, 'tests', 'output', 'e2e-app-data');

export interface E2eHost {
  readonly host: WebHost;
  readonly studies: StudySessions;
  close(): Promise<void>;
}

/**
 * `drafts`: a folder, emptied first (a run starts without a draft, else the draft offer waits), or a store the spec
 * has already filled. The screenshot folder is made here for every spec.
 */
export async function startE2eHost(drafts: DraftStore | string): Promise<E2eHost> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  if (typeof drafts === 'string') rmSync(drafts, { recursive: true, force: true });
  const hub = createEventHub();
  const studies = createStudySessions({ dataDir: APP_DATA_DIR, emit: (event, payload) => hub.emit(event, payload) });
  const handlers = createHandlers({
    mode: 'browser',
    identity: { version: '0.0.0-e2e' },
    studies,
    drafts: typeof drafts === 'string' ? new DraftStore(drafts) : drafts,
    logLine: () => undefined,
  });
  const host = await startWebHost({ handlers, rendererDir: join(PROJECT_DIR, 'out', 'renderer'), events: hub, studies, log: () => undefined });
  return {
    host,
    studies,
    async close() {
      studies.closeAll();
      await host.close();
    },
  };
}
