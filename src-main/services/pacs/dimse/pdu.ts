// DICOM Upper Layer PDUs (PS3.8 9.3): the association request/accept/reject, data transfer, release and abort,
// encoded and decoded by hand. The reader frames PDUs from a byte stream and refuses, before buffering anything, a
// PDU longer than we allow: a peer claiming 2 GB gets a plain error, not 2 GB of memory.

import { PacsError } from '../pacs-error';

export const PDU = { associateRq: 0x01, associateAc: 0x02, associateRj: 0x03, pData: 0x04, releaseRq: 0x05, releaseRp: 0x06, abort: 0x07 } as const;

export const APPLICATION_CONTEXT = '1.2.840.10008.3.1.1.1';

export interface ProposedContext {
  readonly id: number;
  readonly abstractSyntax: string;
  readonly transferSyntaxes: readonly string[];
}

export interface AcceptedContext {
  readonly id: number;
  /** 0 accepted; 1 user rejection; 2 no reason; 3 abstract syntax not supported; 4 transfer syntaxes not supported. */
  readonly result: number;
  readonly transferSyntax: string;
}

export interface AssociateRq {
  readonly calledAet: string;
  readonly callingAet: string;
  readonly contexts: readonly ProposedContext[];
  readonly maxPduLength: number;
  /** SOP classes for which we also take the SCP role (C-GET's storage sub-operations come back to us). */
  readonly scpRoles?: readonly string[];
  readonly implementationClassUid: string;
  readonly implementationVersion: string;
}

export interface AssociateAc {
  readonly contexts: readonly AcceptedContext[];
  readonly maxPduLength: number;
}

const ascii = (text: string): Buffer => Buffer.from(text, 'latin1');
const uidBytes = (uid: string): Buffer => ascii(uid);
const aeField = (aet: string): Buffer => ascii(aet.padEnd(16, ' ').slice(0, 16));

function item(type: number, body: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head[0] = type;
  head.writeUInt16BE(body.length, 2);
  return Buffer.concat([head, body]);
}

function pdu(type: number, body: Buffer): Buffer {
  const head = Buffer.alloc(6);
  head[0] = type;
  head.writeUInt32BE(body.length, 2);
  return Buffer.concat([head, body]);
}

function userInfo(maxPduLength: number, implementationClassUid: string, implementationVersion: string, scpRoles: readonly string[]): Buffer {
  const max = Buffer.alloc(4);
  max.writeUInt32BE(maxPduLength, 0);
  const roles = scpRoles.map((uid) => {
    const u = uidBytes(uid);
    const len = Buffer.alloc(2);
    len.writeUInt16BE(u.length, 0);
    // SCU role 0 (we do not send these), SCP role 1 (we store what the peer sends).
    return item(0x54, Buffer.concat([len, u, Buffer.from([0, 1])]));
  });
  return item(0x50, Buffer.concat([item(0x51, max), item(0x52, uidBytes(implementationClassUid)), ...roles, item(0x55, ascii(implementationVersion))]));
}

function fixedHead(calledAet: string, callingAet: string): Buffer {
  const version = Buffer.from([0x00, 0x01, 0x00, 0x00]);
  return Buffer.concat([version, aeField(calledAet), aeField(callingAet), Buffer.alloc(32)]);
}

export function encodeAssociateRq(rq: AssociateRq): Buffer {
  const contexts = rq.contexts.map((c) =>
    item(0x20, Buffer.concat([Buffer.from([c.id, 0, 0, 0]), item(0x30, uidBytes(c.abstractSyntax)), ...c.transferSyntaxes.map((ts) => item(0x40, uidBytes(ts)))])),
  );
  return pdu(PDU.associateRq, Buffer.concat([fixedHead(rq.calledAet, rq.callingAet), item(0x10, uidBytes(APPLICATION_CONTEXT)), ...contexts, userInfo(rq.maxPduLength, rq.implementationClassUid, rq.implementationVersion, rq.scpRoles ?? [])]));
}

/** The acceptor's answer (our storage SCP): one result per proposed context, echoing the AE titles. */
export function encodeAssociateAc(calledAet: string, callingAet: string, contexts: readonly AcceptedContext[], maxPduLength: number, implementationClassUid: string, implementationVersion: string): Buffer {
  const items = contexts.map((c) => item(0x21, Buffer.concat([Buffer.from([c.id, 0, c.result, 0]), item(0x40, uidBytes(c.transferSyntax))])));
  return pdu(PDU.associateAc, Buffer.concat([fixedHead(calledAet, callingAet), item(0x10, uidBytes(APPLICATION_CONTEXT)), ...items, userInfo(maxPduLength, implementationClassUid, implementationVersion, [])]));
}

/** A-ASSOCIATE-RJ: result 1 permanent; source 1 service user; reason 7 called AE title not recognized, 1 no reason. */
export const encodeAssociateRj = (reason: number): Buffer => pdu(PDU.associateRj, Buffer.from([0, 1, 1, reason]));
export const encodeReleaseRq = (): Buffer => pdu(PDU.releaseRq, Buffer.alloc(4));
export const encodeReleaseRp = (): Buffer => pdu(PDU.releaseRp, Buffer.alloc(4));
export const encodeAbort = (): Buffer => pdu(PDU.abort, Buffer.alloc(4));

/** One P-DATA-TF PDU holding one PDV (a fragment of a command or a data set). */
export function encodePData(contextId: number, command: boolean, last: boolean, bytes: Uint8Array): Buffer {
  const head = Buffer.alloc(12);
  head[0] = PDU.pData;
  head.writeUInt32BE(bytes.length + 6, 2);
  head.writeUInt32BE(bytes.length + 2, 6);
  head[10] = contextId;
  head[11] = (command ? 1 : 0) | (last ? 2 : 0);
  return Buffer.concat([head, bytes]);
}

/** Every item of a variable-items field, as [type, body]; malformed lengths are refused. */
function items(body: Buffer, what: string): Array<[number, Buffer]> {
  const out: Array<[number, Buffer]> = [];
  let at = 0;
  while (at < body.length) {
    if (at + 4 > body.length) throw malformed(what);
    const type = body[at] ?? 0;
    const length = body.readUInt16BE(at + 2);
    if (at + 4 + length > body.length) throw malformed(what);
    out.push([type, body.subarray(at + 4, at + 4 + length)]);
    at += 4 + length;
  }
  return out;
}

const malformed = (what: string): PacsError => new PacsError('bad-answer', `The DICOM node sent a malformed ${what}.`);
const text = (bytes: Buffer): string => bytes.toString('latin1').replace(/\0/g, '').trim();

function maxLengthOf(userItem: Buffer | undefined): number {
  for (const [type, body] of userItem === undefined ? [] : items(userItem, 'association answer')) {
    if (type === 0x51 && body.length === 4) return body.readUInt32BE(0);
  }
  return 0;
}

export function decodeAssociateAc(body: Buffer): AssociateAc {
  if (body.length < 68) throw malformed('association answer');
  const contexts: AcceptedContext[] = [];
  let maxPduLength = 0;
  for (const [type, value] of items(body.subarray(68), 'association answer')) {
    if (type === 0x21) {
      if (value.length < 4) throw malformed('association answer');
      const ts = items(value.subarray(4), 'association answer').find(([t]) => t === 0x40);
      contexts.push({ id: value[0] ?? 0, result: value[2] ?? 2, transferSyntax: ts === undefined ? '' : text(ts[1]) });
    } else if (type === 0x50) maxPduLength = maxLengthOf(value);
  }
  return { contexts, maxPduLength };
}

export interface IncomingAssociateRq {
  readonly calledAet: string;
  readonly callingAet: string;
  readonly contexts: readonly ProposedContext[];
  readonly maxPduLength: number;
}

export function decodeAssociateRq(body: Buffer): IncomingAssociateRq {
  if (body.length < 68) throw malformed('association request');
  const contexts: ProposedContext[] = [];
  let maxPduLength = 0;
  for (const [type, value] of items(body.subarray(68), 'association request')) {
    if (type === 0x20) {
      if (value.length < 4) throw malformed('association request');
      const sub = items(value.subarray(4), 'association request');
      const abstract = sub.find(([t]) => t === 0x30);
      contexts.push({ id: value[0] ?? 0, abstractSyntax: abstract === undefined ? '' : text(abstract[1]), transferSyntaxes: sub.filter(([t]) => t === 0x40).map(([, v]) => text(v)) });
    } else if (type === 0x50) maxPduLength = maxLengthOf(value);
  }
  return { calledAet: text(body.subarray(4, 20)), callingAet: text(body.subarray(20, 36)), contexts, maxPduLength };
}

export interface Pdv {
  readonly contextId: number;
  readonly command: boolean;
  readonly last: boolean;
  readonly bytes: Buffer;
}

export function decodePData(body: Buffer): Pdv[] {
  const out: Pdv[] = [];
  let at = 0;
  while (at < body.length) {
    if (at + 6 > body.length) throw malformed('data message');
    const length = body.readUInt32BE(at);
    if (length < 2 || at + 4 + length > body.length) throw malformed('data message');
    const control = body[at + 5] ?? 0;
    out.push({ contextId: body[at + 4] ?? 0, command: (control & 1) === 1, last: (control & 2) === 2, bytes: body.subarray(at + 6, at + 4 + length) });
    at += 4 + length;
  }
  return out;
}

export interface RawPdu {
  readonly type: number;
  readonly body: Buffer;
}

/**
 * Frames PDUs from the bytes of a connection. A PDU announcing more than `maxLength` bytes is refused as soon as
 * its header arrives, so memory stays bounded by what we advertised.
 */
export class PduReader {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(private readonly maxLength: number) {}

  push(chunk: Buffer): RawPdu[] {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    const out: RawPdu[] = [];
    for (;;) {
      if (this.pendingBytes < 6) return out;
      const head = this.take(6, false);
      const type = head[0] ?? 0;
      const length = head.readUInt32BE(2);
      if (type < PDU.associateRq || type > PDU.abort) throw new PacsError('bad-answer', 'The DICOM node sent something that is not a DICOM message (is the port right?).');
      if (length > this.maxLength) throw new PacsError('too-large', `The DICOM node announced a message of ${mibText(length)}, over the ${mibText(this.maxLength)} allowed; the connection was closed.`);
      if (this.pendingBytes < 6 + length) return out;
      const whole = this.take(6 + length, true);
      out.push({ type, body: whole.subarray(6) });
    }
  }

  /** The first n pending bytes (removed when `consume`). */
  private take(n: number, consume: boolean): Buffer {
    const joined = this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending);
    this.pending = [joined];
    const out = joined.subarray(0, n);
    if (consume) {
      const rest = joined.subarray(n);
      this.pending = rest.length > 0 ? [rest] : [];
      this.pendingBytes = rest.length;
    }
    return out;
  }
}

const mibText = (bytes: number): string => (bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MiB` : `${Math.ceil(bytes / 1024)} KiB`);
