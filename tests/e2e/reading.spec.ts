import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { PHANTOM_GEOMETRY, SAMPLE_UIDS } from '../../shared/sample';
import { along, heightPoints, phantomLevel as level, type P } from '../support/phantom-points';
import { createEventHub } from '../../src-main/ipc/events';
import { createHandlers } from '../../src-main/ipc/handlers';
import { DraftStore } from '../../src-main/services/draft-store/index';
import { createStudySessions, type StudySessions } from '../../src-main/services/study-session';
import { startWebHost, type WebHost } from '../../src-main/web-host/server';
import { collectProblems, model, patientToClient, waitForImages } from '../support/viewer-page';

// The reading workflow end to end on the sample study (auto-opened): labels on the sagittal MR, the level on the
// axial CT, a lesion at L1 with measured heights and a keyboard-filled form, scores equal to the CLI's, autosave
// and restore after a reload.
const projectDir = join(import.meta.dirname, '..', '..');
const screenshotDir = join(projectDir, 'tests', 'output', 'screenshots');
const dataDir = join(projectDir, 'tests', 'output', 'e2e-app-data');
const draftsDir = join(projectDir, 'tests', 'output', 'e2e-reading-drafts');
const SAG = 0;
const AXIAL = 1;

let host: WebHost;
let studies: StudySessions;
/** Holds each draft save this long before writing it (the close test needs a save in flight when the page goes). */
let saveDelayMs = 0;

test.beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  rmSync(draftsDir, { recursive: true, force: true });
  const hub = createEventHub();
  studies = createStudySessions({ dataDir, emit: (event, payload) => hub.emit(event, payload) });
  const base = createHandlers({ mode: 'browser', identity: { version: '0.0.0-e2e' }, studies, drafts: new DraftStore(draftsDir), logLine: () => undefined });
  const handlers: typeof base = {
    ...base,
    'draft:save': async (request) => {
      if (saveDelayMs > 0) await new Promise((r) => setTimeout(r, saveDelayMs));
      return base['draft:save'](request);
    },
  };
  host = await startWebHost({ handlers, rendererDir: join(projectDir, 'out', 'renderer'), events: hub, studies, log: () => undefined });
});

test.afterAll(async () => {
  studies.closeAll();
  await host.close();
});


async function clickPatient(page: Page, viewport: number, point: readonly [number, number, number]): Promise<void> {
  const at = await patientToClient(page, viewport, point);
  await page.mouse.click(at.x, at.y);
}

const readingDoc = (page: Page) => page.evaluate(() => window.__readingModel?.document() ?? null);
const shot = (page: Page, name: string) => page.screenshot({ path: join(screenshotDir, `reading-${name}.png`) });

test('label, lesion, heights, form and scores on the sample study; the CLI agrees; a reload restores it all', async ({ page }) => {
  const problems = collectProblems(page);
  await page.goto(host.url);
  const snap = await waitForImages(page);
  expect(snap.viewports[SAG]?.orientation).toBe('sagittal');
  expect(snap.viewports[AXIAL]?.orientation).toBe('axial');
  await expect.poll(async () => (await readingDoc(page)) !== null).toBe(true);

  // --- labels: T10 downwards, one click per body on the sagittal MR
  const names = ['T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5'];
  await page.getByRole('combobox', { name: 'Start level' }).selectOption('T10');
  await page.getByTestId('label-mode').click();
  for (const name of names) await clickPatient(page, SAG, level(name).centre);
  await page.getByTestId('label-mode').click();
  let doc = await readingDoc(page);
  expect(doc?.labels.map((l) => l.label)).toEqual(names);
  await expect(page.getByTestId('viewport-0').getByTestId('label-marker')).toHaveCount(names.length);

  // Undo/redo: Ctrl+Z removes L5, Ctrl+Shift+Z brings it back.
  await page.locator('body').click({ position: { x: 5, y: 500 } });
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await readingDoc(page))?.labels.length).toBe(names.length - 1);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(async () => (await readingDoc(page))?.labels.length).toBe(names.length);

  // --- the axial CT shows the level of its slice: jump it to L1 by clicking near L1 on the sagittal (W/L click)
  const l1 = level('L1');
  await clickPatient(page, SAG, along(l1.centre, l1.posteriorDirection, -8));
  await shot(page, 'labels');
  await expect(page.getByTestId(`level-readout-${AXIAL}`)).toContainText(/^Level L1 \([+−]\d+\.\d mm\)/);

  // --- lesion at L1, by clicking the body
  await page.getByRole('tab', { name: 'Lesions' }).click();
  await page.getByTestId('lesion-mode').click();
  await clickPatient(page, SAG, l1.centre);
  await expect(page.getByTestId('lesion-levels')).toHaveText('L1');
  // A plain click on another body is another lesion (undone here); Shift+click a neighbour extends the selected
  // lesion instead (undone too: the lesion is L1 alone).
  const l2 = level('L2');
  await clickPatient(page, SAG, along(l2.centre, l2.posteriorDirection, -6));
  await expect(page.getByTestId('lesion-list').getByRole('listitem')).toHaveCount(2);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('lesion-mode')).toHaveAttribute('aria-pressed', 'false');
  await page.locator('body').click({ position: { x: 5, y: 500 } });
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('lesion-list').getByRole('listitem')).toHaveCount(1);
  await page.getByTestId('lesion-list').getByRole('button', { name: /Lesion 1/ }).click();
  await page.getByTestId('lesion-mode').click();
  const at = await patientToClient(page, SAG, along(l2.centre, l2.posteriorDirection, -6));
  await page.keyboard.down('Shift');
  await page.mouse.click(at.x, at.y);
  await page.keyboard.up('Shift');
  await expect(page.getByTestId('lesion-levels')).toHaveText('L1–L2');
  await page.keyboard.press('Escape');
  await page.locator('body').click({ position: { x: 5, y: 500 } });
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('lesion-levels')).toHaveText('L1');

  // --- heights: index L1, then T12 above and L2 below (6 points each)
  await page.getByTestId('measure-heights').click();
  for (const name of ['L1', 'T12', 'L2']) for (const p of heightPoints(name)) await clickPatient(page, SAG, p);
  await expect(page.getByTestId('height-result')).toBeVisible();
  const loss = Number((await page.getByTestId('height-loss').textContent())?.replace('%', '').trim());
  expect(Math.abs(loss - PHANTOM_GEOMETRY.lesion.anteriorHeightLossPct)).toBeLessThan(3);
  await page.getByTestId('use-suggestion').click();
  await expect(page.getByTestId('collapse-source')).toContainText('confirmed from measurement');

  // --- alignment aids: segmental kyphosis (T12 superior – L2 inferior endplates) and L1-on-L2 translation
  const [t12, l1h, l2h] = [heightPoints('T12'), heightPoints('L1'), heightPoints('L2')];
  await page.getByRole('button', { name: 'Segmental kyphosis' }).click();
  for (const p of [t12[0], t12[4], l2h[1], l2h[5]]) await clickPatient(page, SAG, p as P);
  await page.getByRole('button', { name: 'Translation', exact: true }).click();
  for (const p of [l1h[5], l2h[4]]) await clickPatient(page, SAG, p as P);
  await expect(page.getByTestId('alignment-aid')).toHaveCount(2);
  await expect(page.getByTestId('alignment-aid').first()).toContainText(/Segmental (kyphosis|lordosis) \d+\.\d° \(T12 sup\. – L2 inf\.\)/);
  await expect(page.getByTestId('alignment-aid').nth(1)).toContainText(/Translation L1 on L2: [+−]\d+\.\d mm/);

  // --- the form from the keyboard: focus the pain group, then one key per field
  await page.locator('fieldset[data-field="pain"] input').first().focus();
  for (const key of ['m', 'l', 'l', 'n', '1', 'b', 'n', 'n', 's']) await page.keyboard.press(key);
  doc = await readingDoc(page);
  const lesion = doc?.lesions[0];
  expect(lesion).toMatchObject({
    levels: ['L1'],
    pain: 'mechanical',
    boneLesion: 'lytic',
    collapse: { value: 'lt50', source: 'measurement-confirmed' },
    alignment: { value: 'normal', measurementIds: [expect.any(String), expect.any(String)] },
    posterolateral: 'unilateral',
    escc: '1b',
    cordSignalChange: false,
    caudaEquina: false,
    instabilityJudgement: 'stable',
  });

  // --- patient context
  await page.getByRole('tab', { name: 'Patient' }).click();
  await page.getByRole('combobox', { name: 'Primary histology' }).selectOption('renal_cell');
  await page.getByRole('combobox', { name: 'Can tolerate surgery' }).selectOption('yes');
  // An emergency sign raises the banner at the top at once.
  await expect(page.getByTestId('emergency-banner')).toHaveCount(0);
  await page.getByRole('combobox', { name: 'New inability to walk' }).selectOption('true');
  await expect(page.getByTestId('emergency-banner')).toBeVisible();
  await shot(page, 'emergency');
  // A Castellvi type makes the study carry the transitional-anatomy badge.
  await page.getByRole('tab', { name: 'Levels' }).click();
  await page.getByRole('combobox', { name: 'Castellvi type' }).selectOption('IIa');
  await expect(page.getByTestId('transitional-badge')).toBeVisible();
  await page.getByRole('tab', { name: 'Lesions' }).click();
  await shot(page, 'lesion');

  // --- scores: the panel equals the CLI on the exported document
  const exported = await readingDoc(page);
  const file = join(projectDir, 'tests', 'output', 'reading-e2e-document.json');
  writeFileSync(file, JSON.stringify(exported));
  const cli: unknown = JSON.parse(execFileSync('npm', ['run', '-s', 'cli', '--', 'score', file], { cwd: projectDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  const app = await page.evaluate(() => {
    const scores = window.__readingModel?.scores();
    return scores?.ok ? scores.output : null;
  });
  expect(app).toEqual(cli);
  const cliLesion = (cli as { lesions: { sins: { total: number | null; range: [number, number] } }[] }).lesions[0];
  await expect(page.getByTestId('sins-total')).toHaveText(String(cliLesion?.sins.total ?? `${cliLesion?.sins.range[0]}–${cliLesion?.sins.range[1]}`));

  // --- autosave, then reload: the draft is offered and restores everything
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await page.evaluate(() => window.__readingModel?.flush());
  const before = await readingDoc(page);
  await page.reload();
  await waitForImages(page);
  await expect(page.getByTestId('draft-offer')).toBeVisible();
  await shot(page, 'draft-offer');
  await page.getByTestId('resume-draft').click();
  const after = await readingDoc(page);
  expect(after).toEqual(before);
  await page.getByRole('tab', { name: 'Lesions' }).click();
  await expect(page.getByTestId('sins-total')).toHaveText(String(cliLesion?.sins.total ?? `${cliLesion?.sins.range[0]}–${cliLesion?.sins.range[1]}`));
  await expect(page.getByTestId('viewport-0').getByTestId('label-marker')).toHaveCount(names.length);
  await shot(page, 'restored');
  expect(problems).toEqual([]);
});

test('a damaged draft is reported, never overwritten, and moved aside only when the reader says so', async ({ page }) => {
  // Both the draft and its previous version damaged: nothing can be recovered automatically.
  mkdirSync(draftsDir, { recursive: true });
  writeFileSync(join(draftsDir, `${SAMPLE_UIDS.study}.json`), '{"kind": "spine-annotation", truncated');
  writeFileSync(join(draftsDir, `${SAMPLE_UIDS.study}.prev.json`), 'garbage');
  const problems = collectProblems(page);
  await page.goto(host.url);
  await waitForImages(page);
  await expect(page.getByTestId('draft-unreadable')).toContainText('damaged');
  await shot(page, 'draft-damaged');
  // "Look without saving": edits stay in memory, autosave refuses to replace the damaged file.
  await page.getByRole('button', { name: 'Look without saving' }).click();
  await page.getByTestId('label-mode').click();
  await clickPatient(page, SAG, level('L1').centre);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'blocked');
  expect(readdirSync(draftsDir).filter((f) => f.includes('.corrupt-'))).toEqual([]);

  await page.reload();
  await waitForImages(page);
  await page.getByRole('button', { name: 'Move it aside and start fresh' }).click();
  await expect.poll(() => readdirSync(draftsDir).filter((f) => f.includes('.corrupt-')).length).toBe(2);
  await page.getByTestId('label-mode').click();
  await clickPatient(page, SAG, level('L1').centre);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  expect(problems).toEqual([]);
});

/** The committed document as written on disk (the draft envelope's document). */
function draftOnDisk(): { measurements: { kind: string; id: string }[]; revision: number } | null {
  try {
    return (JSON.parse(readFileSync(join(draftsDir, `${SAMPLE_UIDS.study}.json`), 'utf8')) as { document: { measurements: { kind: string; id: string }[]; revision: number } }).document;
  } catch {
    return null;
  }
}

async function dragOn(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 6 });
  await page.mouse.up();
}

test("the viewer's length and Cobb angle are in the document: Ctrl+Z undoes a length, a reload restores both, closing the page keeps the last edit", async ({ page, context }) => {
  // No draft for the sample study (the folder itself stays: the host's draft store created it).
  for (const name of [`${SAMPLE_UIDS.study}.json`, `${SAMPLE_UIDS.study}.prev.json`]) rmSync(join(draftsDir, name), { force: true });
  const problems = collectProblems(page);
  await page.goto(host.url);
  await waitForImages(page);
  await expect.poll(async () => (await readingDoc(page)) !== null).toBe(true);

  // The axial through L3's centre (crosshair jump from the sagittal), then a length across L3's body.
  const l3 = level('L3');
  const [cx, cy, cz] = l3.centre;
  await clickPatient(page, SAG, [cx, cy, cz]);
  await waitForImages(page);
  await page.keyboard.press('l');
  // dy: mm towards posterior, so a new length does not start on an old one's handle (which would drag it).
  const drawLength = async (dy = 0): Promise<void> =>
    dragOn(page, await patientToClient(page, AXIAL, [cx - l3.halfWidthMm, cy + dy, cz]), await patientToClient(page, AXIAL, [cx + l3.halfWidthMm, cy + dy, cz]));
  await drawLength();
  await expect.poll(async () => (await model(page)).measurements.length).toBe(1);
  let doc = await readingDoc(page);
  expect(doc?.measurements).toMatchObject([{ kind: 'length', calibration: 'PixelSpacing', sourceInstance: { sopInstanceUID: expect.any(String) } }]);

  // Ctrl+Z removes the length just drawn, from the viewer and from the document.
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await model(page)).measurements.length).toBe(0);
  expect((await readingDoc(page))?.measurements).toEqual([]);
  // It was selected when drawn; the selection goes with it.
  expect((await model(page)).selectedMeasurementId).toBeNull();

  // Draw it again, and a Cobb angle on the sagittal (two lines 10° apart).
  await drawLength();
  await page.keyboard.press('c');
  const sbox = await page.getByTestId('viewport-0').boundingBox();
  if (sbox === null) throw new Error('no sagittal viewport');
  const mx = sbox.x + sbox.width / 2;
  const my = sbox.y + sbox.height / 2;
  const t = Math.tan((10 * Math.PI) / 180) * 60;
  await dragOn(page, { x: mx - 60, y: my - 80 }, { x: mx + 60, y: my - 80 });
  await dragOn(page, { x: mx - 60, y: my + 60 - t }, { x: mx + 60, y: my + 60 + t });
  await expect.poll(async () => (await model(page)).measurements.length).toBe(2);
  await page.keyboard.press('w');
  const drawn = (await model(page)).measurements;
  const length = drawn.find((m) => m.kind === 'length');
  const cobb = drawn.find((m) => m.kind === 'cobb');
  expect(length?.unit).toBe('mm');
  expect(length?.value ?? 0).toBeGreaterThan(2 * l3.halfWidthMm - 1.2);
  expect(length?.value ?? 0).toBeLessThan(2 * l3.halfWidthMm + 1.2);
  expect(cobb?.value ?? 0).toBeGreaterThan(8.5);
  expect(cobb?.value ?? 0).toBeLessThan(11.5);
  doc = await readingDoc(page);
  expect(doc?.measurements.find((m) => m.kind === 'cobb')).toMatchObject({ purpose: 'cobb', upperEndplate: null, lowerEndplate: null });
  await shot(page, 'viewer-measurements');

  // Autosaved; a reload offers the draft and brings both back, listed with the same values.
  await page.evaluate(() => window.__readingModel?.flush());
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await page.reload();
  await waitForImages(page);
  await page.getByTestId('resume-draft').click();
  await expect.poll(async () => (await model(page)).measurements.length).toBe(2);
  const restored = (await model(page)).measurements;
  expect(restored.find((m) => m.kind === 'length')?.value).toBeCloseTo(length?.value ?? Number.NaN, 9);
  expect(restored.find((m) => m.kind === 'cobb')?.value).toBeCloseTo(cobb?.value ?? Number.NaN, 9);
  const items = page.getByTestId('measurement-item');
  await expect(items).toHaveCount(2);
  await expect(items.filter({ hasText: length?.label ?? '?' })).toHaveCount(1);
  await expect(items.filter({ hasText: cobb?.label ?? '?' })).toHaveCount(1);
  await shot(page, 'viewer-measurements-restored');
  expect(problems).toEqual([]);

  // Dragging a handle of the restored length is one edit: one undo step puts the end back.
  await clickPatient(page, SAG, [cx, cy, cz]);
  await waitForImages(page);
  const restoredLength = restored.find((m) => m.kind === 'length');
  const end = restoredLength?.points[1];
  if (end === undefined) throw new Error('restored length has no end point');
  await dragOn(page, await patientToClient(page, AXIAL, [end[0]!, end[1]!, end[2]!]), await patientToClient(page, AXIAL, [end[0]! + 6, end[1]!, end[2]!]));
  await expect.poll(async () => (await model(page)).measurements.find((m) => m.kind === 'length')?.value ?? 0).toBeGreaterThan((length?.value ?? 0) + 4);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await model(page)).measurements.find((m) => m.kind === 'length')?.value).toBeCloseTo(length?.value ?? Number.NaN, 9);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(async () => (await model(page)).measurements.find((m) => m.kind === 'length')?.value ?? 0).toBeGreaterThan((length?.value ?? 0) + 4);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await model(page)).measurements.find((m) => m.kind === 'length')?.value).toBeCloseTo(length?.value ?? Number.NaN, 9);

  // An arrow's text is one edit however many keys it took: one undo step puts the arrow's first text back, redo brings the typed one back, and the
  // letters typed never reach the viewer's shortcuts (l, t, c would switch tools).
  await page.keyboard.press('t');
  await dragOn(page, await patientToClient(page, AXIAL, [cx - 10, cy - 12, cz]), await patientToClient(page, AXIAL, [cx, cy - 4, cz]));
  await expect.poll(async () => (await readingDoc(page))?.measurements.filter((m) => m.kind === 'arrow').length).toBe(1);
  const beforeText = (await readingDoc(page))?.revision ?? -1;
  const arrowOf = async () => (await readingDoc(page))?.measurements.find((m) => m.kind === 'arrow');
  const initial = await arrowOf();
  const initialText = initial?.kind === 'arrow' ? initial.text : null;
  expect(initialText).not.toBeNull();
  const arrowText = page.getByRole('textbox', { name: 'Arrow text' });
  await arrowText.fill('');
  await arrowText.pressSequentially('lytic focus');
  await arrowText.press('Enter');
  await expect.poll(async () => { const a = await arrowOf(); return a?.kind === 'arrow' ? a.text : null; }).toBe('lytic focus');
  expect((await readingDoc(page))?.revision).toBe(beforeText + 1);
  expect((await model(page)).tool).toBe('arrow');
  await page.keyboard.press('Control+z');
  await expect.poll(async () => { const a = await arrowOf(); return a?.kind === 'arrow' ? a.text : null; }).toBe(initialText);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(async () => { const a = await arrowOf(); return a?.kind === 'arrow' ? a.text : null; }).toBe('lytic focus');
  // Undo the text and the arrow, so the counts below are the lengths' and the Cobb's.
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await model(page)).measurements.length).toBe(2);

  // Close the page right after two quick edits while the first save is still being written (the host holds each
  // save 1.5 s): the second edit was only pending in the page, yet it reaches the draft on disk.
  const savedBefore = draftOnDisk()?.revision ?? -1;
  saveDelayMs = 1500;
  try {
    await page.keyboard.press('l');
    await drawLength(4);
    await drawLength(8);
    await expect.poll(async () => (await model(page)).measurements.length).toBe(4);
    await page.close();
    await expect.poll(() => draftOnDisk()?.measurements.filter((m) => m.kind === 'length').length).toBe(3);
    expect(draftOnDisk()?.revision ?? -1).toBeGreaterThan(savedBefore);
  } finally {
    saveDelayMs = 0;
  }
  // A new page resumes exactly that.
  const again = await context.newPage();
  await again.goto(host.url);
  await waitForImages(again);
  await again.getByTestId('resume-draft').click();
  await expect.poll(async () => (await model(again)).measurements.length).toBe(4);
});
