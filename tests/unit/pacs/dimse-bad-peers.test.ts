// Hostile or broken DIMSE peers, played by a scripted TCP server: a refused association, an answer that is not
// DICOM, a malformed association answer, silence (the idle timeout, not a test deadline, ends it), a connection
// dropped in the middle of an object, a 2 GB claimed PDU length, a malformed identifier, a cancel. Each gives one
// plain sentence and no hang; a retrieval leaves no file in the cache; a sending never sends an object twice.

import { mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { dimseNode, PacsError } from '../../../src-main/services/pacs';
import type { DimseNode } from '../../../src-main/services/pacs';
import { commandText, commandUs, decodeCommand, encodeCommand } from '../../../src-main/services/pacs/dimse/elements';
import { decodeAssociateRq, decodePData, encodeAssociateAc, encodeAssociateRj, encodePData, encodeReleaseRp, PDU, PduReader } from '../../../src-main/services/pacs/dimse/pdu';
import type { RawPdu } from '../../../src-main/services/pacs/dimse/pdu';
import { getStudy } from '../../../src-main/services/pacs/dimse/retrieve';
import { CMD, COMMAND, echo, findStudies, storeFiles } from '../../../src-main/services/pacs/dimse/scu';
import { lumbarFiles, tempDir } from '../dicom-index/data';

const STUDY = '1.2.826.0.1.3680043.8.498.1';

/** One side of a scripted association: PDUs in, bytes out. */
class PeerConnection {
  private readonly reader = new PduReader(64 * 1024 * 1024);
  private readonly queue: RawPdu[] = [];
  private wake: (() => void) | undefined;
  closed = false;
  constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const pdu of this.reader.push(chunk)) {
        // A release is answered as a well-behaved peer would.
        if (pdu.type === PDU.releaseRq) socket.end(encodeReleaseRp());
        else this.queue.push(pdu);
      }
      this.wake?.();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake?.();
    });
    socket.on('error', () => undefined);
  }
  async next(): Promise<RawPdu | undefined> {
    for (;;) {
      const pdu = this.queue.shift();
      if (pdu !== undefined) return pdu;
      if (this.closed) return undefined;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }
  /** Reads the association request and accepts every context with its first transfer syntax. */
  async accept(): Promise<void> {
    const rq = decodeAssociateRq((await this.next())?.body ?? Buffer.alloc(0));
    this.socket.write(encodeAssociateAc(rq.calledAet, rq.callingAet, rq.contexts.map((c) => ({ id: c.id, result: 0, transferSyntax: c.transferSyntaxes[0] ?? '' })), 16384, '1.2.3', 'BADPEER'));
  }
  /** Reads P-DATA until a whole command and its data set (if it announces one) have come. */
  async request(): Promise<{ contextId: number; messageId: number; sopInstance: string }> {
    let contextId: number;
    let bytes = Buffer.alloc(0);
    let command: Map<number, Buffer> | undefined;
    for (;;) {
      const pdu = await this.next();
      if (pdu === undefined || pdu.type !== PDU.pData) throw new Error('no request');
      for (const pdv of decodePData(pdu.body)) {
        contextId = pdv.contextId;
        if (pdv.command) bytes = Buffer.concat([bytes, pdv.bytes]);
        if (pdv.command && pdv.last) command = decodeCommand(bytes);
        const done = command !== undefined && ((pdv.command && commandUs(command.get(CMD.commandDataSetType)) === 0x0101) || (!pdv.command && pdv.last));
        if (done && command !== undefined) return { contextId, messageId: commandUs(command.get(CMD.messageId)) ?? 0, sopInstance: commandText(command.get(CMD.affectedSopInstanceUid)) };
      }
    }
  }

  /** Answers a C-FIND with "no more matches". */
  findDone(contextId: number, messageId: number): void {
    this.socket.write(encodePData(contextId, true, true, encodeCommand([
      { tag: CMD.affectedSopClassUid, vr: 'UI', value: '1.2.840.10008.5.1.4.1.2.2.1' },
      { tag: CMD.commandField, vr: 'US', value: COMMAND.cFindRsp },
      { tag: CMD.messageIdBeingRespondedTo, vr: 'US', value: messageId },
      { tag: CMD.commandDataSetType, vr: 'US', value: 0x0101 },
      { tag: CMD.status, vr: 'US', value: 0 },
    ])));
  }
}

/** Runs for each association the client opens (`index` counts them from 0). */
type Script = (peer: PeerConnection, index: number) => Promise<void> | void;

const servers: Server[] = [];
/** `idleTimeoutMs`: short where silence is the case under test; generous elsewhere, so a busy machine's pause is never mistaken for it. */
async function scriptedPeer(script: Script, idleTimeoutMs = 10_000): Promise<DimseNode> {
  let connections = 0;
  const server = createServer((socket) => {
    const peer = new PeerConnection(socket);
    void Promise.resolve(script(peer, connections++)).catch(() => socket.destroy());
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  // Silence is ended by the client's own idle timer, never by the test.
  return dimseNode({ calledAet: 'BADPEER', host: '127.0.0.1', port, idleTimeoutMs });
}

afterAll(async () => {
  for (const s of servers) await new Promise<void>((resolve) => s.close(() => resolve()));
});

/** A C-STORE-RQ command from the peer for one object of a C-GET. */
const storeRq = (sopInstance: string): Buffer =>
  encodeCommand([
    { tag: CMD.affectedSopClassUid, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.4' },
    { tag: CMD.commandField, vr: 'US', value: COMMAND.cStoreRq },
    { tag: CMD.messageId, vr: 'US', value: 7 },
    { tag: CMD.priority, vr: 'US', value: 0 },
    { tag: CMD.commandDataSetType, vr: 'US', value: 0 },
    { tag: CMD.affectedSopInstanceUid, vr: 'UI', value: sopInstance },
  ]);

/** A storage context the peer accepted (C-GET proposes storage contexts after the GET context). */
const MR_CONTEXT = 3;

/**
 * A C-GET scenario: the client first asks (C-FIND, its own association) which SOP classes the study holds; the
 * peer says none, and `then` plays the C-GET association.
 */
const cGet = (then: (peer: PeerConnection) => Promise<void>): Script => async (peer, index) => {
  await peer.accept();
  const request = await peer.request();
  if (index === 0) peer.findDone(request.contextId, request.messageId);
  else await then(peer);
};

const cache = tempDir('dimse-bad-peers');
afterAll(() => cache.remove());
let caseDir = '';
afterEach(() => {
  // Nothing in the cache after any failure: no study, no hidden partial folder.
  if (caseDir !== '') expect(readdirSync(caseDir)).toEqual([]);
  caseDir = '';
});
const freshCache = (name: string): string => {
  caseDir = join(cache.path, name);
  mkdirSync(caseDir);
  return caseDir;
};

const cases: ReadonlyArray<{ name: string; script: Script; act: (node: DimseNode) => Promise<unknown>; code: PacsError['code']; message: RegExp; idleTimeoutMs?: number }> = [
  {
    name: 'an association refused (our AE title unknown)',
    script: async (peer) => {
      await peer.next();
      peer.socket.end(encodeAssociateRj(3));
    },
    act: (node) => echo(node),
    code: 'refused-credentials',
    message: /^The DICOM node at BADPEER@127\.0\.0\.1:\d+ refused the association: it does not know our AE title \(called BADPEER, calling SPINEMET\)\.$/,
  },
  {
    name: 'an answer that is not DICOM (an HTTP server on that port)',
    script: (peer) => void peer.socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'),
    act: (node) => echo(node),
    code: 'bad-answer',
    message: /^The DICOM node sent something that is not a DICOM message \(is the port right\?\)\.$/,
  },
  {
    name: 'a malformed association answer',
    script: async (peer) => {
      await peer.next();
      const body = Buffer.alloc(72);
      body[68] = 0x21;
      body.writeUInt16BE(200, 70);
      const head = Buffer.from([PDU.associateAc, 0, 0, 0, 0, 72]);
      peer.socket.write(Buffer.concat([head, body]));
    },
    act: (node) => echo(node),
    code: 'bad-answer',
    message: /^The DICOM node sent a malformed association answer\.$/,
  },
  {
    name: 'silence after the connection',
    script: () => undefined,
    act: (node) => echo(node),
    code: 'timeout',
    message: /^The DICOM node at BADPEER@127\.0\.0\.1:\d+ did not answer for 300 ms; the connection was closed\.$/,
    idleTimeoutMs: 300,
  },
  {
    name: 'a 2 GB claimed length in the association answer',
    script: async (peer) => {
      await peer.next();
      peer.socket.write(Buffer.from([PDU.associateAc, 0, 0x80, 0, 0, 0]));
    },
    act: (node) => echo(node),
    code: 'too-large',
    message: /^The DICOM node announced a message of 2048 MiB, over the 256 KiB allowed; the connection was closed\.$/,
  },
  {
    name: 'a 2 GB claimed length in the middle of a C-GET',
    script: cGet(async (peer) => {
      peer.socket.write(encodePData(MR_CONTEXT, true, true, storeRq('1.2.3.4')));
      peer.socket.write(Buffer.from([PDU.pData, 0, 0x80, 0, 0, 0, 0x7f, 0xff, 0xff, 0xfa, MR_CONTEXT, 0]));
    }),
    act: (node) => getStudy(node, STUDY, freshCache('two-gb')),
    code: 'too-large',
    message: /announced a message of 2048 MiB, over the 256 KiB allowed; the connection was closed\.$/,
  },
  {
    name: 'a connection dropped before the first answer of a C-GET',
    script: async (peer) => {
      await peer.accept();
      await peer.request(); // the C-FIND asking which SOP classes the study holds
      peer.socket.destroy();
    },
    act: (node) => getStudy(node, STUDY, freshCache('dropped-find')),
    code: 'bad-answer',
    message: /^The DICOM node at BADPEER@127\.0\.0\.1:\d+ closed the connection before the exchange was complete\.$/,
  },
  {
    name: 'a C-GET whose object stops half way and the connection drops',
    script: cGet(async (peer) => {
      peer.socket.write(encodePData(MR_CONTEXT, true, true, storeRq('1.2.3.4')));
      peer.socket.write(encodePData(MR_CONTEXT, false, false, Buffer.alloc(8000, 1)));
      peer.socket.destroy();
    }),
    act: (node) => getStudy(node, STUDY, freshCache('dropped-object')),
    code: 'bad-answer',
    message: /closed the connection before the exchange was complete\.$/,
  },
  {
    name: 'a C-GET whose object stops half way and the peer falls silent',
    script: cGet(async (peer) => {
      peer.socket.write(encodePData(MR_CONTEXT, true, true, storeRq('1.2.3.4')));
      peer.socket.write(encodePData(MR_CONTEXT, false, false, Buffer.alloc(8000, 1)));
    }),
    act: (node) => getStudy(node, STUDY, freshCache('silent-object')),
    code: 'timeout',
    message: /did not answer for 300 ms; the connection was closed\.$/,
    idleTimeoutMs: 300,
  },
  {
    name: 'a C-FIND answered with a malformed identifier',
    script: async (peer) => {
      await peer.accept();
      const { contextId, messageId } = await peer.request();
      peer.socket.write(encodePData(contextId, true, true, encodeCommand([
        { tag: CMD.affectedSopClassUid, vr: 'UI', value: '1.2.840.10008.5.1.4.1.2.2.1' },
        { tag: CMD.commandField, vr: 'US', value: COMMAND.cFindRsp },
        { tag: CMD.messageIdBeingRespondedTo, vr: 'US', value: messageId },
        { tag: CMD.commandDataSetType, vr: 'US', value: 0 },
        { tag: CMD.status, vr: 'US', value: 0xff00 },
      ])));
      // (0010,0010) claiming 0x00FFFFF0 bytes of a 12-byte identifier.
      peer.socket.write(encodePData(contextId, false, true, Buffer.from([0x10, 0x00, 0x10, 0x00, 0xf0, 0xff, 0xff, 0x00, 0x41, 0x42, 0x43, 0x44])));
    },
    act: (node) => findStudies(node, {}),
    code: 'bad-answer',
    message: /^The DICOM node at BADPEER@127\.0\.0\.1:\d+ answered the study search with a malformed identifier\.$/,
  },
  {
    name: 'a response to a message we never sent',
    script: async (peer) => {
      await peer.accept();
      const { contextId } = await peer.request();
      peer.socket.write(encodePData(contextId, true, true, encodeCommand([
        { tag: CMD.commandField, vr: 'US', value: COMMAND.cEchoRsp },
        { tag: CMD.messageIdBeingRespondedTo, vr: 'US', value: 0xfff0 },
        { tag: CMD.commandDataSetType, vr: 'US', value: 0x0101 },
        { tag: CMD.status, vr: 'US', value: 0 },
      ])));
    },
    act: (node) => echo(node),
    code: 'bad-answer',
    message: /^The DICOM node at BADPEER@127\.0\.0\.1:\d+ answered the connection test with an unexpected message\.$/,
  },
];

describe('DIMSE bad peers', () => {
  it.each(cases)('$name: one plain error, no hang', async (c) => {
    const node = await scriptedPeer(c.script, c.idleTimeoutMs);
    const error = await c.act(node).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PacsError);
    expect((error as PacsError).code).toBe(c.code);
    expect((error as PacsError).message).toMatch(c.message);
  });

  it('a cancel during a C-GET aborts it and leaves nothing in the cache', async () => {
    const controller = new AbortController();
    const node = await scriptedPeer(
      cGet(async (peer) => {
        peer.socket.write(encodePData(MR_CONTEXT, true, true, storeRq('1.2.3.4')));
        peer.socket.write(encodePData(MR_CONTEXT, false, false, Buffer.alloc(8000, 1)), () => controller.abort());
      }),
    );
    await expect(getStudy(node, STUDY, freshCache('cancelled'), { signal: controller.signal })).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('a sending cut after the first object: that one stored, the rest failed, nothing sent twice', async () => {
    const seen: string[] = [];
    const node = await scriptedPeer(async (peer) => {
      await peer.accept();
      const first = await peer.request();
      seen.push(first.sopInstance);
      peer.socket.write(encodePData(first.contextId, true, true, encodeCommand([
        { tag: CMD.affectedSopClassUid, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.4' },
        { tag: CMD.commandField, vr: 'US', value: COMMAND.cStoreRsp },
        { tag: CMD.messageIdBeingRespondedTo, vr: 'US', value: first.messageId },
        { tag: CMD.commandDataSetType, vr: 'US', value: 0x0101 },
        { tag: CMD.status, vr: 'US', value: 0 },
        { tag: CMD.affectedSopInstanceUid, vr: 'UI', value: first.sopInstance },
      ])));
      const second = await peer.request();
      seen.push(second.sopInstance);
      peer.socket.destroy();
    });
    const files = lumbarFiles().slice(0, 3);
    const heard: string[] = [];
    const outcomes = await storeFiles(node, files, { onObject: (o) => heard.push(o.status) });
    expect(outcomes.map((o) => o.status)).toEqual(['stored', 'failed', 'failed']);
    expect(heard).toEqual(['stored', 'failed', 'failed']);
    expect(outcomes[1]?.reasonText).toMatch(/^not confirmed: the DICOM node at BADPEER@127\.0\.0\.1:\d+ closed the connection before the exchange was complete$/);
    expect(seen).toEqual(outcomes.slice(0, 2).map((o) => o.sopInstanceUid));
  });
});
