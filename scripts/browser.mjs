// Browser mode from built JavaScript (out/node/serve.js; `npm run browser`, and `npm start` without Electron's
// binary). A build older than its sources is rebuilt first; one that cannot be rebuilt is reported, not run.
import { ensureNodeBuild } from './node-build.mjs';

await ensureNodeBuild('browser mode');
await import('../out/node/serve.js');
