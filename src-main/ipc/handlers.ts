import type { ChannelName, RequestOf, ResponseOf } from '@shared/ipc/contract';
import { appInfoHandler, type AppIdentity, type HostMode } from '../services/app-info';
import { rendererErrorHandler } from '../services/renderer-log';

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
}

/** The one place that binds each channel to its service; both transports serve this table. */
export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    'app:info': appInfoHandler(deps.mode, deps.identity),
    'app:log-renderer-error': rendererErrorHandler(deps.logLine),
  };
}
