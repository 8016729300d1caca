// `app:info` latency while a hostile folder is indexed in browser mode (issue 11, item 5): the same folder opened on a
// host that indexes in a worker thread (the app's way) and on one that indexes in its own process (the old way),
// in the same run. Each host is a child process; this process polls `app:info` every 20 ms over HTTP until the
// index is final, and prints median / p95 / max. Run: npx tsx bench/app-info-latency.ts [--rounds N]
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { DICOM_DATA } from '../tests/support/shared-data';
import { deeplyNested, deflatedDataSetBomb, deflatedFrameBomb, IMPLICIT_MR, j2kWithSize } from '../tests/support/hostile-dicom';

const POLL_MS = 20;
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '2' } } });
const rounds = Math.max(1, Number(values.rounds));

/** Bombs and odd files among a few hundred real ones (the spine CT and MR, twice: the second copy is duplicates). */
function hostileFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hostile-folder-'));
  writeFileSync(join(dir, 'element-bomb.dcm'), deflatedDataSetBomb('element'));
  writeFileSync(join(dir, 'pixel-bomb.dcm'), deflatedDataSetBomb('pixel-data'));
  writeFileSync(join(dir, 'frame-bomb.dcm'), deflatedFrameBomb());
  writeFileSync(join(dir, 'j2k-23000.dcm'), j2kWithSize(23000, 23000, false));
  writeFileSync(join(dir, 'nested-5000.dcm'), deeplyNested(IMPLICIT_MR, 5000, false));
  const spine = join(DICOM_DATA, 'spine');
  for (const copy of ['a', 'b']) {
    for (const series of ['lumbar-mr-axial-t2', 'thoracolumbar-ct/axial', 'thoracolumbar-ct/sagittal']) {
      const to = join(dir, copy, series);
      mkdirSync(to, { recursive: true });
      for (const name of readdirSync(join(spine, series))) copyFileSync(join(spine, series, name), join(to, name));
    }
  }
  return dir;
}

interface Host {
  readonly child: ChildProcess;
  call(channel: string, body: unknown): Promise<unknown>;
}

async function startHost(mode: 'worker' | 'in-process'): Promise<Host> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/app-info-host.ts', mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the ${mode} host exited (${code}) before it listened`)));
  });
  const { port, token } = JSON.parse(line) as { port: number; token: string };
  const call = async (channel: string, body: unknown): Promise<unknown> => {
    const response = await fetch(`http://127.0.0.1:${port}/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-host-token': token },
      body: JSON.stringify(body),
    });
    return response.json();
  };
  return { child, call };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

interface Measured {
  readonly mode: string;
  readonly samples: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  readonly indexMs: number;
  readonly found: number;
  readonly problems: number;
}

async function measure(mode: 'worker' | 'in-process', folder: string): Promise<Measured> {
  const host = await startHost(mode);
  try {
    for (let i = 0; i < 5; i++) await host.call('app:info', {}); // warm: first requests compile handlers
    const started = performance.now();
    const opened = (await host.call('study:open', { paths: [folder] })) as { ok: boolean; value: { sessionId: string } };
    let done = false;
    const final = host.call('study:get-index', { sessionId: opened.value.sessionId }).then((r) => {
      done = true;
      return r as { value: { stats: { found: number }; problems: unknown[] } };
    });
    const latencies: number[] = [];
    while (!done) {
      const t = performance.now();
      await host.call('app:info', {});
      const ms = performance.now() - t;
      latencies.push(ms);
      await sleep(Math.max(0, POLL_MS - ms));
    }
    const index = (await final).value;
    const indexMs = performance.now() - started;
    const sorted = [...latencies].sort((a, b) => a - b);
    return { mode, samples: sorted.length, medianMs: quantile(sorted, 0.5), p95Ms: quantile(sorted, 0.95), maxMs: sorted.at(-1) ?? NaN, indexMs, found: index.stats.found, problems: index.problems.length };
  } finally {
    host.child.kill();
  }
}

const folder = hostileFolder();
try {
  const rows: Measured[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const mode of ['in-process', 'worker'] as const) rows.push(await measure(mode, folder));
  }
  const f = (n: number): string => n.toFixed(1).padStart(7);
  console.log('app:info latency while a hostile folder is indexed (polled every 20 ms), ms');
  console.log('mode        samples  median     p95     max   index-ms  found problems');
  for (const r of rows) console.log(`${r.mode.padEnd(11)} ${String(r.samples).padStart(7)} ${f(r.medianMs)} ${f(r.p95Ms)} ${f(r.maxMs)} ${f(r.indexMs).padStart(10)} ${String(r.found).padStart(6)} ${String(r.problems).padStart(8)}`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
