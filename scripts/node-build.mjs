// The Node-side programs as built JavaScript (out/node): the CLI, the browser-mode web host and the indexer's worker
// thread. Built with esbuild (already installed: tsx and vite use it) in well under a second, so `npm ci` (prepare),
// `npm start` and a stale CLI can build them without a transpiler at run time.
//
// Staleness: the build records every source it bundled (size and SHA-256) in out/node/build-stamp.json. A run
// stats those files; one whose size or mtime differs from the stamp is hashed, and a changed hash means the build is
// stale. So an edit is never silently ignored, and a checkout that only touched mtimes costs a hash, not a rebuild.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const outDir = join(projectDir, 'out', 'node');
const STAMP = 'build-stamp.json';

/** Entry points and their output names (the worker keeps the name worker-indexer.ts looks for beside its bundle). */
const ENTRIES = {
  cli: 'src-main/cli/main.ts',
  serve: 'src-main/web-host/serve.ts',
  'index-worker': 'src-main/services/study-index/index-worker.ts',
  // Renders the sample study into the build's cache (out/sample-study), which hosts copy instead of generating.
  'make-sample': 'scripts/make-sample.ts',
};

/** Files that shape the output without being bundled: this script and the package manifest (externals, version). */
const BUILD_INPUTS = ['scripts/node-build.mjs', 'package.json'];

function sha256(path) {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function describe(root, rel) {
  const info = statSync(join(root, rel));
  return { size: info.size, mtimeMs: info.mtimeMs, sha256: sha256(join(root, rel)) };
}

/** Records the sources a build in `out` was made from (relative to `root`) and what it wrote. The stamp goes last. */
export function writeStamp(out, root, sources, outputs) {
  const inputs = Object.fromEntries([...sources].sort().map((rel) => [rel, describe(root, rel)]));
  writeAtomically(join(out, STAMP), `${JSON.stringify({ builtAt: new Date().toISOString(), outputs: [...outputs].sort(), inputs }, null, 1)}\n`);
  return Object.keys(inputs).length;
}

/**
 * Why the build cannot be used as it is: null when it is current, else a short reason naming the changed sources.
 * Cheap when current: one stat per source (about 200), hashing only those whose size or mtime moved.
 */
export function staleReason(out = outDir, root = projectDir) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(out, STAMP), 'utf8'));
  } catch {
    return 'not built yet';
  }
  for (const output of stamp.outputs ?? []) if (output.endsWith('.js') && !existsSync(join(out, output))) return `${output} is missing`;
  const changed = [];
  for (const [rel, recorded] of Object.entries(stamp.inputs ?? {})) {
    let info;
    try {
      info = statSync(join(root, rel));
    } catch {
      changed.push(`${rel} (removed)`);
      continue;
    }
    if (info.size === recorded.size && info.mtimeMs === recorded.mtimeMs) continue;
    if (info.size !== recorded.size || sha256(join(root, rel)) !== recorded.sha256) changed.push(rel);
  }
  if (changed.length === 0) return null;
  const shown = changed.slice(0, 3).join(', ');
  return `${changed.length} source${changed.length === 1 ? '' : 's'} changed since it was built: ${shown}${changed.length > 3 ? ', …' : ''}`;
}

/** Writes a file whole or not at all: a CLI starting while another rebuilds never imports half a bundle. */
function writeAtomically(path, contents) {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}`;
  writeFileSync(temp, contents);
  renameSync(temp, path);
}

/** Chunks of earlier builds, once no CLI started before the rebuild can still be loading them (10 minutes). */
function removeOldChunks(out, current) {
  const dir = join(out, 'chunks');
  if (!existsSync(dir)) return;
  const before = Date.now() - 10 * 60_000;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (!current.has(relative(out, path)) && statSync(path).mtimeMs < before) rmSync(path, { force: true });
  }
}

/**
 * Builds out/node (or `out`, which must lie inside the project so the external packages resolve) and its stamp.
 * Throws with esbuild's messages on a build error.
 */
export async function buildNode(out = outDir) {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: ENTRIES,
    outdir: out,
    absWorkingDir: projectDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Pure-JS packages are bundled (one file loads faster than zod's hundreds). These stay in node_modules: the
    // codecs read their WebAssembly from beside themselves, and playwright-core loads only when a PDF is printed.
    external: ['playwright-core', '@cornerstonejs/*', 'electron'],
    alias: { '@shared': join(projectDir, 'shared') },
    define: { __DEV_SERVER_BUILD__: 'false' },
    // The bundled CommonJS packages (dicom-parser) require Node built-ins, which an ES module has no require for.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    // Shared code in chunks, and each CLI command's code in its own (commands.ts imports it when it runs). Chunk
    // names carry a content hash, so a CLI started during a rebuild still finds the chunks its cli.js names.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    minify: true,
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
  const sources = Object.keys(result.metafile.inputs).filter((rel) => !rel.startsWith('node_modules/'));
  const outputs = result.outputFiles.map((file) => relative(out, file.path));
  const inputs = writeStamp(out, projectDir, [...sources, ...BUILD_INPUTS], outputs);
  removeOldChunks(out, new Set(outputs));
  return { outputs, inputs };
}

/**
 * Makes sure out/node is current before a program runs from it: rebuilds a stale build (saying why on stderr), and
 * when it cannot be rebuilt (no esbuild, a build error) says so and exits: a stale build is never run silently.
 */
export async function ensureNodeBuild(program) {
  const reason = staleReason();
  if (reason === null) return;
  if (reason !== 'not built yet') process.stderr.write(`${program}: rebuilding (${reason})\n`);
  try {
    await buildNode();
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n').slice(0, 6).join('\n') : String(error);
    process.stderr.write(`${program}: the build in out/node is out of date (${reason}) and could not be rebuilt:\n${detail}\nRun: npm run build:node\n`);
    process.exit(1);
  }
}

// `node scripts/node-build.mjs`: build now (npm's prepare and `npm run build:node`).
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  try {
    const { outputs, inputs } = await buildNode();
    const entries = outputs.filter((o) => o.endsWith('.js') && !o.startsWith('chunks'));
    console.log(`out/node: ${entries.join(', ')} and ${outputs.length - entries.length} chunk files, from ${inputs} sources, in ${Math.round(performance.now() - started)} ms`);
  } catch (error) {
    // `npm ci --omit=dev` has no esbuild: an install must not fail for it. The programs then say, when run, that
    // their build is missing and cannot be made here.
    if (process.env.npm_lifecycle_event === 'prepare' && error instanceof Error && 'code' in error && error.code === 'ERR_MODULE_NOT_FOUND') {
      console.warn('out/node was not built: esbuild is not installed (dev dependencies omitted). Install them, then: npm run build:node');
      process.exit(0);
    }
    console.error(`The Node build failed:\n${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
