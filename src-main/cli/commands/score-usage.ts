// `score`'s usage text, apart from its code: `--help` prints every usage without loading the commands.
export const SCORE_USAGE = `usage: score FILE | -

Reads one scoring input (JSON, see docs/scoring-contract.md) or one annotation document (the app's saved
JSON, projected onto the contract) from FILE, or from standard input with "-",
and prints the scores as one JSON object: per lesion SINS (components, total or range, band, surgical
consultation), ESCC grade and category, NOMS inputs and pathway (or alternatives) and flags; per patient the
prognosis scores whose inputs are all present, and flags.
A document is scored as a draft, like the app does: a lesion with no level yet (or levels this spine does not
have) is left out of the output and named on standard error ("note: lesions[0]: lesion les-1: level not
assigned: not scored"); everything else is scored.

exit codes: 0 scored; 2 unreadable file, invalid JSON or invalid input (one "path: message" per line on standard
error, nothing on standard output); 1 unexpected internal error.`;
