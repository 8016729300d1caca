// `npm run fuzz -- --count N --seed S [--timeout-ms T] [--max-rss-mb M]`: a long fuzz campaign; prints its counts
// and every finding (seed, index, recipe), and exits 1 on any uncaught exception, hang or memory overrun.

import { runCampaign } from './campaign';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} needs a whole number, got "${process.argv[at + 1] ?? ''}"`);
  return value;
}

const seed = option('seed', 1);
const count = option('count', 1000);
const started = Date.now();
let done = 0;
const result = await runCampaign({
  seed,
  count,
  timeoutMs: option('timeout-ms', 30_000),
  maxRssMb: option('max-rss-mb', 1536),
  onResult: (r) => {
    done++;
    if (r.outcome !== 'decoded' && r.outcome !== 'clean-error') console.log(`FINDING seed ${seed} index ${r.index} ${r.outcome}: ${r.recipe}\n  ${r.detail.split('\n').slice(0, 4).join('\n  ')}`);
    if (done % 500 === 0) console.log(`… ${done}/${count} (${Math.round((Date.now() - started) / 1000)} s)`);
  },
});
console.log(
  JSON.stringify({ seed, count, ...result.counts, peakWorkerRssMb: result.maxRssMb, slowestMutantMs: result.slowestMs, elapsedS: Math.round((Date.now() - started) / 1000) }),
);
process.exitCode = result.findings.length > 0 ? 1 : 0;
