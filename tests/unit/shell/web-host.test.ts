import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventHub } from '../../../src-main/ipc/events';
import { createHandlers } from '../../../src-main/ipc/handlers';
import { TOKEN_HEADER, cookieName } from '../../../src-main/web-host/access';
import { startWebHost, type WebHost } from '../../../src-main/web-host/server';
import { buildCsp } from '../../../src-main/serving/csp';
import { MAX_JSON_DEPTH } from '../../../shared/validation/json-text';
import { rawRequest, type RawRequest } from '../../support/http-request';

const base = mkdtempSync(join(tmpdir(), 'web-host-'));
const rendererDir = join(base, 'renderer');
mkdirSync(join(rendererDir, 'assets'), { recursive: true });
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
writeFileSync(join(rendererDir, 'assets', 'codec.wasm'), Buffer.from([0, 97, 115, 109]));
writeFileSync(join(base, 'secret.txt'), 'patient data');

const hub = createEventHub();
const logged: string[] = [];
let host: WebHost;

beforeAll(async () => {
  const handlers = createHandlers({ mode: 'browser', identity: { version: '9.9.9' }, logLine: () => undefined });
  host = await startWebHost({ handlers, rendererDir, events: hub, log: (line) => logged.push(line) });
});
afterAll(() => host.close());

const authed = (req: Omit<RawRequest, 'port'>) =>
  rawRequest({ ...req, port: host.port, headers: { [TOKEN_HEADER]: host.token, ...req.headers } });

function connectOutcome(address: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port }, () => {
      socket.destroy();
      resolve('connected');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

const callApi = (channel: string, body: string, headers: Record<string, string> = {}) =>
  authed({ path: `/api/${channel}`, method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

describe('web host: binding and token', () => {
  it('listens on 127.0.0.1 only, on a free port, with a 32-character token in the URL', () => {
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`);
    expect(host.port).toBeGreaterThan(0);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
  });

  it('binds 127.0.0.1 only: other loopback and IPv6 addresses are refused', async () => {
    // A server bound to 0.0.0.0 or :: would answer on these too (Linux routes all of 127/8 to loopback).
    for (const address of ['127.0.0.2', '::1']) expect(await connectOutcome(address, host.port), address).toMatch(/^E/);
    expect(await connectOutcome('127.0.0.1', host.port)).toBe('connected');
  });

  it('refuses a request without a token (401) and with a wrong one (403)', async () => {
    expect((await rawRequest({ port: host.port, path: '/' })).status).toBe(401);
    expect((await rawRequest({ port: host.port, path: '/', headers: { [TOKEN_HEADER]: 'x'.repeat(32) } })).status).toBe(403);
    expect((await rawRequest({ port: host.port, path: `/?token=${'y'.repeat(32)}` })).status).toBe(403);
    const api = await rawRequest({ port: host.port, path: '/api/app:info', method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(api.status).toBe(401);
  });

  it('trades the URL token for an HttpOnly SameSite=Strict cookie and redirects without it', async () => {
    const first = await rawRequest({ port: host.port, path: `/?token=${host.token}` });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    expect(first.headers['set-cookie']).toEqual([`${cookieName(host.port)}=${host.token}; HttpOnly; SameSite=Strict; Path=/`]);
    // `/a/..//evil.example/` normalises to the path `//evil.example/`, which must not become a protocol-relative redirect.
    const sneaky = await rawRequest({ port: host.port, path: `/a/..//evil.example/?token=${host.token}` });
    expect(sneaky.headers.location).toBe('/evil.example/');
    const next = await rawRequest({ port: host.port, path: '/', headers: { cookie: `other=1; ${cookieName(host.port)}=${host.token}` } });
    expect(next.status).toBe(200);
  });
});

describe('web host: origin and host checks', () => {
  it('refuses a foreign Origin', async () => {
    for (const origin of ['https://evil.example', `http://127.0.0.1:${host.port + 1}`, 'null']) {
      const response = await callApi('app:info', '{}', { origin });
      expect(response.status, origin).toBe(403);
    }
  });

  it('accepts its own Origin', async () => {
    expect((await callApi('app:info', '{}', { origin: host.origin })).status).toBe(200);
  });

  it('refuses a Host header other than 127.0.0.1/localhost with its port (DNS rebinding)', async () => {
    for (const hostHeader of ['evil.example', `evil.example:${host.port}`, '127.0.0.1', `127.0.0.1:${host.port + 1}`]) {
      const response = await authed({ path: '/', headers: { host: hostHeader } });
      expect(response.status, hostHeader).toBe(403);
    }
    expect((await authed({ path: '/', headers: { host: `localhost:${host.port}` } })).status).toBe(200);
  });
});

describe('web host: static files', () => {
  it('serves index.html with the CSP and nosniff headers', async () => {
    const response = await authed({ path: '/' });
    expect(response.status).toBe(200);
    expect(response.body).toContain('<title>t</title>');
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(buildCsp('header'));
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves wasm as application/wasm', async () => {
    const response = await authed({ path: '/assets/codec.wasm' });
    expect(response.headers['content-type']).toBe('application/wasm');
  });

  it('refuses path traversal', async () => {
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/%2e%2e%2fsecret.txt', '/..%5csecret.txt']) {
      const response = await authed({ path });
      expect(response.status, path).toBe(404);
      expect(response.body).not.toContain('patient data');
    }
  });
});

describe('web host: API', () => {
  it('POST /api/app:info answers through the shared handlers', async () => {
    const response = await callApi('app:info', '{}');
    expect(response.status).toBe(200);
    expect(response.headers['content-security-policy']).toBe(buildCsp('header'));
    expect(JSON.parse(response.body)).toEqual({ ok: true, value: { name: 'Spine Met Annotator', version: '9.9.9', mode: 'browser' } });
  });

  it('refuses an unknown channel (404) and a bad payload (400) with path: message problems', async () => {
    const unknown = await callApi('app:exec', '{}');
    expect(unknown.status).toBe(404);
    const bad = await callApi('app:log-renderer-error', '{"message":1}');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toEqual({
      ok: false,
      refusal: { code: 'invalid-request', channel: 'app:log-renderer-error', problems: ['message: Invalid input: expected string, received number'] },
    });
    const notJson = await callApi('app:info', '{');
    expect(notJson.status).toBe(400);
  });

  it('bounds request bodies: 1 MiB for ordinary calls, more for report calls (which carry key-image captures)', async () => {
    const big = JSON.stringify({ message: 'x'.repeat(2 * 1024 * 1024) });
    // Past the body limit, the report call reaches schema validation (and is refused there: no such session).
    const report = await callApi('report:key-images', JSON.stringify({ sessionId: 'x', document: {}, padding: 'x'.repeat(2 * 1024 * 1024) }));
    expect(report.status).toBe(400);
    expect(JSON.parse(report.body)).toMatchObject({ ok: false, refusal: { code: 'invalid-request', channel: 'report:key-images' } });
    // The host answers 413 and stops reading, so the client may see the reset before the answer.
    // `Connection: close` keeps the reset socket out of the agent's pool (later tests would inherit it).
    const refusedBig = await callApi('app:log-renderer-error', big, { connection: 'close' }).then((r) => r.status, (e: NodeJS.ErrnoException) => e.code);
    expect([413, 'ECONNRESET', 'EPIPE']).toContain(refusedBig);
  });

  it('refuses JSON nested deeper than the documented limit before parsing it (10 million nested arrays)', async () => {
    const deep = `${'['.repeat(10_000_000)}${']'.repeat(10_000_000)}`;
    const response = await callApi('report:key-images', deep);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({
      ok: false,
      refusal: { code: 'invalid-json', channel: 'report:key-images', problems: [`(root): nested more than ${MAX_JSON_DEPTH} levels deep; refused`] },
    });
    // The host was not blocked: it answers the next call.
    expect((await callApi('app:info', '{}')).status).toBe(200);
  });

  it('requires POST with application/json', async () => {
    expect((await authed({ path: '/api/app:info' })).status).toBe(405);
    expect((await authed({ path: '/api/app:info', method: 'POST', body: '{}', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
  });

  it('logs each refusal', () => {
    expect(logged.some((line) => line.includes('refused') && line.includes('Origin'))).toBe(true);
  });
});

describe('web host: events', () => {
  it('streams push events as Server-Sent Events', async () => {
    const controller = new AbortController();
    const response = await fetch(`${host.origin}/api/events`, { headers: { [TOKEN_HEADER]: host.token }, signal: controller.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = response.body?.getReader();
    if (reader === undefined) throw new Error('no body');
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value); // ": connected" — the stream is open
    hub.emit('app:notice', { level: 'info', message: 'hello' });
    while (!text.includes('"hello"}\n\n')) text += decoder.decode((await reader.read()).value);
    expect(text).toContain('event: app:notice\ndata: {"level":"info","message":"hello"}\n\n');
    controller.abort();
  });

  it('refuses an invalid event payload at the source', () => {
    expect(() => hub.emit('app:notice', { level: 'loud', message: 'x' } as never)).toThrow(/level/);
  });
});

describe('web host: slow clients', () => {
  it('closes a connection whose headers never finish (the headers timeout, shortened here), and keeps serving', async () => {
    const handlers = createHandlers({ mode: 'browser', identity: { version: '9.9.9' }, logLine: () => undefined });
    const slow = await startWebHost({ handlers, rendererDir, log: () => undefined, timeouts: { headersMs: 300, requestMs: 600 } });
    try {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ host: '127.0.0.1', port: slow.port }, () => socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n'));
        let received = '';
        socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
        socket.on('close', () => resolve(received.split('\r\n')[0] ?? ''));
        socket.on('error', () => undefined);
      });
      // Node answers 408 (or just closes) once the headers are overdue; the point is that it lets go.
      expect(outcome === '' || outcome.startsWith('HTTP/1.1 408')).toBe(true);
      expect((await rawRequest({ port: slow.port, path: '/api/app:info', method: 'POST', body: '{}', headers: { [TOKEN_HEADER]: slow.token, 'content-type': 'application/json' } })).status).toBe(200);
    } finally {
      await slow.close();
    }
  });
});
