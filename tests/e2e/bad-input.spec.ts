import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { PROJECT_DIR, SCREENSHOT_DIR, startE2eHost, type E2eHost } from '../support/e2e-host';
import { DICOM_DATA } from '../support/shared-data';
import { collectProblems, waitForImages } from '../support/viewer-page';

// Bad input in plain words (issue 12 item 7): a path that does not exist, a folder with no DICOM and a folder with a
// damaged file and a file cut short each give one sentence (what, which file, what to do) where the reader looks
// (the viewer, the study summary), never a system or library message; the technical text is one click away.
const draftsDir = join(PROJECT_DIR, 'tests', 'output', 'e2e-bad-input-drafts');
/** Words of a system or a library that must not be what the reader reads first. */
const TECHNICAL = /ENOENT|stat '|dicomParser|0002,0010|Drag a series here/;

let app: E2eHost;
let root: string;
test.beforeAll(async () => {
  app = await startE2eHost(draftsDir);
  root = mkdtempSync(join(tmpdir(), 'bad-input-'));
  // Four text files, no DICOM.
  mkdirSync(join(root, 'notes'));
  for (let i = 0; i < 4; i++) writeFileSync(join(root, 'notes', `note${i}.txt`), `not an image ${i}\n`);
  // A real CT slice cut short (its pixel data incomplete) and a file that starts as DICOM but is damaged.
  mkdirSync(join(root, 'broken'));
  const slice = readFileSync(join(DICOM_DATA, 'spine/thoracolumbar-ct/axial/IM0001.dcm'));
  writeFileSync(join(root, 'broken', 'cut-short.dcm'), slice.subarray(0, slice.length - 12000));
  writeFileSync(join(root, 'broken', 'damaged.dcm'), Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), Buffer.from([2, 0, 1, 0, 0x4f, 0x42, 0, 0, 2, 0, 0, 0, 0, 1])]));
});
test.afterAll(async () => {
  await app.close();
  rmSync(root, { recursive: true, force: true });
});

async function open(page: Page, path: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Study path', exact: true }).fill(path);
  await page.getByRole('button', { name: 'Open…' }).click();
  await expect(page.getByTestId('study-summary')).toContainText(path.split('/').pop() ?? path);
}

/** The sentence is in view, whole (wrapped inside its box, not cut at the edge), and a click shows the detail. */
async function expectPlainWithDetail(page: Page, sentence: ReturnType<Page['getByTestId']>, detail: RegExp): Promise<void> {
  await expect(sentence).toBeVisible();
  expect(await sentence.innerText()).not.toMatch(TECHNICAL);
  const box = await sentence.boundingBox();
  const main = await page.getByRole('main', { name: 'Image viewport' }).boundingBox();
  expect(box && main).toBeTruthy();
  if (box && main) expect(box.x + box.width).toBeLessThanOrEqual(main.x + main.width + 1);
  const list = page.getByTestId('study-problems');
  const item = list.locator('li').first();
  const technical = item.locator('details.problem-detail');
  await expect(technical.locator('code')).toBeHidden();
  await technical.locator('summary').click();
  await expect(technical.locator('code')).toHaveText(detail);
}

test('a missing path, a folder with no DICOM and a damaged folder each say what, which file and what to do', async ({ page }) => {
  const problems = collectProblems(page);
  await page.goto(app.host.url);
  await waitForImages(page);

  // A path that does not exist.
  await open(page, join(root, 'moved-away'));
  const missing = page.getByTestId('no-images');
  await expect(missing).toHaveText('“moved-away” was not found: it may have been moved or renamed, or be on a disc or drive that is not connected. Check the path and open it again.');
  await expect(page.getByTestId('study-problems').locator('li').first().locator('.problem-sentence')).toContainText('“moved-away” was not found');
  await expectPlainWithDetail(page, missing, /ENOENT/);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'bad-input-missing-path.png') });

  // A folder with no DICOM: the viewer says so instead of inviting a drag.
  await open(page, join(root, 'notes'));
  await expect(page.getByTestId('no-images')).toHaveText(
    "“notes” has no DICOM images: none of its 4 files is a DICOM image. Open the folder that holds the study's images (on a CD, the folder with the DICOMDIR file).",
  );
  await expect(page.getByText('Drag a series here')).toHaveCount(0);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'bad-input-no-dicom.png') });

  // A damaged file (listed, in plain words) beside a slice cut short (the viewer says its pixel data is incomplete).
  await open(page, join(root, 'broken'));
  const damaged = page.getByTestId('study-problems').locator('li[data-code="malformed"] .problem-sentence');
  await page.getByTestId('study-problems').locator('summary').first().click();
  await expect(damaged).toHaveText('“damaged.dcm” is a damaged DICOM file and was skipped; the other images are shown. If this image is needed, export the study again.');
  const imageError = page.getByTestId('image-error').first();
  await expect(imageError.locator('p')).toHaveText('This image cannot be shown: its pixel data is incomplete (the file is cut short). Export the study again if it is needed.');
  const viewport = await page.locator('section.vw-viewport', { has: page.getByTestId('image-error') }).first().boundingBox();
  const errorBox = await imageError.boundingBox();
  expect(viewport && errorBox).toBeTruthy();
  if (viewport && errorBox) {
    expect(errorBox.x).toBeGreaterThanOrEqual(viewport.x);
    expect(errorBox.x + errorBox.width).toBeLessThanOrEqual(viewport.x + viewport.width + 1);
  }
  await expect(imageError.locator('code')).toBeHidden();
  await imageError.locator('summary').click();
  await expect(imageError.locator('code')).toContainText('pixel data holds');
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'bad-input-broken.png') });

  expect(problems.filter((p) => !/Failed to load resource/.test(p))).toEqual([]);
});
