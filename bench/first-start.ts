// First start, as a user meets it (issue 14 item 3): `npm start` in browser mode with an empty app data folder, the
// time until it prints the URL, then the page in Chromium until the sample study's first image shows.
//   npx tsx bench/first-start.ts [--clean]
// --clean removes the app build (out/main, out/preload, out/renderer) and the sample cache (out/sample-study) first:
// the state right after `npm ci` (whose prepare step leaves out/node built). Not part of `npm run bench`: it rebuilds.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../tests/support/chromium';

const REPO = resolve(import.meta.dirname, '..');
const clean = process.argv.includes('--clean');
if (clean) for (const dir of ['main', 'preload', 'renderer', 'sample-study']) rmSync(join(REPO, 'out', dir), { recursive: true, force: true });
const cache = mkdtempSync(join(tmpdir(), 'first-start-'));

console.log(`first start${clean ? ' (clean: app build and sample cache removed)' : ''}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const started = performance.now();
const host = spawn(process.execPath, [join(REPO, 'scripts', 'start.mjs'), '--browser'], { cwd: REPO, env: { ...process.env, XDG_CACHE_HOME: cache }, stdio: ['ignore', 'pipe', 'pipe'] });
const stop = (): void => {
  host.kill('SIGTERM');
  rmSync(cache, { recursive: true, force: true });
};

try {
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      for (const line of chunk.toString().split('\n')) if (line.trim() !== '') console.log(`  [npm start ${((performance.now() - started) / 1000).toFixed(1)} s] ${line}`);
      const match = /Browser mode: (http:\S+)/.exec(out);
      if (match?.[1] !== undefined) resolveUrl(match[1]);
    };
    host.stdout.on('data', onData);
    host.stderr.on('data', onData);
    host.on('exit', (code) => reject(new Error(`npm start exited with ${code}: ${out.slice(-2000)}`)));
  });
  const urlMs = performance.now() - started;
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const pageStarted = performance.now();
    await page.goto(url);
    // No named functions inside: tsx's __name helper does not exist in the page (and its CSP refuses strings).
    await page.waitForFunction(() => window.__viewerModel?.snapshot().viewports.some((v) => !v.loading && v.imageId !== null && v.error === null) === true, undefined, { polling: 'raf', timeout: 120_000 });
    // Measured here, not in the page: includes loading the page itself (the answer's trip back is a few ms).
    const firstImageMs = performance.now() - pageStarted;
    console.log(`URL printed after ${(urlMs / 1000).toFixed(1)} s (target < 30 s); first image ${(firstImageMs / 1000).toFixed(1)} s after opening the URL (target < 5 s)`);
  } finally {
    await browser.close();
  }
} finally {
  stop();
}
