// Our own fuzz test (issue 11, item 9): about 1,000 structure-aware mutants of real corpus files through the header
// reader and the decoder, in a worker child process with per-mutant time (a 30 s hang detector) and memory
// limits. Any uncaught exception, engine text in a message, hang or memory overrun fails it. Long campaigns:
// `npm run fuzz -- --count N --seed S`.

import { describe, expect, test } from 'vitest';
import { runCampaign } from '../../fuzz/campaign';

/** Bugs the fuzzer found, kept as the mutant that showed them (seed, index → recipe), fixed since. */
const REGRESSIONS = [
  // decodeFrame threw dicomParser's string "readFixedString: attempt to read past end of buffer": the meta
  // header's Transfer Syntax UID was read outside the parse's try (a meta element running past the end).
  { seed: 1, index: 151, recipe: 'Issue1097_FailToOpenDeflatedFileWithSQ.dcm: truncate(280)' },
  { seed: 1, index: 287, recipe: 'Issue140.dcm: length(x00020010 22 → 0x3fe)' },
  { seed: 1, index: 457, recipe: 'Issue196.dcm: length(x00080016 26 → 0xffff); flip(…)' },
  { seed: 1, index: 954, recipe: 'Lena-1.dcm: truncate(276)' },
];

describe('fuzzing the header reader and the decoder', () => {
  test('1,000 mutants: no uncaught exception, hang or memory overrun', async () => {
    const result = await runCampaign({ seed: 20261202, count: 1000 });
    console.log(`fuzz seed 20261202 × 1000: ${JSON.stringify(result.counts)}, worker peak ${result.maxRssMb} MB, slowest mutant ${result.slowestMs} ms`);
    expect(result.findings).toEqual([]);
    expect(result.counts.decoded + result.counts['clean-error']).toBe(1000);
  });

  test.each(REGRESSIONS)('regression: seed $seed mutant $index ($recipe) ends decoded or with a clean error', async ({ seed, index }) => {
    const result = await runCampaign({ seed, count: 0, indices: [index] });
    expect(result.findings).toEqual([]);
  });
});
