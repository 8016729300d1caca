import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { PHANTOM_GEOMETRY } from '../../shared/sample';
import { indexSources } from '../../src-main/services/study-index/indexer';
import type { WebHost } from '../../src-main/web-host/server';
import { startE2eHost, type E2eHost } from '../support/e2e-host';
import type { Stack, StudyIndex } from '../../shared/dicom/index-model';
import { canvasContent, collectProblems, cspViolations, model, openPath, patientToClient, recordCspViolations, waitForImages } from '../support/viewer-page';
import { DICOM_DATA } from '../support/shared-data';

// Browser mode end to end: the real web host (in this process) over the built renderer, real studies on disk.
const projectDir = join(import.meta.dirname, '..', '..');
const screenshotDir = join(projectDir, 'tests', 'output', 'screenshots');
const SPINE = `${DICOM_DATA}/spine`;
// Measurements are autosaved with the study's draft: a run starts without one (else the draft offer waits) and
// never writes into the user's own data folder.
const draftsDir = join(projectDir, 'tests', 'output', 'e2e-viewer-drafts');

let host: WebHost;
let app: E2eHost;

test.beforeAll(async () => {
  app = await startE2eHost(draftsDir);
  host = app.host;
});

test.afterAll(async () => {
  await app.close();
});

async function start(page: Page): Promise<string[]> {
  const problems = collectProblems(page);
  await recordCspViolations(page);
  await page.goto(host.url);
  return problems;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
}

async function expectClean(page: Page, problems: string[]): Promise<void> {
  expect(await cspViolations(page)).toEqual([]);
  expect(problems).toEqual([]);
}

test('the sample study opens by itself: sagittal MR left, axial CT right; scroll, W/L, zoom, length, Cobb, reference lines', async ({ page }) => {
  const problems = await start(page);
  let snap = await waitForImages(page);
  expect(snap.layout).toBe('1x2');
  const [sag, ax] = snap.viewports;
  expect(sag?.orientation).toBe('sagittal');
  expect(sag?.seriesDescription).toMatch(/T2/i);
  expect(ax?.orientation).toBe('axial');
  expect(snap.series.find((s) => s.key === ax?.seriesKey)?.count).toBe(137);
  await expect(page.getByTestId('viewport-0').getByTestId('reference-line').first()).toBeVisible();
  await shot(page, 'viewer-sample-open');

  // Scroll the axial: wheel, then keys (the key handler acts on the active viewport).
  const axial = page.getByTestId('viewport-1');
  const box = await axial.boundingBox();
  if (box === null) throw new Error('no axial viewport');
  const before = ax?.sliceIndex ?? 0;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  // One slice per 40 px of wheel travel.
  await page.mouse.wheel(0, 40);
  await page.mouse.wheel(0, 40);
  await expect.poll(async () => (await model(page)).viewports[1]?.sliceIndex).toBe(before + 2);
  // A click (W/L tool, no drag) activates the axial and jumps the sagittal to the slice through that point.
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('PageUp');
  await expect.poll(async () => (await model(page)).viewports[1]?.sliceIndex).toBe(before + 2 - 11);

  // W/L by drag, then by preset key.
  snap = await waitForImages(page);
  const voi0 = snap.viewports[1]?.voi;
  await page.keyboard.press('w');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 30, { steps: 5 });
  await page.mouse.up();
  snap = await model(page);
  expect(snap.viewports[1]?.preset).toBe('custom');
  expect(snap.viewports[1]?.voi).not.toEqual(voi0);
  await page.keyboard.press('3');
  snap = await model(page);
  expect(snap.viewports[1]?.preset).toBe('bone');
  expect(snap.viewports[1]?.voi).toEqual({ windowWidth: 1800, windowCenter: 400 });

  // Zoom in by key: the scale leaves the fit.
  const fitScale = snap.viewports[1]?.scale ?? 0;
  await page.keyboard.press('+');
  snap = await model(page);
  expect(snap.viewports[1]?.fit).toBe(false);
  expect(snap.viewports[1]?.scale).toBeCloseTo(fitScale * 1.25, 5);
  await page.keyboard.press('f');

  // Length on the CT across L3's body (left to right wall, 2 × halfWidth in the phantom) on the slice through its centre.
  const l3 = PHANTOM_GEOMETRY.levels.find((l) => l.name === 'L3');
  if (l3 === undefined) throw new Error('phantom has no L3');
  const [cx, cy, cz] = l3.centre;
  await page.mouse.move(box.x + 10, box.y + box.height / 2);
  const sagPoint = await patientToClient(page, 0, [cx, cy, cz]);
  await page.mouse.click(sagPoint.x, sagPoint.y);
  await expect.poll(async () => Math.abs(((await model(page)).viewports[1]?.sliceIndex ?? 0) - before)).toBeGreaterThan(0);
  await waitForImages(page);
  await page.keyboard.press('l');
  const from = await patientToClient(page, 1, [cx - l3.halfWidthMm, cy, cz]);
  const to = await patientToClient(page, 1, [cx + l3.halfWidthMm, cy, cz]);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => (await model(page)).measurements.length).toBe(1);
  snap = await model(page);
  const length = snap.measurements[0];
  expect(length?.kind).toBe('length');
  expect(length?.unit).toBe('mm');
  // One CT pixel is 1.1 mm: each end may land half a pixel off.
  expect(length?.value ?? 0).toBeGreaterThan(2 * l3.halfWidthMm - 1.2);
  expect(length?.value ?? 0).toBeLessThan(2 * l3.halfWidthMm + 1.2);

  // Cobb angle on the sagittal: two lines, 10° apart.
  await page.keyboard.press('c');
  const sbox = await page.getByTestId('viewport-0').boundingBox();
  if (sbox === null) throw new Error('no sagittal viewport');
  const mx = sbox.x + sbox.width / 2;
  const my = sbox.y + sbox.height / 2;
  const drag = async (a: { x: number; y: number }, b: { x: number; y: number }): Promise<void> => {
    await page.mouse.move(a.x, a.y);
    await page.mouse.down();
    await page.mouse.move(b.x, b.y, { steps: 6 });
    await page.mouse.up();
  };
  await drag({ x: mx - 60, y: my - 80 }, { x: mx + 60, y: my - 80 });
  const t = Math.tan((10 * Math.PI) / 180) * 60;
  await drag({ x: mx - 60, y: my + 60 - t }, { x: mx + 60, y: my + 60 + t });
  await expect.poll(async () => (await model(page)).measurements.length).toBe(2);
  snap = await model(page);
  const cobb = snap.measurements.find((m) => m.kind === 'cobb');
  expect(cobb?.value ?? 0).toBeGreaterThan(8.5);
  expect(cobb?.value ?? 0).toBeLessThan(11.5);
  await page.keyboard.press('w');
  await expect(page.getByTestId('viewport-0').getByTestId('reference-line').first()).toBeVisible();
  await shot(page, 'viewer-sample-measured');
  await expectClean(page, problems);
});

function stacksOf(index: StudyIndex): { stack: Stack; studyUid: string; labels: string[] }[] {
  const out: { stack: Stack; studyUid: string; labels: string[] }[] = [];
  for (const patient of index.patients) {
    for (const study of patient.studies) {
      for (const series of study.series) {
        for (const stack of series.stacks) {
          const labels = stack.instances.map((i) => {
            const ref = index.files[i.file];
            return ref !== undefined && 'path' in ref ? ref.path : '';
          });
          out.push({ stack, studyUid: study.uid, labels });
        }
      }
    }
  }
  return out;
}

test('thoracolumbar CT: both series hung, reference lines on the sagittal, clicking L1 on the sagittal jumps the axial to L1', async ({ page }) => {
  const problems = await start(page);
  await waitForImages(page);
  const folder = `${SPINE}/thoracolumbar-ct`;
  const snap = await openPath(page, folder);
  expect(snap.layout).toBe('1x2');
  expect(snap.viewports[0]?.orientation).toBe('sagittal');
  expect(snap.viewports[1]?.orientation).toBe('axial');
  await expect(page.getByTestId('viewport-0').getByTestId('reference-line').first()).toBeVisible();

  // Expected: the axial slice whose position is nearest L1's centroid along the stack normal (z for an axial).
  const truth = JSON.parse(readFileSync(`${folder}/vertebrae.json`, 'utf8')) as { vertebrae: Record<string, { lps_mm: [number, number, number] }> };
  const l1 = truth.vertebrae.L1?.lps_mm;
  if (l1 === undefined) throw new Error('vertebrae.json has no L1');
  const axial = stacksOf(await indexSources([`${folder}/axial`])).find((s) => s.stack.orientation === 'axial');
  const zs = axial?.stack.instances.map((i) => i.imagePositionPatient?.[2] ?? Number.NaN) ?? [];
  const expected = zs.reduce((best, z, i) => (Math.abs(z - l1[2]) < Math.abs((zs[best] ?? Infinity) - l1[2]) ? i : best), 0);

  const at = await patientToClient(page, 0, l1);
  await page.mouse.click(at.x, at.y);
  await expect.poll(async () => (await model(page)).viewports[1]?.sliceIndex).toBe(expected);
  await waitForImages(page);
  await expect(page.getByTestId('viewport-0').getByTestId('reference-line').first()).toBeVisible();
  await shot(page, 'viewer-thoracolumbar-l1');
  await expectClean(page, problems);
});

test('lumbar MR axial T2: the series splits into its 4 stacks, each listed and viewable', async ({ page }) => {
  const problems = await start(page);
  await waitForImages(page);
  const snap = await openPath(page, `${SPINE}/lumbar-mr-axial-t2`);
  expect(snap.series).toHaveLength(4);
  for (const s of snap.series) expect(s.orientation).toBe('axial');
  await expect(page.getByTestId('series-item')).toHaveCount(4);
  const last = snap.series[3];
  if (last === undefined) throw new Error('no fourth stack');
  await page.locator(`[data-series-key="${last.key}"]`).dblclick();
  const after = await waitForImages(page);
  expect(after.viewports[after.active]?.seriesKey).toBe(last.key);
  expect((await canvasContent(page, after.active)).nonBlack).toBeGreaterThan(0.05);
  await shot(page, 'viewer-lumbar-stacks');
  await expectClean(page, problems);
});

test('corpus: problems listed, the app stays usable, colour and MONOCHROME1 images are not blank', async ({ page }) => {
  const problems = await start(page);
  await waitForImages(page);
  const folder = `${DICOM_DATA}/corpus`;
  await openPath(page, folder);
  const list = page.getByTestId('study-problems');
  await expect(list).toBeVisible();
  await list.locator('summary').first().click();
  await expect(list.locator('li').first()).toBeVisible();
  await shot(page, 'viewer-corpus-problems');

  const stacks = stacksOf(await indexSources([folder]));
  const show = async (file: string, name: string): Promise<{ nonBlack: number; levels: number; colourful: number }> => {
    const found = stacks.find((s) => s.labels.some((l) => l.endsWith(file)));
    if (found === undefined) throw new Error(`${file} not indexed`);
    await page.locator(`[data-study-key="${found.studyUid}"]`).click();
    await page.locator(`[data-series-key="${found.stack.id}"]`).dblclick();
    const snap = await waitForImages(page);
    expect(snap.viewports[snap.active]?.seriesKey).toBe(found.stack.id);
    await shot(page, name);
    return canvasContent(page, snap.active);
  };
  const colour = await show('GH538-jpeg1.dcm', 'viewer-corpus-colour');
  expect(colour.nonBlack).toBeGreaterThan(0.1);
  expect(colour.colourful).toBeGreaterThan(0.01);
  const mono1 = await show('CR-MONO1-10-chest', 'viewer-corpus-mono1');
  expect(mono1.nonBlack).toBeGreaterThan(0.1);
  expect(mono1.levels).toBeGreaterThan(20);
  await expectClean(page, problems);
});

test('reformat: sagittal and coronal from the thoracolumbar axial CT, with orientation letters and spacing', async ({ page }) => {
  const problems = await start(page);
  await waitForImages(page);
  const folder = `${SPINE}/thoracolumbar-ct`;
  let snap = await openPath(page, folder);
  const axialKey = snap.viewports[1]?.seriesKey;
  const axialSeries = snap.series.find((s) => s.key === axialKey);
  if (axialKey === undefined || axialKey === null || axialSeries === undefined) throw new Error('no axial');
  const axial = stacksOf(await indexSources([`${folder}/axial`]))[0]?.stack;
  const pixel = axial?.pixelSpacing ?? [0, 0];
  const zs = axial?.instances.map((i) => i.imagePositionPatient?.[2] ?? 0) ?? [];
  const sliceGap = Math.abs((zs[1] ?? 0) - (zs[0] ?? 0));

  const item = page.locator(`[data-series-key="${axialKey}"]`);
  for (const [button, orientation, letters] of [
    ['SAG MPR', 'sagittal', ['H', 'F', 'A', 'P']],
    ['COR MPR', 'coronal', ['H', 'F', 'R', 'L']],
  ] as const) {
    await item.getByRole('button', { name: button }).click();
    await expect.poll(async () => (await model(page)).viewports.some((v) => v.orientation === orientation)).toBe(true);
    snap = await waitForImages(page);
    const index = snap.viewports.findIndex((v) => v.orientation === orientation);
    const vp = snap.viewports[index];
    // Rows run head to foot, one per axial slice; columns keep the axial's in-plane spacing.
    expect(vp?.spacing?.row).toBeCloseTo(sliceGap, 3);
    expect(vp?.spacing?.column).toBeCloseTo(orientation === 'sagittal' ? (pixel[0] ?? 0) : (pixel[1] ?? 0), 3);
    const markers = page.getByTestId(`viewport-${index}`).getByTestId('orientation-markers');
    await expect(markers.locator('.vw-o-top')).toHaveText(letters[0]);
    await expect(markers.locator('.vw-o-bottom')).toHaveText(letters[1]);
    await expect(markers.locator('.vw-o-left')).toHaveText(letters[2]);
    await expect(markers.locator('.vw-o-right')).toHaveText(letters[3]);
    expect((await canvasContent(page, index)).nonBlack).toBeGreaterThan(0.05);
    await shot(page, `viewer-reformat-${orientation}`);
  }
  await expectClean(page, problems);
});
