import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HostResult, RefusalCode } from '@shared/ipc/result';
import { refused } from '@shared/ipc/result';
import { parseJsonText } from '@shared/validation/json-text';
import { formatProblems } from '@shared/validation/parse';
import { dispatch } from '../ipc/dispatch';
import type { EventHub } from '../ipc/events';
import type { Handlers } from '../ipc/handlers';
import { readPixels, PIXELS_PREFIX } from '../services/pixel-route';
import type { StudySessions } from '../services/study-session';
import { securityHeaders } from '../serving/csp';
import { checkHostAndOrigin, presentedToken, sameToken, tokenCookie } from './access';
import { openEventStream } from './event-stream';
import { readStaticFile } from '../serving/static-files';

export interface WebHostOptions {
  readonly handlers: Handlers;
  /** The built renderer (out/renderer); nothing outside it is ever served. */
  readonly rendererDir: string;
  /** 0 or omitted: a free port chosen by the OS. */
  readonly port?: number;
  readonly events?: EventHub;
  /** Serves `GET /pixels/<sessionId>/<instanceId>` (DICOM bytes of indexed instances) when given. */
  readonly studies?: StudySessions;
  readonly log?: (line: string) => void;
  /** Overrides for tests; the defaults are HEADERS_TIMEOUT_MS and REQUEST_TIMEOUT_MS. */
  readonly timeouts?: { readonly headersMs: number; readonly requestMs: number };
}

export interface WebHost {
  /** The URL to open, token included. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
/** report:* calls carry the document plus the reader's key-image captures (PNG data URLs, bounded by the schema). */
const MAX_REPORT_BODY_BYTES = 80 * 1024 * 1024;
const maxBodyBytes = (channel: string): number => (channel.startsWith('report:') ? MAX_REPORT_BODY_BYTES : MAX_BODY_BYTES);
const LOOPBACK = '127.0.0.1';
/**
 * A client that trickles its headers or body holds a connection for at most this long (Node's defaults are 60 s
 * and 5 min). Generous for loopback: a page sends a request in one write, and an 80 MB report body in well under a
 * second, so only a stalled or hostile client meets these.
 */
export const HEADERS_TIMEOUT_MS = 20_000;
export const REQUEST_TIMEOUT_MS = 120_000;

const STATUS_OF: Readonly<Record<RefusalCode, number>> = {
  'unknown-channel': 404,
  'invalid-request': 400,
  'invalid-json': 400,
  'forbidden-sender': 403,
  'invalid-response': 500,
  'handler-failed': 500,
  'session-gone': 410,
};

function send(response: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...securityHeaders(), 'Cache-Control': 'no-store', ...headers });
  response.end(body);
}

function sendText(response: ServerResponse, status: number, text: string): void {
  send(response, status, `${text}\n`, { 'Content-Type': 'text/plain; charset=utf-8' });
}

function sendResult(response: ServerResponse, result: HostResult<unknown>): void {
  const status = result.ok ? 200 : STATUS_OF[result.refusal.code];
  send(response, status, JSON.stringify(result), { 'Content-Type': 'application/json; charset=utf-8' });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > limit) return 'too-large';
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** A loopback-only HTTP host serving the built renderer and the same handlers as Electron IPC (browser mode). */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = randomBytes(24).toString('base64url');
  const log = options.log ?? ((line: string) => console.warn(line));
  const streams = new Set<ServerResponse>();
  let port = 0;

  const refuse = (request: IncomingMessage, response: ServerResponse, status: number, reason: string): void => {
    log(`[web-host] refused ${request.method ?? '?'} ${(request.url ?? '').split('?')[0]}: ${reason}`);
    sendText(response, status, status === 401 ? 'Open the URL printed by the host: it carries the access token.' : reason);
  };

  async function handleApi(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    if (path === '/api/events' && request.method === 'GET') {
      if (options.events === undefined) return sendText(response, 404, 'no events on this host');
      return openEventStream(response, options.events, streams);
    }
    if (request.method !== 'POST') return sendText(response, 405, 'API calls are POST');
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      // Also forces a CORS preflight on any cross-origin attempt, which this host never answers.
      return sendText(response, 415, 'API calls send application/json');
    }
    const channel = safeDecode(path.slice('/api/'.length));
    const body = await readBody(request, maxBodyBytes(channel));
    if (body === 'too-large') return sendText(response, 413, 'request body too large');
    const payload = body.length === 0 ? { ok: true as const, value: {} } : parseJsonText(body.toString('utf8'));
    if (!payload.ok) return sendResult(response, refused('invalid-json', channel, formatProblems(payload.problems)));
    const result = await dispatch(channel, payload.value, options.handlers);
    if (!result.ok) log(`[web-host] refused ${channel}: ${result.refusal.code}: ${result.refusal.problems.join('; ')}`);
    sendResult(response, result);
  }

  async function handlePixels(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    if (request.method !== 'GET') return sendText(response, 405, 'pixels are GET');
    if (options.studies === undefined) return sendText(response, 404, 'no studies on this host');
    const result = await readPixels(options.studies, path);
    if (result.status !== 200) return refuse(request, response, result.status, result.message);
    send(response, 200, Buffer.from(result.body.buffer, result.body.byteOffset, result.body.byteLength), result.headers);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const access = checkHostAndOrigin(request, port);
    if (!access.ok) return refuse(request, response, 403, access.reason);
    const url = new URL(request.url ?? '/', access.origin);

    // First load: trade the URL's token for the cookie and drop it from the address bar.
    const queryToken = url.searchParams.get('token');
    if (queryToken !== null && request.method === 'GET') {
      if (!sameToken(queryToken, token)) return refuse(request, response, 403, 'wrong token');
      url.searchParams.delete('token');
      // One leading slash only: `//host` in Location would be a protocol-relative redirect off this origin.
      const location = `/${url.pathname.replace(/^\/+/, '')}${url.search}`;
      return send(response, 303, '', { 'Set-Cookie': tokenCookie(port, token), Location: location });
    }

    const given = presentedToken(request, port);
    if (given === undefined) return refuse(request, response, 401, 'no token');
    if (!sameToken(given, token)) return refuse(request, response, 403, 'wrong token');

    if (url.pathname.startsWith('/api/')) return handleApi(request, response, url.pathname);
    if (url.pathname.startsWith(PIXELS_PREFIX)) return handlePixels(request, response, url.pathname);
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'method not allowed');
    const file = await readStaticFile(options.rendererDir, url.pathname);
    if (file.status !== 200) return sendText(response, 404, 'not found');
    send(response, 200, request.method === 'HEAD' ? '' : file.body, { 'Content-Type': file.contentType, 'Cache-Control': 'no-cache' });
  }

  const timeouts = options.timeouts ?? { headersMs: HEADERS_TIMEOUT_MS, requestMs: REQUEST_TIMEOUT_MS };
  const serverOptions = {
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    // How often Node looks for connections past those limits (its default, 30 s, would hold them longer).
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(timeouts.headersMs / 4))),
  };
  const server = createServer(serverOptions, (request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(`[web-host] internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!response.headersSent) sendText(response, 500, 'internal error');
      else response.destroy();
    });
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    // Loopback only: patient data is never offered to the network.
    server.listen(options.port ?? 0, LOOPBACK, () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${LOOPBACK}:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const stream of streams) stream.end();
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
