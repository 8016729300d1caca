// `npm run electron:install`: fetches Electron's binary with the package's own installer, bounded by a timeout,
// and explains the way out when the machine is offline (instead of @electron/get's stack trace).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const installer = join(projectDir, 'node_modules', 'electron', 'install.js');
const timeoutMs = Number(process.env.ELECTRON_INSTALL_TIMEOUT_MS ?? 180_000);

function fail(cause) {
  console.error(
    `Could not install Electron's binary (${cause}). It is downloaded from GitHub releases, which this machine may ` +
      'not reach. Options: set ELECTRON_MIRROR to a reachable mirror (e.g. an internal one) and run this again; or ' +
      'copy an Electron build of the same version into node_modules/electron/dist and write its executable name ' +
      '(e.g. "electron") to node_modules/electron/path.txt; or set ELECTRON_OVERRIDE_DIST_PATH to a directory ' +
      'holding one. Meanwhile `npm start` runs the app in browser mode.',
  );
  process.exit(1);
}

if (!existsSync(installer)) fail('node_modules/electron is missing: run npm ci first');
if (findElectronBinary(projectDir) !== undefined) {
  console.log('Electron is already installed.');
  process.exit(0);
}

console.log(`Downloading Electron's binary (timeout ${Math.round(timeoutMs / 1000)} s)…`);
const child = spawn(process.execPath, [installer], { cwd: projectDir, stdio: ['ignore', 'inherit', 'pipe'] });
let stderr = '';
child.stderr.on('data', (chunk) => {
  stderr += chunk;
});
const timer = setTimeout(() => {
  child.kill('SIGKILL');
  fail(`no answer within ${Math.round(timeoutMs / 1000)} s`);
}, timeoutMs);
child.on('exit', (code) => {
  clearTimeout(timer);
  if (code === 0 && findElectronBinary(projectDir) !== undefined) {
    console.log('Electron installed. Run: npm start');
    process.exit(0);
  }
  // The installer prints a stack; its first line is the cause.
  const firstLine = stderr.split('\n').find((line) => line.trim() !== '') ?? `installer exited with code ${code}`;
  fail(firstLine.trim());
});
