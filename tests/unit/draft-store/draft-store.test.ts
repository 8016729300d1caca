import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDocument } from '@shared/annotation/defaults';
import type { AnnotationDocument } from '@shared/annotation/schema';
import { CURRENT_VERSION } from '@shared/annotation/schema';
import { DraftStore, DraftStoreError } from '../../../src-main/services/draft-store/index';
import { stemForStudy, studyForStem } from '../../../src-main/services/draft-store/file-names';

const UID = '1.2.840.113619.2.55.3.1';
let dir = '';
const fixedNow = () => new Date('2025-01-02T03:04:05.678Z');

function doc(revision: number, uid = UID): AnnotationDocument {
  const base = createDocument({ studyInstanceUID: uid, readerName: 'Dr Test', now: '2025-01-01T00:00:00.000Z', appVersion: '0.1.0', rulesVersion: 'r1' });
  return { ...base, revision, report: { ...base.report, freeText: `revision ${revision}` } };
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toBeInstanceOf(DraftStoreError);
  await expect(promise).rejects.toMatchObject({ code });
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'draft-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('save and load', () => {
  it('reports none for a study without a draft', async () => {
    expect((await new DraftStore(dir).load(UID)).status).toBe('none');
  });

  it('round-trips the document and keeps the previous version', async () => {
    const store = new DraftStore(dir);
    await store.save(UID, doc(1));
    await store.save(UID, doc(2));
    const loaded = await store.load(UID);
    expect(loaded.status).toBe('ok');
    expect(loaded.document).toEqual(doc(2));
    const previous = JSON.parse(await readFile(join(dir, `${UID}.prev.json`), 'utf8')) as { document: AnnotationDocument };
    expect(previous.document.revision).toBe(1);
    expect((await readdir(dir)).sort()).toEqual([`${UID}.json`, `${UID}.prev.json`]);
  });

  it('creates the drafts folder on first save', async () => {
    const store = new DraftStore(join(dir, 'not', 'yet'));
    expect(await store.list()).toEqual([]);
    await store.save(UID, doc(1));
    expect((await store.load(UID)).status).toBe('ok');
  });

  it('keeps unknown top-level fields through a save/load round trip', async () => {
    const store = new DraftStore(dir);
    await store.save(UID, { ...doc(1), pluginData: { a: 1 } });
    expect((await store.load(UID)).document).toMatchObject({ pluginData: { a: 1 } });
  });

  it('serialises concurrent saves of one study: the last call wins', async () => {
    const store = new DraftStore(dir);
    await Promise.all([1, 2, 3, 4, 5].map((r) => store.save(UID, doc(r))));
    expect((await store.load(UID)).document?.revision).toBe(5);
  });

  it('refuses a document for another study, or an invalid one, without writing', async () => {
    const store = new DraftStore(dir);
    await expectCode(store.save(UID, doc(1, '1.2.3')), 'study-mismatch');
    await expectCode(store.save(UID, { ...doc(1), revision: -1 }), 'invalid-document');
    expect(await readdir(dir)).toEqual([]);
  });

  it('removes temp files of dead writers on load, never those of live ones', async () => {
    await new DraftStore(dir).save(UID, doc(1));
    await writeFile(join(dir, `${UID}.json.tmp-999999-1`), '{"torn');
    await writeFile(join(dir, `${UID}.json.tmp-424242-1`), '{"live');
    const store = new DraftStore(dir, { isProcessAlive: (pid) => pid === 424242 });
    expect((await store.load(UID)).status).toBe('ok');
    expect((await readdir(dir)).sort()).toEqual([`${UID}.json`, `${UID}.json.tmp-424242-1`]);
  });
});

describe('damaged and newer files', () => {
  it('falls back to the previous version when the main file is torn, and reports it', async () => {
    const store = new DraftStore(dir);
    await store.save(UID, doc(1));
    await store.save(UID, doc(2));
    const main = join(dir, `${UID}.json`);
    const text = await readFile(main, 'utf8');
    await writeFile(main, text.slice(0, text.length / 2));
    const loaded = await new DraftStore(dir).load(UID);
    expect(loaded.status).toBe('recovered-from-previous');
    expect(loaded.document?.revision).toBe(1);
    expect(loaded.problems[0]?.message).toMatch(/not valid JSON/);
  });

  it('detects damage that stays valid JSON by the checksum', async () => {
    const store = new DraftStore(dir);
    await store.save(UID, doc(1));
    const main = join(dir, `${UID}.json`);
    await writeFile(main, (await readFile(main, 'utf8')).replace('revision 1', 'revision 9'));
    const loaded = await new DraftStore(dir).load(UID);
    expect(loaded.status).toBe('corrupt');
    expect(loaded.problems.map((p) => p.message).join()).toMatch(/checksum mismatch/);
  });

  it('never overwrites a corrupt draft: save refuses until the user quarantines it', async () => {
    const main = join(dir, `${UID}.json`);
    await writeFile(main, 'garbage');
    const store = new DraftStore(dir, { now: fixedNow });
    expect((await store.load(UID)).status).toBe('corrupt');
    await expectCode(store.save(UID, doc(1)), 'blocked-corrupt');
    expect(await readFile(main, 'utf8')).toBe('garbage');

    const moved = await store.quarantine(UID);
    expect(moved).toEqual([join(dir, `${UID}.corrupt-2025-01-02T03-04-05-678Z.json`)]);
    expect(await readFile(moved[0] ?? '', 'utf8')).toBe('garbage');
    await store.save(UID, doc(1));
    expect((await store.load(UID)).status).toBe('ok');
  });

  it('detects a draft written by a newer version and never overwrites it', async () => {
    const main = join(dir, `${UID}.json`);
    const newer = JSON.stringify({ ...doc(7), version: CURRENT_VERSION + 1 });
    await writeFile(main, newer);
    const store = new DraftStore(dir, { now: fixedNow });
    const loaded = await store.load(UID);
    expect(loaded.status).toBe('newer-version');
    expect(loaded.document).toBeUndefined();
    await expectCode(store.save(UID, doc(1)), 'blocked-newer-version');
    expect(await readFile(main, 'utf8')).toBe(newer);
    expect(await store.quarantine(UID)).toEqual([join(dir, `${UID}.newer-2025-01-02T03-04-05-678Z.json`)]);
  });

  it.each([
    { name: 'a readable draft is left alone by a plain quarantine', otherPatient: false, replaced: false, moved: [] as string[] },
    { name: "another patient's draft moves aside only when the reader says so", otherPatient: true, replaced: false, moved: [`${UID}.other-patient-2025-01-02T03-04-05-678Z.json`] },
    { name: 'a draft replaced by a reading restored from an SR moves aside', otherPatient: false, replaced: true, moved: [`${UID}.replaced-2025-01-02T03-04-05-678Z.json`] },
  ])('$name', async ({ otherPatient, replaced, moved }) => {
    const store = new DraftStore(dir, { now: fixedNow });
    await store.save(UID, doc(1));
    expect(await store.quarantine(UID, { otherPatient, replaced })).toEqual(moved.map((m) => join(dir, m)));
    expect((await store.load(UID)).status).toBe(moved.length > 0 ? 'none' : 'ok');
    // Kept, never deleted.
    for (const m of moved) expect(JSON.parse(await readFile(join(dir, m), 'utf8'))).toBeTruthy();
  });

  it('reports a newer draft format as newer-version too', async () => {
    await writeFile(join(dir, `${UID}.json`), JSON.stringify({ format: 'spine-annotation-draft', formatVersion: 2, sha256: 'x', document: {} }));
    expect((await new DraftStore(dir).load(UID)).status).toBe('newer-version');
  });

  it('accepts a bare document (no envelope) and says the checksum was not verified', async () => {
    await writeFile(join(dir, `${UID}.json`), JSON.stringify(doc(3)));
    const loaded = await new DraftStore(dir).load(UID);
    expect(loaded.status).toBe('ok');
    expect(loaded.problems).toEqual([{ path: '(file)', message: 'no draft envelope: checksum not verified' }]);
  });

  it('overwrites a draft it wrote itself without re-reading it, but re-checks a file changed behind its back', async () => {
    const store = new DraftStore(dir);
    await store.save(UID, doc(1));
    await store.save(UID, doc(2));
    await writeFile(join(dir, `${UID}.json`), '{');
    await expectCode(store.save(UID, doc(3)), 'blocked-corrupt');
  });
});

describe('list, delete, names', () => {
  it('lists drafts with their status and deletes them (quarantined files stay)', async () => {
    const store = new DraftStore(dir, { now: fixedNow });
    await store.save(UID, doc(4));
    await store.save('1.2.3', doc(1, '1.2.3'));
    await writeFile(join(dir, '9.9.json'), 'bad');
    const list = await store.list();
    expect(list).toEqual([
      { studyInstanceUID: '1.2.3', status: 'ok', revision: 1, updatedAt: '2025-01-01T00:00:00.000Z', readerName: 'Dr Test' },
      { studyInstanceUID: UID, status: 'ok', revision: 4, updatedAt: '2025-01-01T00:00:00.000Z', readerName: 'Dr Test' },
      { studyInstanceUID: '9.9', status: 'corrupt' },
    ]);
    await store.quarantine('9.9');
    await store.delete(UID);
    expect((await store.load(UID)).status).toBe('none');
    expect((await store.list()).map((d) => d.studyInstanceUID)).toEqual(['1.2.3']);
  });

  it('makes safe, reversible file names from any UID', () => {
    expect(stemForStudy('1.2.840.10008')).toBe('1.2.840.10008');
    for (const uid of ['../../etc/passwd', 'CON', '1.2.3 ', 'é.1']) {
      const stem = stemForStudy(uid);
      expect(stem).toMatch(/^x-[0-9a-f]+$/);
      expect(studyForStem(stem)).toBe(uid);
    }
    expect(() => stemForStudy('')).toThrow(DraftStoreError);
    expect(() => stemForStudy('1.'.repeat(40))).toThrow(DraftStoreError);
  });
});
