import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { PHANTOM_GEOMETRY } from '../../shared/sample';
import { createEventHub } from '../../src-main/ipc/events';
import { createHandlers } from '../../src-main/ipc/handlers';
import { createStudySessions, type StudySessions } from '../../src-main/services/study-session';
import { startWebHost, type WebHost } from '../../src-main/web-host/server';
import { canvasContent, collectProblems, cspViolations, model, openPath, patientToClient, recordCspViolations, waitForImages } from '../support/viewer-page';

// Browser mode end to end: the real web host (in this process) over the built renderer, real studies on disk.
const projectDir = join(import.meta.dirname, '..', '..');
const screenshotDir = join(projectDir, 'tests', 'output', 'screenshots');
const dataDir = join(projectDir, 'tests', 'output', 'e2e-app-data');
const SPINE = '/work/shared/data/dicom/spine';

let host: WebHost;
let studies: StudySessions;

test.beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  const hub = createEventHub();
  studies = createStudySessions({ dataDir, emit: (event, payload) => hub.emit(event, payload) });
  const handlers = createHandlers({ mode: 'browser', identity: { version: '0.0.0-e2e' }, studies, logLine: () => undefined });
  host = await startWebHost({ handlers, rendererDir: join(projectDir, 'out', 'renderer'), events: hub, studies, log: () => undefined });
});

test.afterAll(async () => {
  studies.closeAll();
  await host.close();
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
  snap = await waitForImages(page);
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
