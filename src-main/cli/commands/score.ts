// `score FILE|-`: the scoring contract's JSON in, the scores out (shared/docs/scoring-contract.md).

import { formatProblems } from '@shared/validation/parse';
import { scoreJson } from '@shared/reading/score-json';
import { EXIT, readErrorText } from '../io';
import type { CliIo } from '../io';
import { parseJsonText } from '@shared/validation/json-text';

export const SCORE_USAGE = `usage: score FILE | -

Reads one scoring input (JSON, see shared/docs/scoring-contract.md) or one annotation document (the app's saved
JSON, projected onto the contract) from FILE, or from standard input with "-",
and prints the scores as one JSON object: per lesion SINS (components, total or range, band, surgical
consultation), ESCC grade and category, NOMS inputs and pathway (or alternatives) and flags; per patient the
prognosis scores whose inputs are all present, and flags.
A document is scored as a draft, like the app does: a lesion with no level yet (or levels this spine does not
have) is left out of the output and named on standard error ("note: lesions[0]: lesion les-1: level not
assigned: not scored"); everything else is scored.

exit codes: 0 scored; 2 unreadable file, invalid JSON or invalid input (one "path: message" per line on standard
error, nothing on standard output); 1 unexpected internal error.`;

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
