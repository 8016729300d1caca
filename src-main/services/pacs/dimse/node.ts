// A DIMSE node (issue 13): the peer's called AE title, host and port, our calling AE title, optional TLS, and the
// port of our own storage SCP for C-MOVE (a PACS that cannot answer C-GET sends the study there).

import { PacsError } from '../pacs-error';

export interface DimseNode {
  readonly calledAet: string;
  readonly host: string;
  readonly port: number;
  readonly callingAet: string;
  /** TLS (PS3.15 B.1) with optional extra CA certificates (PEM). */
  readonly tls?: { readonly ca?: string };
  /** Where our storage SCP listens for C-MOVE; without it retrieval uses C-GET. */
  readonly movePort?: number;
  /** Longest silence before we give up (default 15 s). */
  readonly idleTimeoutMs?: number;
  /** Longest wait for the TCP connection (default 10 s). */
  readonly connectTimeoutMs?: number;
}

/** Our AE title when none is configured. */
export const DEFAULT_CALLING_AET = 'SPINEMET';

/** AE titles (PS3.5 6.2): 1 to 16 characters of the default repertoire, no backslash or control characters. */
export function aetProblem(aet: string, what: string): string | undefined {
  if (aet.trim() === '' || aet.length > 16 || !/^[\x20-\x7e]+$/.test(aet) || aet.includes('\\')) return `The ${what} AE title must be 1 to 16 letters, digits or spaces (got "${aet.slice(0, 20)}").`;
  return undefined;
}

export function dimseNode(config: Omit<DimseNode, 'callingAet'> & { readonly callingAet?: string }): DimseNode {
  const callingAet = config.callingAet ?? DEFAULT_CALLING_AET;
  const problem = aetProblem(config.calledAet, 'called') ?? aetProblem(callingAet, 'calling');
  if (problem !== undefined) throw new PacsError('bad-config', problem);
  if (config.host === '' || /[\s/@]/.test(config.host)) throw new PacsError('bad-config', 'The DICOM node host must be a host name or an address.');
  for (const [port, what] of [[config.port, 'DICOM node port'], [config.movePort, 'storage port for C-MOVE']] as const) {
    if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) throw new PacsError('bad-config', `The ${what} must be a number from 1 to 65535.`);
  }
  return { ...config, callingAet };
}

/** AET@host:port as messages print it. */
export const dimseLabel = (node: DimseNode): string => `${node.calledAet}@${node.host.includes(':') ? `[${node.host}]` : node.host}:${node.port}`;
