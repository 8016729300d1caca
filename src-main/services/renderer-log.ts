import type { RequestOf, ResponseOf } from '@shared/ipc/contract';

/**
 * Renderer errors are written to the host's log: in Electron the renderer's console is invisible to the user and to
 * support, so this is the only trace a crash in the UI leaves.
 */
export function rendererErrorHandler(
  sink: (line: string) => void = (line) => console.error(line),
): (request: RequestOf<'app:log-renderer-error'>) => Promise<ResponseOf<'app:log-renderer-error'>> {
  return async ({ message, stack }) => {
    sink(`[renderer] ${message}${stack === undefined ? '' : `\n${stack}`}`);
    return {};
  };
}
