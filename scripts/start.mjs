// `npm start`: build if out/ is missing or older than the sources, then run Electron if its binary is installed,
// else browser mode (the loopback web host). Never a stack trace: every failure ends in a one-line explanation.
// The sample study (opened when there is nothing else to show) is rendered once into out/sample-study, alongside
// the app's build, so that the first page shows it within seconds instead of waiting for its generation.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';
import { ensureNodeBuild } from './node-build.mjs';

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const outputs = ['out/main/main.js', 'out/preload/preload.cjs', 'out/renderer/index.html'].map((p) => join(projectDir, p));
const sources = ['src-main', 'src-renderer', 'shared', 'electron.vite.config.ts', 'package.json'].map((p) => join(projectDir, p));

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function buildIsStale() {
  if (!outputs.every((p) => existsSync(p))) return true;
  const oldestOutput = Math.min(...outputs.map((p) => statSync(p).mtimeMs));
  return Math.max(...sources.map(newestMtime)) > oldestOutput;
}

function build() {
  console.log('Building (electron-vite build)…');
  const cli = join(projectDir, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  // No colours: what reaches the terminal is a warning or an error, read as plain text.
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: projectDir, stdio: ['ignore', 'ignore', 'inherit'], env });
  if (result.status !== 0) {
    console.error('The build failed (see above). Fix it, or run `npm run build` to see the full output.');
    process.exit(1);
  }
}

/** Runs a child in the foreground: Ctrl+C and `timeout` reach it, and its exit code becomes ours. */
function runForeground(command, args) {
  const child = spawn(command, args, { cwd: projectDir, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error(`Could not start ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

// `npm start -- PATH…`: paths to open instead of the sample study, passed through to Electron or the web host.
const openPaths = process.argv.slice(2).filter((arg) => arg !== '--browser');

function startBrowserMode() {
  runForeground(process.execPath, [join(projectDir, 'scripts', 'browser.mjs'), ...openPaths]);
}

/**
 * Renders the sample study into out/sample-study unless it is there at the current generator version (then it
 * costs a stamp check). Runs while the app is built: the two share the machine's cores.
 */
function prepareSampleCache() {
  if (!existsSync(join(projectDir, 'out', 'sample-study', 'sample-study.json'))) console.log('Rendering the sample study (once)…');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(projectDir, 'out', 'node', 'make-sample.js'), join(projectDir, 'out', 'sample-study')], { cwd: projectDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('error', () => resolve());
    // A failure here costs only speed: the host then generates the sample itself, showing its progress.
    child.on('exit', (code) => {
      if (code !== 0) console.error(`The sample study could not be prepared ahead (the app will generate it when opened): ${out.trim().split('\n')[0] ?? ''}`);
      else if (out.startsWith('wrote')) console.log(`Sample study prepared: ${out.trim()}`);
      resolve();
    });
  });
}

try {
  await ensureNodeBuild('npm start');
  const sampleReady = prepareSampleCache();
  if (buildIsStale()) build();
  // Paths to open: the sample is not what the page shows first, so it finishes in the background.
  if (openPaths.length === 0) await sampleReady;
  const forceBrowser = process.argv.includes('--browser');
  const electron = forceBrowser ? undefined : findElectronBinary(projectDir);
  if (electron !== undefined) {
    runForeground(electron, [projectDir, ...openPaths]);
  } else {
    if (!forceBrowser) {
      console.log(
        "Electron's binary is not installed (it is downloaded from GitHub on first use, which this machine cannot reach). " +
          'To fetch it: npm run electron:install. Starting browser mode instead…',
      );
    }
    startBrowserMode();
  }
} catch (error) {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
