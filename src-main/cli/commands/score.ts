// `score FILE|-`: the scoring contract's JSON in, the scores out (docs/scoring-contract.md).

import { formatProblems } from '@shared/validation/parse';
import { scoreJson } from '@shared/reading/score-json';
import { EXIT, readErrorText } from '../io';
import type { CliIo } from '../io';
import { parseJsonText } from '@shared/validation/json-text';
import { SCORE_USAGE } from './score-usage';

export { SCORE_USAGE };

function fail(io: CliIo, lines: readonly string[]): number {
  for (const line of lines) io.stderr(`${line}\n`);
  return EXIT.invalid;
}

export async function runScore(args: readonly string[], io: CliIo): Promise<number> {
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
    io.stdout(`${SCORE_USAGE}\n`);
    return EXIT.ok;
  }
  const source = args[0];
  if (args.length !== 1 || source === undefined) return fail(io, [SCORE_USAGE]);

  let text: string;
  try {
    text = source === '-' ? await io.readStdin() : await io.readFile(source);
  } catch (error) {
    return fail(io, [`(root): cannot read ${source}: ${readErrorText(error)}`]);
  }

  const json = parseJsonText(text);
  if (!json.ok) return fail(io, formatProblems(json.problems));

  const scored = scoreJson(json.value);
  if (!scored.ok) return fail(io, formatProblems(scored.problems));
  for (const line of formatProblems(scored.notes)) io.stderr(`note: ${line}\n`);
  io.stdout(`${JSON.stringify(scored.output, null, 2)}\n`);
  return EXIT.ok;
}
