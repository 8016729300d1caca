// The CLI as built JavaScript (scripts/node-build.mjs → out/node/cli.js, run by bin/spine-met.mjs): it answers as
// the in-process CLI does, and a build older than its sources is noticed, never run silently.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScore } from '../../../src-main/cli/commands/score';
import { usage } from '../../../src-main/cli/dispatch';
import type { CliIo } from '../../../src-main/cli/io';
import { buildNode, staleReason, writeStamp } from '../../../scripts/node-build.mjs';

const REPO = resolve(__dirname, '../../..');
const VECTORS = resolve(REPO, '../shared/vectors/scoring-cases.json');

interface VectorCase { readonly name: string; readonly input: unknown }
const CASES = (JSON.parse(readFileSync(VECTORS, 'utf8')) as { cases: VectorCase[] }).cases;

async function inProcessScore(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { readFile: async (p) => readFileSync(p, 'utf8'), readStdin: async () => '', stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
  const code = await runScore([file], io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('the built CLI (a fresh build in its own folder inside out/, so the external packages resolve)', () => {
  const out = join(REPO, 'out', `node-test-${process.pid}`);
  const work = mkdtempSync(join(tmpdir(), 'built-cli-'));
  beforeAll(async () => {
    await buildNode(out);
  });
  afterAll(() => {
    rmSync(out, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  const run = (args: string[]) => spawnSync(process.execPath, [join(out, 'cli.js'), ...args], { cwd: REPO, encoding: 'utf8' });

  it('--help prints the same usage as the in-process dispatcher, exit 0', () => {
    const result = run(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${usage()}\n`);
    expect(result.stderr).toBe('');
  });

  // The first, a middle and the last vector: whatever the case, the built score is byte for byte the in-process one.
  it.each([0, Math.floor(CASES.length / 2), CASES.length - 1].map((i) => [CASES[i]!.name, i] as const))('score of vector "%s" equals runScore in process', async (_name, i) => {
    const file = join(work, `case-${i}.json`);
    writeFileSync(file, JSON.stringify(CASES[i]!.input));
    const expected = await inProcessScore(file);
    const result = run(['score', file]);
    expect(result.status).toBe(expected.code);
    expect(result.stdout).toBe(expected.stdout);
    expect(result.stderr).toBe(expected.stderr);
    expect(expected.stdout.length).toBeGreaterThan(0);
  });

  it('the stamp lists the CLI sources it was built from, and is current right after the build', () => {
    const stamp = JSON.parse(readFileSync(join(out, 'build-stamp.json'), 'utf8')) as { inputs: Record<string, unknown>; outputs: string[] };
    expect(Object.keys(stamp.inputs)).toEqual(expect.arrayContaining(['src-main/cli/main.ts', 'src-main/cli/commands/score.ts', 'scripts/node-build.mjs']));
    expect(stamp.outputs).toEqual(expect.arrayContaining(['cli.js', 'serve.js', 'index-worker.js']));
    expect(staleReason(out)).toBeNull();
  });
});

describe('bin/spine-met.mjs (package.json bin, `npm run -s cli`)', () => {
  it('runs the built CLI, building or rebuilding out/node first when it is missing or stale', () => {
    const result = spawnSync(process.execPath, [join(REPO, 'bin', 'spine-met.mjs'), '--help'], { cwd: REPO, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${usage()}\n`);
    expect(staleReason()).toBeNull();
  });
});

describe('staleReason (a stamp over a small project of its own)', () => {
  const root = mkdtempSync(join(tmpdir(), 'stale-'));
  const out = join(root, 'out');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function fresh(): void {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(join(root, 'src'), { recursive: true });
    mkdirSync(out, { recursive: true });
    writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 1;\n');
    writeFileSync(join(root, 'src', 'b.ts'), 'export const b = 2;\n');
    writeFileSync(join(out, 'cli.js'), '// built\n');
    writeStamp(out, root, ['src/a.ts', 'src/b.ts'], ['cli.js']);
  }
  const later = new Date(Date.now() + 60_000);

  it.each<[string, () => void, RegExp | null]>([
    ['nothing changed', () => {}, null],
    ['a source touched, same bytes (a checkout)', () => utimesSync(join(root, 'src', 'a.ts'), later, later), null],
    ['a source edited, same size', () => writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 9;\n'), /^1 source changed since it was built: src\/a\.ts$/],
    ['a source grown', () => writeFileSync(join(root, 'src', 'b.ts'), 'export const b = 22;\n'), /src\/b\.ts/],
    ['a source removed', () => rmSync(join(root, 'src', 'b.ts')), /src\/b\.ts \(removed\)/],
    ['an output removed', () => rmSync(join(out, 'cli.js')), /^cli\.js is missing$/],
    ['never built', () => rmSync(join(out, 'build-stamp.json')), /^not built yet$/],
  ])('%s', (_name, change, expected) => {
    fresh();
    change();
    const reason = staleReason(out, root);
    if (expected === null) expect(reason).toBeNull();
    else expect(reason).toMatch(expected);
  });
});
