import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { FOLLOW_UP_SCAN } from '@shared/sample';
import { PROJECT_DIR, SCREENSHOT_DIR, startE2eHost, type E2eHost } from '../support/e2e-host';
import { collectProblems, waitForImages } from '../support/viewer-page';

// The second built-in sample: from the sample study the reader opens "Sample follow-up" on the start controls, and
// sees the follow-up's CT and MR (its own grids); a reload comes back to the follow-up, not the first sample.
const drafts = join(PROJECT_DIR, 'tests', 'output', 'e2e-sample-follow-up', 'drafts');

let running: E2eHost | undefined;
test.afterEach(async () => {
  await running?.close();
  running = undefined;
});

test('"Open sample follow-up" opens the follow-up study, and a reload keeps it', async ({ page }) => {
  // The first open generates the follow-up (some 15 s on a busy machine).
  running = await startE2eHost(drafts);
  const problems = collectProblems(page);
  await page.goto(running.host.url);
  await waitForImages(page);
  await expect(page.getByTestId('study-summary')).toContainText('Sample study');

  await page.getByRole('button', { name: 'Open sample follow-up', exact: true }).click();
  await expect(page.getByTestId('study-summary')).toContainText('Sample follow-up');
  const shown = await waitForImages(page);
  expect(shown.series.map((s) => s.count).sort((a, b) => a - b)).toEqual([FOLLOW_UP_SCAN.mr.x.length, FOLLOW_UP_SCAN.ct.z.length]);
  expect(shown.series.map((s) => s.orientation).sort()).toEqual(['axial', 'sagittal']);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'sample-follow-up.png') });

  await page.reload();
  await expect(page.getByTestId('study-summary')).toContainText('Sample follow-up');
  const back = await waitForImages(page);
  expect(back.series).toEqual(shown.series);
  expect(problems).toEqual([]);
});
