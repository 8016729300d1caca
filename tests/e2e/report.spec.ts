import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { SAMPLE_UIDS } from '../../shared/sample';
import { LESION_FLAGS, PATIENT_FLAGS, SINS_BANDS } from '../../shared/scoring/index';
import type { ScoringOutput } from '../../shared/scoring/index';
import { DraftStore } from '../../src-main/services/draft-store/index';
import type { WebHost } from '../../src-main/web-host/server';
import { startE2eHost, type E2eHost } from '../support/e2e-host';
import { sampleDocument } from '../support/sample-document';
import { scrollAndCheck, scrollAndClick, collectProblems, cspViolations, model, recordCspViolations, waitForImages } from '../support/viewer-page';
import { pathwayText } from '../../shared/reading/wording';

// The report in the app (browser mode) on the sample study with the scored sample document, resumed from a draft:
// the live preview beside the images (styled under the strict CSP), a key image added from the sagittal view (undo,
// redo, caption), the PDF exported through the UI and read back with pdftotext against `npm run -s cli -- score`,
// a page rendered with pdftoppm, and the exported DICOM SR and Encapsulated PDF checked with dciodvfy.
const projectDir = join(import.meta.dirname, '..', '..');
const screenshotDir = join(projectDir, 'tests', 'output', 'screenshots');
const outDir = join(projectDir, 'tests', 'output', 'e2e-report');
const draftsDir = join(outDir, 'drafts');
const exportDir = join(outDir, 'exports');

let host: WebHost;
let app: E2eHost;

test.beforeAll(async () => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(exportDir, { recursive: true });
  mkdirSync(screenshotDir, { recursive: true });
  // The scored document is waiting as a draft, so the reader resumes it as after any earlier session.
  const drafts = new DraftStore(draftsDir);
  await drafts.save(SAMPLE_UIDS.study, sampleDocument());
  app = await startE2eHost(drafts);
  host = app.host;
});

test.afterAll(async () => {
  await app.close();
});

const readingDoc = (page: Page) => page.evaluate(() => window.__readingModel?.document() ?? null);
const flat = (s: string): string => s.replace(/\s+/g, ' ');
const pdfText = (pdf: string): string => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });

function cliScores(): ScoringOutput {
  const docPath = join(outDir, 'sample-document.json');
  writeFileSync(docPath, JSON.stringify(sampleDocument(), null, 2));
  return JSON.parse(execFileSync('npm', ['run', '-s', 'cli', '--', 'score', docPath], { cwd: projectDir, encoding: 'utf8' })) as ScoringOutput;
}

async function writtenFiles(page: Page): Promise<Array<{ format: string; path: string }>> {
  const status = page.getByTestId('export-status');
  await expect(status).toHaveAttribute('data-state', 'done');
  return status.locator('li').evaluateAll((items) => items.map((li) => ({ format: li.getAttribute('data-format') ?? '', path: li.getAttribute('data-path') ?? '' })));
}

/** Steps viewport 1 (the sagittal) from its first slice until the L1 label is near the slice shown. */
async function showL1OnSagittal(page: Page): Promise<void> {
  await expect(page.getByTestId('study-summary')).toBeVisible(); // indexing finished: the stack is whole
  const viewport = page.getByTestId('viewport-0');
  const l1 = viewport.locator('[data-testid="label-marker"][data-label="L1"]');
  await viewport.hover();
  await page.keyboard.press('Home');
  const slices = (await model(page)).viewports[0]?.sliceCount ?? 0;
  for (let i = 0; i < slices && /\brd-far\b/.test((await l1.getAttribute('class')) ?? 'rd-far'); i++) await page.keyboard.press('ArrowDown');
  await expect(l1).not.toHaveClass(/\brd-far\b/);
}

test('report preview beside the images, a key image from the view, PDF and DICOM exports through the UI', async ({ page }) => {
  const problems = collectProblems(page);
  await recordCspViolations(page);
  await page.goto(host.url);
  await page.getByTestId('resume-draft').click();
  await waitForImages(page);
  await expect.poll(async () => (await readingDoc(page))?.lesions.length ?? 0).toBe(1);

  // --- the preview, beside the images
  await page.getByRole('tab', { name: 'Report' }).click();
  const frame = page.getByTestId('report-frame');
  await expect(frame).toBeVisible();
  const viewport = page.getByTestId('viewport-0');
  const [imageBox, frameBox] = [await viewport.boundingBox(), await frame.boundingBox()];
  expect(imageBox && frameBox).toBeTruthy();
  if (!imageBox || !frameBox) return;
  expect(imageBox.width).toBeGreaterThan(300);
  expect(frameBox.width).toBeGreaterThan(400);
  expect(frameBox.x).toBeGreaterThanOrEqual(imageBox.x + imageBox.width - 1); // side by side, not on top
  const report = page.frameLocator('[data-testid="report-frame"]');
  await expect(report.locator('h1')).toContainText('report');
  await expect(report.locator('#findings')).toContainText('L1');
  // The report's own stylesheet applies inside the srcdoc iframe (allowed by hash): h2 has its rule, the body its font size.
  const h2Border = await report.locator('h2').first().evaluate((h) => getComputedStyle(h).borderBottomStyle);
  expect(h2Border).toBe('solid');
  // Proposed key images (sagittal + axial of the L1 lesion), rendered by the host, shown as pictures.
  const keyList = page.getByTestId('key-images');
  await expect(keyList.getByTestId('key-image')).toHaveCount(2);
  await expect(report.locator('#key-images img')).toHaveCount(2);
  await page.screenshot({ path: join(screenshotDir, 'report-preview-proposed.png') });

  // --- accept the proposed set (one undo step), then undo it with the keyboard shortcut
  await scrollAndClick(keyList.getByRole('button', { name: 'Accept proposed key images' }));
  await expect.poll(async () => (await readingDoc(page))?.report.keyImages.map((k) => k.caption)).toEqual(['L1 lesion, sagittal MR', 'L1 lesion, axial CT']);
  await expect(keyList.locator('[data-chosen-by="reader"]')).toHaveCount(2);
  await expect(report.locator('#key-images img')).toHaveCount(2);
  await page.locator('.topbar').click();
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await readingDoc(page))?.report.keyImages.length ?? -1).toBe(0);
  await expect(keyList.locator('[data-chosen-by="proposed"]')).toHaveCount(2);

  // --- add the sagittal view as a key image (captured with its overlays), undo, redo, caption
  // Scroll the sagittal to the lesion's slice first, as a reader would: a study opened while it indexes keeps the
  // slice it first showed (the middle of the partial stack), which on a busy machine can lie far from L1, where its
  // label is drawn faded (rd-far) and the capture would hold no full-colour label.
  await showL1OnSagittal(page);
  await scrollAndClick(keyList.getByRole('button', { name: /^Add view 1/ }));
  await expect.poll(async () => (await readingDoc(page))?.report.keyImages.length ?? 0).toBe(1);
  const added = (await readingDoc(page))?.report.keyImages[0];
  expect(added?.instance.sopInstanceUID).toBeTruthy();
  expect(added?.seriesInstanceUID).toBe(SAMPLE_UIDS.mrSeries);
  expect(typeof added?.viewState['windowWidth']).toBe('number');
  expect(added?.viewState['lesionId']).toBe('les-1');
  // The picture is the host's rendering of the record (issue 12: one overlay geometry, nothing kept in memory only):
  // an SVG of the figure's size holding the interpolated image and the shared overlay, the lesion marked.
  const src = keyList.locator('[data-chosen-by="reader"] img');
  await expect(src).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
  const svg = await src.evaluate((img: HTMLImageElement) => atob(img.src.slice(img.src.indexOf(',') + 1)));
  const capture = { width: Number(/width="(\d+)"/.exec(svg)?.[1] ?? 0), height: Number(/height="(\d+)"/.exec(svg)?.[1] ?? 0) };
  expect(capture.width).toBe(400);
  expect(capture.height).toBeGreaterThan(100);
  expect(svg).toContain('href="data:image/png;base64,');
  expect(svg).toContain('>L1</text>');
  expect(svg).toContain('>Lesion 1</text>');
  await expect(report.locator('#key-images img')).toHaveCount(1);
  await expect(report.locator('#key-images')).toContainText('chosen by the reader');

  await page.getByRole('tab', { name: 'Findings' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => (await readingDoc(page))?.report.keyImages.length ?? -1).toBe(0);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect.poll(async () => (await readingDoc(page))?.report.keyImages.length ?? -1).toBe(1);
  await page.getByRole('tab', { name: 'Report' }).click();
  const caption = page.getByRole('textbox', { name: /Caption of key image/ });
  await caption.fill('L1 pathological fracture, sagittal T2');
  await caption.press('Enter');
  await expect.poll(async () => (await readingDoc(page))?.report.keyImages[0]?.caption).toBe('L1 pathological fracture, sagittal T2');
  const impression = page.getByRole('textbox', { name: 'Impression' });
  const revision = (await readingDoc(page))?.revision ?? 0;
  await impression.fill('Unstable L1 lesion: surgical opinion advised.');
  // Live in the preview while typing; one committed edit (one undo step) when the field is left.
  await expect(report.locator('#impression')).toContainText('surgical opinion advised');
  await impression.blur();
  // "Copy report as text": browser mode uses the page's clipboard (Electron's goes through report:copy-text).
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await scrollAndClick(page.getByRole('button', { name: 'Copy report as text' }));
  await expect(page.getByText('Copied', { exact: true })).toBeVisible();
  const copiedText = await page.evaluate(() => navigator.clipboard.readText());
  expect(copiedText).toContain('surgical opinion advised');
  expect(copiedText).toContain('L1');
  await expect.poll(async () => (await readingDoc(page))?.report.impression).toBe('Unstable L1 lesion: surgical opinion advised.');
  expect((await readingDoc(page))?.revision).toBe(revision + 1);
  await expect(report.locator('#key-images figcaption')).toContainText('L1 pathological fracture');
  await page.screenshot({ path: join(screenshotDir, 'report-preview-key-image.png') });
  await frame.screenshot({ path: join(screenshotDir, 'report-preview-frame.png') });

  // --- export the PDF through the UI and read it back
  await page.getByRole('textbox', { name: 'Export folder' }).fill(exportDir);
  await scrollAndClick(page.getByRole('button', { name: 'Export PDF' }));
  const [pdf] = await writtenFiles(page);
  expect(pdf?.format).toBe('pdf');
  const pdfPath = pdf?.path ?? '';
  const text = flat(pdfText(pdfPath));
  const scores = cliScores();
  for (const lesion of scores.lesions) {
    for (const level of lesion.levels) expect(text).toContain(level);
    expect(text).toContain(lesion.sins.total !== null ? `SINS total ${lesion.sins.total}` : `SINS range ${lesion.sins.range[0]}–${lesion.sins.range[1]}`);
    if (lesion.sins.band !== null) expect(text).toContain(SINS_BANDS.find((b) => b.band === lesion.sins.band)?.label ?? '?');
    const pathways = lesion.noms.pathway !== null ? [lesion.noms.pathway] : lesion.noms.alternatives.map((a) => a.pathway);
    for (const p of pathways) expect(text).toContain(pathwayText(p));
    for (const f of lesion.flags) expect(text).toContain(LESION_FLAGS.find((x) => x.code === f)?.label ?? f);
  }
  for (const f of scores.patient.flags) expect(text.toLowerCase()).toContain((PATIENT_FLAGS.find((x) => x.code === f)?.label ?? f).toLowerCase());
  expect(text).toContain('L1 pathological fracture, sagittal T2');
  expect(text).toContain('surgical opinion advised');
  writeFileSync(join(outDir, 'report.txt'), text);
  execFileSync('pdftoppm', ['-r', '70', '-png', pdfPath, join(outDir, 'page')]);
  expect(readdirSync(outDir).filter((f) => /^page-\d+\.png$/.test(f)).length).toBeGreaterThan(0);
  // The key image in the PDF is the same rendering as the preview's: its picture at twice the figure's size.
  const images = execFileSync('pdfimages', ['-list', pdfPath], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim() !== '');
  const sizes = images.map((l) => l.trim().split(/\s+/)).map((f) => [Number(f[3]), Number(f[4])]);
  expect(sizes).toContainEqual([capture.width * 2, capture.height * 2]);

  // --- DICOM SR + Encapsulated PDF (+ JSON), into the same folder
  await scrollAndClick(page.getByRole('button', { name: 'Export files' }));
  await expect(page.getByTestId('export-status')).toHaveAttribute('data-state', 'busy');
  const files = await writtenFiles(page);
  expect(files.map((f) => f.format)).toEqual(['json', 'sr', 'encapsulated-pdf']);
  for (const f of files.filter((x) => x.format !== 'json')) {
    const check = spawnSync('dciodvfy', [f.path], { encoding: 'utf8' });
    expect(check.error).toBeUndefined();
    const lines = `${check.stdout}${check.stderr}`.split('\n');
    writeFileSync(join(outDir, `dciodvfy-${f.format}.txt`), lines.join('\n'));
    expect(lines.filter((l) => l.startsWith('Error'))).toEqual([]);
    expect(lines.some((l) => /^(ComprehensiveSR|EncapsulatedPDF)$/.test(l.trim()))).toBe(true);
  }

  // --- a de-identified PDF for a second opinion: none of the sample's identifiers, the findings unchanged
  await scrollAndCheck(page.getByRole('checkbox', { name: /De-identified/ }));
  await scrollAndClick(page.getByRole('button', { name: 'Export PDF' }));
  await expect(page.getByTestId('export-status')).toHaveAttribute('data-state', 'busy');
  const [deid] = await writtenFiles(page);
  expect(deid?.path).toMatch(/-deidentified\.pdf$/);
  const deidText = flat(pdfText(deid?.path ?? ''));
  for (const identifier of ['PHANTOM', 'SYNTHETIC-0001', 'Sample Reader']) expect(deidText).not.toContain(identifier);
  expect(deidText).toContain(`SINS total ${scores.lesions[0]?.sins.total ?? '?'}`);

  expect(await cspViolations(page)).toEqual([]);
  const unexpected = problems.filter((p) => !/favicon/.test(p));
  expect(unexpected, `console problems:\n${unexpected.join('\n')}`).toEqual([]);
});
