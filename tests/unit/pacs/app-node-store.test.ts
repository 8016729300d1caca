// The app's PACS node settings (issue 13): a password or token is written only sealed (Electron's safeStorage) or
// not at all (browser mode: the environment or a 0600 file), and no answer to the renderer ever holds it. Every
// answer goes through the real dispatch, i.e. the contract's strict response schemas.

import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/ipc/dispatch';
import type { Handlers } from '../../../src-main/ipc/handlers';
import { pacsNodesFile, pacsNodeStore } from '../../../src-main/services/pacs-app/node-store';
import { pacsService } from '../../../src-main/services/pacs-app/pacs-channels';
import { environmentKeeper, PACS_SECRET_FILE_ENV, safeStorageKeeper } from '../../../src-main/services/pacs-app/secrets';
import type { SafeStorageLike } from '../../../src-main/services/pacs-app/secrets';
import { tempDir } from '../dicom-index/data';

const PASSWORD = 'correct-horse-battery-staple';
const TOKEN = 'eyJhbGciOi.secret-token';

/** A keyring stand-in: reversible, and the sealed bytes never contain the secret. */
const fakeSafeStorage = (backend = 'gnome_libsecret'): SafeStorageLike => ({
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => backend,
  encryptString: (plain) => Buffer.from([...Buffer.from(plain, 'utf8')].map((b) => b ^ 0x5a)),
  decryptString: (sealed) => Buffer.from([...sealed].map((b) => b ^ 0x5a)).toString('utf8'),
});

const dirs: Array<{ remove: () => void }> = [];
function dataDir(): string {
  const dir = tempDir('pacs-settings');
  dirs.push(dir);
  return dir.path;
}
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

const basicNode = (password?: string) =>
  ({ kind: 'dicomweb', name: 'Hospital PACS', baseUrl: 'http://127.0.0.1:9/dicom-web', auth: { kind: 'basic', user: 'reader', ...(password === undefined ? {} : { password }) } }) as const;

function handlersOf(dir: string, keeper = safeStorageKeeper(fakeSafeStorage(), {})): Handlers {
  return pacsService({ dataDir: dir, keeper, emit: () => undefined }).handlers as unknown as Handlers;
}

describe('PACS node settings: secrets', () => {
  it('seals the password: the file holds neither it nor its base64, the answers say only "set", main resolves it', async () => {
    const dir = dataDir();
    const handlers = handlersOf(dir);
    const saved = await dispatch('pacs:save-node', { node: basicNode(PASSWORD) }, handlers);
    expect(saved.ok).toBe(true);
    const answers = [JSON.stringify(saved), JSON.stringify(await dispatch('pacs:list-nodes', {}, handlers))];
    const onDisk = readFileSync(pacsNodesFile(dir), 'utf8');
    for (const text of [...answers, onDisk]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(Buffer.from(PASSWORD).toString('base64'));
      expect(text).not.toContain(Buffer.from(`reader:${PASSWORD}`).toString('base64'));
    }
    expect(statSync(pacsNodesFile(dir)).mode & 0o777).toBe(0o600);
    const list = await dispatch('pacs:list-nodes', {}, handlers);
    expect(list).toMatchObject({ ok: true, value: { secretStore: 'safe-storage', nodes: [{ name: 'Hospital PACS', auth: { kind: 'basic', user: 'reader', secretSet: true } }] } });
    const store = pacsNodeStore(dir, safeStorageKeeper(fakeSafeStorage(), {}));
    const id = (await store.list()).nodes[0]?.id ?? '';
    expect((await store.resolve(id)).auth).toEqual({ kind: 'basic', user: 'reader', password: PASSWORD });
  });

  it('keeps the sealed secret when the node is saved again without one, and drops it when the kind of credentials changes', async () => {
    const dir = dataDir();
    const store = pacsNodeStore(dir, safeStorageKeeper(fakeSafeStorage(), {}));
    const { id } = await store.save(undefined, basicNode(PASSWORD));
    await store.save(id, { ...basicNode(), name: 'Renamed' });
    expect((await store.resolve(id)).auth).toEqual({ kind: 'basic', user: 'reader', password: PASSWORD });
    await store.save(id, { ...basicNode(), auth: { kind: 'bearer', token: TOKEN } });
    expect((await store.resolve(id)).auth).toEqual({ kind: 'bearer', token: TOKEN });
    expect(readFileSync(pacsNodesFile(dir), 'utf8')).not.toContain(TOKEN);
    await store.save(id, { ...basicNode(), auth: { kind: 'basic', user: 'other' } });
    await expect(store.resolve(id)).rejects.toThrow('No password is set for the PACS node Hospital PACS.');
  });

  it('without a real keyring (Linux basic_text) and in browser mode: a typed password is refused, never written', async () => {
    for (const keeper of [safeStorageKeeper(fakeSafeStorage('basic_text'), {}), environmentKeeper({})]) {
      const dir = dataDir();
      const handlers = handlersOf(dir, keeper);
      const answer = await dispatch('pacs:save-node', { node: basicNode(PASSWORD) }, handlers);
      expect(answer).toMatchObject({ ok: true, value: { status: 'failed' } });
      expect(JSON.stringify(answer)).not.toContain(PASSWORD);
      expect(JSON.stringify(answer)).toContain('SPINE_MET_PACS_PASSWORD');
      expect(() => statSync(pacsNodesFile(dir))).toThrow();
      expect(await dispatch('pacs:list-nodes', {}, handlers)).toMatchObject({ ok: true, value: { secretStore: 'environment', nodes: [] } });
    }
  });

  it('browser mode: the secret comes from the environment or a 0600 file; a file others can read is refused', async () => {
    const dir = dataDir();
    const secretFile = join(dir, 'pacs-secret');
    writeFileSync(secretFile, `${PASSWORD}\n`, { mode: 0o600 });
    const cases: ReadonlyArray<{ env: Record<string, string>; mode?: number; expected: string | RegExp }> = [
      { env: { SPINE_MET_PACS_PASSWORD: PASSWORD }, expected: PASSWORD },
      { env: { [PACS_SECRET_FILE_ENV]: secretFile }, mode: 0o600, expected: PASSWORD },
      { env: { [PACS_SECRET_FILE_ENV]: secretFile }, mode: 0o644, expected: /readable by other users; make it private \(chmod 600\)/ },
      { env: { [PACS_SECRET_FILE_ENV]: join(dir, 'missing') }, expected: /could not be read/ },
      { env: {}, expected: /No password is set/ },
    ];
    for (const c of cases) {
      if (c.mode !== undefined) chmodSync(secretFile, c.mode);
      const store = pacsNodeStore(dir, environmentKeeper(c.env));
      const { id, list } = await store.save(undefined, basicNode());
      const outcome = await store.resolve(id).then((r) => (r.auth.kind === 'basic' ? r.auth.password : ''), (error: Error) => error.message);
      if (typeof c.expected === 'string') {
        expect(outcome).toBe(c.expected);
        expect(list.nodes.find((n) => n.id === id)).toMatchObject({ auth: { secretSet: true } });
      } else {
        expect(outcome).toMatch(c.expected);
        expect(outcome).not.toContain(PASSWORD);
      }
      await store.remove(id);
    }
    expect(readFileSync(pacsNodesFile(dir), 'utf8')).not.toContain(PASSWORD);
  });

  it('keeps a DIMSE node\'s settings, and answers its connection test plainly', async () => {
    const dir = dataDir();
    const handlers = handlersOf(dir);
    const node = { kind: 'dimse', name: 'Modality worklist', calledAet: 'ORTHANC', host: '127.0.0.1', port: 9, callingAet: 'SPINEMET', tls: false } as const;
    const saved = await dispatch('pacs:save-node', { node }, handlers);
    expect(saved).toMatchObject({ ok: true, value: { status: 'saved', nodes: [node] } });
    const id = saved.ok ? (saved.value as { id: string }).id : '';
    expect(await dispatch('pacs:test-node', { id }, handlers)).toMatchObject({ ok: true, value: { status: 'failed' } });
  });

  it('a damaged settings file reads as no nodes: no node, no traffic', async () => {
    const dir = dataDir();
    writeFileSync(pacsNodesFile(dir), '{"version":1,"nodes":[{"id":"x","node":{"kind":"telnet"}}]}');
    expect((await pacsNodeStore(dir, environmentKeeper({})).list()).nodes).toEqual([]);
  });
});
