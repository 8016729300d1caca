// Viewer part: the built renderer in browser mode (the real web host, in this process) driven in Chromium with
// playwright-core, on a 500-slice 512×512 CT stack. Measures time to the first image, scrolling frame rate
// (uncached first pass, then cached) and the bytes the image cache holds.
import { existsSync } from 'node:fs';
import { link, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { createEventHub } from '../src-main/ipc/events';
import { createHandlers } from '../src-main/ipc/handlers';
import { createStudySessions } from '../src-main/services/study-session';
import { startWebHost } from '../src-main/web-host/server';
import { chromiumLaunchOptions } from '../tests/support/chromium';
import { WORK_DIR, type GeneratedSeries } from './generate';
import { median } from './stats';
import type { Row } from './table';

const PROJECT = fileURLToPath(new URL('..', import.meta.url));
const RENDERER = join(PROJECT, 'out', 'renderer');
export const VIEWER_SLICES = 500;

export interface ScrollPass {
  readonly slices: number;
  readonly elapsedMs: number;
  readonly fps: number;
  readonly medianFrameMs: number;
  readonly p95FrameMs: number;
  /** Slices that took more than 1.5 display refreshes (a refresh is the median frame when cached). */
  readonly longFrames: number;
}

export interface ViewerResult {
  readonly openToFirstImageMs: number;
  readonly selectionToFirstImageMs: number;
  readonly uncached: ScrollPass;
  readonly cached: ScrollPass;
  readonly cache: { readonly entries: number; readonly bytes: number; readonly budget: number };
  readonly rendererBuiltAt: string;
  readonly slices: number;
}

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

/** In the page: waits (per animation frame) until viewport 0 shows an image of a series whose description matches. */
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

/**
 * In the page: one slice step per animation frame at most, the next step only once the previous slice is on screen
 * (shown, not loading). Frame time = interval between successive slices reaching the screen.
 */
async function scrollPass(page: Page, viewport: number, steps: number): Promise<ScrollPass> {
  const times = await page.evaluate(
    ([index, count]) =>
      new Promise<number[]>((resolve, reject) => {
        const vpNow = () => window.__viewerModel?.snapshot().viewports[index];
        const key = (k: string): boolean => window.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
        const shownAt: number[] = [];
        let target = vpNow()?.sliceIndex ?? 0;
        const deadline = performance.now() + 300_000;
        const tick = (now: number): void => {
          const vp = vpNow();
          if (vp !== undefined && vp.sliceIndex === target && !vp.loading && vp.imageId !== null) {
            shownAt.push(now);
            if (shownAt.length > count || target >= vp.sliceCount - 1) return resolve(shownAt);
            target++;
            key('ArrowDown');
          }
          if (now > deadline) return reject(new Error(`scrolling stalled at slice ${target}`));
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    [viewport, steps] as const,
  );
  const frames = times.slice(1).map((t, i) => t - (times[i] as number));
  const elapsedMs = (times[times.length - 1] ?? 0) - (times[0] ?? 0);
  const sorted = [...frames].sort((a, b) => a - b);
  return {
    slices: frames.length,
    elapsedMs,
    fps: frames.length / (elapsedMs / 1000),
    medianFrameMs: median(frames),
    p95FrameMs: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? Number.NaN,
    longFrames: frames.filter((f) => f > 1.5 * (1000 / 60)).length,
  };
}

async function toFirstSlice(page: Page, viewport: number): Promise<void> {
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
}

export async function viewerBench(series: GeneratedSeries): Promise<ViewerResult> {
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
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
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
    if (snap.viewports[viewport]?.sliceCount !== slices) throw new Error(`the stack has ${snap.viewports[viewport]?.sliceCount} slices, expected ${slices}`);

    await toFirstSlice(page, viewport);
    const uncached = await scrollPass(page, viewport, slices - 1);
    await toFirstSlice(page, viewport);
    const cached = await scrollPass(page, viewport, slices - 1);
    const after = await page.evaluate(() => window.__viewerModel?.snapshot().cache);
    const result: ViewerResult = {
      openToFirstImageMs: first.shown - clicked,
      selectionToFirstImageMs: first.shown - first.assigned,
      uncached,
      cached,
      cache: after ?? { entries: 0, bytes: 0, budget: 0 },
      rendererBuiltAt,
      slices,
    };
    const pass = (p: ScrollPass): string => `${p.fps.toFixed(1)} fps over ${p.slices} slices (median ${p.medianFrameMs.toFixed(1)} ms, p95 ${p.p95FrameMs.toFixed(1)} ms, ${p.longFrames} slices > 25 ms)`;
    console.log(`  open → first image ${result.openToFirstImageMs.toFixed(0)} ms; series on viewport → first image ${result.selectionToFirstImageMs.toFixed(0)} ms`);
    console.log(`  scrolling uncached: ${pass(uncached)}; cached: ${pass(cached)}`);
    console.log(`  image cache: ${result.cache.entries} images, ${(result.cache.bytes / 2 ** 20).toFixed(0)} MiB of a ${(result.cache.budget / 2 ** 20).toFixed(0)} MiB budget`);
    return result;
  } finally {
    await browser.close();
    studies.closeAll();
    await host.close();
  }
}

export function viewerRows(r: ViewerResult): Row[] {
  // Targets are absolute here (≥ 60 fps cached, < 300 ms first image): the "reference" column holds the target.
  return [
    { measure: `viewer: series on screen → first image (${r.slices} slices)`, ours: r.selectionToFirstImageMs, reference: 300, unit: 'ms', referenceName: 'target < 300 ms', targeted: true },
    { measure: 'viewer: open folder → first image (indexing included)', ours: r.openToFirstImageMs, reference: undefined, unit: 'ms', referenceName: '—', targeted: false },
    { measure: 'viewer: scrolling, uncached first pass', ours: r.uncached.fps, reference: undefined, unit: 'fps', referenceName: '—', targeted: false },
    { measure: 'viewer: scrolling, cached', ours: r.cached.fps, reference: 60, unit: 'fps', referenceName: 'target ≥ 60 fps', targeted: true, higherIsBetter: true },
    { measure: 'viewer: image cache held after both passes', ours: r.cache.bytes / 2 ** 20, reference: r.cache.budget / 2 ** 20, unit: 'MiB', referenceName: 'budget', targeted: false },
  ];
}
