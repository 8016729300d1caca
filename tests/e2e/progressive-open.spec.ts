import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createEventHub } from '../../src-main/ipc/events';
import { createHandlers } from '../../src-main/ipc/handlers';
import { indexSources } from '../../src-main/services/study-index/indexer';
import { readHeader } from '../../src-main/services/study-index/read-header';
import { createStudySessions, type StudySessions } from '../../src-main/services/study-session';
import { startWebHost, type WebHost } from '../../src-main/web-host/server';
import { canvasContent, collectProblems, cspViolations, model, recordCspViolations, waitForImages } from '../support/viewer-page';

// The first series is shown while indexing continues. The web host in this process runs the real indexer over the
// real CT; its header reads are held by a gate after the first files. The gate is this test's own indexSources
// injection (StudySessionsOptions), which no UI or IPC message can reach.
const projectDir = join(import.meta.dirname, '..', '..');
const screenshotDir = join(projectDir, 'tests', 'output', 'screenshots');
const CT = '/work/shared/data/dicom/spine/thoracolumbar-ct/axial';
const OPEN_BEFORE_GATE = 40;

let host: WebHost;
let studies: StudySessions;
let held = 0;
let release: () => void = () => undefined;
const gate = new Promise<void>((resolve) => {
  release = resolve;
});

test.beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  const hub = createEventHub();
  let reads = 0;
  studies = createStudySessions({
    dataDir: join(projectDir, 'tests', 'output', 'e2e-app-data'),
    emit: (event, payload) => hub.emit(event, payload),
    indexSources: (paths, options) =>
      paths.includes(CT)
        ? indexSources(paths, {
            ...options,
            concurrency: 1,
            readHeader: async (source, headerOptions) => {
              if (reads++ >= OPEN_BEFORE_GATE) {
                held++;
                await gate;
              }
              return readHeader(source, headerOptions);
            },
          })
        : indexSources(paths, options),
  });
  const handlers = createHandlers({ mode: 'browser', identity: { version: '0.0.0-e2e' }, studies, logLine: () => undefined });
  host = await startWebHost({ handlers, rendererDir: join(projectDir, 'out', 'renderer'), events: hub, studies, log: () => undefined });
});

test.afterAll(async () => {
  release();
  studies.closeAll();
  await host.close();
});

test('a folder still indexing: its first series is displayed and scrolled, and the final index keeps the view', async ({ page }) => {
  const problems = collectProblems(page);
  await recordCspViolations(page);
  await page.goto(host.url);
  await waitForImages(page); // the sample study, opened at start
  const sampleSeries = (await model(page)).series.map((s) => s.key);

  await page.getByRole('textbox', { name: 'Study path', exact: true }).fill(CT);
  await page.getByRole('button', { name: 'Open…' }).click();

  // Indexing is held after 40 files: the progress panel stays, and the viewer shows the CT's first 40 slices.
  const progress = page.getByTestId('study-progress');
  await expect(progress).toBeVisible();
  // The viewer of the sample unmounts when the new session starts and mounts again with the CT's first series.
  const seriesCounts = (): Promise<number[] | null> => page.evaluate(() => window.__viewerModel?.snapshot().series.map((s) => s.count) ?? null);
  await expect.poll(seriesCounts).toEqual([OPEN_BEFORE_GATE]);
  let snap = await waitForImages(page);
  expect(snap.series.map((s) => s.key)).not.toEqual(sampleSeries);
  const vp = snap.viewports[0];
  expect(vp?.orientation).toBe('axial');
  expect(vp?.sliceCount).toBe(OPEN_BEFORE_GATE);
  expect(held).toBeGreaterThan(0);
  await expect(progress).toContainText(`${OPEN_BEFORE_GATE} DICOM`);
  await expect(page.getByTestId('study-summary')).toHaveCount(0);
  const content = await canvasContent(page, 0);
  expect(content.nonBlack).toBeGreaterThan(0.05);
  expect(content.levels).toBeGreaterThan(20);
  await page.screenshot({ path: join(screenshotDir, 'progressive-open-partial.png') });

  // Scroll and zoom while indexing continues.
  await page.getByTestId('viewport-0').hover();
  const before = vp?.sliceIndex ?? 0;
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect.poll(async () => (await model(page)).viewports[0]?.sliceIndex).toBe(before + 3);
  snap = await waitForImages(page);
  const scrolledTo = snap.viewports[0]?.imageId;
  expect(scrolledTo).not.toBe(vp?.imageId);
  await page.keyboard.press('+');
  await expect.poll(async () => (await model(page)).viewports[0]?.fit).toBe(false);
  const zoomed = (await model(page)).viewports[0];

  // The rest of the folder: the final index replaces the partial one, the viewport keeps its image and zoom.
  release();
  await expect(page.getByTestId('study-summary')).toContainText('112 DICOM of 112 files');
  snap = await waitForImages(page);
  expect(snap.series.map((s) => s.count)).toEqual([112]);
  const after = snap.viewports[0];
  expect(after?.sliceCount).toBe(112);
  expect(after?.imageId).toBe(scrolledTo);
  expect(after?.scale).toBe(zoomed?.scale);
  expect(after?.fit).toBe(zoomed?.fit);
  await page.screenshot({ path: join(screenshotDir, 'progressive-open-final.png') });
  expect(await cspViolations(page)).toEqual([]);
  expect(problems).toEqual([]);
});
