// `npm start`: build if out/ is missing or older than the sources, then run Electron if its binary is installed,
// else browser mode (the loopback web host). Never a stack trace: every failure ends in a one-line explanation.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';

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
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: projectDir, stdio: ['ignore', 'ignore', 'inherit'] });
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

try {
  if (buildIsStale()) build();
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
