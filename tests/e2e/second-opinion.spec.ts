import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { SAMPLE_UIDS } from '../../shared/sample';
import { DraftStore } from '../../src-main/services/draft-store/index';
import type { WebHost } from '../../src-main/web-host/server';
import { startE2eHost, type E2eHost } from '../support/e2e-host';
import { sampleDocument } from '../support/sample-document';
import { scrollAndCheck, scrollAndClick, collectProblems, recordCspViolations, cspViolations, waitForImages } from '../support/viewer-page';

// A second opinion in the app (browser mode): the sample reading resumed, another reader's reading of the same study
// loaded from its JSON; the one SINS component they differ on is shown with the band change it makes, adopting it is
// one undo step, the report preview and the exported PDF (read back with pdftotext) carry the Second opinion section,
// and `cli compare --same-study` on the same two files says the same.
const projectDir = join(import.meta.dirname, '..', '..');
const outDir = join(projectDir, 'tests', 'output', 'e2e-second-opinion');
const draftsDir = join(outDir, 'drafts');
const exportDir = join(outDir, 'exports');
const screenshotDir = join(projectDir, 'tests', 'output', 'screenshots');

let host: WebHost;
let app: E2eHost;

/** The second reader saw bilateral posterolateral involvement at L1 (SINS 13, unstable) where the first saw unilateral (11). */
function secondReading() {
  const doc = sampleDocument();
  doc.reader = { name: 'Dr Second Reader' };
  doc.lesions = doc.lesions.map((l) => ({ ...l, posterolateral: 'bilateral' as const }));
  return doc;
}

/** A prior study's reading of this patient: the sample's L1 lesion with ESCC 1a, before the epidural disease grew. */
function priorReading() {
  const doc = sampleDocument();
  doc.studyInstanceUID = '2.25.310000000000000000000000000000002';
  doc.reader = { name: 'Dr Prior Reader' };
  doc.lesions = doc.lesions.map((l) => ({ ...l, escc: '1a' as const }));
  return doc;
}

test.beforeAll(async () => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(exportDir, { recursive: true });
  mkdirSync(screenshotDir, { recursive: true });
  writeFileSync(join(outDir, 'second-reading.json'), JSON.stringify(secondReading(), null, 2));
  writeFileSync(join(outDir, 'first-reading.json'), JSON.stringify(sampleDocument(), null, 2));
  writeFileSync(join(outDir, 'prior-reading.json'), JSON.stringify(priorReading(), null, 2));
  const drafts = new DraftStore(draftsDir);
  await drafts.save(SAMPLE_UIDS.study, sampleDocument());
  app = await startE2eHost(drafts);
  host = app.host;
});

test.afterAll(async () => {
  await app.close();
});

const readingDoc = (page: Page) => page.evaluate(() => window.__readingModel?.document() ?? null);
const posterolateral = async (page: Page): Promise<string | undefined> => (await readingDoc(page))?.lesions[0]?.posterolateral;

test('second opinion: the differing component, its band change, adopt as one undo step, in the report and the PDF', async ({ page }) => {
  const problems = collectProblems(page);
  await recordCspViolations(page);
  await page.goto(host.url);
  await page.getByTestId('resume-draft').click();
  await waitForImages(page);
  await expect.poll(async () => (await readingDoc(page))?.lesions.length ?? 0).toBe(1);

  await page.getByRole('tab', { name: 'Report' }).click();
  await page.getByLabel('Load another reading').setInputFiles(join(outDir, 'second-reading.json'));
  const opinion = page.getByTestId('second-opinion');
  await expect(opinion).toContainText('Other reader: Dr Second Reader. The readings agree on 0 of 1 lesion.');
  const difference = opinion.locator('li[data-field="posterolateral"]');
  await expect(difference).toContainText('adopting it changes the SINS band (indeterminate → unstable)');
  await expect(difference).toHaveClass(/opinion-decisive/);
  await expect(opinion.locator('li')).toHaveCount(1);
  await expect(opinion.locator('tr.opinion-decisive')).toHaveCount(2); // band and pathway rows differ
  await opinion.screenshot({ path: join(screenshotDir, 'second-opinion-panel.png') });

  // Included in the report: the preview shows the section, then the exported PDF.
  await scrollAndCheck(opinion.getByRole('checkbox', { name: 'Include in the report' }));
  const frame = page.frameLocator('[data-testid="report-frame"]');
  await expect(frame.locator('#second-opinion')).toContainText('Readings of the same study compared: Dr Second Reader and');
  await page.getByRole('textbox', { name: 'Export folder' }).fill(exportDir);
  await scrollAndClick(page.getByRole('button', { name: 'Export PDF' }));
  const status = page.getByTestId('export-status');
  await expect(status).toHaveAttribute('data-state', 'done');
  const pdfPath = await status.locator('li[data-format="pdf"]').getAttribute('data-path');
  const pdf = execFileSync('pdftotext', ['-layout', pdfPath ?? '', '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(pdf).toContain('Second opinion');
  expect(pdf).toContain('adopting it changes the SINS band (indeterminate → unstable)');

  // The CLI says the same about the same two readings.
  const cli = JSON.parse(execFileSync('npm', ['run', '-s', 'cli', '--', 'compare', '--current', join(outDir, 'first-reading.json'), '--prior', join(outDir, 'second-reading.json'), '--same-study'], { cwd: projectDir, encoding: 'utf8' })) as { rows: { differences: { text: string }[] }[] };
  expect(cli.rows.flatMap((r) => r.differences.map((d) => d.text))).toEqual([(await difference.innerText()).replace(/\s*Adopt$/, '')]);

  // Adopt: one command, one undo step.
  expect(await posterolateral(page)).toBe('unilateral');
  await scrollAndClick(difference.getByRole('button', { name: 'Adopt' }));
  await expect.poll(() => posterolateral(page)).toBe('bilateral');
  await expect(opinion).toContainText('The readings agree on 1 of 1 lesion.');
  await page.getByRole('tab', { name: 'Findings' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => posterolateral(page)).toBe('unilateral');

  expect(await cspViolations(page)).toEqual([]);
  expect(problems).toEqual([]);
});

test('follow-up: a prior study\'s reading gives the change table, and the report its Comparison section', async ({ page }) => {
  const problems = collectProblems(page);
  await page.goto(host.url);
  await page.getByTestId('resume-draft').click();
  await waitForImages(page);
  await page.getByRole('tab', { name: 'Report' }).click();
  await page.getByLabel("Load a prior study's reading").setInputFiles(join(outDir, 'prior-reading.json'));
  const followUp = page.getByTestId('follow-up');
  await expect(followUp).toContainText('Compared with the prior study');
  await expect(followUp).toContainText('read by Dr Prior Reader');
  await expect(followUp.locator('li')).toHaveText(['L1: ESCC 1a → 1b']);
  await expect(followUp.locator('table[data-levels="L1"] tr.opinion-differs')).toHaveCount(1);
  await scrollAndCheck(followUp.getByRole('checkbox', { name: 'Include in the report' }));
  const frame = page.frameLocator('[data-testid="report-frame"]');
  await expect(frame.locator('#comparison')).toContainText('L1: ESCC 1a → 1b');
  // The CLI gives the same change for the same two readings.
  const cli = JSON.parse(execFileSync('npm', ['run', '-s', 'cli', '--', 'compare', '--current', join(outDir, 'first-reading.json'), '--prior', join(outDir, 'prior-reading.json')], { cwd: projectDir, encoding: 'utf8' })) as { changes: { text: string }[] };
  expect(cli.changes.map((c) => c.text)).toEqual(['L1: ESCC 1a → 1b']);
  expect(problems).toEqual([]);
});
