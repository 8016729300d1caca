// Patient data at rest is private: every file the app writes is 0600 and every folder it creates 0700, whatever
// the umask. Other local users can read none of the drafts, the recent list, the cache or an export.
import { chmod, mkdir, writeFile } from 'node:fs/promises';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Creates `dir` (and missing parents) as 0700; a folder that already exists is left as the user made it. */
export async function makePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * The app's own data folder (drafts, recent list, sample study): created 0700, and tightened to 0700 if an older
 * version left it open. Never used on a folder the reader chose.
 */
export async function ensureAppDir(dir: string): Promise<void> {
  await makePrivateDir(dir);
  await chmod(dir, PRIVATE_DIR_MODE);
}

/** writeFile, created 0600 (`flag: 'wx'` to refuse an existing file). */
export async function writePrivateFile(path: string, data: string | Uint8Array, flag: 'w' | 'wx' = 'w'): Promise<void> {
  await writeFile(path, data, { mode: PRIVATE_FILE_MODE, flag });
  // The mode above applies only when the file is created; an existing file (flag 'w') is tightened too.
  if (flag === 'w') await chmod(path, PRIVATE_FILE_MODE);
}
