import { APP_HOST, APP_SCHEME } from '../serving/scheme';

export { APP_PAGE_URL } from '../serving/scheme';

/** What register.ts extracts from an IpcMainInvokeEvent; kept plain so the decision is a pure, testable function. */
export interface SenderFacts {
  /** URL of the frame that sent the message, or undefined if the frame is gone. */
  readonly frameUrl: string | undefined;
  /** senderFrame === webContents.mainFrame and it has no parent. */
  readonly isMainFrame: boolean;
}

export interface SenderPolicy {
  /** electron-vite's dev server origin (ELECTRON_RENDERER_URL), only when running unpackaged in dev. */
  readonly devServerUrl?: string | undefined;
}

export type SenderVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const APP_PAGE_PATHS = new Set(['/', '/index.html']);

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

function isAppPage(url: URL): boolean {
  // Node's URL gives non-special schemes an opaque origin ("null"), so compare the parts, not `origin`.
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && APP_PAGE_PATHS.has(url.pathname);
}

function isDevPage(url: URL, devServerUrl: string | undefined): boolean {
  if (devServerUrl === undefined) return false;
  const dev = parse(devServerUrl);
  return dev !== undefined && url.origin === dev.origin && APP_PAGE_PATHS.has(url.pathname);
}

/** An IPC sender is allowed only if it is the app's own page, in the window's main frame (never an iframe). */
export function checkSender(facts: SenderFacts, policy: SenderPolicy = {}): SenderVerdict {
  if (facts.frameUrl === undefined || facts.frameUrl === '') return { ok: false, reason: 'sender frame is gone' };
  if (!facts.isMainFrame) return { ok: false, reason: 'sender is a subframe, not the main frame' };
  const url = parse(facts.frameUrl);
  if (url === undefined) return { ok: false, reason: 'sender URL does not parse' };
  if (isAppPage(url) || isDevPage(url, policy.devServerUrl)) return { ok: true };
  return { ok: false, reason: `sender URL is not the app page (${url.protocol}//${url.host}${url.pathname})` };
}
