// The CLI's start-up, against `npm --version` in the same run (issue 14: `cli --help` ≤ 1.5×, `cli score FILE` ≤ 2×).
// Each command runs `runs` times, interleaved so that a burst of load hits all of them alike; medians are compared.
// Measured twice: the installed program (`spine-met`, i.e. node bin/spine-met.mjs) and through `npm run -s cli`,
// whose npm start-up alone is shown by a no-op script (npm's floor, not ours).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WORK_DIR } from './generate';
import { median } from './stats';
import type { Row } from './table';

const REPO = resolve(import.meta.dirname, '..');
const VECTORS = resolve(REPO, '../shared/vectors/scoring-cases.json');

export interface CliBenchResult {
  readonly runs: number;
  readonly npmVersionMs: number;
  readonly binHelpMs: number;
  readonly binScoreMs: number;
  readonly npmRunHelpMs: number;
  readonly npmRunScoreMs: number;
  readonly npmRunNoopMs: number;
}

function timed(command: string, args: readonly string[], cwd: string): number {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}: ${result.stderr.trim().slice(0, 500)}`);
  return ms;
}

export function cliBench(runs = 3): CliBenchResult {
  mkdirSync(WORK_DIR, { recursive: true });
  // One case of the shared scoring vectors, as a file (what a user scores).
  const vectors = JSON.parse(readFileSync(VECTORS, 'utf8')) as { cases: { input: unknown }[] };
  const caseFile = join(WORK_DIR, 'cli-score-case.json');
  writeFileSync(caseFile, JSON.stringify(vectors.cases[0]?.input));
  // npm's own cost of `npm run -s`: a package whose script starts Node and does nothing.
  const noopDir = join(WORK_DIR, 'npm-run-noop');
  mkdirSync(noopDir, { recursive: true });
  writeFileSync(join(noopDir, 'package.json'), JSON.stringify({ name: 'noop', version: '1.0.0', private: true, scripts: { noop: 'node -e 0' } }));

  const bin = join(REPO, 'bin', 'spine-met.mjs');
  const commands = {
    npmVersion: ['npm', ['--version'], REPO],
    binHelp: [process.execPath, [bin, '--help'], REPO],
    binScore: [process.execPath, [bin, 'score', caseFile], REPO],
    npmRunHelp: ['npm', ['run', '-s', 'cli', '--', '--help'], REPO],
    npmRunScore: ['npm', ['run', '-s', 'cli', '--', 'score', caseFile], REPO],
    npmRunNoop: ['npm', ['run', '-s', 'noop'], noopDir],
  } as const;
  // Warm-up (not timed): builds out/node if it is missing or stale, and fills the file cache for everyone.
  for (const [command, args, cwd] of Object.values(commands)) timed(command, args, cwd);
  const times: Record<keyof typeof commands, number[]> = { npmVersion: [], binHelp: [], binScore: [], npmRunHelp: [], npmRunScore: [], npmRunNoop: [] };
  for (let i = 0; i < runs; i++) {
    for (const [name, [command, args, cwd]] of Object.entries(commands)) times[name as keyof typeof commands].push(timed(command, args, cwd));
  }
  return {
    runs,
    npmVersionMs: median(times.npmVersion),
    binHelpMs: median(times.binHelp),
    binScoreMs: median(times.binScore),
    npmRunHelpMs: median(times.npmRunHelp),
    npmRunScoreMs: median(times.npmRunScore),
    npmRunNoopMs: median(times.npmRunNoop),
  };
}

/** Targets as a reference of (factor × npm --version): the ours/ref column then reads ≤ 1.00 when met. */
export function cliRows(r: CliBenchResult): Row[] {
  const npm = r.npmVersionMs;
  const times = (ms: number): string => `${(ms / npm).toFixed(2)}× npm --version`;
  const row = (measure: string, ours: number, factor: number): Row => ({
    measure: `${measure}, median of ${r.runs}: ${times(ours)}`, ours, reference: factor * npm, unit: 'ms', referenceName: `${factor} × npm --version`, targeted: true,
  });
  return [
    { measure: `npm --version, median of ${r.runs}`, ours: npm, reference: undefined, unit: 'ms', referenceName: '—', targeted: false },
    row('cli --help (spine-met)', r.binHelpMs, 1.5),
    row('cli score FILE (spine-met)', r.binScoreMs, 2),
    row('npm run -s cli -- --help', r.npmRunHelpMs, 1.5),
    row('npm run -s cli -- score FILE', r.npmRunScoreMs, 2),
    { measure: `npm run -s of a no-op script (npm's floor): ${times(r.npmRunNoopMs)}`, ours: r.npmRunNoopMs, reference: npm, unit: 'ms', referenceName: 'npm --version', targeted: false },
  ];
}
