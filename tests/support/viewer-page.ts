import { expect, type Locator, type Page } from '@playwright/test';

/** Playwright helpers over the viewer's test hook (window.__viewerModel): model reads, waits, coordinates. */
export type Snapshot = NonNullable<Window['__viewerModel']> extends { snapshot(): infer S } ? S : never;

export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return problems;
}

/** Listens for CSP violations from the first script on (they also arrive as console errors; this names the directive). */
export async function recordCspViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.defineProperty(window, '__cspViolations', { value: seen });
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.effectiveDirective} ${event.blockedURI}`));
  });
}

export const cspViolations = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);

export async function model(page: Page): Promise<Snapshot> {
  return page.evaluate(() => {
    const hook = window.__viewerModel;
    if (hook === undefined) throw new Error('viewer test hook not installed');
    return hook.snapshot();
  });
}

/** Waits until the viewer is mounted and every visible viewport with a series shows its image. */
export async function waitForImages(page: Page): Promise<Snapshot> {
  await expect
    .poll(
      async () => {
        const ok = await page.evaluate(() => window.__viewerModel !== undefined);
        if (!ok) return 'no viewer';
        const snap = await model(page);
        const bad = snap.viewports.filter((v) => v.seriesKey !== null && (v.loading || v.imageId === null || v.error !== null));
        const errors = snap.viewports.filter((v) => v.error !== null).map((v) => v.error);
        if (errors.length > 0) return `error: ${errors.join('; ')}`;
        return bad.length === 0 && snap.viewports.some((v) => v.seriesKey !== null) ? 'ready' : 'loading';
      },
    )
    .toBe('ready');
  // One more frame so overlays (drawn after the image) are on screen for screenshots.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  return model(page);
}

export async function patientToClient(page: Page, viewport: number, point: readonly [number, number, number]): Promise<{ x: number; y: number }> {
  const at = await page.evaluate(([v, p]) => window.__viewerModel?.patientToClient(v, p) ?? null, [viewport, point] as const);
  if (at === null) throw new Error(`viewport ${viewport} cannot map ${point.join(',')}`);
  return at;
}

export async function imageToClient(page: Page, viewport: number, column: number, row: number): Promise<{ x: number; y: number }> {
  const at = await page.evaluate(([v, c, r]) => window.__viewerModel?.imageToClient(v, c, r) ?? null, [viewport, column, row] as const);
  if (at === null) throw new Error(`viewport ${viewport} cannot map ${column},${row}`);
  return at;
}

/** Opens a folder through the browser-mode path field and waits for its images. */
export async function openPath(page: Page, path: string): Promise<Snapshot> {
  await page.getByRole('textbox', { name: 'Study path', exact: true }).fill(path);
  await page.getByRole('button', { name: 'Open…' }).click();
  await expect(page.getByTestId('study-summary')).toContainText(path.split('/').pop() ?? path);
  return waitForImages(page);
}

/**
 * Share of a viewport canvas's pixels that are not near-black, and how many distinct grey levels they have:
 * "not blank" means both are comfortably above zero.
 */
export async function canvasContent(page: Page, viewport: number): Promise<{ nonBlack: number; levels: number; colourful: number }> {
  return page.evaluate((v) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`[data-testid="viewport-${v}"] canvas`);
    if (canvas === null) return { nonBlack: 0, levels: 0, colourful: 0 };
    // Read a copy: reading the viewport's own canvas repeatedly makes Chromium warn (willReadFrequently).
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const context = copy.getContext('2d', { willReadFrequently: true });
    if (context === null) return { nonBlack: 0, levels: 0, colourful: 0 };
    context.drawImage(canvas, 0, 0);
    const { data } = context.getImageData(0, 0, copy.width, copy.height);
    let nonBlack = 0;
    let colourful = 0;
    const levels = new Set<number>();
    for (let i = 0; i < data.length; i += 16) {
      const r = data[i] ?? 0;
      const g = data[i + 1] ?? 0;
      const b = data[i + 2] ?? 0;
      if (r + g + b > 30) nonBlack++;
      if (Math.max(r, g, b) - Math.min(r, g, b) > 30) colourful++;
      levels.add(r);
    }
    const samples = data.length / 16;
    return { nonBlack: nonBlack / samples, levels: levels.size, colourful: colourful / samples };
  }, viewport);
}

/**
 * Clicks a control of the scrolled Report column as a reader does: scrolled into view first, then clicked. Left to
 * Playwright's own scroll-and-click, a click on a control below the fold of that column was lost now and then.
 */
export async function scrollAndClick(locator: Locator): Promise<void> {
  await locator.scrollIntoViewIfNeeded();
  await locator.click();
}

/** Checks a checkbox of the scrolled Report column the same way (scrolled into view first). */
export async function scrollAndCheck(locator: Locator): Promise<void> {
  await locator.scrollIntoViewIfNeeded();
  await locator.check();
}
