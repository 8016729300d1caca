import { join, resolve } from 'node:path';
import { app, clipboard, safeStorage, session, type BrowserWindow } from 'electron';
import { lastStudyFile } from './services/app-paths';
import { createStudySessions } from './services/study-session';
import { createWorkerIndexer } from './services/study-index/worker-indexer';
import { createHandlers } from './ipc/handlers';
import { safeStorageKeeper } from './services/pacs-app/secrets';
import { draftsDir } from './services/draft-channels';
import { DraftStore } from './services/draft-store/index';
import { createEventHub } from './ipc/events';
import { createRefusalLog } from './ipc/refusal-log';
import { forwardEvents, registerIpc } from './ipc/register';
import { registerAppSchemePrivileges, serveRenderer } from './serving/app-protocol';
import { installCloseHandshake, type CloseHandshake } from './window/close-handshake';
import { createMainWindow } from './window/create-window';
import { devServerUrl as devServerUrlFor } from './window/dev-server';
import { applyContentsGuards, applySessionGuards } from './window/guards';
import { installMenu } from './window/menu';
import { pickFolderDialog, pickPathsDialog } from './window/pick-dialog';
import { printReportPdf } from './window/print-pdf';

// Built layout: out/main/main.js, out/preload/preload.cjs, out/renderer/.
const outDir = join(import.meta.dirname, '..');
const preloadPath = join(outDir, 'preload', 'preload.cjs');
const rendererDir = join(outDir, 'renderer');
// Only a main process built by `electron-vite dev` looks at ELECTRON_RENDERER_URL; `npm start` never does.
const devServerUrl = devServerUrlFor({ devBuild: __DEV_SERVER_BUILD__, packaged: app.isPackaged, env: process.env });

registerAppSchemePrivileges();
app.enableSandbox();

let mainWindow: BrowserWindow | undefined;
let closeHandshake: CloseHandshake | undefined;
const hub = createEventHub();

/** `npm start -- PATH…` / `electron . PATH…`: paths after the app folder (Chromium switches start with '-'). */
function initialPaths(): string[] {
  const args = process.argv.slice(app.isPackaged ? 1 : 2).filter((arg) => !arg.startsWith('-'));
  const userDir = process.env.INIT_CWD ?? process.cwd();
  return args.map((arg) => resolve(userDir, arg));
}

async function start(): Promise<void> {
  installMenu(!app.isPackaged);
  applySessionGuards(session.defaultSession, { devServerUrl });
  const dataDir = app.getPath('userData');
  const studies = createStudySessions({ dataDir, indexSources: createWorkerIndexer(), lastStudyFile: lastStudyFile(dataDir), emit: (event, payload) => hub.emit(event, payload), initialPaths: initialPaths(), sampleCache: join(outDir, 'sample-study') });
  serveRenderer(session.defaultSession, rendererDir, studies);

  const pickPaths = (kind: 'folder' | 'files'): Promise<string[] | null> => pickPathsDialog(mainWindow, kind);
  const drafts = new DraftStore(draftsDir(app.getPath('userData')));
  const pickFolder = (purpose: 'pdf' | 'export'): Promise<string | null> => pickFolderDialog(mainWindow, purpose);
  const handlers = createHandlers({
    mode: 'electron',
    identity: { version: app.getVersion() },
    studies,
    pickPaths,
    drafts,
    onReadyToClose: () => closeHandshake?.rendererReady(),
    printPdf: printReportPdf,
    pickFolder,
    writeClipboard: (text) => clipboard.writeText(text),
    dataDir,
    emit: (event, payload) => hub.emit(event, payload),
    pacsSecrets: safeStorageKeeper(safeStorage),
  });
  registerIpc(handlers, { devServerUrl }, createRefusalLog());

  // The first study opens while the window and its page load (the page's study:initial then finds it under way).
  studies.initial().catch(() => undefined);
  mainWindow = await createMainWindow({ preloadPath, devServerUrl });
  forwardEvents(hub, mainWindow.webContents);
  // Pending autosaves are written before the window goes (bounded wait: a hung renderer cannot block quitting).
  closeHandshake = installCloseHandshake(mainWindow, { askRenderer: (timeoutMs) => hub.emit('app:before-close', { timeoutMs }), log: (line) => console.warn(line) });
  mainWindow.on('closed', () => {
    mainWindow = undefined;
    closeHandshake = undefined;
  });
}

// One instance: two windows writing the same drafts would race.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow === undefined) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
    hub.emit('app:notice', { level: 'info', message: 'The app was already open: use this window.' });
  });
  // Every WebContents (including any the page might try to create) gets the navigation guards.
  app.on('web-contents-created', (_event, contents) => applyContentsGuards(contents));
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start, (error: unknown) => {
    console.error('[main] failed to start:', error);
    app.exit(1);
  });
}
