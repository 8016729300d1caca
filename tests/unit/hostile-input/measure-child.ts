// Run in a child process by deflate-bombs.test.ts: one refusal, timed, with this process's peak memory.
// usage: tsx measure-child.ts index|decode FILE  → one JSON line {ms, maxRssMb, outcome}

import { decodeFileFrame } from '../../../src-main/services/decode-file';
import { indexSources } from '../../../src-main/services/study-index/indexer';

const [mode, file] = process.argv.slice(2);
const started = performance.now();
let outcome: string;
try {
  if (mode === 'index') {
    const index = await indexSources([file ?? '']);
    outcome = index.problems.map((p) => `${p.code}: ${p.reason}`).join('\n') || `indexed ${index.stats.found}`;
  } else {
    const frame = await decodeFileFrame(file ?? '');
    outcome = `decoded ${frame.columns}×${frame.rows}`;
  }
} catch (error) {
  outcome = error instanceof Error ? `${(error as { code?: string }).code ?? error.name}: ${error.message}` : String(error);
}
const ms = Math.round(performance.now() - started);
console.log(JSON.stringify({ ms, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), outcome }));
