import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createEventHub } from '../../src-main/ipc/events';
import { createHandlers } from '../../src-main/ipc/handlers';
import { dicomwebNode, storeInstances } from '../../src-main/services/pacs';
import { createStudySessions, type StudySessions } from '../../src-main/services/study-session';
import { startWebHost, type WebHost } from '../../src-main/web-host/server';
import { startOrthanc, type RunningOrthanc } from '../support/orthanc';
import { DICOM_DATA } from '../support/shared-data';
import { collectProblems, cspViolations, model, recordCspViolations, waitForImages } from '../support/viewer-page';

// The PACS in the app, browser mode, against a real Orthanc on loopback holding the thoracolumbar CT (two series):
// configure the node in the settings, test it, find the study, list its series, retrieve it (a cancelled retrieval
// first, which leaves nothing in the cache), see the first series before the retrieval ends, then the whole study.
// The retrieval is held between its series by this test's own hook (HandlerDeps.pacs.beforeSeries), which no UI or
// IPC message can reach; the browser never talks to Orthanc (the page's CSP allows only its own origin).
const projectDir = join(import.meta.dirname, '..', '..');
const screenshotDir = join(projectDir, 'tests', 'output', 'screenshots');
const CT = join(DICOM_DATA, 'spine', 'thoracolumbar-ct');
const ctFiles = (): string[] => ['axial', 'sagittal'].flatMap((s) => readdirSync(join(CT, s)).filter((f) => f.endsWith('.dcm')).map((f) => join(CT, s, f)));

let host: WebHost;
let studies: StudySessions;
let orthanc: RunningOrthanc;
let appData: string;
/** The hold between series: each retrieval waits here before its second series until the test releases it. */
let release: () => void = () => undefined;
let gate: Promise<void> = Promise.resolve();
const hold = (): void => {
  gate = new Promise<void>((resolve) => {
    release = resolve;
  });
};

test.beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  orthanc = await startOrthanc();
  await storeInstances(await dicomwebNode({ baseUrl: orthanc.dicomWebUrl }), ctFiles());
  // A data folder of its own: no PACS node is configured at first.
  appData = mkdtempSync(join(tmpdir(), 'pacs-e2e-'));
  const hub = createEventHub();
  studies = createStudySessions({
    dataDir: join(projectDir, 'tests', 'output', 'e2e-app-data'),
    emit: (event, payload) => hub.emit(event, payload),
    sampleCache: join(projectDir, 'out', 'sample-study'),
  });
  const handlers = createHandlers({
    mode: 'browser',
    identity: { version: '0.0.0-e2e' },
    studies,
    dataDir: appData,
    emit: (event, payload) => hub.emit(event, payload),
    logLine: () => undefined,
    pacs: { beforeSeries: () => gate },
  });
  host = await startWebHost({ handlers, rendererDir: join(projectDir, 'out', 'renderer'), events: hub, studies, log: () => undefined });
});

test.afterAll(async () => {
  release();
  studies?.closeAll();
  await host?.close();
  await orthanc?.stop();
  if (appData) rmSync(appData, { recursive: true, force: true });
});

test('PACS: configure the node, find the study, cancel a retrieval, retrieve it with the first series shown early, it opens', async ({ page }) => {
  const problems = collectProblems(page);
  await recordCspViolations(page);
  await page.goto(host.url);
  await waitForImages(page); // the sample study, opened at start
  const pacs = page.getByRole('region', { name: 'PACS' });
  await expect(pacs).toContainText('No PACS node is configured');

  // Settings: a DICOMweb node without credentials, then the connection test.
  await pacs.getByRole('button', { name: 'Add a PACS node' }).click();
  const settings = pacs.getByRole('form', { name: 'PACS node settings' });
  await settings.getByLabel('Name').fill('Orthanc');
  await settings.getByLabel('DICOMweb address').fill(orthanc.dicomWebUrl);
  await settings.getByRole('button', { name: 'Save node' }).click();
  await expect(pacs.getByRole('combobox', { name: 'PACS node' })).toContainText('Orthanc (DICOMweb)');
  await pacs.getByRole('button', { name: 'Test connection' }).click();
  await expect(pacs.getByTestId('pacs-test')).toHaveText(`The PACS at http://127.0.0.1:${orthanc.httpPort} answered.`);

  // Search by modality and a date range; the study and its two series.
  const search = pacs.getByRole('form', { name: 'Search the PACS' });
  await search.getByLabel('Modality').fill('ct');
  await search.getByLabel('Study date').fill('1900-01-01..');
  await search.getByRole('button', { name: 'Search' }).click();
  const found = pacs.getByRole('list', { name: 'PACS studies' }).getByTestId('pacs-study');
  await expect(found).toHaveCount(1);
  await expect(found).toContainText('CT');
  await found.getByRole('button', { name: 'Series' }).click();
  await expect(found.getByRole('list', { name: 'Series on the PACS' }).getByRole('listitem')).toHaveCount(2);

  // A retrieval cancelled after its first series: the first series was shown, nothing is left in the cache.
  const cacheDir = join(appData, 'pacs-cache');
  const seriesCounts = (): Promise<number[] | null> => page.evaluate(() => window.__viewerModel?.snapshot().series.map((s) => s.count) ?? null);
  hold();
  await found.getByRole('button', { name: 'Retrieve' }).click();
  const status = pacs.getByTestId('pacs-retrieval');
  await expect(status).toContainText('series 2 of 2');
  await expect.poll(seriesCounts).toHaveLength(1);
  await pacs.getByRole('button', { name: 'Cancel retrieval' }).click();
  await expect(status).toHaveText('The retrieval was cancelled; nothing of it was kept in the study cache (the first series stays on screen until another study is opened).');
  await waitForImages(page);
  expect(readdirSync(cacheDir)).toEqual([]);

  // Retrieved again: the first series displays while the second is held, then the whole study.
  hold();
  await found.getByRole('button', { name: 'Retrieve' }).click();
  await expect(status).toContainText('series 2 of 2');
  await expect.poll(seriesCounts).toHaveLength(1);
  let snap = await waitForImages(page);
  const firstCount = snap.series[0]?.count ?? 0;
  expect([40, 112]).toContain(firstCount);
  await page.screenshot({ path: join(screenshotDir, 'pacs-first-series.png') });
  release();
  await expect(status).toContainText('Retrieved 152 files');
  await expect(page.getByTestId('study-summary')).toContainText('152 DICOM of 152 files');
  await expect.poll(async () => (await seriesCounts())?.slice().sort((a, b) => a - b)).toEqual([40, 112]);
  snap = await waitForImages(page);
  expect(snap.viewports.some((v) => v.seriesKey !== null && v.imageId !== null)).toBe(true);
  expect(readdirSync(cacheDir).filter((name) => !name.startsWith('.'))).toHaveLength(1);

  // The open patient's prior studies on the node: none besides this one. Searched again, the study is cached.
  await expect(pacs).toContainText('No other study of this patient ID on this node.');
  await search.getByRole('button', { name: 'Search' }).click();
  await expect(found.getByRole('button', { name: 'Open (cached)' })).toBeVisible();
  await page.screenshot({ path: join(screenshotDir, 'pacs-retrieved.png') });

  const snapModel = await model(page);
  expect(snapModel.series).toHaveLength(2);
  expect(await cspViolations(page)).toEqual([]);
  expect(problems).toEqual([]);
});
