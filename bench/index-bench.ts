// Indexing: our indexSources over the series folder vs gdcmscanner over the same folder, same run.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { median, nodeArgs } from './stats';
import type { Row } from './table';

/** Tags gdcmscanner is asked for: what our index reads to group and sort (patient/study/series/instance, geometry, pixel module, VOI). */
export const SCANNER_TAGS = [
  '0008,0016', '0008,0018', '0008,0060', '0008,103e', '0010,0010', '0010,0020', '0020,000d', '0020,000e',
  '0020,0011', '0020,0013', '0020,0032', '0020,0037', '0020,0052', '0018,0050', '0028,0010', '0028,0011',
  '0028,0030', '0028,0100', '0028,1050', '0028,1051', '0028,1052', '0028,1053',
] as const;

interface Runs {
  readonly coldMs: number;
  readonly warmMs: readonly number[];
  /** CPU time (user + system) of the same runs: first, then warm. */
  readonly coldCpuMs: number;
  readonly warmCpuMs: readonly number[];
}

export interface IndexResult {
  readonly files: number;
  readonly ours: Runs;
  readonly scanner: Runs;
}

interface ChildOut {
  readonly ms: number;
  readonly cpuMs: number;
  readonly found: number;
  readonly series: number;
}

/** Wall and CPU time of one gdcmscanner run; CPU time (user + system) from GNU time, printed last on stderr. */
async function timeScanner(dir: string): Promise<{ ms: number; cpuMs: number }> {
  const args = ['-f', 'cpu %U %S', 'gdcmscanner', '-d', dir, ...SCANNER_TAGS.flatMap((t) => ['-t', t]), '-p'];
  const t = performance.now();
  // -p prints every value (as asked); stdout is read and dropped so printing costs what it costs on a pipe.
  const stderr = await new Promise<string>((resolve, reject) => {
    const child = spawn('/usr/bin/time', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stdout.resume();
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(err) : reject(new Error(`gdcmscanner exited with ${code}: ${err.trim().slice(0, 500)}`))));
  });
  const ms = performance.now() - t;
  const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/u.exec(stderr);
  if (cpu === null) throw new Error(`no CPU time from /usr/bin/time: ${stderr.slice(-200)}`);
  return { ms, cpuMs: (Number(cpu[1]) + Number(cpu[2])) * 1000 };
}

export async function indexBench(dir: string, files: number, runs: number): Promise<IndexResult> {
  const script = join(fileURLToPath(new URL('.', import.meta.url)), 'index-child.ts');
  console.log(`index: ${files} files in ${dir}; ours and gdcmscanner alternate run by run, a cold-ish first run then ${runs} warm runs each`);
  const child = spawn(process.execPath, nodeArgs(script, [dir]), { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const ours: ChildOut[] = [];
  const scanner: { ms: number; cpuMs: number }[] = [];
  try {
    for (let i = 0; i < runs + 1; i++) {
      child.stdin.write('run\n');
      const next = await lines.next();
      if (next.done === true) throw new Error('the index child exited early');
      const out = JSON.parse(next.value) as ChildOut;
      if (out.found !== files || out.series !== 1) throw new Error(`our index found ${out.found} objects in ${out.series} series, expected ${files} in 1`);
      ours.push(out);
      scanner.push(await timeScanner(dir));
    }
  } finally {
    child.stdin.end();
  }
  const runsOf = (list: readonly { ms: number; cpuMs: number }[]): Runs => ({
    coldMs: list[0]?.ms ?? Number.NaN,
    warmMs: list.slice(1).map((r) => r.ms),
    coldCpuMs: list[0]?.cpuMs ?? Number.NaN,
    warmCpuMs: list.slice(1).map((r) => r.cpuMs),
  });
  const result: IndexResult = { files, ours: runsOf(ours), scanner: runsOf(scanner) };
  const show = (r: Runs): string =>
    `first ${r.coldMs.toFixed(0)} ms (CPU ${r.coldCpuMs.toFixed(0)}), warm ${r.warmMs.map((v) => v.toFixed(0)).join(' ')} ms (CPU ${r.warmCpuMs.map((v) => v.toFixed(0)).join(' ')})`;
  console.log(`  ours: ${show(result.ours)}`);
  console.log(`  gdcmscanner: ${show(result.scanner)}`);
  return result;
}

export function indexRows(r: IndexResult): Row[] {
  return [
    { measure: `index ${r.files} files, cold-ish (first run)`, ours: r.ours.coldMs, reference: r.scanner.coldMs, unit: 'ms', referenceName: 'gdcmscanner', targeted: true },
    { measure: `index ${r.files} files, warm (median)`, ours: median(r.ours.warmMs), reference: median(r.scanner.warmMs), unit: 'ms', referenceName: 'gdcmscanner', targeted: true },
    // Informational: CPU time does not grow with other processes' load, so on a busy machine it shows what the
    // wall-time rows cannot (ours in-process, gdcmscanner's including its process start, as above).
    { measure: `index ${r.files} files, cold-ish, CPU time`, ours: r.ours.coldCpuMs, reference: r.scanner.coldCpuMs, unit: 'ms', referenceName: 'gdcmscanner', targeted: false },
    { measure: `index ${r.files} files, warm, CPU time (median)`, ours: median(r.ours.warmCpuMs), reference: median(r.scanner.warmCpuMs), unit: 'ms', referenceName: 'gdcmscanner', targeted: false },
  ];
}
