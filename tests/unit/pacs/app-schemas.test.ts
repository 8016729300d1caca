// The pacs:* contract rows: what a renderer (or a hostile page) may ask, and what main may answer. Requests are
// checked by the real dispatch before any handler runs; answers carrying a secret are refused on the way out.

import { describe, expect, it } from 'vitest';
import { contract } from '@shared/ipc/contract';
import { dispatch } from '../../../src-main/ipc/dispatch';
import type { Handlers } from '../../../src-main/ipc/handlers';

const node = { kind: 'dicomweb', name: 'PACS', baseUrl: 'https://pacs.example/dicom-web', auth: { kind: 'none' } };
const dimse = { kind: 'dimse', name: 'PACS', calledAet: 'ORTHANC', host: 'pacs.example', port: 104, callingAet: 'SPINEMET', tls: true };

const requests: ReadonlyArray<{ channel: keyof typeof contract; request: unknown; valid: boolean; why: string }> = [
  { channel: 'pacs:save-node', request: { node }, valid: true, why: 'a DICOMweb node without credentials' },
  { channel: 'pacs:save-node', request: { node: { ...node, auth: { kind: 'basic', user: 'u', password: 'p' } } }, valid: true, why: 'basic auth with a password' },
  { channel: 'pacs:save-node', request: { node: { ...node, auth: { kind: 'bearer' } } }, valid: true, why: 'a bearer token kept from before' },
  { channel: 'pacs:save-node', request: { node: { ...node, auth: { kind: 'basic', user: 'u', password: 'a\nb' } } }, valid: false, why: 'a password with a line break' },
  { channel: 'pacs:save-node', request: { node: { ...node, auth: { kind: 'digest' } } }, valid: false, why: 'an unknown kind of credentials' },
  { channel: 'pacs:save-node', request: { node: { ...node, baseUrl: 'not a url' } }, valid: false, why: 'an address that is not a URL' },
  { channel: 'pacs:save-node', request: { node: { ...node, extra: 1 } }, valid: false, why: 'an unknown field' },
  { channel: 'pacs:save-node', request: { node: dimse }, valid: true, why: 'a DIMSE node' },
  { channel: 'pacs:save-node', request: { node: { ...dimse, calledAet: 'A'.repeat(17) } }, valid: false, why: 'an AE title over 16 characters' },
  { channel: 'pacs:save-node', request: { node: { ...dimse, calledAet: 'A\\B' } }, valid: false, why: 'an AE title with a backslash' },
  { channel: 'pacs:save-node', request: { node: { ...dimse, callingAet: '   ' } }, valid: false, why: 'an AE title of spaces' },
  { channel: 'pacs:save-node', request: { node: { ...dimse, port: 70000 } }, valid: false, why: 'a port over 65535' },
  { channel: 'pacs:save-node', request: { node: { ...dimse, host: 'a b' } }, valid: false, why: 'a host with a space' },
  { channel: 'pacs:save-node', request: { id: '../x', node }, valid: false, why: 'an id that is a path' },
  { channel: 'pacs:find', request: { id: 'n1', query: { patientName: 'DOE^J*', studyDate: '20200101-20201231', modality: 'MR' } }, valid: true, why: 'a search by name, date range and modality' },
  { channel: 'pacs:find', request: { id: 'n1', query: { studyDate: '20200101-' } }, valid: true, why: 'an open-ended date range' },
  { channel: 'pacs:find', request: { id: 'n1', query: { studyDate: '2020-01-01' } }, valid: false, why: 'a date with dashes' },
  { channel: 'pacs:find', request: { id: 'n1', query: { modality: 'mr' } }, valid: false, why: 'a lower-case modality' },
  { channel: 'pacs:find', request: { id: 'n1', query: { patientId: '' } }, valid: false, why: 'an empty patient ID' },
  { channel: 'pacs:series', request: { id: 'n1', studyUid: '1.2.3' }, valid: true, why: 'a study UID' },
  { channel: 'pacs:retrieve', request: { id: 'n1', studyUid: '../../etc' }, valid: false, why: 'a study "UID" that is a path' },
  { channel: 'pacs:retrieve', request: { id: 'n1', studyUid: `1.${'2'.repeat(70)}` }, valid: false, why: 'a UID over 64 characters' },
];

const unreached = new Proxy({}, { get: () => async () => { throw new Error('handler reached'); } }) as Handlers;

describe('pacs:* requests', () => {
  it.each(requests)('$channel: $why → valid $valid', async ({ channel, request, valid }) => {
    expect(contract[channel].request.safeParse(request).success).toBe(valid);
    if (!valid) expect(await dispatch(channel, request, unreached)).toMatchObject({ ok: false, refusal: { code: 'invalid-request' } });
  });
});

describe('pacs:* refusals (logged by both transports) never repeat a typed secret', () => {
  const SECRET = 'hunter2-very-secret';
  const bad: ReadonlyArray<{ why: string; auth: unknown }> = [
    { why: 'a password with a line break', auth: { kind: 'basic', user: 'u', password: `${SECRET}\n` } },
    { why: 'a password too long', auth: { kind: 'basic', user: 'u', password: SECRET.repeat(400) } },
    { why: 'a token given as a number', auth: { kind: 'bearer', token: 42, note: SECRET } },
    { why: 'a secret in an unknown field', auth: { kind: 'none', password: SECRET } },
    { why: 'an unknown kind', auth: { kind: SECRET } },
  ];
  it.each(bad)('$why', async ({ auth }) => {
    const result = await dispatch('pacs:save-node', { node: { ...node, auth } }, unreached);
    expect(result).toMatchObject({ ok: false, refusal: { code: 'invalid-request' } });
    expect(JSON.stringify(result)).not.toContain(SECRET.slice(0, 8));
  });
});

describe('pacs:* answers', () => {
  const answers: ReadonlyArray<{ channel: keyof typeof contract; value: unknown; why: string }> = [
    { channel: 'pacs:list-nodes', value: { secretStore: 'safe-storage', nodes: [{ ...node, id: 'n1', auth: { kind: 'basic', user: 'u', secretSet: true, password: 'p' } }] }, why: 'a node view with its password' },
    { channel: 'pacs:list-nodes', value: { secretStore: 'safe-storage', nodes: [{ ...node, id: 'n1', auth: { kind: 'bearer', secretSet: true, token: 't' } }] }, why: 'a node view with its token' },
    { channel: 'pacs:save-node', value: { status: 'saved', id: 'n1', secretStore: 'environment', nodes: [{ ...node, id: 'n1', auth: { kind: 'basic', user: 'u', password: 'p' } }] }, why: 'a saved answer echoing the password' },
  ];
  it.each(answers)('$channel: $why is refused on the way out', async ({ channel, value }) => {
    const handlers = { [channel]: async () => value } as unknown as Handlers;
    const result = await dispatch(channel, channel === 'pacs:save-node' ? { node } : {}, handlers, () => undefined);
    expect(result).toMatchObject({ ok: false, refusal: { code: 'invalid-response' } });
  });
});
