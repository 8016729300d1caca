import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { StudyIndex } from '../../shared/dicom/index-model';
import { DraftStore } from '../../src-main/services/draft-store/index';
import { indexSources } from '../../src-main/services/study-index/indexer';
import { documentOnStudy, findStudy } from '../support/document-on-index';
import { PROJECT_DIR, SCREENSHOT_DIR, startE2eHost, type E2eHost } from '../support/e2e-host';
import { makeUidlessStudies, type UidlessStudies } from '../support/uidless-studies';
import { waitForImages } from '../support/viewer-page';

// A draft that records another patient than the opened study's (as the shared `missing:study` draft once did: the
// PET/CT patient's lesion came up in OTHER^BETA's report) is refused as that study's draft: the app says whose the
// draft is and whose the study is, opens nothing of it, and the reader decides. Real MR files with their UIDs
// blanked (built at run time), two patients.
const draftsDir = join(PROJECT_DIR, 'tests', 'output', 'e2e-draft-identity-drafts');

let app: E2eHost;
let data: UidlessStudies;
let index: StudyIndex;

test.beforeAll(async () => {
  data = makeUidlessStudies();
  index = await indexSources([data.alpha, data.beta]);
  const alpha = findStudy(index, 'OTHER^ALPHA');
  const beta = findStudy(index, 'OTHER^BETA');
  // OTHER^ALPHA's reading, filed under OTHER^BETA's study.
  const wrong = { ...documentOnStudy(alpha.patient, alpha.study), studyInstanceUID: beta.study.uid };
  rmSync(draftsDir, { recursive: true, force: true });
  const store = new DraftStore(draftsDir);
  await store.save(beta.study.uid, wrong);
  // OTHER^ALPHA's own study has its own, matching draft.
  await store.save(alpha.study.uid, documentOnStudy(alpha.patient, alpha.study));
  app = await startE2eHost(store);
});

test.afterAll(async () => {
  await app.close();
  data.remove();
});

const readingDoc = (page: Page) => page.evaluate(() => window.__readingModel?.document() ?? null);

async function openFolder(page: Page, path: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Study path', exact: true }).fill(path);
  await page.getByRole('button', { name: 'Open…' }).click();
  await expect(page.getByTestId('study-summary')).toContainText('12 DICOM of 12 files');
}

test("another patient's draft is refused and explained; the reader sets it aside or opens it anyway", async ({ page }) => {
  await page.goto(app.host.url);
  await waitForImages(page); // the sample study, opened at start

  // OTHER^BETA's study: the draft on file records OTHER^ALPHA, so it is not offered as this study's draft.
  await openFolder(page, data.beta);
  const conflict = page.getByTestId('draft-other-patient');
  await expect(conflict).toBeVisible();
  await expect(page.getByTestId('draft-offer')).toHaveCount(0);
  await expect(page.getByTestId('resume-draft')).toHaveCount(0);
  const rows = page.getByTestId('draft-difference');
  await expect(rows.filter({ hasText: 'patient name' })).toContainText('OTHER^ALPHA');
  await expect(rows.filter({ hasText: 'patient name' })).toContainText('OTHER^BETA');
  await expect(rows.filter({ hasText: 'patient ID' })).toContainText('ALPHA-1');
  await expect(rows.filter({ hasText: 'patient ID' })).toContainText('BETA-2');
  // Nothing of the draft is in the study while the reader has not decided.
  expect(await readingDoc(page)).toBeNull();
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'draft-other-patient.png') });

  // The reader sets it aside: a new, empty draft for OTHER^BETA; the other file is kept, never deleted.
  await page.getByTestId('set-aside-draft').click();
  await expect(conflict).toHaveCount(0);
  await expect.poll(async () => (await readingDoc(page))?.subject?.patient.name ?? null).toBe('OTHER^BETA');
  expect((await readingDoc(page))?.lesions).toEqual([]);
  expect(readdirSync(draftsDir).filter((f) => f.includes('.other-patient-'))).toHaveLength(1);

  // OTHER^ALPHA's own draft names its patient, study date and description, and resumes.
  await openFolder(page, data.alpha);
  const offer = page.getByTestId('draft-offer');
  await expect(offer).toBeVisible();
  await expect(page.getByTestId('draft-whose')).toContainText('OTHER, ALPHA (ID ALPHA-1');
  const alpha = findStudy(index, 'OTHER^ALPHA').study;
  expect(alpha.date).toBe('20120101');
  await expect(page.getByTestId('draft-whose')).toContainText(`study 2012-01-01 ${alpha.description ?? '?'}`);
  await page.getByTestId('resume-draft').click();
  await expect.poll(async () => (await readingDoc(page))?.lesions.length ?? 0).toBe(1);

  // The recent list: one entry per study, each telling its patient apart (same series, same date, same description).
  for (const [name, id] of [['OTHER ALPHA', 'ID ALPHA-1'], ['OTHER BETA', 'ID BETA-2']] as const) {
    const entry = page.getByTestId('recent-study').filter({ hasText: name });
    await expect(entry).toHaveCount(1);
    await expect(entry).toContainText(id);
    await expect(entry).toContainText('MR · 1 series · 12 images');
  }
});

test("opening another patient's draft anyway is an explicit choice, and the draft then records the study's patient", async ({ page }) => {
  const alpha = findStudy(index, 'OTHER^ALPHA');
  const beta = findStudy(index, 'OTHER^BETA');
  const store = new DraftStore(draftsDir);
  await store.quarantine(beta.study.uid, { otherPatient: true });
  await store.save(beta.study.uid, { ...documentOnStudy(alpha.patient, alpha.study), studyInstanceUID: beta.study.uid });

  await page.goto(app.host.url);
  await waitForImages(page);
  await openFolder(page, data.beta);
  await expect(page.getByTestId('draft-other-patient')).toBeVisible();
  await page.getByTestId('open-draft-anyway').click();
  await expect.poll(async () => (await readingDoc(page))?.lesions.length ?? 0).toBe(1);
  expect((await readingDoc(page))?.subject?.patient.name).toBe('OTHER^BETA');
});

test('a folder of three studies: the reading follows the study shown, and each study offers only its own draft', async ({ page }) => {
  const alpha = findStudy(index, 'OTHER^ALPHA');
  const beta = findStudy(index, 'OTHER^BETA');
  const store = new DraftStore(draftsDir);
  await store.quarantine(beta.study.uid, { otherPatient: true });
  await store.save(beta.study.uid, { ...documentOnStudy(alpha.patient, alpha.study), studyInstanceUID: beta.study.uid });

  await page.goto(app.host.url);
  await waitForImages(page);
  await page.getByRole('textbox', { name: 'Study path', exact: true }).fill(data.root);
  await page.getByRole('button', { name: 'Open…' }).click();
  await expect(page.getByTestId('study-summary')).toContainText('31 DICOM of 31 files');
  await expect(page.getByTestId('study-row')).toHaveCount(3);
  // OTHER^ALPHA's study comes first: its own draft is offered, naming its patient.
  await expect(page.getByTestId('draft-whose')).toContainText('OTHER, ALPHA (ID ALPHA-1');
  // The reader shows OTHER^BETA's study: the reading follows, and the draft on file for it is refused.
  await page.locator(`[data-testid="study-row"][data-study-key="${beta.study.uid}"]`).click();
  await expect(page.getByTestId('draft-other-patient')).toBeVisible();
  await expect(page.getByTestId('draft-offer')).toHaveCount(0);
});
