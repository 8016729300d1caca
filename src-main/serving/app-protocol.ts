import { protocol, type Session } from 'electron';
import { APP_HOST, APP_SCHEME } from './scheme';
import { PIXELS_PREFIX, readPixels } from '../services/pixel-route';
import type { StudySessions } from '../services/study-session';
import { readStaticFile } from './static-files';
import { securityHeaders } from './csp';

/*
 * Why app:// and not loadFile(): a file:// page has no real origin (CSP 'self' means little there, and the sender
 * check would have to compare filesystem paths), and file:// can reach any file the user can read. A privileged
 * standard scheme gives the page a proper origin (app://renderer), lets every response carry our CSP header, and
 * lets the handler serve only files under out/renderer — the same rule the web host applies.
 */

/** Must run before app 'ready'. */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** app://renderer/… : the built renderer, and `pixels/<sessionId>/<instanceId>` (DICOM bytes by allow-listed id). */
export function serveRenderer(session: Session, rendererDir: string, studies?: StudySessions): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (studies !== undefined && url.host === APP_HOST && request.method === 'GET' && url.pathname.startsWith(PIXELS_PREFIX)) {
      const pixels = await readPixels(studies, url.pathname);
      if (pixels.status !== 200) return new Response(pixels.message, { status: pixels.status, headers: securityHeaders() });
      return new Response(new Uint8Array(pixels.body), { status: 200, headers: { ...securityHeaders(), ...pixels.headers } });
    }
    const file = url.host === APP_HOST && request.method === 'GET' ? await readStaticFile(rendererDir, url.pathname) : { status: 404 as const };
    if (file.status !== 200) return new Response('Not found', { status: 404, headers: securityHeaders() });
    return new Response(new Uint8Array(file.body), {
      status: 200,
      headers: { ...securityHeaders(), 'Content-Type': file.contentType },
    });
  });
}
