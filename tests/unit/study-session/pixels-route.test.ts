import { copyFileSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src-main/ipc/handlers';
import { parsePixelPath } from '../../../src-main/services/pixel-route';
import { createStudySessions } from '../../../src-main/services/study-session';
import { TOKEN_HEADER } from '../../../src-main/web-host/access';
import { startWebHost, type WebHost } from '../../../src-main/web-host/server';
import { rawRequest } from '../../support/http-request';
import { DICOM_DATA } from '../../support/shared-data';

const base = mkdtempSync(join(tmpdir(), 'pixels-route-'));
const rendererDir = join(base, 'renderer');
const studyDir = join(base, 'study');
const source = `${DICOM_DATA}/spine/lumbar-mr-axial-t2/IM01.dcm`;
mkdirSync(rendererDir, { recursive: true });
mkdirSync(studyDir, { recursive: true });
copyFileSync(source, join(studyDir, 'IM01.dcm'));

const studies = createStudySessions({ dataDir: join(base, 'data') });
let host: WebHost;
let sessionId: string;
let instanceId: string;

beforeAll(async () => {
  const handlers = createHandlers({ mode: 'browser', identity: { version: '1.0.0' }, studies, logLine: () => undefined });
  host = await startWebHost({ handlers, rendererDir, studies, log: () => undefined });
  sessionId = studies.open([studyDir]);
  const index = await studies.getIndex(sessionId);
  instanceId = index.patients[0]?.studies[0]?.series[0]?.stacks[0]?.instances[0]?.id ?? '';
});
afterAll(async () => {
  studies.closeAll();
  await host.close();
});

// null: no token at all.
const get = (path: string, token: string | null = host.token) =>
  rawRequest({ port: host.port, path, headers: token === null ? {} : { [TOKEN_HEADER]: token } });

describe('pixels route', () => {
  it('serves an indexed instance as application/dicom, never cached', async () => {
    expect(instanceId).not.toBe('');
    const response = await get(`/pixels/${sessionId}/${instanceId}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/dicom');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(Number(response.headers['content-length'] ?? statSync(source).size)).toBe(statSync(source).size);
  });

  it('refuses a missing or wrong token', async () => {
    expect((await get(`/pixels/${sessionId}/${instanceId}`, null)).status).toBe(401);
    expect((await get(`/pixels/${sessionId}/${instanceId}`, 'x'.repeat(32))).status).toBe(403);
  });

  it('refuses unknown sessions, unknown instances and path tricks', async () => {
    expect((await get(`/pixels/UnknownSession1/${instanceId}`)).status).toBe(404);
    expect((await get(`/pixels/${sessionId}/0123456789abcdef`)).status).toBe(404);
    expect((await get(`/pixels/${sessionId}/..%2F..%2Fetc%2Fpasswd`)).status).toBe(400);
    expect((await get(`/pixels/${sessionId}`)).status).toBe(400);
    expect((await rawRequest({ port: host.port, path: `/pixels/${sessionId}/${instanceId}`, method: 'POST', headers: { [TOKEN_HEADER]: host.token } })).status).toBe(405);
  });

  it('parses only pixels/<session>/<instance>', () => {
    expect(parsePixelPath('/pixels/AbCdEf_123/0123abcd.2')).toEqual({ sessionId: 'AbCdEf_123', instanceId: '0123abcd.2' });
    expect(parsePixelPath('/pixels/AbCdEf_123/a/b')).toBeNull();
    expect(parsePixelPath('/pixels/../0123')).toBeNull();
    expect(parsePixelPath('/api/AbCdEf_123/0123')).toBeNull();
  });
});
