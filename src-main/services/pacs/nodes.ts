// One node syntax for both protocols (issue 13): `dicomweb:URL` or `dimse:AET@HOST:PORT`, and the services behind
// it (test connection, study and series search, retrieval into the study cache, sending files) whichever protocol
// the node speaks. Every function takes an AbortSignal and reports progress through callbacks, so an IPC handler
// can call it as it is.

import { readFile } from 'node:fs/promises';
import { authFromEnv, dicomwebNode, nodeLabel } from './node-config';
import type { DicomwebNode } from './node-config';
import { PacsError } from './pacs-error';
import { pingNode, searchSeries, searchStudies } from './qido';
import type { SeriesSummary, StudyQuery, StudySummary } from './qido';
import { reasonText, storeInstances } from './stow';
import { retrieveStudy } from './wado';
import type { RetrievedStudy, RetrieveOptions } from './wado';
import { dimseLabel, dimseNode } from './dimse/node';
import type { DimseNode } from './dimse/node';
import { echo, findSeries, findStudies, readPart10Head, storeFiles } from './dimse/scu';
import type { StoreOutcome } from './dimse/scu';
import { getStudy, moveStudy } from './dimse/retrieve';

export type PacsNode = { readonly kind: 'dicomweb'; readonly web: DicomwebNode } | { readonly kind: 'dimse'; readonly dimse: DimseNode };
export type { StoreOutcome };

export type NodeSpec = { readonly kind: 'dicomweb'; readonly url: string } | { readonly kind: 'dimse'; readonly calledAet: string; readonly host: string; readonly port: number };

const SPEC_HELP = 'A node is dicomweb:URL or dimse:AET@HOST:PORT.';

/** Parses the node syntax; a plain http(s) URL is taken as DICOMweb (the older --url form). */
export function parseNodeSpec(spec: string): NodeSpec {
  if (spec.startsWith('dicomweb:')) return { kind: 'dicomweb', url: spec.slice('dicomweb:'.length) };
  if (/^https?:\/\//i.test(spec)) return { kind: 'dicomweb', url: spec };
  if (spec.startsWith('dimse:')) {
    const rest = spec.slice('dimse:'.length);
    const at = rest.lastIndexOf('@');
    const colon = rest.lastIndexOf(':');
    if (at <= 0 || colon < at) throw new PacsError('bad-config', `"${spec}" is not a DIMSE node. ${SPEC_HELP}`);
    const host = rest.slice(at + 1, colon).replace(/^\[(.*)\]$/, '$1');
    const port = Number(rest.slice(colon + 1));
    if (host === '' || !/^\d{1,5}$/.test(rest.slice(colon + 1)) || port < 1 || port > 65535) throw new PacsError('bad-config', `"${spec}" has no valid host and port. ${SPEC_HELP}`);
    return { kind: 'dimse', calledAet: rest.slice(0, at), host, port };
  }
  throw new PacsError('bad-config', `"${spec.slice(0, 80)}" is not a node. ${SPEC_HELP}`);
}

export interface NodeOptions {
  /** Where credentials (DICOMweb) come from: never a flag. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** PEM file of extra trusted CAs (DICOMweb https, DIMSE over TLS). */
  readonly caFile?: string;
  /** DIMSE over TLS (PS3.15 B.1); DICOMweb takes it from the URL's https. */
  readonly tls?: boolean;
  /** Our AE title (DIMSE). */
  readonly callingAet?: string;
  /** Our storage SCP's port: DIMSE retrieval by C-MOVE instead of C-GET. */
  readonly movePort?: number;
  readonly idleTimeoutMs?: number;
}

export async function pacsNode(spec: string, options: NodeOptions = {}): Promise<PacsNode> {
  const parsed = parseNodeSpec(spec);
  if (parsed.kind === 'dicomweb') {
    const web = await dicomwebNode({ baseUrl: parsed.url, auth: authFromEnv(options.env ?? {}), ...(options.caFile !== undefined ? { caFile: options.caFile } : {}), ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}) });
    return { kind: 'dicomweb', web };
  }
  if (options.caFile !== undefined && options.tls !== true) throw new PacsError('bad-config', 'A CA certificate file for a DIMSE node needs TLS (--tls).');
  const ca = options.tls === true && options.caFile !== undefined ? await readCaFile(options.caFile) : undefined;
  const dimse = dimseNode({
    calledAet: parsed.calledAet,
    host: parsed.host,
    port: parsed.port,
    ...(options.callingAet !== undefined ? { callingAet: options.callingAet } : {}),
    ...(options.movePort !== undefined ? { movePort: options.movePort } : {}),
    ...(options.tls === true ? { tls: ca !== undefined ? { ca } : {} } : {}),
    ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
  });
  return { kind: 'dimse', dimse };
}

async function readCaFile(file: string): Promise<string> {
  let ca: string;
  try {
    ca = await readFile(file, 'utf8');
  } catch {
    throw new PacsError('bad-config', `The CA certificate file ${file} could not be read.`);
  }
  if (!ca.includes('-----BEGIN CERTIFICATE-----')) throw new PacsError('bad-config', `The CA certificate file ${file} holds no PEM certificate.`);
  return ca;
}

export const pacsNodeLabel = (node: PacsNode): string => (node.kind === 'dicomweb' ? nodeLabel(node.web) : dimseLabel(node.dimse));

/** "Test connection": C-ECHO, or a QIDO-RS ping. */
export const testConnection = (node: PacsNode, signal?: AbortSignal): Promise<void> => (node.kind === 'dicomweb' ? pingNode(node.web, signal) : echo(node.dimse, signal));

export const findNodeStudies = (node: PacsNode, query: StudyQuery, signal?: AbortSignal): Promise<StudySummary[]> =>
  node.kind === 'dicomweb' ? searchStudies(node.web, query, signal) : findStudies(node.dimse, query, signal);

export const findNodeSeries = (node: PacsNode, studyInstanceUid: string, signal?: AbortSignal): Promise<SeriesSummary[]> =>
  node.kind === 'dicomweb' ? searchSeries(node.web, studyInstanceUid, signal) : findSeries(node.dimse, studyInstanceUid, signal);

/** WADO-RS, C-GET, or C-MOVE when the node has a storage port. */
export function retrieveNodeStudy(node: PacsNode, studyInstanceUid: string, cacheDir: string, options: RetrieveOptions & { listenHost?: string } = {}): Promise<RetrievedStudy> {
  if (node.kind === 'dicomweb') return retrieveStudy(node.web, studyInstanceUid, cacheDir, options);
  return node.dimse.movePort !== undefined ? moveStudy(node.dimse, studyInstanceUid, cacheDir, options) : getStudy(node.dimse, studyInstanceUid, cacheDir, options);
}

export interface SendOptions {
  readonly signal?: AbortSignal;
  /** Each object's outcome as soon as it is known. */
  readonly onObject?: (outcome: StoreOutcome) => void;
}

/**
 * Sends files (Part 10) and reports each object's outcome. Over DICOMweb each file is its own STOW-RS request, so
 * one failure touches one object; over DIMSE all go over one association. A node that cannot be reached at all
 * fails every object with the same reason; the function itself throws only for local problems (a file unreadable).
 */
export async function sendNodeFiles(node: PacsNode, files: readonly string[], options: SendOptions = {}): Promise<StoreOutcome[]> {
  const heads = await Promise.all(files.map(readPart10Head));
  const outcomes: StoreOutcome[] = [];
  const report = (outcome: StoreOutcome): void => {
    outcomes.push(outcome);
    options.onObject?.(outcome);
  };
  if (node.kind === 'dimse') {
    try {
      return await storeFiles(node.dimse, files, options);
    } catch (error) {
      if (!(error instanceof PacsError) || error.code === 'local-file' || error.code === 'bad-request') throw error;
      files.forEach((file, i) => report({ file, sopInstanceUid: heads[i]?.sopInstanceUid ?? '', sopClassUid: heads[i]?.sopClassUid ?? '', status: 'failed', reasonText: error.message }));
      return outcomes;
    }
  }
  for (const [i, file] of files.entries()) {
    const head = heads[i];
    const base = { file, sopInstanceUid: head?.sopInstanceUid ?? '', sopClassUid: head?.sopClassUid ?? '' };
    if (options.signal?.aborted === true) {
      report({ ...base, status: 'failed', reasonText: 'cancelled before it was sent' });
      continue;
    }
    try {
      const result = await storeInstances(node.web, [file], options.signal ? { signal: options.signal } : {});
      const mine = result.objects.find((o) => o.sopInstanceUid === base.sopInstanceUid) ?? result.objects[0];
      if (mine === undefined) report({ ...base, status: 'failed', reasonText: 'the PACS did not confirm it' });
      else report({ ...base, status: mine.status, ...(mine.reason !== undefined ? { reason: mine.reason } : {}), ...((mine.reasonText ?? (mine.reason !== undefined ? reasonText(mine.reason) : undefined)) !== undefined ? { reasonText: mine.reasonText ?? reasonText(mine.reason ?? '') ?? '' } : {}) });
    } catch (error) {
      if (!(error instanceof PacsError) || error.code === 'local-file') throw error;
      report({ ...base, status: 'failed', reasonText: error.message });
    }
  }
  return outcomes;
}
