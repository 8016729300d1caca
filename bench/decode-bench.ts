// Decoding: ours (read + parse + decodeFrame, one process) vs python3-gdcm (ImageReader.Read + GetBuffer, one
// process) on the same files, per transfer syntax; and time to the first decoded frame from a cold process.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeFrame } from '@shared/dicom/decode/decode-frame';
import { parseDicomBytes } from '@shared/dicom/decode/parse';
import { inflateRawNode, nodeCodecs } from '../src-main/services/codecs-node';
import type { Variant } from './generate';
import { lastJsonLine, mean, median, nodeArgs, runChild } from './stats';
import type { Row } from './table';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const PYTHON = '/usr/bin/python3';

export interface Timings {
  readonly readMs: readonly number[];
  readonly parseMs: readonly number[];
  readonly decodeMs: readonly number[];
}

export interface DecodeResult {
  readonly variant: Variant;
  readonly frames: number;
  readonly ours: Timings;
  readonly gdcm: { readonly readMs: readonly number[]; readonly decodeMs: readonly number[] };
  readonly firstFrame?: { readonly ours: FirstFrame; readonly gdcm: FirstFrame };
}

export interface FirstFrame {
  /** Inside the process: from the first line (before loading decode modules / `import gdcm`) to pixels. */
  readonly inProcessMs: number;
  /** From spawn to exit, as a user would wait for a command-line tool (interpreter boot included). */
  readonly wallMs: number;
}

const totals = (t: Timings): number[] => t.readMs.map((r, i) => r + (t.parseMs[i] ?? 0) + (t.decodeMs[i] ?? 0));
const gdcmTotals = (g: DecodeResult['gdcm']): number[] => g.readMs.map((r, i) => r + (g.decodeMs[i] ?? 0));

/** Files spread over the whole series: `warmup` first, then `frames` timed. */
function pick(files: readonly string[], count: number): string[] {
  const step = Math.max(1, Math.floor(files.length / count));
  return Array.from({ length: count }, (_, i) => files[(i * step) % files.length] as string);
}

async function decodeOurs(file: string): Promise<{ read: number; parse: number; decode: number; pixels: ArrayLike<number> }> {
  const codecs = await nodeCodecs();
  const t0 = performance.now();
  const bytes = new Uint8Array(await readFile(file));
  const t1 = performance.now();
  const parsed = await parseDicomBytes(bytes, { inflateRaw: inflateRawNode });
  const t2 = performance.now();
  const frame = await decodeFrame(parsed, 0, codecs);
  const t3 = performance.now();
  return { read: t1 - t0, parse: t2 - t1, decode: t3 - t2, pixels: frame.pixels };
}

/** A python3-gdcm process kept open: one path in, one timing line out (its own perf_counter, so the pipe is not timed). */
function gdcmServer(): { decode: (file: string) => Promise<{ readMs: number; decodeMs: number }>; close: () => void } {
  const child = spawn(PYTHON, [join(HERE, 'gdcm-decode.py'), 'serve'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines = createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  lines.on('line', (line) => waiting.shift()?.(line));
  const exited = new Promise<never>((_, reject) => child.on('exit', (code) => reject(new Error(`python3-gdcm exited with ${code}: ${err.trim()}`))));
  exited.catch(() => undefined);
  return {
    decode: (file) => {
      const reply = new Promise<string>((resolve) => waiting.push(resolve));
      child.stdin.write(`${file}\n`);
      return Promise.race([reply, exited]).then((line) => JSON.parse(line) as { readMs: number; decodeMs: number });
    },
    close: () => child.stdin.end(),
  };
}

/** Ours and gdcm alternate frame by frame (ours first, then gdcm, on the same file), after `warmup` frames each. */
async function steady(files: readonly string[], warmup: number): Promise<{ ours: Timings; gdcm: DecodeResult['gdcm'] }> {
  const server = gdcmServer();
  try {
    const ours = { readMs: [] as number[], parseMs: [] as number[], decodeMs: [] as number[] };
    const gdcm = { readMs: [] as number[], decodeMs: [] as number[] };
    for (let i = 0; i < files.length; i++) {
      const file = files[i] as string;
      const o = await decodeOurs(file);
      const g = await server.decode(file);
      if (i < warmup) continue;
      ours.readMs.push(o.read);
      ours.parseMs.push(o.parse);
      ours.decodeMs.push(o.decode);
      gdcm.readMs.push(g.readMs);
      gdcm.decodeMs.push(g.decodeMs);
    }
    return { ours, gdcm };
  } finally {
    server.close();
  }
}

async function firstFrame(file: string, runs: number): Promise<{ ours: FirstFrame; gdcm: FirstFrame }> {
  const ours: FirstFrame[] = [];
  const gdcm: FirstFrame[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    const o = lastJsonLine(await runChild(process.execPath, nodeArgs(join(HERE, 'first-frame.ts'), [file]))) as { firstFrameMs: number };
    ours.push({ inProcessMs: o.firstFrameMs, wallMs: performance.now() - t });
    t = performance.now();
    const g = lastJsonLine(await runChild(PYTHON, [join(HERE, 'gdcm-decode.py'), 'first', file])) as { firstFrameMs: number };
    gdcm.push({ inProcessMs: g.firstFrameMs, wallMs: performance.now() - t });
  }
  const mid = (xs: FirstFrame[]): FirstFrame => ({ inProcessMs: median(xs.map((x) => x.inProcessMs)), wallMs: median(xs.map((x) => x.wallMs)) });
  return { ours: mid(ours), gdcm: mid(gdcm) };
}

/** Our decode of every variant's first file must equal the native pixels: a fast wrong decoder is no result. */
async function checkLossless(variants: readonly Variant[]): Promise<void> {
  const native = variants.find((v) => v.key === 'explicit-le');
  const file = native?.files[0];
  if (file === undefined) return;
  const expected = (await decodeOurs(file)).pixels;
  for (const v of variants) {
    const got = (await decodeOurs(v.files[0] as string)).pixels;
    let same = got.length === expected.length;
    for (let i = 0; same && i < got.length; i++) same = got[i] === expected[i];
    if (!same) throw new Error(`${v.label}: our decode differs from the native pixels`);
  }
}

export async function decodeBench(variants: readonly Variant[], frames: number, warmup: number, firstRuns: number): Promise<DecodeResult[]> {
  await checkLossless(variants);
  console.log(`decode: ${frames} frames per syntax, ours and gdcm alternating frame by frame on the same files, after ${warmup} warm-up frames; first frame: median of ${firstRuns} cold processes`);
  const results: DecodeResult[] = [];
  for (const variant of variants) {
    const files = pick(variant.files, warmup + frames);
    const { ours, gdcm } = await steady(files, warmup);
    const ff = firstRuns > 0 ? await firstFrame(variant.files[0] as string, firstRuns) : undefined;
    const r: DecodeResult = { variant, frames, ours, gdcm, ...(ff === undefined ? {} : { firstFrame: ff }) };
    // Medians: the machine is shared, and a median per frame shrugs off another process's burst where a mean does not.
    const o = median(totals(ours));
    const g = median(gdcmTotals(gdcm));
    console.log(
      `  ${variant.label}: ours ${o.toFixed(2)} ms/frame (median; read ${median(ours.readMs).toFixed(2)}, parse ${median(ours.parseMs).toFixed(2)}, decode ${median(ours.decodeMs).toFixed(2)}; mean ${mean(totals(ours)).toFixed(2)})` +
        ` vs gdcm ${g.toFixed(2)} (Read ${median(gdcm.readMs).toFixed(2)}, GetBuffer ${median(gdcm.decodeMs).toFixed(2)}; mean ${mean(gdcmTotals(gdcm)).toFixed(2)})` +
        (ff === undefined ? '' : `; first frame ours ${ff.ours.inProcessMs.toFixed(0)} ms (wall ${ff.ours.wallMs.toFixed(0)}) vs gdcm ${ff.gdcm.inProcessMs.toFixed(0)} ms (wall ${ff.gdcm.wallMs.toFixed(0)})`),
    );
    results.push(r);
  }
  return results;
}

export function decodeRows(results: readonly DecodeResult[]): Row[] {
  const rows: Row[] = [];
  const nativeBytes = results.find((r) => r.variant.gdcmconv === undefined)?.variant.totalBytes;
  for (const r of results) {
    // Compression ratio against the native files: shows the codecs work on realistic, compressible anatomy.
    const ratio = nativeBytes === undefined || r.variant.gdcmconv === undefined ? '' : ` ${(nativeBytes / r.variant.totalBytes).toFixed(2)}:1`;
    rows.push({
      measure: `decode ${r.variant.label}${ratio}, median per frame`,
      ours: median(totals(r.ours)),
      reference: median(gdcmTotals(r.gdcm)),
      unit: 'ms',
      referenceName: 'python3-gdcm',
      targeted: true,
    });
  }
  for (const r of results) {
    if (r.firstFrame === undefined) continue;
    rows.push({ measure: `first frame ${r.variant.label}, cold process`, ours: r.firstFrame.ours.inProcessMs, reference: r.firstFrame.gdcm.inProcessMs, unit: 'ms', referenceName: 'python3-gdcm', targeted: false });
  }
  return rows;
}
