import type { ChannelName, RequestOf, ResponseOf } from '@shared/ipc/contract';
import { appInfoHandler, type AppIdentity, type HostMode } from '../services/app-info';
import { rendererErrorHandler } from '../services/renderer-log';
import { browserDataDir } from '../services/app-paths';
import { studyHandlers, type PickPaths } from '../services/study-handlers';
import { createStudySessions, type StudySessions } from '../services/study-session';
import { draftHandlers, draftsDir } from '../services/draft-channels';
import { DraftStore } from '../services/draft-store/index';
import { reportHandlers, type PrintPdf } from '../services/report/report-channels';
import { proposeHandlers } from '../services/propose-channel';
import { installationSecretOf } from '../services/installation-secret';
import { settingsHandlers } from '../services/reader-settings';
import { pacsService } from '../services/pacs-app/pacs-channels';
import type { PacsChannelOptions } from '../services/pacs-app/pacs-channels';
import { environmentKeeper } from '../services/pacs-app/secrets';
import type { SecretKeeper } from '../services/pacs-app/secrets';
import type { EmitEvent } from '../services/study-session';

/**
 * One implementation per contract channel, served by both transports (Electron IPC and the web host).
 * Handlers receive an already-validated request; their response is validated again before it leaves.
 */
export type Handlers = {
  readonly [C in ChannelName]: (request: RequestOf<C>) => Promise<ResponseOf<C>>;
};

export interface HandlerDeps {
  readonly mode: HostMode;
  readonly identity: AppIdentity;
  readonly logLine?: (line: string) => void;
  /** Opened studies; the host passes its own (shared with the pixels route). Default: browser data dir, no events. */
  readonly studies?: StudySessions;
  /** Electron's native open dialog; absent in browser mode (study:pick answers 'unavailable'). */
  readonly pickPaths?: PickPaths;
  /** Annotation drafts; default: `drafts` in the browser data dir (Electron passes one in its userData). */
  readonly drafts?: DraftStore;
  /** Electron: the renderer has written its pending drafts (window/close-handshake.ts); browser mode: nothing to do. */
  readonly onReadyToClose?: () => void;
  /** Electron's printToPDF of the report HTML in a hidden window; default: headless Chromium (browser mode). */
  readonly printPdf?: PrintPdf;
  /** Electron's native folder dialog for report exports; absent in browser mode (a path field instead). */
  readonly pickFolder?: (purpose: 'pdf' | 'export') => Promise<string | null>;
  /** Electron's clipboard for "copy report as text" (the page's own clipboard permission is denied there). */
  readonly writeClipboard?: (text: string) => void;
  /** The app's data folder (reader settings, installation secret); default: the browser data dir. */
  readonly dataDir?: string;
  /** Push events beyond the study sessions' (PACS retrieval progress); default: none. */
  readonly emit?: EmitEvent;
  /** Where PACS passwords are kept: Electron's safeStorage; default (browser mode): the environment only. */
  readonly pacsSecrets?: SecretKeeper;
  /** Tests: the PACS study cache's folder, budget, or a hold between series. */
  readonly pacs?: Pick<PacsChannelOptions, 'cacheDir' | 'budgetBytes' | 'beforeSeries'>;
}

/** The one place that binds each channel to its service; both transports serve this table. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const dataDir = deps.dataDir ?? browserDataDir();
  const studies = deps.studies ?? createStudySessions({ dataDir });
  const emit = deps.emit;
  const pacs = pacsService({
    dataDir,
    keeper: deps.pacsSecrets ?? environmentKeeper(),
    emit: (progress) => emit?.('pacs:retrieve-progress', progress),
    studies,
    ...(deps.printPdf ? { printPdf: deps.printPdf } : {}),
    ...deps.pacs,
  });
  return {
    'app:info': appInfoHandler(deps.mode, deps.identity),
    'app:log-renderer-error': rendererErrorHandler(deps.logLine),
    'app:ready-to-close': async () => {
      deps.onReadyToClose?.();
      return {};
    },
    ...studyHandlers(studies, deps.pickPaths),
    ...draftHandlers(deps.drafts ?? new DraftStore(draftsDir(browserDataDir()))),
    ...settingsHandlers(dataDir),
    ...reportHandlers({
      studies,
      installationSecret: installationSecretOf(dataDir),
      ...(deps.printPdf ? { printPdf: deps.printPdf } : {}),
      ...(deps.pickFolder ? { pickFolder: deps.pickFolder } : {}),
      ...(deps.writeClipboard ? { writeClipboard: deps.writeClipboard } : {}),
    }),
    ...proposeHandlers(studies),
    ...pacs.handlers,
  };
}
