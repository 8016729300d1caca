import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createEventHub } from '../ipc/events';
import { createHandlers } from '../ipc/handlers';
import { readPackageVersion } from '../services/app-info';
import { browserDataDir, lastStudyFile } from '../services/app-paths';
import { createStudySessions } from '../services/study-session';
import { createWorkerIndexer } from '../services/study-index/worker-indexer';
import { startWebHost } from './server';

/**
 * Browser mode entry: `tsx src-main/web-host/serve.ts [--port N] [PATH…]`. Serves out/renderer until interrupted;
 * PATHs (folders, files, zips, DICOMDIRs) open first, else the built-in sample study.
 */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { port: { type: 'string' } }, allowPositionals: true });
  // `npm start -- PATH` runs us in the project folder; relative paths mean the user's folder (npm's INIT_CWD).
  const userDir = process.env.INIT_CWD ?? process.cwd();
  const initialPaths = positionals.map((p) => resolve(userDir, p));
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number from 0 to 65535, not ${JSON.stringify(values.port)}`);
    process.exit(2);
  }
  const projectDir = resolve(import.meta.dirname, '..', '..');
  const rendererDir = join(projectDir, 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.error('The renderer is not built yet (out/renderer/index.html is missing). Run: npm run build');
    process.exit(1);
  }
  const events = createEventHub();
  const dataDir = browserDataDir();
  const studies = createStudySessions({ dataDir, indexSources: createWorkerIndexer(), lastStudyFile: lastStudyFile(dataDir), emit: (event, payload) => events.emit(event, payload), initialPaths, sampleCache: join(projectDir, 'out', 'sample-study') });
  const handlers = createHandlers({ mode: 'browser', identity: { version: readPackageVersion(projectDir) }, studies, dataDir, emit: (event, payload) => events.emit(event, payload) });
  const host = await startWebHost({ handlers, rendererDir, port, events, studies });
  // The first study (start paths, the last study, else the sample) opens now, while the user opens the URL and the
  // page loads: the page's first question (study:initial) then finds it indexed or indexing, not yet to start.
  studies.initial().catch(() => undefined);
  if (initialPaths.length > 0) console.log(`Opening: ${initialPaths.join(', ')}`);
  console.log(`Browser mode: ${host.url}`);
  console.log('Open it in Chromium or another browser on this machine; press Ctrl+C to stop.');

  const stop = (): void => {
    host.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Browser mode failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
