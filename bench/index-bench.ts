// Indexing: our indexSources over the series folder vs gdcmscanner over the same folder, same run.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { median, nodeArgs, runChild } from './stats';
import type { Row } from './table';

/** Tags gdcmscanner is asked for: what our index reads to group and sort (patient/study/series/instance, geometry, pixel module, VOI). */
export const SCANNER_TAGS = [
  '0008,0016', '0008,0018', '0008,0060', '0008,103e', '0010,0010', '0010,0020', '0020,000d', '0020,000e',
  '0020,0011', '0020,0013', '0020,0032', '0020,0037', '0020,0052', '0018,0050', '0028,0010', '0028,0011',
  '0028,0030', '0028,0100', '0028,1050', '0028,1051', '0028,1052', '0028,1053',
] as const;

export interface IndexResult {
  readonly files: number;
  readonly ours: { readonly coldMs: number; readonly warmMs: readonly number[] };
  readonly scanner: { readonly coldMs: number; readonly warmMs: readonly number[] };
}

interface ChildOut {
  readonly ms: number;
  readonly found: number;
  readonly series: number;
}

async function timeScanner(dir: string): Promise<number> {
  const args = ['-d', dir, ...SCANNER_TAGS.flatMap((t) => ['-t', t]), '-p'];
  const t = performance.now();
  // -p prints every value (as asked); stdout is read and dropped so printing costs what it costs on a pipe.
  await runChild('gdcmscanner', args);
  return performance.now() - t;
}

export async function indexBench(dir: string, files: number, runs: number): Promise<IndexResult> {
  const script = join(fileURLToPath(new URL('.', import.meta.url)), 'index-child.ts');
  console.log(`index: ${files} files in ${dir}; ours and gdcmscanner alternate run by run, a cold-ish first run then ${runs} warm runs each`);
  const child = spawn(process.execPath, nodeArgs(script, [dir]), { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const ours: number[] = [];
  const scanner: number[] = [];
  try {
    for (let i = 0; i < runs + 1; i++) {
      child.stdin.write('run\n');
      const next = await lines.next();
      if (next.done === true) throw new Error('the index child exited early');
      const out = JSON.parse(next.value) as ChildOut;
      if (out.found !== files || out.series !== 1) throw new Error(`our index found ${out.found} objects in ${out.series} series, expected ${files} in 1`);
      ours.push(out.ms);
      scanner.push(await timeScanner(dir));
    }
  } finally {
    child.stdin.end();
  }
  const result: IndexResult = {
    files,
    ours: { coldMs: ours[0] ?? Number.NaN, warmMs: ours.slice(1) },
    scanner: { coldMs: scanner[0] ?? Number.NaN, warmMs: scanner.slice(1) },
  };
  console.log(`  ours: cold-ish ${result.ours.coldMs.toFixed(0)} ms, warm ${result.ours.warmMs.map((v) => v.toFixed(0)).join(' ')} ms`);
  console.log(`  gdcmscanner: first ${result.scanner.coldMs.toFixed(0)} ms, then ${result.scanner.warmMs.map((v) => v.toFixed(0)).join(' ')} ms`);
  return result;
}

export function indexRows(r: IndexResult): Row[] {
  return [
    { measure: `index ${r.files} files, cold-ish (first run)`, ours: r.ours.coldMs, reference: r.scanner.coldMs, unit: 'ms', referenceName: 'gdcmscanner', targeted: true },
    { measure: `index ${r.files} files, warm (median)`, ours: median(r.ours.warmMs), reference: median(r.scanner.warmMs), unit: 'ms', referenceName: 'gdcmscanner', targeted: true },
  ];
}
