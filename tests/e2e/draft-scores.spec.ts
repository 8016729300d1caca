import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { defaultLesion } from '../../shared/annotation/defaults';
import { SAMPLE_UIDS } from '../../shared/sample';
import type { ScoringOutput } from '../../shared/scoring/index';
import { DraftStore } from '../../src-main/services/draft-store/index';
import { startE2eHost, type E2eHost } from '../support/e2e-host';
import { sampleDocument } from '../support/sample-document';
import { collectProblems, waitForImages } from '../support/viewer-page';

// A draft with a lesion not placed yet, ahead of a placed one (issue 10): the scores panel, the report preview and
// `npm run -s cli -- score` on the same document all score the placed lesion with its own scores and list the
// unplaced one as "level not assigned: not scored"; nothing refuses the draft.
const projectDir = join(import.meta.dirname, '..', '..');
const outDir = join(projectDir, 'tests', 'output', 'e2e-draft-scores');
const draftsDir = join(outDir, 'drafts');

function draftDocument() {
  const doc = sampleDocument();
  // The unplaced lesion first and with another ESCC grade, so an index join would show it beside les-1's SINS.
  doc.lesions = [{ ...defaultLesion('les-2', []), escc: '3' }, ...doc.lesions];
  return doc;
}

let app: E2eHost;

test.beforeAll(async () => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const drafts = new DraftStore(draftsDir);
  await drafts.save(SAMPLE_UIDS.study, draftDocument());
  app = await startE2eHost(drafts);
});

test.afterAll(async () => {
  await app.close();
});

test('an unplaced lesion ahead of a placed one: panel, preview and CLI agree by lesion id', async ({ page }) => {
  const docPath = join(outDir, 'draft.json');
  writeFileSync(docPath, JSON.stringify(draftDocument(), null, 2));
  const cli = JSON.parse(execFileSync('npm', ['run', '-s', 'cli', '--', 'score', docPath], { cwd: projectDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as ScoringOutput;
  expect(cli.lesions.map((l) => l.id)).toEqual(['les-1']);
  const placed = cli.lesions[0];
  if (placed === undefined) throw new Error('no scored lesion');

  const problems = collectProblems(page);
  await page.goto(app.host.url);
  await page.getByTestId('resume-draft').click();
  await waitForImages(page);

  // The panel: the unplaced lesion named as not scored, the placed one with the CLI's scores.
  const notScored = page.locator('[data-testid="lesion-not-scored"][data-lesion="les-2"]');
  await expect(notScored).toContainText('Lesion 1: level not assigned');
  await expect(notScored).toContainText('level not assigned: not scored');
  const scored = page.locator('[data-testid="lesion-scores"][data-lesion="les-1"]');
  await expect(scored).toContainText('Lesion 2: L1');
  await expect(scored.getByTestId('sins-total')).toHaveText(String(placed.sins.total ?? `${placed.sins.range[0]}–${placed.sins.range[1]}`));
  await expect(scored.getByTestId('escc-category')).toContainText(`ESCC grade ${placed.escc.grade}`);
  const inApp = await page.evaluate(() => window.__readingModel?.scores() ?? null);
  expect(inApp?.output).toEqual(cli);
  expect(inApp?.notScored).toEqual([{ id: 'les-2', message: 'level not assigned' }]);

  // The preview: not yet complete, and the placed lesion's section carries its own ESCC grade, not the unplaced one's.
  await page.getByRole('tab', { name: 'Report' }).click();
  const report = page.frameLocator('[data-testid="report-frame"]');
  await expect(report.locator('#incomplete')).toContainText('Lesion 1 (level not assigned): level not assigned: not scored');
  const section = report.locator('section.lesion[data-lesion="les-1"]');
  await expect(section).toContainText('Lesion 2: L1');
  await expect(section).toContainText(`ESCC grade ${placed.escc.grade}`);
  await expect(section).not.toContainText('ESCC grade 3');
  await expect(report.locator('section.lesion')).toHaveCount(1);
  expect(problems).toEqual([]);
});
