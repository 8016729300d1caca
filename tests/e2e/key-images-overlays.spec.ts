import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startE2eHost, type E2eHost } from '../support/e2e-host';
import { DICOM_DATA } from '../support/shared-data';
import { collectProblems, openPath, patientToClient, scrollAndClick, waitForImages } from '../support/viewer-page';

// Issue 12 items 5 and 6 on the real 3 mm thoracolumbar CT: levels T12-S1 (L5 placed, the rest proposed from the
// image and confirmed) and a lesion at L1. With the Report tab open and the window narrowed until the viewports are
// at most 400 px wide, no two texts or marks of the reading overlay overlap (their DOM boxes, and the shared
// geometry's boxes), labels stand beside the spine and the axial marks its level on the image. The proposed key
// images are accepted and exported as PDF; its key-image page is rendered with pdftoppm (looked at by eye, see the
// report) and, after a reload and a resumed draft, a second PDF embeds exactly the same key images.
const projectDir = join(import.meta.dirname, '..', '..');
const outDir = join(projectDir, 'tests', 'output', 'e2e-key-images');
const draftsDir = join(outDir, 'drafts');
const CT = join(DICOM_DATA, 'spine', 'thoracolumbar-ct');
const CENTROIDS: Record<string, [number, number, number]> = { L5: [1.29, -125.75, 246.17], L1: [5.42, -112.08, 382.67] };

let app: E2eHost;

test.beforeAll(async () => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'exports'), { recursive: true });
  app = await startE2eHost(draftsDir);
});

test.afterAll(async () => {
  await app.close();
});

const readingDoc = (page: Page) => page.evaluate(() => window.__readingModel?.document() ?? null);

async function clickPatient(page: Page, viewport: number, point: readonly [number, number, number]): Promise<void> {
  const at = await patientToClient(page, viewport, point);
  await page.mouse.click(at.x, at.y);
}

type Rect = { x0: number; y0: number; x1: number; y1: number };
const overlaps = (a: Rect, b: Rect): boolean => a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5;
function overlappingPairs(rects: readonly (Rect & { what: string })[]): string[] {
  const out: string[] = [];
  rects.forEach((a, i) => rects.slice(i + 1).forEach((b) => (overlaps(a, b) ? out.push(`${a.what} × ${b.what}`) : undefined)));
  return out;
}

/** The drawn boxes of every text and mark of a viewport's reading overlay, as the browser laid them out. */
async function domBoxes(page: Page, viewport: number): Promise<(Rect & { what: string })[]> {
  return page.getByTestId(`reading-overlay-${viewport}`).locator('[data-overlay-box]').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      const what = `${el.getAttribute('data-overlay-box')}:${el.textContent ?? ''}:${el.closest('[data-label]')?.getAttribute('data-label') ?? ''}`;
      return { what, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom };
    }),
  );
}

async function exportPdf(page: Page, folder: string): Promise<string> {
  mkdirSync(folder, { recursive: true });
  await page.getByRole('textbox', { name: 'Export folder' }).fill(folder);
  await scrollAndClick(page.getByRole('button', { name: 'Export PDF' }));
  const status = page.getByTestId('export-status');
  await expect(status).toHaveAttribute('data-state', 'done');
  const paths = await status.locator('li[data-format="pdf"]').evaluateAll((items) => items.map((li) => li.getAttribute('data-path') ?? ''));
  expect(paths).toHaveLength(1);
  return paths[0] ?? '';
}

/** sha256 of each image embedded in a PDF (pdfimages), in page order. */
function embeddedImages(pdf: string, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  execFileSync('pdfimages', ['-png', pdf, join(dir, 'img')]);
  return readdirSync(dir).filter((f) => f.endsWith('.png')).sort().map((f) => createHash('sha256').update(readFileSync(join(dir, f))).digest('hex'));
}

test('the real 3 mm CT: overlays without overlaps at 400 px, key images that show their lesion, the same after a reload', async ({ page }) => {
  const problems = collectProblems(page);
  await page.goto(app.host.url);
  await waitForImages(page);
  const snap = await openPath(page, CT);
  const sagittal = snap.viewports.findIndex((v) => v.orientation === 'sagittal');
  const axial = snap.viewports.findIndex((v) => v.orientation === 'axial');
  expect(sagittal).toBeGreaterThanOrEqual(0);
  expect(axial).toBeGreaterThanOrEqual(0);
  await expect.poll(async () => (await readingDoc(page)) !== null).toBe(true);

  // Levels: L5 placed, T12-L4 proposed from the image and confirmed.
  await page.getByRole('combobox', { name: 'Start level' }).selectOption('L5');
  await page.getByTestId('label-mode').click();
  await clickPatient(page, sagittal, CENTROIDS.L5 as [number, number, number]);
  await page.getByTestId('label-mode').click();
  await page.getByTestId('propose-from-image').click();
  await expect.poll(async () => (await readingDoc(page))?.labels.filter((l) => l.proposed).length ?? 0).toBe(5);
  await page.getByRole('button', { name: /^Confirm \d+ proposed$/ }).click();
  await expect.poll(async () => (await readingDoc(page))?.labels.every((l) => !l.proposed)).toBe(true);

  // A lesion at L1, by clicking its body; the axial goes to L1 by a click beside it on the sagittal.
  await page.getByRole('tab', { name: 'Lesions' }).click();
  await page.getByTestId('lesion-mode').click();
  await clickPatient(page, sagittal, CENTROIDS.L1 as [number, number, number]);
  await expect(page.getByTestId('lesion-levels')).toHaveText('L1');
  await page.getByTestId('lesion-mode').click();
  await clickPatient(page, sagittal, CENTROIDS.L1 as [number, number, number]);
  await expect(page.getByTestId(`level-readout-${axial}`)).toContainText(/^Level L1/);

  // --- the Report tab open and the window narrowed until the viewports are 400 px wide or less
  await page.getByRole('tab', { name: 'Report' }).click();
  let width = 0;
  for (const w of [1400, 1300, 1200, 1100, 1000, 900, 800]) {
    await page.setViewportSize({ width: w, height: 900 });
    width = (await page.getByTestId(`viewport-${sagittal}`).boundingBox())?.width ?? 0;
    if (width <= 400) break;
  }
  expect(width).toBeGreaterThan(200);
  expect(width).toBeLessThanOrEqual(400);
  const sagMarkers = page.getByTestId(`viewport-${sagittal}`).getByTestId('label-marker');
  await expect(sagMarkers).toHaveCount(6);
  await expect(page.getByTestId(`viewport-${sagittal}`).getByTestId('lesion-marker')).toHaveCount(1);
  // The axial marks its own level on the image, not only in the header.
  await expect(page.getByTestId(`viewport-${axial}`).locator('[data-testid="label-marker"][data-label="L1"] text')).toHaveText('L1');
  await page.screenshot({ path: join(outDir, 'overlays-400px.png') });

  for (const v of [sagittal, axial]) {
    const dom = await domBoxes(page, v);
    expect(dom.length, `viewport ${v}`).toBeGreaterThan(v === sagittal ? 12 : 3);
    expect(overlappingPairs(dom), `viewport ${v} (drawn)`).toEqual([]);
    const facts = await page.evaluate((n) => window.__readingModel?.viewports().find((x) => x.viewport === n)?.boxes ?? [], v);
    expect(overlappingPairs(facts.map((b) => ({ ...b, what: `${b.kind}:${b.of}` }))), `viewport ${v} (geometry)`).toEqual([]);
  }
  // Beside the spine: on the sagittal every level's text lies wholly to one side of every level mark.
  const sag = await domBoxes(page, sagittal);
  const dots = sag.filter((b) => b.what.startsWith('dot:'));
  const levelTexts = sag.filter((b) => b.what.startsWith('text:') && /^(T12|L[1-5]|S1)$/.test(b.what.split(':')[1] ?? ''));
  expect(levelTexts.length).toBeGreaterThanOrEqual(5);
  const spine = { x0: Math.min(...dots.map((d) => d.x0)), x1: Math.max(...dots.map((d) => d.x1)) };
  for (const t of levelTexts) expect(t.x1 <= spine.x0 || t.x0 >= spine.x1, t.what).toBe(true);

  // --- key images: the proposed ones (sagittal and axial of the L1 lesion) accepted, then the PDF
  const keyList = page.getByTestId('key-images');
  await expect(keyList.getByTestId('key-image')).toHaveCount(2);
  await scrollAndClick(keyList.getByRole('button', { name: 'Accept proposed key images' }));
  await expect.poll(async () => (await readingDoc(page))?.report.keyImages.map((k) => k.viewState['lesionId'])).toEqual([expect.any(String), expect.any(String)]);
  await expect(keyList.locator('[data-chosen-by="reader"] img')).toHaveCount(2);
  await expect(keyList.locator('[data-chosen-by="reader"] img').first()).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
  const first = await exportPdf(page, join(outDir, 'exports', 'first'));
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [first], { encoding: 'utf8' }))?.[1] ?? '0');
  const keyPage = Array.from({ length: pages }, (_, i) => i + 1).find((p) => execFileSync('pdftotext', ['-f', String(p), '-l', String(p), first, '-'], { encoding: 'utf8' }).includes('Key images'));
  expect(keyPage).toBeDefined();
  execFileSync('pdftoppm', ['-r', '110', '-png', '-f', String(keyPage), '-l', String(keyPage), first, join(outDir, 'key-image-page')]);
  const firstImages = embeddedImages(first, join(outDir, 'images-first'));
  expect(firstImages.length).toBeGreaterThanOrEqual(2);

  // --- a reload: the draft resumed, the same key images in the PDF (the record is the picture, nothing in memory)
  await page.evaluate(() => window.__readingModel?.flush());
  await page.reload();
  await waitForImages(page);
  await page.getByRole('textbox', { name: 'Study path', exact: true }).fill(CT);
  await page.getByRole('button', { name: 'Open…' }).click();
  await page.getByTestId('resume-draft').click();
  await waitForImages(page);
  await expect.poll(async () => (await readingDoc(page))?.report.keyImages.length ?? 0).toBe(2);
  await page.getByRole('tab', { name: 'Report' }).click();
  await expect(page.getByTestId('key-images').locator('[data-chosen-by="reader"] img')).toHaveCount(2);
  const second = await exportPdf(page, join(outDir, 'exports', 'second'));
  expect(embeddedImages(second, join(outDir, 'images-second'))).toEqual(firstImages);
  expect(problems).toEqual([]);
});
