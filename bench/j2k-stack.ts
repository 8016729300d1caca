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

/**
 * The reduced-resolution first pass a J2K series could show first (informational): one 512² frame decoded in full
 * vs at decomposition level 2 (128², OpenJPEG's decodeSubResolution), same process, alternating, median of 7
 * after a warm-up. The viewer does not do this yet; the row says what it would buy.
 */
export async function subResolutionBench(file: string): Promise<{ fullMs: number; subMs: number; level: number }> {
  const { createRequire } = await import('node:module');
  const { readFile } = await import('node:fs/promises');
  const { parseDicomBytes } = await import('@shared/dicom/decode/parse');
  const { readImageInfo } = await import('@shared/dicom/decode/image-info');
  const { encapsulatedFrameBytes } = await import('@shared/dicom/decode/frames');
  const { QUIET } = await import('@shared/dicom/decode/wasm-adapters');
  type Decoder = { getEncodedBuffer(n: number): Uint8Array; decode(): void; decodeSubResolution(level: number, layer: number): void; getDecodedBuffer(): Uint8Array; delete(): void };
  const factory = createRequire(import.meta.url)('@cornerstonejs/codec-openjpeg/decodewasmjs') as (o: object) => Promise<{ J2KDecoder: new () => Decoder }>;
  const codec = await factory({ ...QUIET });
  const parsed = await parseDicomBytes(new Uint8Array(await readFile(file)));
  const encoded = encapsulatedFrameBytes(parsed.dataSet, readImageInfo(parsed.dataSet), 0);
  const level = 2;
  const once = (sub: boolean): number => {
    const t = performance.now();
    const d = new codec.J2KDecoder();
    try {
      d.getEncodedBuffer(encoded.length).set(encoded);
      if (sub) d.decodeSubResolution(level, 0);
      else d.decode();
      d.getDecodedBuffer().slice();
    } finally {
      d.delete();
    }
    return performance.now() - t;
  };
  once(false);
  once(true);
  const full: number[] = [];
  const sub: number[] = [];
  for (let i = 0; i < 7; i++) {
    full.push(once(false));
    sub.push(once(true));
  }
  const r = { fullMs: median(full), subMs: median(sub), level };
  console.log(`  J2K one frame: full ${r.fullMs.toFixed(1)} ms, at level ${level} (1/${2 ** level} per side) ${r.subMs.toFixed(1)} ms`);
  return r;
}

export function subResolutionRows(r: { fullMs: number; subMs: number; level: number }): Row[] {
  return [{ measure: `J2K 512² frame at 1/${2 ** r.level} resolution (first pass) vs full decode`, ours: r.subMs, reference: r.fullMs, unit: 'ms', referenceName: 'full decode', targeted: false }];
}
