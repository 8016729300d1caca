// A fresh process indexing one folder `runs` times: the first run is "cold-ish" (new process, cold JIT, cold
// modules; the OS page cache stays warm, dropping it would need root and disturb other users), the rest warm.
import { indexSources } from '../src-main/services/study-index/indexer';

const [dir, runsArg] = process.argv.slice(2);
if (dir === undefined) throw new Error('usage: index-child DIR RUNS');
const runs = Number(runsArg ?? 5);
const runsMs: number[] = [];
let found = 0;
let series = 0;
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  const index = await indexSources([dir], { progressIntervalMs: 1_000_000 });
  runsMs.push(performance.now() - t);
  found = index.stats.found;
  series = index.patients.flatMap((p) => p.studies.flatMap((s) => s.series)).length;
}
console.log(JSON.stringify({ runsMs, found, series }));
