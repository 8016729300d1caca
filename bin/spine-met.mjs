#!/usr/bin/env node
// `spine-met …` (package.json bin; also `npm run -s cli -- …`): the CLI as built JavaScript (out/node/cli.js). A
// build older than its sources is rebuilt first, saying so on stderr; one that cannot be rebuilt is reported, not run.
import { ensureNodeBuild } from '../scripts/node-build.mjs';

await ensureNodeBuild('spine-met');
await import('../out/node/cli.js');
