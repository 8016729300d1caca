// The draft store's crash-safety claim, tested the hard way: a child process saves increasing revisions in a tight
// loop and is SIGKILLed at random moments, hundreds of times. After every kill the draft must load, be intact, and
// hold at least the last revision the child reported as saved (and at most the one it was writing).
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocument } from '@shared/annotation/defaults';
import { DraftStore } from '../../../src-main/services/draft-store/index';

const LANES = 3; // independent studies killed in parallel, to keep the run short
const KILLS_PER_LANE = 100;
const MIN_DELAY_MS = 5;
const MAX_DELAY_MS = 60;

let work = '';
let writer = '';

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'draft-kill-'));
  writer = join(work, 'draft-writer.mjs');
  // Bundled once to plain JS: starting tsx 300 times would take minutes, node on a bundle starts in tens of ms.
  await build({
    entryPoints: [resolve(__dirname, '../../support/draft-writer.ts')],
    outfile: writer,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    alias: { '@shared': resolve(__dirname, '../../../shared') },
    minify: true, // halves the child's start-up (parse time), which dominates the run
    logLevel: 'error',
  });
});

afterAll(async () => {
  if (work !== '') await rm(work, { recursive: true, force: true });
});

interface KillOutcome {
  readonly readyStatus: string;
  readonly readyRevision: number;
  readonly lastReported: number | null;
  readonly tempFilesLeft: number;
  readonly loadedStatus: string;
  readonly loadedRevision: number | null;
  readonly freeTextMatches: boolean;
}

async function runOnce(dir: string, uid: string): Promise<KillOutcome> {
  const child = spawn(process.execPath, [writer, dir, uid], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await new Promise<void>((ready, fail) => {
    const check = () => (out.includes('\n') ? ready() : undefined);
    child.stdout.on('data', check);
    child.once('exit', () => fail(new Error(`writer exited before ready: ${err}`)));
  });
  await new Promise((r) => setTimeout(r, MIN_DELAY_MS + Math.random() * (MAX_DELAY_MS - MIN_DELAY_MS)));
  child.kill('SIGKILL');
  await exited;

  const lines = out.split('\n').slice(0, -1); // a last line without its newline was cut by the kill: ignore it
  const [, readyStatus = '', readyRevision = 'NaN'] = (lines[0] ?? '').split(' ');
  const saved = lines.filter((l) => l.startsWith('saved ')).map((l) => Number(l.slice(6)));
  const tempFilesLeft = (await readdir(dir)).filter((name) => name.includes('.tmp-')).length;
  const loaded = await new DraftStore(dir).load(uid);
  return {
    readyStatus,
    readyRevision: Number(readyRevision),
    lastReported: saved.at(-1) ?? null,
    tempFilesLeft,
    loadedStatus: loaded.status,
    loadedRevision: loaded.document?.revision ?? null,
    freeTextMatches: loaded.document?.report.freeText === `revision ${loaded.document?.revision ?? ''}`,
  };
}

async function lane(index: number): Promise<KillOutcome[]> {
  const dir = join(work, `lane-${index}`);
  const uid = `1.2.826.0.1.${index}`;
  await mkdir(dir);
  // Seeded, so every kill exercises replacing an existing draft (the first-save path is covered in draft-store.test.ts).
  const seed = createDocument({ studyInstanceUID: uid, readerName: 'Kill Test', now: new Date(0).toISOString(), appVersion: 'test', rulesVersion: 'test' });
  await new DraftStore(dir).save(uid, { ...seed, report: { ...seed.report, freeText: 'revision 0' } });
  const outcomes: KillOutcome[] = [];
  for (let i = 0; i < KILLS_PER_LANE; i += 1) outcomes.push(await runOnce(dir, uid));
  return outcomes;
}

describe('draft store under SIGKILL', () => {
  it(`never loses or corrupts a completed save (${LANES * KILLS_PER_LANE} kills at random moments)`, async () => {
    const outcomes = (await Promise.all(Array.from({ length: LANES }, (_, i) => lane(i)))).flat();
    const problems: string[] = [];
    outcomes.forEach((o, i) => {
      if (o.loadedStatus !== 'ok') problems.push(`kill ${i}: load status ${o.loadedStatus}`);
      if (!o.freeTextMatches) problems.push(`kill ${i}: content of revision ${o.loadedRevision} does not match`);
      // The child's own load, right after the previous kill, must also have found an intact draft.
      if (o.readyStatus !== 'ok') problems.push(`kill ${i}: child loaded ${o.readyStatus}`);
      const floor = o.lastReported ?? o.readyRevision;
      if (o.loadedRevision === null || o.loadedRevision < floor || o.loadedRevision > floor + 1) {
        problems.push(`kill ${i}: loaded revision ${o.loadedRevision}, last reported ${floor}`);
      }
    });
    expect(problems).toEqual([]);

    const saves = outcomes.reduce((sum, o) => sum + ((o.lastReported ?? o.readyRevision) - o.readyRevision), 0);
    const unreported = outcomes.filter((o) => o.loadedRevision === (o.lastReported ?? o.readyRevision) + 1).length;
    const midWrite = outcomes.filter((o) => o.tempFilesLeft > 0).length;
    const noSaveYet = outcomes.filter((o) => o.lastReported === null).length;
    console.log(
      `kill test: ${outcomes.length} kills, ${saves} completed saves, lost 0; ` +
        `${midWrite} kills left temp files (killed inside a save), ${unreported} kills found the save in flight completed, ` +
        `${noSaveYet} kills before the first save of that run; worst case: loaded = last reported + ${unreported > 0 ? 1 : 0}`,
    );
  });
});
