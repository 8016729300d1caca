// One HTTP exchange with a DICOMweb node, over node:http/https (not fetch: a hospital CA file and a per-request
// idle timeout need the https options fetch hides). Every failure leaves as a PacsError with our sentence; Node's
// own text (syscalls, errno, "socket hang up") never reaches the user.

import { request as httpRequest } from 'node:http';
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { authorization, DEFAULT_IDLE_TIMEOUT_MS, nodeLabel } from './node-config';
import type { DicomwebNode } from './node-config';
import { PacsError } from './pacs-error';

export interface PacsRequest {
  readonly method: 'GET' | 'POST';
  /** Relative to the node's base URL (no leading slash), e.g. "studies". */
  readonly path: string;
  readonly query?: ReadonlyArray<readonly [string, string]>;
  readonly headers?: OutgoingHttpHeaders;
  /** A request body, streamed; its length must be given (some servers refuse chunked uploads). */
  readonly body?: { readonly stream: Readable; readonly length: number };
  /** HTTP statuses besides 2xx that carry an answer the caller reads (STOW's 409 with its failure list). */
  readonly acceptStatuses?: readonly number[];
  /** What the request was for, in the messages ("the study search"). */
  readonly purpose: string;
  readonly signal?: AbortSignal;
}

export interface PacsResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: IncomingMessage;
  /** Ends the exchange early (the caller stopped reading). */
  readonly abort: (error: PacsError) => void;
  /** The error the exchange ended with, if we ended it (timeout, budget, cancel): read after a stream error. */
  readonly failure: () => PacsError | undefined;
}

const CERT_CODES = new Set([
  'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_NOT_YET_VALID', 'CERT_UNTRUSTED',
]);

/** A network error (Node's, or ours) as our sentence. */
export function networkError(node: DicomwebNode, error: unknown): PacsError {
  if (error instanceof PacsError) return error;
  const where = nodeLabel(node);
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  if (code === 'ECONNREFUSED') return new PacsError('unreachable', `The PACS at ${where} refused the connection (is it running, and is the address right?).`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new PacsError('unreachable', `The PACS host ${node.baseUrl.hostname} could not be found.`);
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return new PacsError('unreachable', `The PACS at ${where} cannot be reached from this computer.`);
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_STREAM_PREMATURE_CLOSE') return new PacsError('bad-answer', `The PACS at ${where} closed the connection before the answer was complete.`);
  if (CERT_CODES.has(code)) return new PacsError('unreachable', `The PACS at ${where} presented a certificate that is not trusted (give its CA certificate file).`);
  if (code.startsWith('ERR_SSL') || code.startsWith('EPROTO')) return new PacsError('unreachable', `The secure connection to the PACS at ${where} could not be set up.`);
  return new PacsError('unreachable', `The connection to the PACS at ${where} failed.`);
}

/** A refusal by HTTP status as our sentence. */
function statusError(node: DicomwebNode, status: number, purpose: string): PacsError {
  const where = nodeLabel(node);
  if (status === 401) {
    return node.auth.kind === 'none'
      ? new PacsError('refused-credentials', `The PACS at ${where} asks for credentials and none were given.`)
      : new PacsError('refused-credentials', `The PACS refused the credentials (${where}).`);
  }
  if (status === 403) return new PacsError('forbidden', `The PACS at ${where} does not allow ${purpose} with these credentials.`);
  if (status === 404) return new PacsError('not-found', `The PACS at ${where} has nothing at that address for ${purpose} (is the DICOMweb root right?).`);
  if (status === 408 || status === 504) return new PacsError('timeout', `The PACS at ${where} timed out during ${purpose}.`);
  if (status === 413) return new PacsError('too-large', `The PACS at ${where} refused ${purpose} as too large.`);
  if (status >= 500) return new PacsError('server-error', `The PACS at ${where} failed during ${purpose} (HTTP ${status}).`);
  return new PacsError('bad-request', `The PACS at ${where} refused ${purpose} (HTTP ${status}).`);
}

/**
 * A query value percent-encoded except for the characters QIDO-RS matching uses (^ between name parts, the ? and *
 * wildcards, the comma of value lists), which are legal in a query as they are. Orthanc 1.10 does not decode its
 * query values, so "ANON%5ELUMB*" would match nothing there.
 */
export const encodeQueryValue = (value: string): string =>
  encodeURIComponent(value).replace(/%5E/g, '^').replace(/%3F/g, '?').replace(/%2C/g, ',');

export function requestUrl(node: DicomwebNode, path: string, query: ReadonlyArray<readonly [string, string]> = []): URL {
  const url = new URL(path, node.baseUrl);
  if (query.length > 0) url.search = query.map(([key, value]) => `${encodeURIComponent(key)}=${encodeQueryValue(value)}`).join('&');
  return url;
}

/** Sends the request and resolves with the response once its status is known to be one the caller reads. */
export function pacsRequest(node: DicomwebNode, req: PacsRequest): Promise<PacsResponse> {
  const url = requestUrl(node, req.path, req.query);
  const headers: OutgoingHttpHeaders = { ...req.headers };
  const auth = authorization(node.auth);
  if (auth !== undefined) headers['authorization'] = auth;
  if (req.body !== undefined) headers['content-length'] = String(req.body.length);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const idle = node.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  return new Promise<PacsResponse>((resolve, reject) => {
    let failure: PacsError | undefined;
    let settled = false;
    const fail = (error: PacsError): void => {
      failure ??= error;
      client.destroy(failure);
    };
    const onAbort = (): void => fail(new PacsError('cancelled', `${capital(req.purpose)} was cancelled.`));
    const client = send(url, { method: req.method, headers, agent: false, ...(node.ca !== undefined ? { ca: node.ca } : {}) }, (res) => {
      const status = res.statusCode ?? 0;
      const ok = (status >= 200 && status < 300) || (req.acceptStatuses ?? []).includes(status);
      settled = true;
      if (!ok) {
        req.signal?.removeEventListener('abort', onAbort);
        res.resume();
        fail(statusError(node, status, req.purpose));
        reject(failure);
        return;
      }
      res.once('close', () => req.signal?.removeEventListener('abort', onAbort));
      resolve({ status, contentType: String(res.headers['content-type'] ?? ''), body: res, abort: fail, failure: () => failure });
    });
    client.setTimeout(idle, () => fail(new PacsError('timeout', `The PACS at ${nodeLabel(node)} did not answer within ${Number((idle / 1000).toFixed(1))} s during ${req.purpose}.`)));
    // A request that ended (refused, timed out) stops reading the files it was sending.
    client.once('close', () => req.body?.stream.destroy());
    client.on('error', (error) => {
      if (!settled) {
        settled = true;
        req.signal?.removeEventListener('abort', onAbort);
        reject(failure ?? networkError(node, error));
      }
    });
    if (req.signal?.aborted === true) onAbort();
    req.signal?.addEventListener('abort', onAbort, { once: true });
    if (req.body === undefined) client.end();
    else {
      req.body.stream.on('error', (error) => fail(error instanceof PacsError ? error : new PacsError('local-file', 'A file to send could not be read.')));
      req.body.stream.pipe(client);
    }
  });
}

const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The whole body, refusing more than `maxBytes` (a hostile server cannot fill memory with a search answer). */
export async function readBounded(node: DicomwebNode, res: PacsResponse, maxBytes: number, purpose: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) {
        const error = new PacsError('too-large', `The PACS answer to ${purpose} is larger than the ${mib(maxBytes)} allowed.`);
        res.abort(error);
        throw error;
      }
      chunks.push(chunk);
    }
  } catch (error) {
    throw res.failure() ?? networkError(node, error);
  }
  const late = res.failure();
  if (late !== undefined) throw late;
  return Buffer.concat(chunks);
}

export const mib = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} MiB`;
