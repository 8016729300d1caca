// Writes a synthetic sample spine study to a folder: `npx tsx scripts/make-sample.ts <folder> [sample-follow-up]`
// (the baseline study by default; `sample-follow-up` for its follow-up of the same patient).
import { resolve } from 'node:path';
import { SampleNameSchema } from '../shared/ipc/study-schemas';
import { ensureSampleStudy } from '../src-main/services/sample-study';

const target = process.argv[2];
const which = SampleNameSchema.safeParse(process.argv[3] ?? 'sample');
if (target === undefined || target === '--help' || !which.success) {
  console.error('usage: tsx scripts/make-sample.ts <output-folder> [sample|sample-follow-up]');
  process.exit(target === '--help' ? 0 : 2);
}
const started = Date.now();
const result = await ensureSampleStudy(resolve(target), { which: which.data });
console.log(`${result.generated ? 'wrote' : 'up to date:'} ${result.files.length} files in ${result.dir} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
