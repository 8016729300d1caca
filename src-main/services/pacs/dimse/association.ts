// One DICOM association over TCP (or TLS): negotiation, DIMSE messages cut into P-DATA fragments, release and
// abort. Every wait is bounded by an idle timeout (no byte either way for that long ends it), a cancel aborts it,
// and any failure becomes one PacsError in our words; the socket is always destroyed on failure.

import { connect as tcpConnect } from 'node:net';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME } from '@shared/dicom/write';
import { PacsError } from '../pacs-error';
import type { DimseNode } from './node';
import { dimseLabel } from './node';
import { decodeAssociateAc, decodePData, encodeAbort, encodeAssociateRq, encodePData, encodeReleaseRp, encodeReleaseRq, PDU, PduReader } from './pdu';
import type { AcceptedContext, Pdv, ProposedContext, RawPdu } from './pdu';
import { decodeCommand } from './elements';

/** What we advertise as our maximum PDU, and so the largest PDU a peer may send us. */
export const OUR_MAX_PDU = 256 * 1024;
/** An association request or answer is small; a command set too. */
const MAX_COMMAND_BYTES = 64 * 1024;
/** Peers that announce no limit get fragments of this size. */
const DEFAULT_FRAGMENT = 64 * 1024;

export { IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME };

export interface DimseMessage {
  readonly contextId: number;
  readonly command: ReadonlyMap<number, Buffer>;
}

export class Association {
  private readonly reader = new PduReader(OUR_MAX_PDU);
  private readonly pdus: RawPdu[] = [];
  private readonly pdvs: Pdv[] = [];
  private wake: (() => void) | undefined;
  private failure: PacsError | undefined;
  private finished = false;
  /** The peer's maximum PDU length (0: no limit announced). */
  peerMaxPdu = 0;
  readonly accepted = new Map<number, { abstractSyntax: string; transferSyntax: string }>();

  constructor(
    private readonly socket: Socket,
    /** "the DICOM node at host:port" or "the PACS sending to us": how messages name the peer. */
    readonly peer: string,
    idleTimeoutMs: number,
    signal?: AbortSignal,
  ) {
    this.setIdleTimeout(idleTimeoutMs);
    // DIMSE is request/response in small messages: Nagle's delay would add tens of ms to every object.
    socket.setNoDelay(true);
    socket.on('timeout', () => {
      const ms = this.idleTimeoutMs;
      this.fail(new PacsError('timeout', `${capital(peer)} did not answer for ${ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`}; the connection was closed.`));
    });
    socket.on('data', (chunk: Buffer) => {
      try {
        this.pdus.push(...this.reader.push(chunk));
      } catch (error) {
        this.fail(error instanceof PacsError ? error : new PacsError('bad-answer', `${capital(peer)} sent a malformed message.`));
        return;
      }
      // Back-pressure: stop reading while we are behind (a file being written).
      if (this.pdus.length > 8) socket.pause();
      this.notify();
    });
    socket.on('error', (error) => this.fail(socketError(peer, error)));
    socket.on('close', () => this.fail(new PacsError('bad-answer', `${capital(peer)} closed the connection before the exchange was complete.`)));
    if (signal !== undefined) {
      const onAbort = (): void => this.abort(new PacsError('cancelled', 'Cancelled.'));
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
      socket.once('close', () => signal.removeEventListener('abort', onAbort));
    }
  }

  private idleTimeoutMs = 0;

  /** No byte either way for this long ends the association. */
  setIdleTimeout(ms: number): void {
    this.idleTimeoutMs = ms;
    this.socket.setTimeout(ms);
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** Ends the association at once with `error` (the first failure wins); later waits throw it. */
  fail(error: PacsError): void {
    if (this.finished) return;
    this.failure ??= error;
    this.finished = true;
    this.socket.destroy();
    this.notify();
  }

  /** A-ABORT to the peer, then closed. */
  abort(error: PacsError): void {
    if (this.finished) return;
    if (!this.socket.destroyed && this.socket.writable) this.socket.write(encodeAbort());
    this.fail(error);
  }

  get failed(): PacsError | undefined {
    return this.failure;
  }

  async nextPdu(): Promise<RawPdu> {
    for (;;) {
      const next = this.pdus.shift();
      if (next !== undefined) {
        if (this.pdus.length <= 2 && this.socket.isPaused()) this.socket.resume();
        return next;
      }
      if (this.failure !== undefined) throw this.failure;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  async write(bytes: Buffer): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    if (!this.socket.write(bytes)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.socket.off('drain', done);
          this.socket.off('close', done);
          resolve();
        };
        this.socket.on('drain', done);
        this.socket.on('close', done);
      });
    }
    if (this.failure !== undefined) throw this.failure;
  }

  /** The next PDV; an abort or a release request from the peer ends the exchange with a plain error. */
  async nextPdv(): Promise<Pdv> {
    for (;;) {
      const next = this.pdvs.shift();
      if (next !== undefined) return next;
      const pdu = await this.nextPdu();
      if (pdu.type === PDU.pData) {
        const pdvs = decodePData(pdu.body);
        if (pdvs.length === 0) throw this.protocolError('an empty data message');
        this.pdvs.push(...pdvs);
      } else if (pdu.type === PDU.abort) {
        this.fail(new PacsError('bad-answer', `${capital(this.peer)} aborted the association.`));
      } else if (pdu.type === PDU.releaseRq) {
        await this.write(encodeReleaseRp()).catch(() => undefined);
        this.fail(new PacsError('bad-answer', `${capital(this.peer)} ended the association before the exchange was complete.`));
      } else throw this.protocolError('an unexpected message');
    }
  }

  private protocolError(what: string): PacsError {
    const error = new PacsError('bad-answer', `${capital(this.peer)} sent ${what}; the association was aborted.`);
    this.abort(error);
    return error;
  }

  /** The next command (all its fragments, at most 64 KiB). */
  async receiveCommand(): Promise<DimseMessage> {
    const parts: Buffer[] = [];
    let size = 0;
    let contextId = -1;
    for (;;) {
      const pdv = await this.nextPdv();
      if (!pdv.command) throw this.protocolError('data where a command was expected');
      if (contextId !== -1 && pdv.contextId !== contextId) throw this.protocolError('a command split across presentation contexts');
      contextId = pdv.contextId;
      size += pdv.bytes.length;
      if (size > MAX_COMMAND_BYTES) throw this.protocolError('a command larger than 64 KiB');
      parts.push(pdv.bytes);
      if (pdv.last) break;
    }
    if (!this.accepted.has(contextId)) throw this.protocolError('a command on a presentation context that was not accepted');
    const command = decodeCommand(Buffer.concat(parts));
    if (command === undefined) throw this.protocolError('a malformed command');
    return { contextId, command };
  }

  /** The data set following a command, handed to `sink` fragment by fragment; more than `maxBytes` is refused. */
  async receiveDataset(contextId: number, maxBytes: number, sink: (bytes: Buffer) => Promise<void> | void, tooLarge: () => PacsError): Promise<number> {
    let size = 0;
    for (;;) {
      const pdv = await this.nextPdv();
      if (pdv.command || pdv.contextId !== contextId) throw this.protocolError('a command where data was expected');
      size += pdv.bytes.length;
      if (size > maxBytes) {
        const error = tooLarge();
        this.abort(error);
        throw error;
      }
      await sink(pdv.bytes);
      if (pdv.last) return size;
    }
  }

  private get fragmentSize(): number {
    const max = this.peerMaxPdu === 0 ? DEFAULT_FRAGMENT : Math.min(this.peerMaxPdu, OUR_MAX_PDU);
    return Math.max(max - 6, 256);
  }

  async sendCommand(contextId: number, command: Buffer): Promise<void> {
    await this.sendFragments(contextId, true, [command]);
  }

  /** A data set, from bytes or a stream of chunks (a file read piece by piece: memory stays bounded). */
  async sendDataset(contextId: number, data: Buffer | AsyncIterable<Buffer>): Promise<void> {
    await this.sendFragments(contextId, false, Buffer.isBuffer(data) ? [data] : data);
  }

  private async sendFragments(contextId: number, command: boolean, chunks: Iterable<Buffer> | AsyncIterable<Buffer>): Promise<void> {
    const size = this.fragmentSize;
    let held: Buffer | undefined;
    // One fragment is held back, so the last one can be marked last.
    for await (const chunk of chunks) {
      let rest = held === undefined ? chunk : Buffer.concat([held, chunk]);
      while (rest.length > size) {
        await this.write(encodePData(contextId, command, false, rest.subarray(0, size)));
        rest = rest.subarray(size);
      }
      held = rest;
    }
    await this.write(encodePData(contextId, command, true, held ?? Buffer.alloc(0)));
  }

  /** A-RELEASE: asked, answered, closed. A peer that does not answer the release within 2 s is disconnected. */
  async release(): Promise<void> {
    if (this.finished) return;
    this.setIdleTimeout(Math.min(this.idleTimeoutMs, 2000));
    try {
      await this.write(encodeReleaseRq());
      for (;;) {
        const pdu = await this.nextPdu();
        if (pdu.type === PDU.releaseRp || pdu.type === PDU.abort) break;
      }
    } catch {
      // Released or not, we are done with it.
    }
    this.close();
  }

  close(): void {
    this.finished = true;
    this.socket.destroy();
    this.notify();
  }

  /** After the peer's release request: answer it and close (the storage SCP's normal end). */
  async answerRelease(): Promise<void> {
    await this.write(encodeReleaseRp()).catch(() => undefined);
    this.finished = true;
    this.socket.end();
    this.notify();
  }
}

const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export function socketError(peer: string, error: unknown): PacsError {
  if (error instanceof PacsError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  if (code === 'ECONNREFUSED') return new PacsError('unreachable', `${capital(peer)} refused the connection (is it running, and is the port right?).`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new PacsError('unreachable', `${capital(peer)} could not be found (is the host name right?).`);
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return new PacsError('unreachable', `${capital(peer)} cannot be reached from this computer.`);
  if (code === 'ECONNRESET' || code === 'EPIPE') return new PacsError('bad-answer', `${capital(peer)} closed the connection before the exchange was complete.`);
  if (code.startsWith('ERR_SSL') || code.startsWith('EPROTO') || code.includes('CERT')) return new PacsError('unreachable', `The secure connection to ${peer} could not be set up (is its CA certificate given?).`);
  return new PacsError('unreachable', `The connection to ${peer} failed.`);
}

const REJECT_REASONS: Readonly<Record<string, string>> = {
  '1:3': 'it does not know our AE title',
  '1:7': 'it does not answer to the called AE title',
  '1:2': 'it does not speak the DICOM application context',
  '3:1': 'it is busy',
  '3:2': 'it has too many associations open',
};

export interface Negotiated {
  readonly association: Association;
  readonly contexts: readonly AcceptedContext[];
}

/** Opens an association to `node` proposing `contexts`; refusals are plain sentences naming the node. */
export async function openAssociation(node: DimseNode, contexts: readonly ProposedContext[], options: { scpRoles?: readonly string[]; signal?: AbortSignal } = {}): Promise<Negotiated> {
  const peer = `the DICOM node at ${dimseLabel(node)}`;
  if (options.signal?.aborted === true) throw new PacsError('cancelled', 'Cancelled.');
  const socket = node.tls !== undefined ? tlsConnect({ host: node.host, port: node.port, ...(node.tls.ca !== undefined ? { ca: node.tls.ca } : {}), servername: node.host }) : tcpConnect({ host: node.host, port: node.port });
  const association = new Association(socket, peer, Math.min(node.connectTimeoutMs ?? DEFAULT_DIMSE_CONNECT_TIMEOUT_MS, node.idleTimeoutMs ?? DEFAULT_DIMSE_IDLE_TIMEOUT_MS), options.signal);
  await new Promise<void>((resolve) => {
    socket.once(node.tls !== undefined ? 'secureConnect' : 'connect', resolve);
    socket.once('close', resolve);
  });
  association.setIdleTimeout(node.idleTimeoutMs ?? DEFAULT_DIMSE_IDLE_TIMEOUT_MS);
  await association.write(
    encodeAssociateRq({
      calledAet: node.calledAet,
      callingAet: node.callingAet,
      contexts,
      maxPduLength: OUR_MAX_PDU,
      ...(options.scpRoles !== undefined ? { scpRoles: options.scpRoles } : {}),
      implementationClassUid: IMPLEMENTATION_CLASS_UID,
      implementationVersion: IMPLEMENTATION_VERSION_NAME,
    }),
  );
  const answer = await association.nextPdu();
  if (answer.type === PDU.associateRj) {
    const source = answer.body[2] ?? 0;
    const reason = answer.body[3] ?? 0;
    const why = REJECT_REASONS[`${source}:${reason}`];
    const error = new PacsError('refused-credentials', `${capital(peer)} refused the association${why !== undefined ? `: ${why}` : ''} (called ${node.calledAet}, calling ${node.callingAet}).`);
    association.fail(error);
    throw error;
  }
  if (answer.type === PDU.abort) {
    const error = new PacsError('refused-credentials', `${capital(peer)} aborted the association request (called ${node.calledAet}, calling ${node.callingAet}).`);
    association.fail(error);
    throw error;
  }
  if (answer.type !== PDU.associateAc) {
    const error = new PacsError('bad-answer', `${capital(peer)} answered the association request with something else.`);
    association.abort(error);
    throw error;
  }
  let ac;
  try {
    ac = decodeAssociateAc(answer.body);
  } catch (error) {
    association.abort(error as PacsError);
    throw error;
  }
  association.peerMaxPdu = ac.maxPduLength;
  for (const c of ac.contexts) {
    const proposed = contexts.find((p) => p.id === c.id);
    if (c.result === 0 && proposed !== undefined && proposed.transferSyntaxes.includes(c.transferSyntax)) association.accepted.set(c.id, { abstractSyntax: proposed.abstractSyntax, transferSyntax: c.transferSyntax });
  }
  return { association, contexts: ac.contexts };
}

export const DEFAULT_DIMSE_IDLE_TIMEOUT_MS = 15_000;
/** Connecting is bounded more tightly, so an unreachable node is reported well within 15 s. */
export const DEFAULT_DIMSE_CONNECT_TIMEOUT_MS = 10_000;
