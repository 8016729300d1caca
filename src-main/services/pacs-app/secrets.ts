// Where a PACS node's password or token is kept (issue 13). In the Electron app: sealed by Electron's safeStorage
// (the system keyring), and only the sealed bytes are written to the node file. In browser mode and the CLI the app
// keeps no secret at all: it comes from the environment (SPINE_MET_PACS_TOKEN, or SPINE_MET_PACS_USER's
// SPINE_MET_PACS_PASSWORD) or from a file that only the user can read (SPINE_MET_PACS_SECRET_FILE, mode 0600),
// and the settings say so. No function here logs, and no message names a secret.

import { readFile, stat } from 'node:fs/promises';
import { PACS_ENV } from '../pacs/node-config';

/** The file holding one password or token (first line), refused unless only its owner can read it. */
export const PACS_SECRET_FILE_ENV = 'SPINE_MET_PACS_SECRET_FILE';

/** The part of Electron's safeStorage we use (injected: this module never imports electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
  /** Linux: 'basic_text' means no keyring, i.e. no real protection. */
  getSelectedStorageBackend?(): string;
}

export interface SecretKeeper {
  readonly store: 'safe-storage' | 'environment';
  /** Whether a secret typed in the settings can be kept (sealed); false: it comes from the environment. */
  readonly canKeep: boolean;
  /** What the settings show about credentials (browser mode's warning, or why the keyring cannot be used). */
  readonly note?: string;
  /** The sealed form to write to disk (never the secret itself). Only when canKeep. */
  seal(plain: string): string;
  /** The secret of a sealed form; throws when it cannot be opened (another user, a changed keyring). */
  open(sealed: string): string;
  /** A secret from the environment or the 0600 file, for a node that has none sealed. */
  fromEnvironment(kind: 'password' | 'token'): Promise<string | undefined>;
}

export class SecretUnavailable extends Error {
  override readonly name = 'SecretUnavailable';
}

const ENV_NOTE =
  `Passwords and tokens are not kept by the app in this mode. They are read from the environment variable ${PACS_ENV.password} ` +
  `(or ${PACS_ENV.token} for a token) or from the file named by ${PACS_SECRET_FILE_ENV}, which must be readable by you only (chmod 600). ` +
  'Anyone who can read that variable or file can use the PACS as you.';

async function secretFile(path: string): Promise<string> {
  let mode: number;
  try {
    mode = (await stat(path)).mode;
  } catch {
    throw new SecretUnavailable(`The PACS secret file named by ${PACS_SECRET_FILE_ENV} could not be read.`);
  }
  // Group or others may read it: refused, as ssh refuses an open private key.
  if ((mode & 0o077) !== 0) throw new SecretUnavailable(`The PACS secret file named by ${PACS_SECRET_FILE_ENV} is readable by other users; make it private (chmod 600).`);
  const text = await readFile(path, 'utf8').catch(() => {
    throw new SecretUnavailable(`The PACS secret file named by ${PACS_SECRET_FILE_ENV} could not be read.`);
  });
  return (text.split(/\r?\n/)[0] ?? '').trim();
}

async function fromEnv(env: Readonly<Record<string, string | undefined>>, kind: 'password' | 'token'): Promise<string | undefined> {
  const direct = env[kind === 'token' ? PACS_ENV.token : PACS_ENV.password];
  if (direct !== undefined && direct !== '') return direct;
  const file = env[PACS_SECRET_FILE_ENV];
  if (file !== undefined && file !== '') {
    const value = await secretFile(file);
    return value === '' ? undefined : value;
  }
  return undefined;
}

/** Browser mode and the CLI: secrets only from the environment or the 0600 file; nothing is ever sealed or written. */
export function environmentKeeper(env: Readonly<Record<string, string | undefined>> = process.env): SecretKeeper {
  return {
    store: 'environment',
    canKeep: false,
    note: ENV_NOTE,
    seal() {
      throw new SecretUnavailable(`Passwords are not kept by the app in browser mode: set ${PACS_ENV.password} or ${PACS_SECRET_FILE_ENV} instead.`);
    },
    open() {
      throw new SecretUnavailable('A password saved by the desktop app cannot be used in browser mode.');
    },
    fromEnvironment: (kind) => fromEnv(env, kind),
  };
}

/** The Electron app: safeStorage when the system has a real keyring, else (as browser mode) the environment. */
export function safeStorageKeeper(safe: SafeStorageLike, env: Readonly<Record<string, string | undefined>> = process.env): SecretKeeper {
  // Linux only (elsewhere the method is absent); 'basic_text' is a hard-coded key, i.e. no protection.
  let backend: string | undefined;
  try {
    backend = process.platform === 'linux' ? safe.getSelectedStorageBackend?.() : undefined;
  } catch {
    backend = undefined;
  }
  const usable = safe.isEncryptionAvailable() && backend !== 'basic_text';
  if (!usable) {
    return {
      ...environmentKeeper(env),
      store: 'environment',
      note: `This computer has no keyring the app can keep passwords in. ${ENV_NOTE}`,
    };
  }
  return {
    store: 'safe-storage',
    canKeep: true,
    seal: (plain) => safe.encryptString(plain).toString('base64'),
    open(sealed) {
      try {
        return safe.decryptString(Buffer.from(sealed, 'base64'));
      } catch {
        throw new SecretUnavailable('The saved PACS password could not be unlocked on this computer; enter it again in the settings.');
      }
    },
    fromEnvironment: (kind) => fromEnv(env, kind),
  };
}
