// Writes a synthetic sample spine study to a folder: `npx tsx scripts/make-sample.ts <folder> [sample-follow-up]`
// (built: `node out/node/make-sample.js <folder>`, which `npm start` runs into out/sample-study). The baseline study
// by default; `sample-follow-up` for its follow-up of the same patient. The baseline's files are rendered by two
// processes, each taking every other file: on a 2-core machine that halves the wait when the machine is free, and
// when it is busy two processes get twice one process's share of it.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SampleNameSchema } from '../shared/ipc/study-schemas';
import { ensureSampleStudy, writeSampleShare } from '../src-main/services/sample-study';

const PROCESSES = 2;

/** `--part K/N FOLDER`: one renderer process's share (no stamp; the parent writes it when all are done). */
if (process.argv[2] === '--part') {
  const [part, parts] = (process.argv[3] ?? '').split('/').map(Number);
  await writeSampleShare(resolve(process.argv[4] ?? ''), part ?? 0, parts ?? 1);
  process.exit(0);
}

function renderPart(dir: string, part: number): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--part', `${part}/${PROCESSES}`, dir], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`sample renderer ${part + 1} of ${PROCESSES} exited with ${code}`))));
  });
}

const target = process.argv[2];
const which = SampleNameSchema.safeParse(process.argv[3] ?? 'sample');
if (target === undefined || target === '--help' || !which.success) {
  console.error('usage: tsx scripts/make-sample.ts <output-folder> [sample|sample-follow-up]');
  process.exit(target === '--help' ? 0 : 2);
}
const started = Date.now();
const render = async (dir: string): Promise<void> => void (await Promise.all(Array.from({ length: PROCESSES }, (_, part) => renderPart(dir, part))));
// The shares split the baseline only; the follow-up (made on demand) is rendered in this process.
const result = await ensureSampleStudy(resolve(target), which.data === 'sample' ? { render } : { which: which.data });
console.log(`${result.generated ? 'wrote' : 'up to date:'} ${result.files.length} files in ${result.dir} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
