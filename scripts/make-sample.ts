// Writes the synthetic sample spine study to a folder: `npx tsx scripts/make-sample.ts <folder>`.
import { resolve } from 'node:path';
import { ensureSampleStudy } from '../src-main/services/sample-study';

const target = process.argv[2];
if (target === undefined || target === '--help') {
  console.error('usage: tsx scripts/make-sample.ts <output-folder>');
  process.exit(target === undefined ? 2 : 0);
}
const started = Date.now();
const result = await ensureSampleStudy(resolve(target));
console.log(`${result.generated ? 'wrote' : 'up to date:'} ${result.files.length} files in ${result.dir} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
