import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { PHANTOM_GEOMETRY } from '../../shared/sample';
import type { WebHost } from '../../src-main/web-host/server';
import { startE2eHost, type E2eHost } from '../support/e2e-host';
import { collectProblems, model, patientToClient, waitForImages } from '../support/viewer-page';

// HiDPI (device pixel ratio 2, as on a Retina or 4K reading screen): every viewport canvas has one backing pixel
// per device pixel, the measurement overlay is drawn in the same pixels, and pointer input still lands on the right
// patient millimetres.
const projectDir = join(import.meta.dirname, '..', '..');
const screenshotDir = join(projectDir, 'tests', 'output', 'screenshots');
const draftsDir = join(projectDir, 'tests', 'output', 'e2e-hidpi-drafts');

let host: WebHost;
let app: E2eHost;

test.use({ deviceScaleFactor: 2 });

test.beforeAll(async () => {
  app = await startE2eHost(draftsDir);
  host = app.host;
});

test.afterAll(async () => {
  await app.close();
});

interface CanvasFacts {
  readonly cssWidth: number;
  readonly cssHeight: number;
  readonly backingWidth: number;
  readonly backingHeight: number;
  readonly shownWidth: number;
  readonly shownHeight: number;
  readonly svgViewBox: string | null;
  readonly svgShownWidth: number;
}

test('at device pixel ratio 2 the viewport canvases are 2× their CSS size, overlays match them, and a length still reads true mm', async ({ page }) => {
  const problems = collectProblems(page);
  await page.goto(host.url);
  await waitForImages(page);
  expect(await page.evaluate(() => window.devicePixelRatio)).toBe(2);

  const facts = await page.evaluate((): CanvasFacts[] =>
    [0, 1].map((i) => {
      const hostEl = document.querySelector<HTMLElement>(`[data-testid="viewport-${i}"] .vw-host`);
      const canvas = document.querySelector<HTMLCanvasElement>(`[data-testid="viewport-${i}"] .vw-cs canvas`);
      const svg = document.querySelector<SVGSVGElement>(`[data-testid="viewport-${i}"] svg`);
      if (hostEl === null || canvas === null) throw new Error(`viewport ${i} has no canvas`);
      const shown = canvas.getBoundingClientRect();
      return {
        cssWidth: hostEl.clientWidth,
        cssHeight: hostEl.clientHeight,
        backingWidth: canvas.width,
        backingHeight: canvas.height,
        shownWidth: shown.width,
        shownHeight: shown.height,
        svgViewBox: svg?.getAttribute('viewBox') ?? null,
        svgShownWidth: svg?.getBoundingClientRect().width ?? 0,
      };
    }),
  );
  for (const f of facts) {
    expect(f.cssWidth).toBeGreaterThan(200);
    // One backing pixel per device pixel: 2× the CSS box, shown at the CSS box's size (not stretched).
    expect(f.backingWidth).toBe(Math.round(f.cssWidth * 2));
    expect(f.backingHeight).toBe(Math.round(f.cssHeight * 2));
    expect(Math.abs(f.shownWidth - f.cssWidth)).toBeLessThanOrEqual(1);
    expect(Math.abs(f.shownHeight - f.cssHeight)).toBeLessThanOrEqual(1);
    // The SVG overlay (reference lines, measurements) is drawn in backing pixels over the same box.
    expect(f.svgViewBox).toBe(`0 0 ${f.backingWidth} ${f.backingHeight}`);
    expect(Math.abs(f.svgShownWidth - f.cssWidth)).toBeLessThanOrEqual(1);
  }

  // A length across L3's body on the axial (as at DPR 1 in viewer.spec): pointer -> patient mapping is right at DPR 2.
  const l3 = PHANTOM_GEOMETRY.levels.find((l) => l.name === 'L3');
  if (l3 === undefined) throw new Error('phantom has no L3');
  const [cx, cy, cz] = l3.centre;
  const jump = await patientToClient(page, 0, [cx, cy, cz]);
  await page.mouse.click(jump.x, jump.y);
  await waitForImages(page);
  await page.keyboard.press('l');
  const from = await patientToClient(page, 1, [cx - l3.halfWidthMm, cy, cz]);
  const to = await patientToClient(page, 1, [cx + l3.halfWidthMm, cy, cz]);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => (await model(page)).measurements.length).toBe(1);
  const length = (await model(page)).measurements[0];
  expect(length?.unit).toBe('mm');
  expect(length?.value ?? 0).toBeGreaterThan(2 * l3.halfWidthMm - 1.2);
  expect(length?.value ?? 0).toBeLessThan(2 * l3.halfWidthMm + 1.2);
  await page.keyboard.press('w');

  // Screenshots at device resolution: the whole window, and the axial at 1:1 device pixels around the length.
  await page.screenshot({ path: join(screenshotDir, 'viewer-hidpi.png') });
  const box = await page.getByTestId('viewport-1').boundingBox();
  if (box === null) throw new Error('no axial viewport');
  const clip = { x: Math.max(box.x, Math.min(from.x, to.x) - 40), y: Math.max(box.y, from.y - 60), width: Math.abs(to.x - from.x) + 160, height: 120 };
  const crop = await page.screenshot({ path: join(screenshotDir, 'viewer-hidpi-detail.png'), clip });
  // A 2× screenshot: the PNG is twice the clip in each direction (IHDR width at byte 16).
  expect(crop.readUInt32BE(16)).toBe(Math.round(clip.width * 2));
  expect(problems).toEqual([]);
});
