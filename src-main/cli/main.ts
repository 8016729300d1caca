// Headless entry point: `npm run -s cli -- <subcommand> …` (see dispatch.ts for the table of subcommands).

import { dispatch } from './dispatch';
import { processIo } from './io';

process.exitCode = await dispatch(process.argv.slice(2), processIo);
