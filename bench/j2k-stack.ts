// The whole J2K stack decoded and ready (issue 14 item 5): our decoding on a pool of worker threads, one per core
// (each with its own OpenJPEG wasm instance), vs python3-gdcm decoding the same files in one process. Both timed
// from the start of the process or pool (start-up, codec loading included) to the last frame decoded. The
// stack is every other slice of the series (500), as in the viewer part. Alternating, median of 3.
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { median } from './stats';
import type { Row } from './table';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Ours: `workers` threads, file k to worker k mod workers (neighbouring slices on different cores). */
async function poolDecode(files: readonly string[], workers: number): Promise<number> {
  const t = performance.now();
  await Promise.all(
    Array.from({ length: workers }, (_, w) => new Promise<void>((resolve, reject) => {
      const mine = files.filter((_, k) => k % workers === w);
      const worker = new Worker(join(HERE, 'stack-decode-worker.mjs'), { workerData: mine });
      let done = 0;
      worker.on('message', () => {
        if (++done === mine.length) void worker.terminate().then(() => resolve());
      });
      worker.on('error', reject);
      worker.on('exit', (code) => (done === mine.length ? resolve() : reject(new Error(`decode worker exited with ${code} after ${done} frames`))));
    })),
  );
  return performance.now() - t;
}

/** gdcm: one python3-gdcm process decoding every file (its 'serve' mode, all paths written at once). */
function gdcmDecode(files: readonly string[]): Promise<number> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/python3', [join(HERE, 'gdcm-decode.py'), 'serve'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let lines = 0;
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      for (const c of chunk) if (c === 0x0a) lines++;
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 && lines === files.length ? resolve(performance.now() - t) : reject(new Error(`python3-gdcm: exit ${code}, ${lines} frames: ${err.slice(-300)}`))));
    child.stdin.end(files.map((f) => `${f}\n`).join(''));
  });
}

export interface StackDecodeResult {
  readonly label: string;
  readonly frames: number;
  readonly workers: number;
  readonly oursMs: number;
  readonly gdcmMs: number;
}

export async function stackDecodeBench(label: string, files: readonly string[], runs = 3): Promise<StackDecodeResult> {
  const stack = files.filter((_, k) => k % 2 === 0);
  const workers = cpus().length;
  console.log(`stack decode: ${stack.length} ${label} frames, ours on ${workers} worker threads vs python3-gdcm in one process, alternating, ${runs} runs each`);
  const ours: number[] = [];
  const gdcm: number[] = [];
  for (let i = 0; i < runs; i++) {
    ours.push(await poolDecode(stack, workers));
    gdcm.push(await gdcmDecode(stack));
  }
  console.log(`  ours ${ours.map((v) => v.toFixed(0)).join(' ')} ms; gdcm ${gdcm.map((v) => v.toFixed(0)).join(' ')} ms`);
  return { label, frames: stack.length, workers, oursMs: median(ours), gdcmMs: median(gdcm) };
}

export function stackDecodeRows(results: readonly StackDecodeResult[]): Row[] {
  return results.map((r) => ({
    measure: `${r.label} ${r.frames}-slice stack decoded (${r.workers} workers vs gdcm, one process)`,
    ours: r.oursMs,
    reference: r.gdcmMs,
    unit: 'ms',
    referenceName: 'python3-gdcm',
    targeted: true,
  }));
}
