// The viewer bench's page: the built renderer in browser mode (the real web host, in this process) in Chromium via
// playwright-core, with the 500-slice stack opened through the path field. Shared by the bench (viewer.ts) and the
// profiling helper (profile-viewer.ts), so both measure the same thing.
import { existsSync } from 'node:fs';
import { link, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createEventHub } from '../src-main/ipc/events';
import { createHandlers } from '../src-main/ipc/handlers';
import { createStudySessions } from '../src-main/services/study-session';
import { startWebHost } from '../src-main/web-host/server';
import { chromiumLaunchOptions } from '../tests/support/chromium';
import { WORK_DIR, type GeneratedSeries } from './generate';

const PROJECT = fileURLToPath(new URL('..', import.meta.url));
const RENDERER = join(PROJECT, 'out', 'renderer');
export const VIEWER_SLICES = 500;
export const WINDOW = { width: 1600, height: 1000 } as const;

/** A 500-slice stack: hard links to every other slice of the 1,000-slice series (whole spine, no copy). */
async function stackFolder(series: GeneratedSeries): Promise<{ dir: string; slices: number }> {
  const native = series.variants.find((v) => v.gdcmconv === undefined);
  if (native === undefined) throw new Error('no native series');
  const dir = join(series.root, `viewer-${VIEWER_SLICES}`);
  // Smoke runs (--slices < 500) use every slice they have.
  const files = native.files.filter((_, i) => i % Math.max(1, Math.floor(native.files.length / VIEWER_SLICES)) === 0).slice(0, VIEWER_SLICES);
  const existing = existsSync(dir) ? await readdir(dir) : [];
  if (existing.length !== files.length) {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    for (const f of files) await link(f, join(dir, basename(f)));
  }
  return { dir, slices: files.length };
}

/** In the page: waits (per animation frame) until a viewport shows an image of a series whose description matches. */
async function watchFirstImage(page: Page, description: string): Promise<{ assigned: number; shown: number }> {
  return page.evaluate(
    (want) =>
      new Promise<{ assigned: number; shown: number }>((resolve, reject) => {
        let assigned = Number.NaN;
        const deadline = performance.now() + 120_000;
        const tick = (now: number): void => {
          const vp = window.__viewerModel?.snapshot().viewports.find((v) => (v.seriesDescription ?? '').includes(want));
          if (vp !== undefined && Number.isNaN(assigned)) assigned = now;
          if (vp !== undefined && !vp.loading && vp.imageId !== null && vp.error === null) resolve({ assigned, shown: now });
          else if (now > deadline) reject(new Error(`no image of "${want}" within 120 s`));
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    description,
  );
}

export interface BenchViewer {
  readonly browser: Browser;
  readonly page: Page;
  /** Index of the viewport showing the stack. */
  readonly viewport: number;
  readonly slices: number;
  readonly openToFirstImageMs: number;
  readonly selectionToFirstImageMs: number;
  readonly rendererBuiltAt: string;
  readonly close: () => Promise<void>;
}

/** Starts the web host and Chromium, waits for the sample study, then opens the stack and times its first image. */
export async function openBenchViewer(series: GeneratedSeries): Promise<BenchViewer> {
  if (!existsSync(join(RENDERER, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` first (the viewer part measures the built app)');
  const rendererBuiltAt = (await stat(join(RENDERER, 'index.html'))).mtime.toISOString();
  const { dir: folder, slices } = await stackFolder(series);
  const dataDir = join(WORK_DIR, 'viewer-app-data');
  await rm(dataDir, { recursive: true, force: true });
  console.log(`viewer: ${slices}-slice stack ${folder}; renderer built ${rendererBuiltAt}`);

  const hub = createEventHub();
  const studies = createStudySessions({ dataDir, emit: (event, payload) => hub.emit(event, payload) });
  const handlers = createHandlers({ mode: 'browser', identity: { version: '0.0.0-bench' }, studies, logLine: () => undefined });
  const host = await startWebHost({ handlers, rendererDir: RENDERER, events: hub, studies, log: () => undefined });
  const browser = await chromium.launch(chromiumLaunchOptions());
  const close = async (): Promise<void> => {
    await browser.close();
    studies.closeAll();
    await host.close();
  };
  try {
    const page = await browser.newPage({ viewport: WINDOW, deviceScaleFactor: 1 });
    // tsx (esbuild keepNames) wraps named inner functions in __name(); functions sent to the page need it defined.
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await page.goto(host.url);
    // The sample study opens first; wait for it so the open below is measured on an idle app.
    await page.waitForFunction(() => window.__viewerModel?.snapshot().viewports.some((v) => v.imageId !== null && !v.loading) === true, undefined, { timeout: 120_000 });
    const watching = watchFirstImage(page, 'Benchmark CT');
    const clicked = await page.evaluate(() => performance.now());
    await page.getByRole('textbox', { name: 'Study path' }).fill(folder);
    await page.getByRole('button', { name: 'Open…' }).click();
    const first = await watching;
    const snap = await page.evaluate(() => window.__viewerModel?.snapshot());
    const viewport = snap?.viewports.findIndex((v) => (v.seriesDescription ?? '').includes('Benchmark CT')) ?? -1;
    if (viewport < 0 || snap === undefined) throw new Error('the benchmark stack is not on screen');
    // The first image can arrive while the folder is still being indexed (progressive open); scrolling is measured
    // on the whole stack, so wait for the final index to reach the viewport.
    await page
      .waitForFunction(([vp, n]) => window.__viewerModel?.snapshot().viewports[vp]?.sliceCount === n, [viewport, slices] as const, { timeout: 120_000 })
      .catch(() => undefined);
    const count = await page.evaluate((vp) => window.__viewerModel?.snapshot().viewports[vp]?.sliceCount, viewport);
    if (count !== slices) throw new Error(`the stack has ${count} slices, expected ${slices}`);
    return { browser, page, viewport, slices, openToFirstImageMs: first.shown - clicked, selectionToFirstImageMs: first.shown - first.assigned, rendererBuiltAt, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** In the page: Home on the stack's viewport, then waits until slice 0 is displayed. */
export async function toFirstSlice(page: Page, viewport: number): Promise<void> {
  await page.evaluate(
    (index) =>
      new Promise<void>((resolve) => {
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true }));
        const tick = (): void => {
          const vp = window.__viewerModel?.snapshot().viewports[index];
          if (vp !== undefined && vp.sliceIndex === 0 && !vp.loading && vp.imageId !== null) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    viewport,
  );
  // Two idle frames, so the pass starts from a settled page.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))));
}

/** What one scrolling pass recorded in the page. */
export interface PassTimes {
  /** performance.now() of each cornerstone render of a new image (the first is the start slice). */
  readonly renderedAt: readonly number[];
  readonly distinctImages: number;
  readonly finalSlice: number;
}

/**
 * In the page: one ArrowDown per animation frame at most, the next only once cornerstone has drawn the previous
 * slice's image into the canvas (its `cornerstoneimagerendered` event with a new imageId). The times are those of
 * the draws, so the frame time is the interval between successive slices reaching the canvas. No model snapshot is
 * taken while scrolling (it is JSON work the app itself does not do); the slice index is checked at the end.
 */
export async function scrollPass(page: Page, viewport: number, steps: number): Promise<PassTimes> {
  return page.evaluate(
    ([index, count]) =>
      new Promise<PassTimes>((resolve, reject) => {
        const element = document.querySelector(`[data-testid="viewport-${index}"] .vw-cs`);
        if (element === null) return reject(new Error(`viewport ${index} has no cornerstone element`));
        const renderedAt: number[] = [];
        const seen = new Set<string>();
        let lastId: string | null = window.__viewerModel?.snapshot().viewports[index]?.imageId ?? null;
        if (lastId !== null) seen.add(lastId);
        let fresh = true; // the start slice counts as drawn
        let startAt = performance.now();
        const onRendered = (event: Event): void => {
          const id = (event as CustomEvent<{ image?: { imageId?: string } }>).detail.image?.imageId ?? null;
          if (id === null || id === lastId) return;
          lastId = id;
          seen.add(id);
          renderedAt.push(performance.now());
          fresh = true;
        };
        element.addEventListener('cornerstoneimagerendered', onRendered);
        const deadline = performance.now() + 300_000;
        let pressed = 0;
        const finish = (): void => {
          element.removeEventListener('cornerstoneimagerendered', onRendered);
          resolve({ renderedAt, distinctImages: seen.size, finalSlice: window.__viewerModel?.snapshot().viewports[index]?.sliceIndex ?? -1 });
        };
        const tick = (now: number): void => {
          if (fresh) {
            fresh = false;
            if (renderedAt.length === 0) {
              startAt = now;
              renderedAt.push(startAt);
            }
            if (pressed >= count) return finish();
            pressed++;
            window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
          }
          if (now > deadline) return reject(new Error(`scrolling stalled after ${pressed} steps`));
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    [viewport, steps] as const,
  );
}

/** In the page: intervals of `frames` animation frames with nothing else going on (the display rate rAF runs at). */
export async function idleFrameIntervals(page: Page, frames: number): Promise<number[]> {
  return page.evaluate(
    (n) =>
      new Promise<number[]>((resolve) => {
        const at: number[] = [];
        const tick = (now: number): void => {
          at.push(now);
          if (at.length > n) resolve(at.slice(1).map((t, i) => t - (at[i] as number)));
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    frames,
  );
}
