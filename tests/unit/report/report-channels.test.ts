// The report:* host channels through the real dispatch (schema in, handler, schema out) over a real study session
// on the sample study: malformed payloads are refused before any handler runs; exports land in the chosen folder
// with host-chosen names, never overwrite, re-import to the same document and give a DICOM SR that dciodvfy accepts.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { createHandlers } from '../../../src-main/ipc/handlers';
import type { Handlers } from '../../../src-main/ipc/handlers';
import { DraftStore } from '../../../src-main/services/draft-store/index';
import { createStudySessions } from '../../../src-main/services/study-session';
import type { StudySessions } from '../../../src-main/services/study-session';
import { importDocumentJson } from '../../../src-main/services/report/export-json';
import { MAX_COPY_TEXT, MAX_KEY_IMAGES } from '@shared/ipc/report-schemas';
import { sampleDocument } from '../../support/sample-document';

const OUT = resolve(__dirname, '../../output/report/channels');
const TINY_PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

let studies: StudySessions;
let handlers: Handlers;
let sessionId: string;
const failures: string[] = [];

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  studies = createStudySessions({ dataDir: join(OUT, 'data') });
  handlers = createHandlers({ mode: 'browser', identity: { version: '0.0.0-test' }, studies, drafts: new DraftStore(join(OUT, 'drafts')), logLine: () => undefined, dataDir: join(OUT, 'data') });
  sessionId = await studies.openSample();
  await studies.getIndex(sessionId);
});

afterAll(() => studies.closeAll());

const call = (channel: string, payload: unknown) => dispatch(channel, payload, handlers, (_c, e) => failures.push(String(e)));
const base = () => ({ sessionId, document: sampleDocument(), images: {}, page: 'A4', deidentify: false, destination: { kind: 'folder', path: OUT } });

describe('report channels refuse malformed payloads', () => {
  const cases: Array<[string, string, (p: Record<string, unknown>) => unknown]> = [
    ['no session', 'report:pdf', ({ sessionId: _s, ...rest }) => rest],
    ['a session id that is not one', 'report:pdf', (p) => ({ ...p, sessionId: '../../etc' })],
    ['a document that is not one', 'report:export', (p) => ({ ...p, document: { kind: 'nope' }, formats: ['json'] })],
    ['an HTML data URL as a key image', 'report:pdf', (p) => ({ ...p, images: { 'key-1': 'data:text/html;base64,PHNjcmlwdD4=' } })],
    ['a remote URL as a key image', 'report:pdf', (p) => ({ ...p, images: { 'key-1': 'https://example.org/a.png' } })],
    ['a key image id with a quote', 'report:pdf', (p) => ({ ...p, images: { 'a"b': TINY_PNG } })],
    ['too many key images', 'report:pdf', (p) => ({ ...p, images: Object.fromEntries(Array.from({ length: MAX_KEY_IMAGES + 1 }, (_, i) => [`key-${i}`, TINY_PNG])) })],
    ['an unknown page size', 'report:pdf', (p) => ({ ...p, page: 'A3' })],
    ['an unknown destination', 'report:pdf', (p) => ({ ...p, destination: { kind: 'url', path: 'http://x' } })],
    ['no formats', 'report:export', (p) => ({ ...p, formats: [] })],
    ['an unknown format', 'report:export', (p) => ({ ...p, formats: ['exe'] })],
    ['an extra field', 'report:export', (p) => ({ ...p, formats: ['json'], fileName: '/etc/passwd' })],
    ['a key-images call without a document', 'report:key-images', () => ({ sessionId })],
    ['a text to copy that is not a report', 'report:copy-text', () => ({ text: 'x'.repeat(MAX_COPY_TEXT + 1) })],
  ];
  for (const [name, channel, make] of cases) {
    it(name, async () => {
      const result = await call(channel, make(base()));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.refusal.code).toBe('invalid-request');
    });
  }
});

describe('report:copy-text', () => {
  it('writes the host clipboard in Electron, and says it did not in browser mode', async () => {
    expect(await call('report:copy-text', { text: 'SINS total 11' })).toEqual({ ok: true, value: { copied: false } });
    const copied: string[] = [];
    const electron = createHandlers({ mode: 'electron', identity: { version: '0' }, studies, drafts: new DraftStore(join(OUT, 'drafts')), writeClipboard: (t) => copied.push(t), logLine: () => undefined, dataDir: join(OUT, 'data') });
    expect(await dispatch('report:copy-text', { text: 'SINS total 11' }, electron)).toEqual({ ok: true, value: { copied: true } });
    expect(copied).toEqual(['SINS total 11']);
  });
});

describe('report channels over a sample-study session', () => {
  it('renders the proposed key images (one sagittal, one axial for the L1 lesion) as SVG with the image and the shared overlay', async () => {
    const result = await call('report:key-images', { sessionId, document: sampleDocument() });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const value = result.value as { images: Record<string, string>; missing: string[] };
    expect(Object.keys(value.images).sort()).toEqual(['auto-les-1-axial', 'auto-les-1-sagittal']);
    for (const url of Object.values(value.images)) {
      expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true);
      const svg = Buffer.from(url.slice(url.indexOf(',') + 1), 'base64').toString('utf8');
      expect(svg).toContain('href="data:image/png;base64,iVBORw0KGgo');
      expect(svg).toContain('>Lesion 1</text>');
    }
    expect(value.missing).toEqual([]);
  });

  it('exports JSON and a DICOM SR into the folder, with new names on a second run, and the SR passes dciodvfy', async () => {
    const folder = join(OUT, 'export');
    mkdirSync(folder, { recursive: true });
    const request = { ...base(), destination: { kind: 'folder', path: folder }, formats: ['json', 'sr'] };
    const first = await call('report:export', request);
    const second = await call('report:export', request);
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    const a = first.value as { status: string; files: Array<{ format: string; path: string; bytes: number }> };
    const b = second.value as typeof a;
    expect(a.status).toBe('written');
    expect(a.files.map((f) => f.format)).toEqual(['json', 'sr']);
    expect(readdirSync(folder)).toHaveLength(4);
    expect(new Set([...a.files, ...b.files].map((f) => f.path)).size).toBe(4);
    for (const f of a.files) expect(f.path.startsWith(`${folder}/spine-report-`)).toBe(true);

    const json = a.files.find((f) => f.format === 'json')?.path ?? '';
    expect(importDocumentJson(readFileSync(json, 'utf8'))).toEqual(sampleDocument());
    const sr = a.files.find((f) => f.format === 'sr')?.path ?? '';
    const bytes = readFileSync(sr);
    expect(bytes.subarray(128, 132).toString('latin1')).toBe('DICM');
    const check = spawnSync('dciodvfy', [sr], { encoding: 'utf8' });
    expect(check.error).toBeUndefined();
    const verdict = `${check.stdout}${check.stderr}`;
    expect(verdict).toMatch(/^ComprehensiveSR$/m); // dciodvfy recognised the IOD and checked its modules
    expect(verdict).not.toMatch(/^Error/m);
  });

  it('de-identifies on request: the exported JSON carries none of the sample patient identifiers', async () => {
    const folder = join(OUT, 'deid');
    mkdirSync(folder, { recursive: true });
    const doc = sampleDocument();
    doc.patient.referringQuestion = 'Pain';
    const result = await call('report:export', { ...base(), document: doc, deidentify: true, destination: { kind: 'folder', path: folder }, formats: ['json'] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const file = (result.value as { files: Array<{ path: string }> }).files[0]?.path ?? '';
    expect(file).toMatch(/-deidentified\.json$/);
    expect(readFileSync(file, 'utf8')).not.toContain(doc.studyInstanceUID);
  });

  it('one pseudonym per study: two de-identified exports agree; another installation (another secret) differs; the secret is in no output', async () => {
    const folder = join(OUT, 'pseudonym');
    mkdirSync(folder, { recursive: true });
    const exportJson = async (h: Handlers): Promise<{ text: string; uid: string }> => {
      const result = await dispatch('report:export', { ...base(), deidentify: true, destination: { kind: 'folder', path: folder }, formats: ['json'] }, h, (_c, e) => failures.push(String(e)));
      if (!result.ok) throw new Error('export refused');
      const text = readFileSync((result.value as { files: Array<{ path: string }> }).files[0]?.path ?? '', 'utf8');
      return { text, uid: (JSON.parse(text) as { studyInstanceUID: string }).studyInstanceUID };
    };
    const first = await exportJson(handlers);
    const second = await exportJson(handlers);
    expect(second.uid).toBe(first.uid);
    expect(first.uid).not.toBe(sampleDocument().studyInstanceUID);
    const secret = readFileSync(join(OUT, 'data', 'installation-secret'), 'utf8').trim();
    expect(statSync(join(OUT, 'data', 'installation-secret')).mode & 0o777).toBe(0o600);
    expect(first.text).not.toContain(secret);
    const elsewhere = createHandlers({ mode: 'browser', identity: { version: '0.0.0-test' }, studies, drafts: new DraftStore(join(OUT, 'drafts')), logLine: () => undefined, dataDir: join(OUT, 'other-installation') });
    expect((await exportJson(elsewhere)).uid).not.toBe(first.uid);
  });

  it('answers "unavailable" for the dialog destination in browser mode, and refuses bad folders and foreign documents', async () => {
    const dialog = await call('report:export', { ...base(), destination: { kind: 'dialog' }, formats: ['json'] });
    expect(dialog).toMatchObject({ ok: true, value: { status: 'unavailable' } });

    const relative = await call('report:export', { ...base(), destination: { kind: 'folder', path: 'relative/dir' }, formats: ['json'] });
    expect(relative).toMatchObject({ ok: false, refusal: { code: 'handler-failed' } });
    writeFileSync(join(OUT, 'a-file'), 'x');
    const notFolder = await call('report:export', { ...base(), destination: { kind: 'folder', path: join(OUT, 'a-file') }, formats: ['json'] });
    expect(notFolder).toMatchObject({ ok: false, refusal: { code: 'handler-failed', problems: [expect.stringContaining('not a folder')] } });

    const foreign = { ...sampleDocument(), studyInstanceUID: '1.2.3.4' };
    const other = await call('report:export', { ...base(), document: foreign, formats: ['json'] });
    expect(other).toMatchObject({ ok: false, refusal: { code: 'handler-failed', problems: [expect.stringContaining('not in this session')] } });
  });
});
