// `cli report --pdf` on the sample study against a bare headless-Chromium print of a one-line page, in the same run
// (issue 14 item 2: at most 1.5×). Both are fresh processes, run `runs` times interleaved; medians are compared.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sampleDocument } from '../tests/support/sample-document';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/support/chromium';
import { WORK_DIR } from './generate';
import { median } from './stats';
import type { Row } from './table';

const REPO = resolve(import.meta.dirname, '..');

/** The reference: start Chromium, print one line to PDF, close. */
const BARE_PRINT = `
import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: ${JSON.stringify(CHROMIUM_PATH)}, args: ${JSON.stringify(CHROMIUM_ARGS)} });
const page = await browser.newPage();
await page.setContent('<p>One line.</p>');
await page.pdf({ format: 'A4' });
await browser.close();
`;

function timed(args: readonly string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${result.status}: ${result.stderr.trim().slice(0, 500)}`);
  return performance.now() - started;
}

export interface ReportBenchResult {
  readonly runs: number;
  readonly reportMs: number;
  readonly bareMs: number;
}

export function reportBench(runs = 3): ReportBenchResult {
  const dir = join(WORK_DIR, 'report-bench');
  mkdirSync(dir, { recursive: true });
  const doc = join(dir, 'sample-document.json');
  writeFileSync(doc, JSON.stringify(sampleDocument()));
  const bare = join(REPO, 'bench', '.work', 'bare-print.mjs');
  writeFileSync(bare, BARE_PRINT);
  const report = [join(REPO, 'bin', 'spine-met.mjs'), 'report', '--study', 'sample', '--annotations', doc, '--pdf', join(dir, 'report.pdf')];
  // Warm-up, not timed: the Node build, the sample study in the app data folder, the file cache.
  timed(report);
  timed([bare]);
  const times = { report: [] as number[], bare: [] as number[] };
  for (let i = 0; i < runs; i++) {
    times.bare.push(timed([bare]));
    times.report.push(timed(report));
  }
  return { runs, reportMs: median(times.report), bareMs: median(times.bare) };
}

export function reportRows(r: ReportBenchResult): Row[] {
  return [
    { measure: `headless Chromium print of a one-line page, median of ${r.runs}`, ours: r.bareMs, reference: undefined, unit: 'ms', referenceName: '—', targeted: false },
    {
      measure: `cli report --pdf, sample study, median of ${r.runs}: ${(r.reportMs / r.bareMs).toFixed(2)}× the bare print`,
      ours: r.reportMs, reference: 1.5 * r.bareMs, unit: 'ms', referenceName: '1.5 × bare print', targeted: true,
    },
  ];
}
