// A DICOMweb node (issue 13): where the PACS is and how we prove who we are. Credentials live only in this object
// and in the Authorization header built from it; no message, log line or export ever prints them.

import { readFile } from 'node:fs/promises';
import { PacsError } from './pacs-error';

export type DicomwebAuth =
  | { readonly kind: 'none' }
  | { readonly kind: 'basic'; readonly user: string; readonly password: string }
  | { readonly kind: 'bearer'; readonly token: string };

export interface DicomwebNode {
  /** The DICOMweb root, e.g. http://pacs.example:8042/dicom-web (no credentials in it). */
  readonly baseUrl: URL;
  readonly auth: DicomwebAuth;
  /** PEM certificates trusted for https, besides the system's (a hospital's own CA). */
  readonly ca?: string;
  /** Longest silence (connecting or mid-answer) before we give up; default 15 s (issue 13: never hang). */
  readonly idleTimeoutMs?: number;
}

export interface DicomwebNodeConfig {
  readonly baseUrl: string;
  readonly auth?: DicomwebAuth;
  /** A PEM file of extra trusted CA certificates. */
  readonly caFile?: string;
  readonly idleTimeoutMs?: number;
}

export const DEFAULT_IDLE_TIMEOUT_MS = 15_000;

/** Checks the URL (http or https, no user:password inside it) and reads the CA file; plain sentences on failure. */
export async function dicomwebNode(config: DicomwebNodeConfig): Promise<DicomwebNode> {
  let url: URL;
  try {
    url = new URL(config.baseUrl);
  } catch {
    throw new PacsError('bad-config', 'The PACS address is not a valid URL (expected e.g. http://host:8042/dicom-web).');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PacsError('bad-config', 'The PACS address must start with http:// or https://.');
  }
  // Credentials in a URL end up in shell history and logs: refused, without repeating them.
  if (url.username !== '' || url.password !== '') {
    throw new PacsError('bad-config', 'The PACS address must not contain a user name or password; give them in the environment instead.');
  }
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
  let ca: string | undefined;
  if (config.caFile !== undefined) {
    try {
      ca = await readFile(config.caFile, 'utf8');
    } catch {
      throw new PacsError('bad-config', `The CA certificate file ${config.caFile} could not be read.`);
    }
    if (!ca.includes('-----BEGIN CERTIFICATE-----')) throw new PacsError('bad-config', `The CA certificate file ${config.caFile} holds no PEM certificate.`);
  }
  return {
    baseUrl: url,
    auth: config.auth ?? { kind: 'none' },
    ...(ca !== undefined ? { ca } : {}),
    ...(config.idleTimeoutMs !== undefined ? { idleTimeoutMs: config.idleTimeoutMs } : {}),
  };
}

/** The environment variables the CLI (and browser mode) take credentials from; never a command-line flag. */
export const PACS_ENV = { token: 'SPINE_MET_PACS_TOKEN', user: 'SPINE_MET_PACS_USER', password: 'SPINE_MET_PACS_PASSWORD' } as const;

/** Credentials from the environment: a bearer token wins; a user needs a password. */
export function authFromEnv(env: Readonly<Record<string, string | undefined>>): DicomwebAuth {
  const token = env[PACS_ENV.token];
  if (token !== undefined && token !== '') return { kind: 'bearer', token };
  const user = env[PACS_ENV.user];
  const password = env[PACS_ENV.password];
  if (user !== undefined && user !== '') {
    if (password === undefined) throw new PacsError('bad-config', `${PACS_ENV.user} is set but ${PACS_ENV.password} is not.`);
    return { kind: 'basic', user, password };
  }
  return { kind: 'none' };
}

/** The Authorization header value, or undefined for no authentication. */
export function authorization(auth: DicomwebAuth): string | undefined {
  if (auth.kind === 'basic') return `Basic ${Buffer.from(`${auth.user}:${auth.password}`, 'utf8').toString('base64')}`;
  if (auth.kind === 'bearer') return `Bearer ${auth.token}`;
  return undefined;
}

/** The node's address as printed in messages: scheme, host and port only. */
export const nodeLabel = (node: DicomwebNode): string => node.baseUrl.origin;
