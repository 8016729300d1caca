// Writes the benchmark series once into bench/.work/ (git-ignored): native Explicit VR LE files rendered from the
// phantom, then compressed variants made by gdcmconv. A stamp per variant folder marks it complete; it is reused.
import { fork, spawn } from 'node:child_process';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDicomBytes } from '@shared/dicom/decode/parse';
import { BENCH_SERIES_VERSION, sliceFileName, type SeriesSpec } from './series';

const HERE = dirname(fileURLToPath(import.meta.url));
export const WORK_DIR = join(HERE, '.work');

export interface VariantDef {
  readonly key: string;
  readonly label: string;
  readonly transferSyntaxUid: string;
  /** gdcmconv options producing it from the native files; undefined for the native series itself. */
  readonly gdcmconv?: readonly string[];
}

export const VARIANTS: readonly VariantDef[] = [
  { key: 'explicit-le', label: 'Explicit VR LE', transferSyntaxUid: '1.2.840.10008.1.2.1' },
  { key: 'rle', label: 'RLE Lossless', transferSyntaxUid: '1.2.840.10008.1.2.5', gdcmconv: ['--rle'] },
  // gdcmconv --jpeg without --lossy writes JPEG Lossless, first-order prediction (Process 14 SV1).
  { key: 'jpeg-lossless', label: 'JPEG Lossless SV1', transferSyntaxUid: '1.2.840.10008.1.2.4.70', gdcmconv: ['--jpeg'] },
  { key: 'jpeg-ls', label: 'JPEG-LS lossless', transferSyntaxUid: '1.2.840.10008.1.2.4.80', gdcmconv: ['--jpegls'] },
  { key: 'j2k', label: 'JPEG 2000 lossless', transferSyntaxUid: '1.2.840.10008.1.2.4.90', gdcmconv: ['--j2k'] },
];

/** Why HTJ2K has no row: the installed gdcmconv (3.0.x) has no HTJ2K encoder, and gdcm 3.0 cannot decode it either. */
export const HTJ2K_NOTE = 'HTJ2K skipped: gdcmconv 3.0 cannot write it (and python3-gdcm 3.0 cannot decode it, so there is no reference)';

export interface Variant extends VariantDef {
  readonly dir: string;
  readonly files: readonly string[];
  readonly totalBytes: number;
}

export interface GeneratedSeries {
  readonly spec: SeriesSpec;
  readonly root: string;
  readonly variants: readonly Variant[];
}

interface Stamp {
  readonly version: number;
  readonly slices: number;
  readonly size: number;
  readonly variant: string;
  readonly files: number;
}

const STAMP = '.stamp.json';

async function stampMatches(dir: string, expected: Stamp): Promise<boolean> {
  try {
    const found = JSON.parse(await readFile(join(dir, STAMP), 'utf8')) as Partial<Stamp>;
    return found.version === expected.version && found.slices === expected.slices && found.size === expected.size && found.variant === expected.variant && found.files === expected.files;
  } catch {
    return false;
  }
}

/** A one-line progress counter: rewritten in place on a terminal, every 10% otherwise. */
export function progress(label: string, total: number): { tick: () => void; end: () => void } {
  let done = 0;
  let lastTenth = -1;
  const started = performance.now();
  const tty = process.stdout.isTTY;
  return {
    tick() {
      done++;
      const tenth = Math.floor((done * 10) / total);
      if (tty) process.stdout.write(`\r  ${label}: ${done}/${total}`);
      else if (tenth !== lastTenth) {
        lastTenth = tenth;
        console.log(`  ${label}: ${done}/${total}`);
      }
    },
    end() {
      const s = ((performance.now() - started) / 1000).toFixed(1);
      if (tty) process.stdout.write(`\r  ${label}: ${done}/${total} in ${s} s\n`);
      else console.log(`  ${label}: done in ${s} s`);
    },
  };
}

async function writeNative(spec: SeriesSpec, dir: string, jobs: number): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const bar = progress(`rendering ${spec.slices} slices of ${spec.size}×${spec.size} (${jobs} processes)`, spec.slices);
  const worker = join(HERE, 'generate-worker.ts');
  await Promise.all(
    Array.from({ length: jobs }, (_, part) => new Promise<void>((resolve, reject) => {
      // fork keeps tsx's loader (execArgv), so the worker is TypeScript too.
      const child = fork(worker, [dir, String(spec.slices), String(spec.size), String(part), String(jobs)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      child.on('message', () => bar.tick());
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`generate worker ${part} exited with ${code}`))));
    })),
  );
  bar.end();
}

function run(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${err.trim()}`))));
  });
}

async function convert(spec: SeriesSpec, variant: VariantDef, nativeDir: string, dir: string, jobs: number): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const names = Array.from({ length: spec.slices }, (_, i) => sliceFileName(spec, i));
  const bar = progress(`gdcmconv ${variant.gdcmconv?.join(' ') ?? ''} → ${variant.key}`, names.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      while (next < names.length) {
        const name = names[next++] as string;
        await run('gdcmconv', [...(variant.gdcmconv ?? []), join(nativeDir, name), join(dir, name)]);
        bar.tick();
      }
    }),
  );
  bar.end();
}

async function checkSyntax(variant: VariantDef, file: string): Promise<void> {
  const parsed = await parseDicomBytes(new Uint8Array(await readFile(file)));
  if (parsed.transferSyntaxUid !== variant.transferSyntaxUid) {
    throw new Error(`${file}: transfer syntax ${parsed.transferSyntaxUid}, expected ${variant.transferSyntaxUid} (${variant.label})`);
  }
}

async function describe(variant: VariantDef, dir: string): Promise<Variant> {
  const files = (await readdir(dir)).filter((n) => n.endsWith('.dcm')).sort().map((n) => join(dir, n));
  let totalBytes = 0;
  for (const f of files) totalBytes += (await stat(f)).size;
  return { ...variant, dir, files, totalBytes };
}

/**
 * Makes (or reuses) the series and its variants; `jobs` processes at a time (the machine is shared: 2 by default).
 * `nativeOnly`: only the Explicit VR LE files (the viewer part reads nothing else, so it need not wait for gdcmconv).
 */
export async function ensureSeries(spec: SeriesSpec, jobs = 2, nativeOnly = false): Promise<GeneratedSeries> {
  const root = join(WORK_DIR, `ct-${spec.size}x${spec.size}-${spec.slices}`);
  const stampOf = (variant: string): Stamp => ({ version: BENCH_SERIES_VERSION, slices: spec.slices, size: spec.size, variant, files: spec.slices });
  const nativeDir = join(root, 'explicit-le');
  let nativeRewritten = false;
  const variants: Variant[] = [];
  for (const variant of VARIANTS) {
    if (nativeOnly && variant.gdcmconv !== undefined) continue;
    const dir = join(root, variant.key);
    // A rewritten native series invalidates every variant made from it.
    if (nativeRewritten || !(await stampMatches(dir, stampOf(variant.key)))) {
      if (variant.gdcmconv === undefined) {
        await writeNative(spec, dir, jobs);
        nativeRewritten = true;
      } else await convert(spec, variant, nativeDir, dir, jobs);
      await checkSyntax(variant, join(dir, sliceFileName(spec, 0)));
      await writeFile(join(dir, STAMP), JSON.stringify(stampOf(variant.key)));
    }
    variants.push(await describe(variant, dir));
  }
  return { spec, root, variants };
}
