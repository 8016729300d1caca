// `npm run bench`: generates (once) the CT series and its compressed variants, then measures indexing and
// decoding against GDCM in one run and prints one table. Options: --slices N (1000) --size S (512)
// --only index|decode|viewer|cli|report|levels --frames N (100) --runs N (5) --keep.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { cliBench, cliRows } from './cli-bench';
import { decodeBench, decodeRows } from './decode-bench';
import { HTJ2K_NOTE, WORK_DIR, ensureSeries } from './generate';
import { indexBench, indexRows } from './index-bench';
import { formatTable, markdownTable, type Row } from './table';

interface Options {
  slices: number;
  size: number;
  only: Part | undefined;
  frames: number;
  runs: number;
  keep: boolean;
  /** Also the scale parts (issue 14 item 6), which write their own data. */
  scale: boolean;
}

const PARTS = ['index', 'decode', 'viewer', 'cli', 'report', 'levels', 'index-scale', 'j2k-stack', 'reformat'] as const;
type Part = (typeof PARTS)[number];
/** Parts that run only when asked for by --only or --scale (each generates data or runs long). */
const SCALE_PARTS: readonly Part[] = ['index-scale', 'reformat'];

const DEFAULTS = { slices: 1000, size: 512 } as const;

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { slices: DEFAULTS.slices, size: DEFAULTS.size, only: undefined, frames: 100, runs: 5, keep: false, scale: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    const count = (): number => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new Error(`${arg} needs a positive integer`);
      return n;
    };
    if (arg === '--slices') options.slices = count();
    else if (arg === '--size') options.size = count();
    else if (arg === '--frames') options.frames = count();
    else if (arg === '--runs') options.runs = count();
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--only') {
      const v = value();
      const part = PARTS.find((p) => p === v);
      if (part === undefined) throw new Error(`--only takes ${PARTS.join(', ')}`);
      options.only = part;
    } else if (arg === '--scale') options.scale = true;
    else throw new Error(`unknown option ${arg}`);
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const spec = { slices: options.slices, size: options.size };
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`bench: ${spec.slices} slices of ${spec.size}×${spec.size}; ${cpus().length} cores (${cpu}); Node ${process.version}; ${new Date().toISOString()}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const rows: Row[] = [];
  const notes: string[] = [];
  const wants = (part: Part): boolean =>
    options.only === part || (options.only === undefined && (!SCALE_PARTS.includes(part) || options.scale));

  // The CLI first: it needs no series, and its start-up is measured before the series' generation loads the machine.
  if (wants('cli')) rows.push(...cliRows(cliBench(3)));
  if (wants('report')) {
    // Imported only when used: it loads the sample document's builder.
    const { reportBench, reportRows } = await import('./report-bench');
    rows.push(...reportRows(reportBench(3)));
  }
  if (options.only === 'cli' || options.only === 'report') return finish(rows, notes);
  if (wants('levels')) {
    // Reads the sample study and the shared real CT only (no generated series); imported only when used.
    const { levelsBench, levelsMarkdown, levelsRows } = await import('./levels-bench');
    const results = await levelsBench();
    rows.push(...levelsRows(results));
    notes.push(...levelsMarkdown(results));
  }
  if (options.only === 'levels') return finish(rows, notes);

  // Only decoding (and the J2K stack) reads the compressed variants.
  const series = await ensureSeries(spec, 2, options.only !== undefined && options.only !== 'decode' && options.only !== 'j2k-stack');
  const native = series.variants.find((v) => v.gdcmconv === undefined);
  if (native !== undefined) {
    if (wants('index')) rows.push(...indexRows(await indexBench(native.dir, native.files.length, options.runs)));
    if (wants('decode')) {
      const frames = Math.min(options.frames, spec.slices);
      rows.push(...decodeRows(await decodeBench(series.variants, frames, Math.min(10, frames), 3)));
      notes.push(HTJ2K_NOTE);
    }
  }
  if (wants('j2k-stack')) {
    const { stackDecodeBench, stackDecodeRows, subResolutionBench, subResolutionRows } = await import('./j2k-stack');
    const j2k = series.variants.find((v) => v.key === 'j2k');
    if (j2k !== undefined) {
      rows.push(...stackDecodeRows([await stackDecodeBench(j2k.label, j2k.files, options.only === 'j2k-stack' ? 3 : 1)]));
      const middle = j2k.files[Math.floor(j2k.files.length / 2)];
      if (middle !== undefined) rows.push(...subResolutionRows(await subResolutionBench(middle)));
    }
  }
  if (native !== undefined && wants('index-scale')) {
    const { ensureScaleFolders, indexScaleBench, indexScaleRows } = await import('./index-scale');
    console.log('index-scale: each size in a fresh process, two warm-up runs then a timed run; gdcmscanner after it');
    rows.push(...indexScaleRows(await indexScaleBench(await ensureScaleFolders(native.files))));
  }
  if (native !== undefined && wants('reformat')) {
    const { reformatBench, reformatRows } = await import('./reformat-bench');
    rows.push(...reformatRows(await reformatBench(native.dir)));
  }
  if (wants('viewer')) {
    // Imported only when used: it loads playwright-core and the web host.
    const { viewerBench, viewerRows } = await import('./viewer');
    rows.push(...viewerRows(await viewerBench(series)));
  }

  await finish(rows, notes);

  // The default series is the one-time generation worth keeping; other sizes are smoke runs, removed unless --keep.
  const isDefault = spec.slices === DEFAULTS.slices && spec.size === DEFAULTS.size;
  if (!isDefault && !options.keep) await rm(series.root, { recursive: true, force: true });
}

async function finish(rows: readonly Row[], notes: readonly string[]): Promise<void> {
  console.log('');
  for (const line of formatTable(rows)) console.log(line);
  for (const note of notes) console.log(`note: ${note}`);
  await mkdir(WORK_DIR, { recursive: true });
  await writeFile(join(WORK_DIR, 'last-run.md'), [...markdownTable(rows), '', ...notes.map((n) => `- ${n}`), ''].join('\n'));
}

await main();
