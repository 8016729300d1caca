// Patient data at rest is private: every file and folder the app writes is 0600 / 0700, whatever the umask.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DraftStore } from '../../../src-main/services/draft-store/index';
import { recentStudiesAt } from '../../../src-main/services/recent-studies';
import { writeOutputs } from '../../../src-main/services/report/write-outputs';
import { writeDeidentifiedImages } from '../../../src-main/services/report/deidentify-images';
import { ensureSampleStudy } from '../../../src-main/services/sample-study';
import type { RecentStudyEntry } from '../../../shared/ipc/study-schemas';
import { UID, emptyDoc } from '../annotation/fixtures';

const root = mkdtempSync(join(tmpdir(), 'private-files-'));
const mode = (path: string): number => statSync(path).mode & 0o777;
let previousUmask = 0;
const entry = (path: string): RecentStudyEntry => ({ paths: [path], patientName: 'DOE^JANE', description: 'MR spine', studyDate: '20261202', openedAt: '2026-12-02T10:00:00.000Z' });

/** Every file under `dir` is 0600 and every folder 0700 (the root included). */
function expectPrivateTree(dir: string): void {
  expect(mode(dir), dir).toBe(0o700);
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) expectPrivateTree(path);
    else expect(mode(path), path).toBe(0o600);
  }
}

beforeAll(() => {
  previousUmask = process.umask(0o022); // the usual umask, which would leave files world-readable
});
afterAll(() => {
  process.umask(previousUmask);
  rmSync(root, { recursive: true, force: true });
});

describe('files the app writes are private', () => {
  it('drafts: the folder, the draft, its previous version and a moved-aside file', async () => {
    const dir = join(root, 'drafts');
    const store = new DraftStore(dir);
    const doc = emptyDoc();
    await store.save(UID, doc);
    await store.save(UID, { ...doc, revision: doc.revision + 1 });
    expect(readdirSync(dir).length).toBeGreaterThanOrEqual(2);
    expectPrivateTree(dir);
    await store.quarantine(UID);
    expectPrivateTree(dir);
  });

  it('drafts: a folder an older version left open is tightened', async () => {
    const dir = join(root, 'old-drafts');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    const doc = emptyDoc();
    await new DraftStore(dir).save(UID, doc);
    expectPrivateTree(dir);
  });

  it('the recent-studies list and its folder', async () => {
    const dir = join(root, 'app-data');
    await recentStudiesAt(join(dir, 'recent-studies.json')).add(entry('/data/study'));
    expectPrivateTree(dir);
  });

  it("report exports written into the reader's folder (the folder itself is the reader's)", async () => {
    const dir = join(root, 'exports');
    mkdirSync(dir);
    const written = await writeOutputs(dir, 'spine-report-x', [['pdf', new Uint8Array([1])], ['json', '{}'], ['sr', new Uint8Array([2])]]);
    for (const file of written) expect(mode(file.path), file.path).toBe(0o600);
  });

  it('de-identified image copies and the folder made for them', async () => {
    const dir = join(root, 'made-here', 'images');
    await writeDeidentifiedImages(dir, [{ fileName: 'a.dcm', bytes: new Uint8Array([1, 2]), sopInstanceUID: '2.25.1', seriesInstanceUID: '2.25.2', burnedInAnnotation: 'NO', transferSyntaxUID: '1.2.840.10008.1.2.1' }]);
    expectPrivateTree(join(root, 'made-here'));
  });

  it('the generated sample study (folders, images and its stamp)', async () => {
    const dir = join(root, 'sample');
    await ensureSampleStudy(dir);
    expectPrivateTree(dir);
  });

  it('an existing file rewritten by the recent list is tightened too', async () => {
    const dir = join(root, 'app-data-2');
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(join(dir, 'recent-studies.json'), '{"version":1,"studies":[]}', { mode: 0o644 });
    await recentStudiesAt(join(dir, 'recent-studies.json')).add(entry('/data/other'));
    expectPrivateTree(dir);
  });
});
