import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { Handlers } from '../../src-main/ipc/handlers';
import { DraftStore } from '../../src-main/services/draft-store/index';
import type { WebHost } from '../../src-main/web-host/server';
import { PROJECT_DIR, SCREENSHOT_DIR, startE2eHost, type E2eHost } from '../support/e2e-host';
import { DICOM_DATA } from '../support/shared-data';
import { canvasContent, collectProblems, model, openPath, waitForImages } from '../support/viewer-page';

// Sessions survive: a reload after opening two other studies, and a restarted host (a new web host on the same
// data, drafts and last-study files), come back to the last study shown, or to a start page that says why not.
// The real series are read in place from ../shared/data; a "moved" study is a symbolic link that is then removed.
const screenshotDir = SCREENSHOT_DIR;
/** This spec's own last-study file and drafts (the shared e2e data folder keeps the generated sample study). */
const ownDir = join(PROJECT_DIR, 'tests', 'output', 'e2e-session');
const lastStudyFile = join(ownDir, 'last-study.json');
const draftsDir = join(ownDir, 'drafts');
const LUMBAR = join(DICOM_DATA, 'spine', 'lumbar-mr-axial-t2');
const CT_SAGITTAL = join(DICOM_DATA, 'spine', 'thoracolumbar-ct', 'sagittal');

/** Everything the host logs (its refusal lines and console.error of the handlers), to check it stays plain. */
const hostLog: string[] = [];
const originalConsoleError = console.error;

let running: E2eHost | undefined;

test.beforeEach(() => {
  mkdirSync(screenshotDir, { recursive: true });
  rmSync(ownDir, { recursive: true, force: true });
  mkdirSync(ownDir, { recursive: true });
  hostLog.length = 0;
  console.error = (...args: unknown[]) => {
    hostLog.push(args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(' '));
  };
});

test.afterEach(async () => {
  console.error = originalConsoleError;
  await running?.close();
  running = undefined;
});

async function restartHost(override: Partial<Handlers> = {}): Promise<WebHost> {
  await running?.close();
  // One host process as serve.ts builds it: the last-study file on, sessions in memory only, drafts kept.
  running = await startE2eHost(new DraftStore(draftsDir), { lastStudyFile, log: (line) => hostLog.push(line), override });
  return running.host;
}

/** Nothing raw reached the reader: no refusal text, no "Nothing to show", no error notice. */
async function expectNoRawError(page: Page): Promise<void> {
  await expect(page.getByRole('alert')).toHaveCount(0);
  const text = await page.locator('body').innerText();
  for (const raw of ['Nothing to show', 'refused', 'handler', 'session-gone', '(root)', 'study:']) expect(text).not.toContain(raw);
}

/** The host log stays plain: no stack traces, no failed handlers. */
function expectPlainHostLog(): void {
  expect(hostLog.filter((line) => /\n\s+at |handler-failed|failed:/.test(line))).toEqual([]);
}

test('a reload after opening two other studies comes back to the last one, its images showing', async ({ page }) => {
  const host = await restartHost();
  const problems = collectProblems(page);
  // A: the sample study, opened at start.
  await page.goto(host.url);
  await waitForImages(page);
  await expect(page.getByTestId('study-summary')).toContainText('Sample study');
  // B, then C.
  await openPath(page, LUMBAR);
  const shown = await openPath(page, CT_SAGITTAL);
  expect(shown.series.map((s) => s.count)).toEqual([40]);

  await page.reload();
  await expect(page.getByTestId('study-summary')).toContainText('sagittal');
  const back = await waitForImages(page);
  // The same study (CT sagittal, 40 slices), not the sample opened at start nor the MR opened before it.
  expect(back.series).toEqual(shown.series);
  const hung = back.viewports.find((v) => v.seriesKey !== null);
  expect(hung?.sliceCount).toBe(40);
  const content = await canvasContent(page, hung?.index ?? 0);
  expect(content.nonBlack).toBeGreaterThan(0.05);
  expect(content.levels).toBeGreaterThan(8);
  await expectNoRawError(page);
  await page.screenshot({ path: join(screenshotDir, 'session-reload.png') });

  // Reloading right after an open (as soon as the host has answered it, indexing or not) lands on that study.
  await page.getByRole('textbox', { name: 'Study path', exact: true }).fill(LUMBAR);
  await page.getByRole('button', { name: 'Open…' }).click();
  await expect
    .poll(() =>
      page.evaluate(() => {
        const cancel = document.querySelector<HTMLButtonElement>('[data-testid="study-progress"] button');
        const summary = document.querySelector('[data-testid="study-summary"]')?.textContent ?? '';
        return (cancel !== null && !cancel.disabled) || summary.includes('lumbar-mr-axial-t2');
      }),
    )
    .toBe(true);
  await page.reload();
  await expect(page.getByTestId('study-summary')).toContainText('lumbar-mr-axial-t2');
  expect((await waitForImages(page)).series.reduce((n, s) => n + s.count, 0)).toBe(12);
  await expectNoRawError(page);
  expect(problems).toEqual([]);
  expectPlainHostLog();
});

test('a restarted host opens the last study again from its files', async ({ page }) => {
  let host = await restartHost();
  await page.goto(host.url);
  await waitForImages(page);
  await openPath(page, LUMBAR);
  const shown = await openPath(page, CT_SAGITTAL);

  // The page is closed, then a new host process starts: no session in memory, the same data and drafts folders.
  await page.goto('about:blank');
  host = await restartHost();
  const problems = collectProblems(page);
  await page.goto(host.url);
  await expect(page.getByTestId('study-summary')).toContainText('sagittal');
  const back = await waitForImages(page);
  expect(back.series).toEqual(shown.series);
  expect((await canvasContent(page, back.viewports.find((v) => v.seriesKey !== null)?.index ?? 0)).nonBlack).toBeGreaterThan(0.05);
  await expectNoRawError(page);
  expect(problems).toEqual([]);
  expectPlainHostLog();
  // The sample opened at start is not what came back, and the model shows no measurements carried over.
  expect((await model(page)).measurements).toEqual([]);
});

test('a restarted host whose last study moved shows the start page and says so in plain words', async ({ page }) => {
  const moved = join(ownDir, 'moved-study');
  symlinkSync(CT_SAGITTAL, moved);
  let host = await restartHost();
  await page.goto(host.url);
  await waitForImages(page);
  await openPath(page, moved);

  await page.goto('about:blank');
  rmSync(moved);
  host = await restartHost();
  const problems = collectProblems(page);
  await page.goto(host.url);
  const notice = page.getByTestId('start-notice');
  await expect(notice).toContainText('could not be reopened');
  await expect(notice).toContainText(`its files are no longer at ${moved}`);
  await expect(page.getByTestId('start-page')).toContainText('No study open');
  // The start page's controls: the path field, the sample study, and the recent list to pick another study.
  await expect(page.getByRole('textbox', { name: 'Study path', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open sample study', exact: true })).toBeEnabled();
  await expect(page.getByRole('region', { name: 'Recent studies' })).toBeVisible();
  await expectNoRawError(page);
  await page.screenshot({ path: join(screenshotDir, 'session-start-page.png') });

  // From there the reader opens another study; a reload keeps it.
  await openPath(page, LUMBAR);
  await page.reload();
  await expect(page.getByTestId('study-summary')).toContainText('lumbar-mr-axial-t2');
  await waitForImages(page);
  await expect(page.getByTestId('start-page')).toHaveCount(0);
  expect(problems).toEqual([]);
  expectPlainHostLog();
});

test('a page told about a session that is gone opens its study again from its source', async ({ page }) => {
  // The host answers study:initial with a session it no longer holds (closed, as after many opens in another tab):
  // study:get-index is then refused as 'session-gone', and the page reopens the study from the answer's paths.
  const host = await restartHost({
    'study:initial': async () => ({ status: 'open', sessionId: 'GoneSession_0001', opened: 'current', source: { kind: 'paths', paths: [LUMBAR] } }),
  });
  const problems = collectProblems(page);
  await page.goto(host.url);
  await expect(page.getByTestId('study-summary')).toContainText('lumbar-mr-axial-t2');
  expect((await waitForImages(page)).series.reduce((n, s) => n + s.count, 0)).toBe(12);
  await expectNoRawError(page);
  // Chromium reports any non-2xx answer in the console: here the 410 (Gone) of the refused index requests, nothing else.
  expect(problems.filter((p) => !p.includes('status of 410 (Gone)'))).toEqual([]);
  expect(problems.length).toBeGreaterThan(0);
  // The host logged each refused request (the index and the partial index) as one plain line, nothing as a failure.
  const gone = (channel: string): string => `[web-host] refused ${channel}: session-gone: (root): study session GoneSession_0001 is not open (closed, or the host restarted)`;
  expect(hostLog.filter((line) => line.includes('session-gone')).sort()).toEqual([gone('study:get-index'), gone('study:get-partial-index')]);
  expectPlainHostLog();
});
