import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { PROJECT_DIR, SCREENSHOT_DIR, startE2eHost, type E2eHost } from '../support/e2e-host';
import { collectProblems, waitForImages } from '../support/viewer-page';

// Patient context asked once (issue 12 item 4): the form goes neurology, oncology, mechanical, systemic; the primary
// histology derives the Tokuhashi primary group, the Tomita growth class and the Bauer primary questions, shown as
// derived; one visceral answer feeds every score and asks the finer questions only when present; an override is
// marked in the panel and named in the report preview, and the scores use it.
const draftsDir = join(PROJECT_DIR, 'tests', 'output', 'e2e-patient-context-drafts');

let app: E2eHost;
test.beforeAll(async () => {
  app = await startE2eHost(draftsDir);
});
test.afterAll(async () => {
  await app.close();
});

const readingDoc = (page: Page) => page.evaluate(() => window.__readingModel?.document() ?? null);

test('histology drives the prognosis inputs, visceral metastases asked once, an override is marked and reported', async ({ page }) => {
  const problems = collectProblems(page);
  await page.goto(app.host.url);
  await waitForImages(page);
  await page.getByRole('tab', { name: 'Patient' }).click();

  // The order a clinician thinks in.
  const legends = await page.locator('section[aria-label="Patient"] > fieldset > legend').allTextContents();
  expect(legends).toEqual(['Neurology', 'Oncology', 'Mechanical', 'Systemic']);

  const selected = (name: string) => page.getByRole('combobox', { name, exact: true }).locator('option:checked');
  await page.getByRole('combobox', { name: 'Primary histology' }).selectOption('renal_cell');
  await expect(selected('Primary site (Tokuhashi)')).toHaveText('derived: Kidney, uterus');
  await expect(selected('Primary tumour growth (Tomita)')).toHaveText('derived: Moderate growth');
  await expect(selected('Lung primary (Bauer)')).toHaveText('derived: no');
  await expect(selected('Primary breast, kidney, lymphoma or myeloma (Bauer)')).toHaveText('derived: yes');
  // Another histology changes every derived answer at once.
  await page.getByRole('combobox', { name: 'Primary histology' }).selectOption('non_small_cell_lung');
  await expect(selected('Primary tumour growth (Tomita)')).toHaveText('derived: Rapid growth');
  await expect(selected('Lung primary (Bauer)')).toHaveText('derived: yes');
  await page.getByRole('combobox', { name: 'Primary histology' }).selectOption('renal_cell');

  // One visceral question; the finer ones appear only when metastases are present.
  await expect(page.getByRole('combobox', { name: 'Removable? (Tokuhashi)' })).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Visceral metastases', exact: true }).selectOption('none');
  await expect(selected('Visceral metastases (Tomita)')).toHaveText('derived: No visceral metastases');
  await expect(selected('Visceral metastases (Bauer)')).toHaveText('derived: no');
  await page.getByRole('combobox', { name: 'Visceral metastases', exact: true }).selectOption('present');
  await expect(page.getByRole('combobox', { name: 'Removable? (Tokuhashi)' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Treatable? (Tomita)' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Treatable? (Tomita)' }).selectOption('treatable');
  await page.getByRole('combobox', { name: 'Visceral metastases', exact: true }).selectOption('none');

  // Override: the reader's answer is stored, marked in the panel, used by the scores and named in the report.
  await page.getByRole('combobox', { name: 'Primary tumour growth (Tomita)' }).selectOption('rapid');
  await expect(page.getByTestId('override-prognosis.tomitaPrimaryGrowth')).toHaveText('Overrides the derived answer (Moderate growth)');
  await expect.poll(async () => (await readingDoc(page))?.patient.prognosis.tomitaPrimaryGrowth).toBe('rapid');
  expect((await readingDoc(page))?.patient.prognosis.tokuhashiPrimary).toBeNull();
  await page.getByRole('combobox', { name: 'Bone metastases (Tomita)' }).selectOption('solitary');
  // Tomita: rapid 4 + no visceral 0 + solitary 1 = 5.
  await expect(page.getByTestId('prognosis-scores')).toContainText('Tomita: 5 (4–5: marginal or intralesional excision)');
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'patient-context.png') });

  await page.getByRole('tab', { name: 'Report' }).click();
  const report = page.frameLocator('[data-testid="report-frame"]');
  await expect(report.locator('body')).toContainText('Derived answers overridden by the reader');
  await expect(report.locator('body')).toContainText('Rapid growth; overrides the derived answer (Moderate growth)');
  await expect(report.locator('body')).toContainText('Kidney, uterus');

  // Back to derived: the override goes.
  await page.getByRole('tab', { name: 'Findings' }).click();
  await page.getByRole('tab', { name: 'Patient' }).click();
  await page.getByRole('combobox', { name: 'Primary tumour growth (Tomita)' }).selectOption('null');
  await expect(page.getByTestId('override-prognosis.tomitaPrimaryGrowth')).toHaveCount(0);
  expect(problems).toEqual([]);
});
