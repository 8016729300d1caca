// A fresh process that indexes DIR once per line read on stdin and answers each with one JSON line. Its first run
// is "cold-ish" (new process, cold JIT; the OS page cache stays warm: dropping it needs root and would disturb
// other users of the machine), later runs are warm. Driven line by line so runs can alternate with gdcmscanner.
import { createInterface } from 'node:readline';
import { indexSources } from '../src-main/services/study-index/indexer';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: index-child DIR [--heap]');
// --heap (with node --expose-gc): also the heap the first run's finished index holds, after a full GC. Only the
// first: forced full GCs flush compiled code, which would make every later run cold again.
let gc = process.argv[3] === '--heap' ? (globalThis as { gc?: () => void }).gc : undefined;
const heapNow = (): number => {
  gc?.();
  return process.memoryUsage().heapUsed;
};
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue;
  const before = gc === undefined ? 0 : heapNow();
  const t = performance.now();
  const cpu = process.cpuUsage();
  const index = await indexSources([dir], { progressIntervalMs: 1_000_000 });
  const ms = performance.now() - t;
  // CPU time of every thread of the process (user + system): unlike wall time it does not grow while other
  // processes hold the cores, so it is the steadier figure on a shared machine.
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const series = index.patients.flatMap((p) => p.studies.flatMap((s) => s.series)).length;
  const heapBytes = gc === undefined ? undefined : heapNow() - before;
  gc = undefined;
  console.log(JSON.stringify({ ms, cpuMs, found: index.stats.found, series, heapBytes }));
}
