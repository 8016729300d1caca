import type { Session, WebContents } from 'electron';
import { securityHeaders } from '../serving/csp';
import { isAllowedRequest, type RequestPolicy } from './request-policy';

/** Session-wide guards: no network outside the app, CSP on every response, no permission ever granted. */
export function applySessionGuards(session: Session, policy: RequestPolicy): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, policy);
    if (!allowed) console.warn(`[guard] blocked request to ${details.url}`);
    callback({ cancel: !allowed });
  });
  // The app:// handler sets these headers itself; this covers the dev server's responses.
  const dev = policy.devServerUrl === undefined ? undefined : { devServerUrl: policy.devServerUrl };
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const [name, value] of Object.entries(securityHeaders(dev))) headers[name] = [value];
    callback({ responseHeaders: headers });
  });
  // Camera, notifications, geolocation, clipboard-read…: a reading tool needs none of them.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Per-page guards: the single page never navigates, never opens windows, never hosts a <webview>. */
export function applyContentsGuards(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    console.warn(`[guard] blocked navigation to ${event.url}`);
    event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    // The one subframe the page may have is the report preview, a sandboxed srcdoc iframe (no URL, no scripts).
    if (!event.isMainFrame && event.url !== 'about:srcdoc') event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    console.warn(`[guard] blocked window.open(${url})`);
    return { action: 'deny' };
  });
}
