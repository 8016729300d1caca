// The per-installation secret behind the de-identified pseudonyms (shared/report/deidentify.ts studySalt): 32 random
// bytes, created once in the app data folder as a 0600 file, never written into an output. The same study exported
// twice on this installation gets the same pseudonym; another installation (another secret) gets another one.
// SPINE_MET_INSTALLATION_SECRET_FILE names another file to read it from (the CLI on a server, or a shared secret for
// several installations that must agree); that file is only read, never created.
import { randomBytes } from 'node:crypto';
import { chmod, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureAppDir, PRIVATE_FILE_MODE, writePrivateFile } from './private-files';

export const INSTALLATION_SECRET_ENV = 'SPINE_MET_INSTALLATION_SECRET_FILE';
export const installationSecretFile = (dataDir: string): string => join(dataDir, 'installation-secret');
/** Shorter secrets are refused: a guessable key would let a pseudonym be traced back by hashing candidate IDs. */
const MIN_LENGTH = 32;

export class InstallationSecretError extends Error {
  override name = 'InstallationSecretError';
}

async function readSecret(path: string): Promise<string> {
  const secret = (await readFile(path, 'utf8')).trim();
  if (secret.length < MIN_LENGTH) throw new InstallationSecretError(`the installation secret in ${path} is too short (at least ${MIN_LENGTH} characters)`);
  return secret;
}

/** The installation's secret: from the env-named file, else the app data folder's (created there on first use). */
export async function loadInstallationSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const named = env[INSTALLATION_SECRET_ENV];
  if (named !== undefined && named !== '') return readSecret(named);
  const path = installationSecretFile(dataDir);
  try {
    const secret = await readSecret(path);
    await chmod(path, PRIVATE_FILE_MODE);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await ensureAppDir(dataDir);
  try {
    await writePrivateFile(path, `${randomBytes(32).toString('hex')}\n`, 'wx');
  } catch (error) {
    // Another process made it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readSecret(path);
}

/** One read per process: the secret does not change while the app runs. */
export function installationSecretOf(dataDir: string, env: NodeJS.ProcessEnv = process.env): () => Promise<string> {
  let pending: Promise<string> | null = null;
  return () => {
    pending ??= loadInstallationSecret(dataDir, env).catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
}
