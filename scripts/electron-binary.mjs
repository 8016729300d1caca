// Locates Electron's binary WITHOUT require('electron'): since electron 42 that require downloads the binary on
// first use (node_modules/electron/index.js → install.js), which hangs or throws on a machine without GitHub access.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Returns the binary's path if it is installed, else undefined. Mirrors node_modules/electron/index.js. */
export function findElectronBinary(projectDir) {
  const packageDir = join(projectDir, 'node_modules', 'electron');
  if (!existsSync(join(packageDir, 'package.json'))) return undefined;
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const overridden = join(override, relative || 'electron');
    return existsSync(overridden) ? overridden : undefined;
  }
  if (!relative) return undefined;
  const full = join(packageDir, 'dist', relative);
  return existsSync(full) ? full : undefined;
}
