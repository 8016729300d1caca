// Indexing at scale (issue 14 item 6): 1,000 → 10,000 files, ours vs gdcmscanner at each size, in one run.
//
// The files: ten copies of the bench series (bench/.work/index-scale/, git-ignored), each copy its own series (the
// first digit of the 2.25 Series and SOP Instance UIDs replaced by the copy number), every file cut 32 KiB into
// its pixel data. Both tools read headers only (ours reads the first 16 KiB), so the cut changes nothing they read
// and spares writing 5 GB. Folders n1000 … n10000 hold hard links to the first N files: one flat folder each.
import { spawn } from 'node:child_process';
import { link, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { dicomParser } from '@shared/dicom/decode/dicom-parser';
import { WORK_DIR } from './generate';
import { SCANNER_TAGS } from './index-bench';
import { nodeArgs } from './stats';
import type { Row } from './table';

export const SCALE_SIZES = [1000, 2000, 5000, 10000] as const;
const COPIES = 10;
const KEEP_PIXEL_BYTES = 32 * 1024;
const SCALE_VERSION = 2;

const UID_TAGS = ['x00020003', 'x00080018', 'x0020000e'];

/** One cut copy of a file, its UIDs marked with `copy` (1–9 replace the first two digits after "2.25." by 9c; 0 keeps them). */
function cutCopy(bytes: Uint8Array, copy: number): Uint8Array {
  const ds = dicomParser.parseDicom(bytes.subarray(0, 16384), { untilTag: 'x7fe00010' });
  const pixels = ds.elements.x7fe00010;
  if (pixels === undefined) throw new Error('no pixel data in the first 16 KiB');
  const out = bytes.slice(0, Math.min(bytes.length, pixels.dataOffset + KEEP_PIXEL_BYTES));
  if (copy === 0) return out;
  for (const tag of UID_TAGS) {
    const e = ds.elements[tag];
    if (e === undefined) throw new Error(`no ${tag}`);
    const uid = String.fromCharCode(...out.subarray(e.dataOffset, e.dataOffset + 5));
    if (uid !== '2.25.') throw new Error(`${tag} is not a 2.25 UID`);
    // "2.25.9c…": no 39-digit 2.25 UID (< 2^128 ≈ 3.4e38) starts with 9, so copies never meet an original.
    out[e.dataOffset + 5] = 0x39;
    out[e.dataOffset + 6] = 0x30 + copy;
  }
  return out;
}

/** Makes (once) the copies and the n-folders; returns the n-folders by size. */
export async function ensureScaleFolders(nativeFiles: readonly string[]): Promise<Map<number, string>> {
  const root = join(WORK_DIR, 'index-scale');
  const stampPath = join(root, '.stamp.json');
  const stamp = JSON.stringify({ version: SCALE_VERSION, files: nativeFiles.length, copies: COPIES });
  const folders = new Map(SCALE_SIZES.map((n) => [n, join(root, `n${n}`)]));
  const existing = await readFile(stampPath, 'utf8').catch(() => '');
  if (existing === stamp) return folders;
  await rm(root, { recursive: true, force: true });
  console.log(`index-scale: writing ${COPIES} × ${nativeFiles.length} cut copies into ${root}`);
  const all: string[] = [];
  for (let copy = 0; copy < COPIES; copy++) {
    const dir = join(root, `copy${copy}`);
    await mkdir(dir, { recursive: true });
    for (const file of nativeFiles) {
      const target = join(dir, `c${copy}-${file.slice(file.lastIndexOf('/') + 1)}`);
      await writeFile(target, cutCopy(new Uint8Array(await readFile(file)), copy));
      all.push(target);
    }
  }
  for (const [n, dir] of folders) {
    await mkdir(dir, { recursive: true });
    for (const file of all.slice(0, n)) await link(file, join(dir, file.slice(file.lastIndexOf('/') + 1)));
  }
  await writeFile(stampPath, stamp);
  return folders;
}

interface ChildOut {
  readonly ms: number;
  readonly cpuMs: number;
  readonly found: number;
  readonly series: number;
  /** Heap held by the finished index: used heap after a full GC with the index held, minus before the run. */
  readonly heapBytes: number;
}

export interface ScalePoint {
  readonly files: number;
  /** Warm run (third in a fresh process). */
  readonly ours: ChildOut;
  readonly scannerMs: number;
  readonly scannerCpuMs: number;
}

async function scanner(dir: string): Promise<{ ms: number; cpuMs: number }> {
  const t = performance.now();
  const stderr = await new Promise<string>((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', 'cpu %U %S', 'gdcmscanner', '-d', dir, ...SCANNER_TAGS.flatMap((tag) => ['-t', tag]), '-p'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stdout.resume();
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(err) : reject(new Error(`gdcmscanner exited with ${code}`))));
  });
  const ms = performance.now() - t;
  const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/u.exec(stderr);
  return { ms, cpuMs: cpu === null ? Number.NaN : (Number(cpu[1]) + Number(cpu[2])) * 1000 };
}

/** Each size in a fresh child (--expose-gc: heap measured after a full GC with the index held): two runs, then a timed one; gdcmscanner after it. */
export async function indexScaleBench(folders: Map<number, string>): Promise<ScalePoint[]> {
  const script = join(fileURLToPath(new URL('.', import.meta.url)), 'index-child.ts');
  const points: ScalePoint[] = [];
  for (const [files, dir] of folders) {
    const child = spawn(process.execPath, ['--expose-gc', ...nodeArgs(script, [dir, '--heap'])], { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const outs: ChildOut[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        child.stdin.write('run\n');
        const next = await lines.next();
        if (next.done === true) throw new Error('the index child exited early');
        outs.push(JSON.parse(next.value) as ChildOut);
      }
    } finally {
      child.stdin.end();
    }
    // Time from the third run (two warm the JIT); heap from the first (the child's heap before it is just the loaded modules, while
    // before the second run the first run's index may still be held).
    const ours = { ...(outs[2] as ChildOut), heapBytes: outs[0]?.heapBytes ?? Number.NaN };
    if (ours.found !== files || ours.series !== files / 1000) throw new Error(`index-scale: ${ours.found} objects in ${ours.series} series, expected ${files} in ${files / 1000}`);
    const ref = await scanner(dir);
    points.push({ files, ours, scannerMs: ref.ms, scannerCpuMs: ref.cpuMs });
    console.log(`  ${files} files: ours ${ours.ms.toFixed(0)} ms (CPU ${ours.cpuMs.toFixed(0)}), heap ${(ours.heapBytes / 2 ** 20).toFixed(1)} MiB; gdcmscanner ${ref.ms.toFixed(0)} ms (CPU ${ref.cpuMs.toFixed(0)})`);
  }
  return points;
}

export function indexScaleRows(points: readonly ScalePoint[]): Row[] {
  const rows: Row[] = [];
  for (const p of points) {
    rows.push({ measure: `index ${p.files} files (flat folder, ${p.files / 1000} series), warm`, ours: p.ours.ms, reference: p.scannerMs, unit: 'ms', referenceName: 'gdcmscanner', targeted: true });
    rows.push({ measure: `index ${p.files} files, warm, CPU time`, ours: p.ours.cpuMs, reference: p.scannerCpuMs, unit: 'ms', referenceName: 'gdcmscanner', targeted: false });
  }
  const first = points[0];
  const last = points[points.length - 1];
  if (first !== undefined && last !== undefined && last !== first) {
    // Linear: CPU per file at the largest size no more than 1.25 × at the smallest (CPU: wall time follows the load).
    rows.push({ measure: `index CPU per file at ${last.files} vs 1.25 × at ${first.files} (linear)`, ours: (last.ours.cpuMs / last.files) * 1000, reference: ((first.ours.cpuMs / first.files) * 1000 * 1.25), unit: 'µs', referenceName: `1.25 × ${first.files}`, targeted: true });
    // Flat: heap held per indexed file (the index itself) at the largest size no more than 1.25 × at the smallest.
    rows.push({ measure: `index heap per file at ${last.files} vs 1.25 × at ${first.files} (flat)`, ours: last.ours.heapBytes / last.files / 1024, reference: (first.ours.heapBytes / first.files / 1024) * 1.25, unit: 'KiB', referenceName: `1.25 × ${first.files}`, targeted: true });
  }
  return rows;
}

/** Lists the .dcm files of the native series (for the copies). */
export async function nativeFilesOf(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((n) => n.endsWith('.dcm')).sort().map((n) => join(dir, n));
}
