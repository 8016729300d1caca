import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { LOCKED_MESSAGE } from '../../shared/annotation/signoff';
import { SAMPLE_UIDS } from '../../shared/sample';
import { DraftStore } from '../../src-main/services/draft-store/index';
import { startE2eHost, type E2eHost } from '../support/e2e-host';
import { sampleDocument } from '../support/sample-document';
import { collectProblems, scrollAndClick, waitForImages } from '../support/viewer-page';

// The report a clinician signs, in the app (browser mode) on the sample study: the impression proposed from the
// findings, accepted, then edited; the reader's name set once and remembered across a reload; "Sign report" makes
// the reading final and locks it (an edit is refused with the plain lock message); "Amend" with a reason opens an
// addendum that is signed in turn (amended); the exported SR is VERIFIED and names its predecessor.
const projectDir = join(import.meta.dirname, '..', '..');
const outDir = join(projectDir, 'tests', 'output', 'e2e-signoff');
const exportDir = join(outDir, 'exports');
const dataDir = join(outDir, 'app-data');
const screenshotDir = join(projectDir, 'tests', 'output', 'screenshots');

let app: E2eHost;

test.beforeAll(async () => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(exportDir, { recursive: true });
  // The scored sample reading, its impression not yet written: the app proposes one.
  const doc = sampleDocument();
  doc.report = { ...doc.report, impression: '', impressionSource: 'proposed' };
  const drafts = new DraftStore(join(outDir, 'drafts'));
  await drafts.save(SAMPLE_UIDS.study, doc);
  // Its own app data folder: no reader name is remembered yet, and the other specs never see this one's.
  app = await startE2eHost(drafts, { dataDir });
});

test.afterAll(async () => {
  await app.close();
});

const readingDoc = (page: Page) => page.evaluate(() => window.__readingModel?.document() ?? null);
const preview = (page: Page) => page.frameLocator('[data-testid="report-frame"]').locator('body');

async function openReport(page: Page): Promise<void> {
  await page.goto(app.host.url);
  await page.getByTestId('resume-draft').click();
  await waitForImages(page);
  await expect.poll(async () => (await readingDoc(page))?.lesions.length ?? 0).toBe(1);
  await page.getByRole('tab', { name: 'Report' }).click();
}

test('the proposed impression: shown as proposed, accepted, then edited by the reader', async ({ page }) => {
  const problems = collectProblems(page);
  await openReport(page);
  const field = page.getByRole('textbox', { name: 'Impression', exact: true });
  await expect(page.getByTestId('impression-source')).toHaveAttribute('data-source', 'proposed');
  const proposal = await field.inputValue();
  expect(proposal).toMatch(/^L1: lytic lesion\. SINS \d+/);
  await expect(preview(page)).toContainText('Impression proposed from the findings, not yet accepted by the reader.');
  await expect(preview(page)).toContainText(proposal.split('\n')[0] ?? '?');

  await scrollAndClick(page.getByTestId('accept-impression'));
  await expect.poll(async () => (await readingDoc(page))?.report).toMatchObject({ impression: proposal, impressionSource: 'accepted' });
  await expect(preview(page)).toContainText('Impression proposed from the findings, accepted by the reader.');

  await scrollAndClick(field);
  await page.keyboard.press('End');
  await page.keyboard.type(' Compare with the prior MRI.');
  await page.locator('.topbar').click();
  await expect.poll(async () => (await readingDoc(page))?.report).toMatchObject({ impression: `${proposal} Compare with the prior MRI.`, impressionSource: 'edited' });
  await expect(page.getByTestId('impression-source')).toHaveAttribute('data-source', 'edited');
  await expect(preview(page)).toContainText('Impression edited by the reader.');
  expect(problems).toEqual([]);
});

test('sign, locked, amend: the signed version is kept, the SR is verified and names its predecessor', async ({ page }) => {
  const problems = collectProblems(page);
  await openReport(page);
  const signoff = page.getByTestId('signoff');
  await expect(signoff).toHaveAttribute('data-state', 'draft');
  await expect(page.getByTestId('export-draft-warning')).toHaveText('This reading is not signed: every output is marked DRAFT.');
  // No name yet on this installation: signing waits for one.
  await expect(page.getByTestId('sign-report')).toBeDisabled();
  await page.getByRole('textbox', { name: 'Reader name' }).fill('Dr Ann Smith');
  await page.getByRole('textbox', { name: 'Reader organisation' }).fill('St Example Radiology');
  await page.locator('.topbar').click();
  await expect.poll(() => JSON.parse(readFileSync(join(dataDir, 'reader.json'), 'utf8')) as unknown).toEqual({ version: 1, reader: { name: 'Dr Ann Smith', organization: 'St Example Radiology' } });

  // The impression must be the reader's (accepted or edited: the test above may have edited it already), then sign.
  if ((await page.getByTestId('accept-impression').count()) > 0) await scrollAndClick(page.getByTestId('accept-impression'));
  await expect(page.getByTestId('impression-source')).not.toHaveAttribute('data-source', 'proposed');
  await scrollAndClick(page.getByTestId('sign-report'));
  await expect(signoff).toHaveAttribute('data-state', 'final');
  await expect(signoff).toHaveAttribute('data-locked', 'true');
  const signed = await readingDoc(page);
  expect(signed?.signoff.signatures.map((s) => [s.kind, s.signer, s.organization])).toEqual([['final', 'Dr Ann Smith', 'St Example Radiology']]);
  expect(signed?.reader.name).toBe('Dr Ann Smith');
  await expect(preview(page).locator('#status')).toContainText('FINAL');
  await expect(preview(page).locator('#status')).toContainText('Final: signed by Dr Ann Smith (St Example Radiology)');
  await expect(page.getByTestId('export-draft-warning')).toHaveCount(0);
  await page.screenshot({ path: join(screenshotDir, 'signoff-final.png') });

  // Locked: an edit is refused in plain words and changes nothing; undo cannot take the signature back.
  const field = page.getByRole('textbox', { name: 'Impression', exact: true });
  await scrollAndClick(field);
  await page.keyboard.type(' Changed after signing.');
  await page.locator('.topbar').click();
  await expect(page.getByTestId('signoff-message')).toHaveText(LOCKED_MESSAGE);
  expect((await readingDoc(page))?.report.impression).toBe(signed?.report.impression);
  await page.keyboard.press('Control+z');
  expect((await readingDoc(page))?.signoff.state).toBe('final');

  // Amend with a reason: edits are allowed again, the signed version is kept, the addendum is signed in turn.
  await scrollAndClick(page.getByTestId('amend-report'));
  await expect(page.getByTestId('signoff-message')).toHaveText('Give the reason for the addendum.');
  await page.getByRole('textbox', { name: 'Reason for the addendum' }).fill('Prior MRI reviewed at the MDT');
  await scrollAndClick(page.getByTestId('amend-report'));
  await expect(signoff).toHaveAttribute('data-state', 'draft');
  await expect(page.getByTestId('export-draft-warning')).toBeVisible();
  await field.fill('Solitary L1 metastasis, unchanged from the prior MRI.');
  await page.locator('.topbar').click();
  await expect.poll(async () => (await readingDoc(page))?.report.impression).toBe('Solitary L1 metastasis, unchanged from the prior MRI.');
  await scrollAndClick(page.getByTestId('sign-addendum'));
  await expect(signoff).toHaveAttribute('data-state', 'amended');
  const amended = await readingDoc(page);
  expect(amended?.signoff.signatures.map((s) => [s.kind, s.reason])).toEqual([['final', ''], ['addendum', 'Prior MRI reviewed at the MDT']]);
  expect(amended?.signoff.previous.map((p) => p.content.report.impression)).toEqual([signed?.report.impression]);
  await expect(preview(page).locator('#status')).toContainText('Amended: addendum signed by Dr Ann Smith (St Example Radiology)');
  await expect(preview(page).locator('#status')).toContainText('Reason: Prior MRI reviewed at the MDT');
  await page.getByRole('tab', { name: 'Findings' }).click();
  await expect(page.getByTestId('reading-signoff')).toHaveText('AMENDED');
  await page.getByRole('tab', { name: 'Report' }).click();

  // The SR of the amended reading: COMPLETE, VERIFIED, and its predecessor is the first signature's SR.
  await page.getByRole('textbox', { name: 'Export folder' }).fill(exportDir);
  for (const label of ['JSON (annotation document)', 'Encapsulated PDF (DICOM)']) await page.getByRole('checkbox', { name: label }).uncheck();
  await page.getByRole('button', { name: 'Export files' }).click();
  await expect(page.getByTestId('export-status')).toHaveAttribute('data-state', 'done');
  const srPath = (await page.getByTestId('export-status').locator('li[data-format="sr"]').getAttribute('data-path')) ?? '';
  const dump = execFileSync('dcmdump', ['+P', '0040,a491', '+P', '0040,a493', '+P', '0040,a075', '+P', '0040,a360', '+P', '0008,1155', srPath], { encoding: 'utf8' });
  expect(dump).toMatch(/\(0040,a491\) CS \[COMPLETE\]/);
  expect(dump).toMatch(/\(0040,a493\) CS \[VERIFIED\]/);
  expect(dump).toMatch(/\(0040,a075\) PN \[Smith\^Dr Ann\]/);
  expect(dump).toContain(`[${signed?.signoff.signatures[0]?.sr.sopInstanceUID ?? '?'}]`);
  const check = spawnSync('dciodvfy', [srPath], { encoding: 'utf8' });
  expect(`${check.stdout}${check.stderr}`.split('\n').filter((l) => l.startsWith('Error'))).toEqual([]);

  // The name is remembered for this installation: after a reload the field holds it without asking.
  await page.evaluate(() => window.__readingModel?.flush());
  await page.reload();
  await page.getByTestId('resume-draft').click();
  await page.getByRole('tab', { name: 'Report' }).click();
  await expect(page.getByRole('textbox', { name: 'Reader name' })).toHaveValue('Dr Ann Smith');
  await expect(page.getByTestId('signoff')).toHaveAttribute('data-state', 'amended');
  expect(problems).toEqual([]);
});
