import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createEventHub } from '../../src-main/ipc/events';
import { createHandlers } from '../../src-main/ipc/handlers';
import { DraftStore } from '../../src-main/services/draft-store/index';
import { dicomwebNode, storeInstances } from '../../src-main/services/pacs';
import { createStudySessions, type StudySessions } from '../../src-main/services/study-session';
import { startWebHost, type WebHost } from '../../src-main/web-host/server';
import { startOrthanc, type RunningOrthanc } from '../support/orthanc';
import { DICOM_DATA } from '../support/shared-data';
import { collectProblems, cspViolations, patientToClient, recordCspViolations, scrollAndClick, waitForImages } from '../support/viewer-page';

// Issue 13, section 8: the PACS round trip in the app (browser mode) against a real Orthanc holding the real
// thoracolumbar CT. Find the study, retrieve it, read it (level labels on the sagittal series, a lesion at L1 with
// findings), sign it, send it (SR, report PDF as DICOM, key images: each stored), and Orthanc holds one study with
// the three new series. Then a second installation (its own app data, drafts and cache) finds and retrieves the
// study again, and restores the reading from the SR on the PACS: the signed document comes back unchanged.
const projectDir = join(import.meta.dirname, '..', '..');
const screenshotDir = join(projectDir, 'tests', 'output', 'screenshots');
const CT = join(DICOM_DATA, 'spine', 'thoracolumbar-ct');
const ctFiles = (): string[] => ['axial', 'sagittal'].flatMap((s) => readdirSync(join(CT, s)).filter((f) => f.endsWith('.dcm')).map((f) => join(CT, s, f)));
/** The vertebral centroids of this CT (LPS, mm), from its source's segmentation: where the labels and lesion go. */
const centroid = (name: string): [number, number, number] => {
  const table = JSON.parse(readFileSync(join(CT, 'vertebrae.json'), 'utf8')) as { vertebrae: Record<string, { lps_mm: [number, number, number] }> };
  const point = table.vertebrae[name]?.lps_mm;
  if (point === undefined) throw new Error(`no centroid for ${name}`);
  return point;
};

interface Installation {
  readonly host: WebHost;
  readonly studies: StudySessions;
  readonly dir: string;
}

/** One installation of the app: its own app data (nodes, PACS cache, reader), drafts and study index folder. */
async function install(): Promise<Installation> {
  const dir = mkdtempSync(join(tmpdir(), 'pacs-round-trip-'));
  const hub = createEventHub();
  const studies = createStudySessions({ dataDir: join(dir, 'sessions'), emit: (event, payload) => hub.emit(event, payload), sampleCache: join(projectDir, 'out', 'sample-study') });
  const handlers = createHandlers({
    mode: 'browser',
    identity: { version: '0.0.0-e2e' },
    studies,
    drafts: new DraftStore(join(dir, 'drafts')),
    dataDir: join(dir, 'app-data'),
    emit: (event, payload) => hub.emit(event, payload),
    logLine: () => undefined,
  });
  const host = await startWebHost({ handlers, rendererDir: join(projectDir, 'out', 'renderer'), events: hub, studies, log: () => undefined });
  return { host, studies, dir };
}

async function uninstall(app: Installation | undefined): Promise<void> {
  if (app === undefined) return;
  app.studies.closeAll();
  await app.host.close();
  rmSync(app.dir, { recursive: true, force: true });
}

let orthanc: RunningOrthanc;
let first: Installation | undefined;
let second: Installation | undefined;
let studyUid = '';

test.beforeAll(async () => {
  orthanc = await startOrthanc();
  await storeInstances(await dicomwebNode({ baseUrl: orthanc.dicomWebUrl }), ctFiles());
  const ids = (await orthanc.rest('/studies')) as string[];
  expect(ids).toHaveLength(1);
  studyUid = ((await orthanc.rest(`/studies/${ids[0] ?? ''}`)) as { MainDicomTags: { StudyInstanceUID: string } }).MainDicomTags.StudyInstanceUID;
});

test.afterAll(async () => {
  await uninstall(first);
  await uninstall(second);
  await orthanc?.stop();
});

const readingDoc = (page: Page) => page.evaluate(() => window.__readingModel?.document() ?? null);

/** Configures the Orthanc node in the study browser, finds the CT and retrieves it; the retrieved study is open. */
async function retrieveFromPacs(page: Page, host: WebHost): Promise<void> {
  await page.goto(host.url);
  await waitForImages(page); // the sample study, opened at start
  const pacs = page.getByRole('region', { name: 'PACS' });
  await pacs.getByRole('button', { name: 'Add a PACS node' }).click();
  const settings = pacs.getByRole('form', { name: 'PACS node settings' });
  await settings.getByLabel('Name').fill('Orthanc');
  await settings.getByLabel('DICOMweb address').fill(orthanc.dicomWebUrl);
  await settings.getByRole('button', { name: 'Save node' }).click();
  await expect(pacs.getByRole('combobox', { name: 'PACS node' })).toContainText('Orthanc (DICOMweb)');
  const search = pacs.getByRole('form', { name: 'Search the PACS' });
  await search.getByLabel('Study date').fill('1900-01-01..');
  await search.getByRole('button', { name: 'Search' }).click();
  const found = pacs.getByRole('list', { name: 'PACS studies' }).getByTestId('pacs-study');
  await expect(found).toHaveCount(1);
  await found.getByRole('button', { name: 'Retrieve' }).click();
  await expect(pacs.getByTestId('pacs-retrieval')).toContainText('Retrieved');
  await expect.poll(async () => (await readingDoc(page))?.studyInstanceUID).toBe(studyUid);
  await waitForImages(page);
}

/** The viewport showing the sagittal series (the retrieval decides the layout). */
async function sagittalViewport(page: Page): Promise<number> {
  await expect.poll(async () => page.evaluate(() => window.__viewerModel?.snapshot().viewports.findIndex((v) => v.orientation === 'sagittal' && v.imageId !== null) ?? -1)).toBeGreaterThanOrEqual(0);
  return page.evaluate(() => window.__viewerModel?.snapshot().viewports.findIndex((v) => v.orientation === 'sagittal' && v.imageId !== null) ?? -1);
}

async function clickPatient(page: Page, viewport: number, point: readonly [number, number, number]): Promise<void> {
  const at = await patientToClient(page, viewport, point);
  await page.mouse.click(at.x, at.y);
}

test('PACS round trip: retrieve, read, sign, send; a fresh installation retrieves it again and restores the signed reading from its SR', async ({ page }) => {
  const problems = collectProblems(page);
  await recordCspViolations(page);
  first = await install();
  await retrieveFromPacs(page, first.host);

  // Read: T12, L1, L2 labelled on the sagittal series, a lesion at L1 with its pain and bone findings.
  const sag = await sagittalViewport(page);
  await page.getByRole('combobox', { name: 'Start level' }).selectOption('T12');
  await page.getByTestId('label-mode').click();
  for (const name of ['T12', 'L1', 'L2']) await clickPatient(page, sag, centroid(name));
  await page.getByTestId('label-mode').click();
  await expect.poll(async () => (await readingDoc(page))?.labels.map((l) => l.label)).toEqual(['T12', 'L1', 'L2']);
  await page.getByRole('tab', { name: 'Lesions' }).click();
  await page.getByTestId('lesion-mode').click();
  await clickPatient(page, sag, centroid('L1'));
  await expect(page.getByTestId('lesion-levels')).toHaveText('L1');
  await page.keyboard.press('Escape');
  await page.locator('fieldset[data-field="pain"] input').first().focus();
  for (const key of ['m', 'l']) await page.keyboard.press(key);
  await expect.poll(async () => (await readingDoc(page))?.lesions[0]).toMatchObject({ levels: ['L1'], pain: 'mechanical', boneLesion: 'lytic' });

  // Sign: the reader's name, the impression accepted, then "Sign report".
  await page.getByRole('tab', { name: 'Report' }).click();
  await page.getByRole('textbox', { name: 'Reader name' }).fill('Dr Round Trip');
  await page.locator('.topbar').click();
  if ((await page.getByTestId('accept-impression').count()) > 0) await scrollAndClick(page.getByTestId('accept-impression'));
  await expect(page.getByTestId('impression-source')).not.toHaveAttribute('data-source', 'proposed');
  await scrollAndClick(page.getByTestId('sign-report'));
  await expect(page.getByTestId('signoff')).toHaveAttribute('data-state', 'final');
  const signed = await readingDoc(page);
  expect(signed?.signoff.signatures.map((s) => [s.kind, s.signer])).toEqual([['final', 'Dr Round Trip']]);

  // Send: each object stored.
  const send = page.getByRole('region', { name: 'Send to PACS' });
  await scrollAndClick(send.getByRole('button', { name: 'Send to PACS (Orthanc)' }));
  const sendStatus = send.getByTestId('send-status');
  await expect(sendStatus).toHaveAttribute('data-state', 'complete');
  const objects = sendStatus.getByRole('listitem');
  expect(await objects.evaluateAll((items) => items.map((li) => [li.getAttribute('data-kind'), li.getAttribute('data-status')]))).toEqual([
    ['sr', 'stored'],
    ['pdf', 'stored'],
    ['kos', 'stored'],
  ]);
  await page.screenshot({ path: join(screenshotDir, 'pacs-round-trip-sent.png') });

  // Orthanc: still one study (the CT's), now with an SR, an encapsulated PDF and a key-object series beside the CT.
  const studies = (await orthanc.rest('/studies')) as string[];
  expect(studies).toHaveLength(1);
  const study = (await orthanc.rest(`/studies/${studies[0] ?? ''}`)) as { MainDicomTags: { StudyInstanceUID: string } };
  expect(study.MainDicomTags.StudyInstanceUID).toBe(studyUid);
  const series = (await orthanc.rest(`/studies/${studies[0] ?? ''}/series`)) as { MainDicomTags: { Modality: string } }[];
  expect(series.map((s) => s.MainDicomTags.Modality).sort()).toEqual(['CT', 'CT', 'DOC', 'KO', 'SR']);

  // A fresh installation: no node, no cache, no draft. It retrieves the study again and restores the reading.
  await uninstall(first);
  first = undefined;
  second = await install();
  await retrieveFromPacs(page, second.host);
  expect((await readingDoc(page))?.lesions).toEqual([]);
  await page.getByRole('tab', { name: 'Report' }).click();
  const card = page.getByTestId('restore-sr');
  await expect(card).toContainText('Reader: Dr Round Trip; 1 lesion');
  await scrollAndClick(card.getByRole('button', { name: 'Restore reading from SR' }));
  await expect(card.getByRole('status')).toContainText('Reading restored from the structured report');
  await expect(page.getByTestId('signoff')).toHaveAttribute('data-state', 'final');
  const restored = await readingDoc(page);
  expect(restored?.labels).toEqual(signed?.labels);
  expect(restored?.lesions).toEqual(signed?.lesions);
  expect(restored?.signoff).toEqual(signed?.signoff);
  // The whole document: only the revision may move on (a restore is saved after whatever the session had).
  expect({ ...restored, revision: 0 }).toEqual({ ...signed, revision: 0 });
  await page.screenshot({ path: join(screenshotDir, 'pacs-round-trip-restored.png') });

  expect(await cspViolations(page)).toEqual([]);
  expect(problems).toEqual([]);
});
