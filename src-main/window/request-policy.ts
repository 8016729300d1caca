import { APP_HOST, APP_SCHEME } from '../serving/scheme';

export interface RequestPolicy {
  /** electron-vite's dev server (ELECTRON_RENDERER_URL); its origin and HMR websocket are allowed in dev only. */
  readonly devServerUrl?: string | undefined;
}

/** Schemes that never leave the process: the page's own in-memory data, and DevTools. */
const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'devtools:']);

/**
 * No network by default: patient data never leaves the machine, so the renderer may load only the app's own files.
 * Pure, so the Electron guard that applies it (guards.ts) stays a one-liner.
 */
export function isAllowedRequest(rawUrl: string, policy: RequestPolicy = {}): boolean {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  if (LOCAL_SCHEMES.has(url.protocol)) return true;
  if (url.protocol === `${APP_SCHEME}:`) return url.host === APP_HOST;
  if (policy.devServerUrl === undefined) return false;
  const dev = new URL(policy.devServerUrl);
  const sameHost = url.host === dev.host;
  if (url.protocol === dev.protocol) return sameHost;
  // Vite's hot-reload socket on the same host.
  return sameHost && (url.protocol === 'ws:' || url.protocol === 'wss:');
}
