// Routes `cli <subcommand> …` to its entry in the table; help and usage errors are handled here once.

import { SUBCOMMANDS } from './commands';
import type { Subcommand } from './commands';
import { EXIT } from './io';
import type { CliIo } from './io';

export function usage(subcommands: readonly Subcommand[] = SUBCOMMANDS): string {
  const width = Math.max(...subcommands.map((c) => c.name.length));
  const lines = subcommands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'usage: npm run -s cli -- <subcommand> [args]    (or: npx spine-met <subcommand> [args])',
    '',
    'subcommands:',
    ...lines,
    '',
    'exit codes: 0 success; 1 unexpected internal error; 2 usage error or invalid input.',
    '',
    ...subcommands.flatMap((c) => [c.usage, '']),
  ].join('\n');
}

export async function dispatch(argv: readonly string[], io: CliIo, subcommands: readonly Subcommand[] = SUBCOMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(`${usage(subcommands)}\n`);
    return EXIT.invalid;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${usage(subcommands)}\n`);
    return EXIT.ok;
  }
  const command = subcommands.find((c) => c.name === name);
  if (command === undefined) {
    io.stderr(`unknown subcommand "${name}"\n\n${usage(subcommands)}\n`);
    return EXIT.invalid;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    // An engine's message and stack are not for the reader; they are printed only when asked for.
    io.stderr('internal error: the app hit a fault of its own (not a problem with your input). Please report it; run again with SPINE_MET_DEBUG=1 to print the technical detail.\n');
    if (io.debug === true) io.stderr(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.internal;
  }
}
