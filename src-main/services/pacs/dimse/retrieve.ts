// Retrieval over DIMSE into the study cache: C-GET (the objects come back on our own association) or C-MOVE (the
// PACS opens an association to our storage SCP, listening on a configured port for the time of the retrieval).
// Each received object streams into its own file in a hidden partial folder; the folder becomes the study only
// when the PACS reports the retrieval complete and every object arrived whole. A failure removes it.

import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { join } from 'node:path';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../../private-files';
import { PacsError } from '../pacs-error';
import { touchStudy } from '../study-cache';
import { checkUid } from '../uid';
import { studyCacheFolder } from '../wado';
import type { RetrievedStudy, RetrieveOptions } from '../wado';
import { Association, IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME, OUR_MAX_PDU } from './association';
import type { DimseMessage } from './association';
import { commandText, commandUs, encodeCommand, EXPLICIT_LE, fileMeta, IMPLICIT_LE } from './elements';
import type { DimseNode } from './node';
import { dimseLabel } from './node';
import { decodeAssociateRq, encodeAssociateAc, encodeAssociateRj, PDU } from './pdu';
import type { AcceptedContext, ProposedContext } from './pdu';
import { capital, CMD, COMMAND, contextFor, expectResponse, hasDataSet, hex4, identifier, messageId, NO_DATA_SET, sopClassesInStudy, STUDY_ROOT_GET, STUDY_ROOT_MOVE, statusError, VERIFICATION, withAssociation } from './scu';

const DEFAULT_MAX_STUDY_BYTES = 4 * 1024 ** 3;
const DEFAULT_MAX_OBJECTS = 100_000;

/** Transfer syntaxes we take objects in as they are (no transcoding asked of the PACS). */
const STORED_SYNTAXES = [
  '1.2.840.10008.1.2.4.50', '1.2.840.10008.1.2.4.51', '1.2.840.10008.1.2.4.57', '1.2.840.10008.1.2.4.70',
  '1.2.840.10008.1.2.4.80', '1.2.840.10008.1.2.4.81', '1.2.840.10008.1.2.4.90', '1.2.840.10008.1.2.4.91',
  '1.2.840.10008.1.2.5', '1.2.840.10008.1.2.1.99', '1.2.840.10008.1.2.2', IMPLICIT_LE,
];

/** Storage SOP classes proposed for C-GET when the PACS does not list a study's classes (PS3.4 B.5). */
const COMMON_STORAGE = [
  '1', '1.1', '1.2', '2', '2.1', '2.2', '4', '4.1', '4.4', '6.1', '7', '7.1', '7.2', '7.3', '7.4', '12.1', '12.2', '20', '128', '130', '481.1',
  '88.11', '88.22', '88.33', '88.34', '88.59', '104.1', '11.1', '66', '66.4', '67',
].map((s) => `1.2.840.10008.5.1.4.1.1.${s}`);

const isStorageClass = (uid: string): boolean => uid.startsWith('1.2.840.10008.5.1.4.1.1.');

/** Files of one retrieval, written under a hidden partial folder; at most `maxBytes` and `maxObjects`. */
class PartialStudy {
  readonly files: string[] = [];
  readonly uids = new Set<string>();
  bytes = 0;
  constructor(
    readonly folder: string,
    private readonly options: RetrieveOptions,
  ) {}

  /** Receives one C-STORE request's data set into a new file and answers it. */
  async receive(a: Association, message: DimseMessage): Promise<void> {
    const sopClass = commandText(message.command.get(CMD.affectedSopClassUid));
    const sopInstance = commandText(message.command.get(CMD.affectedSopInstanceUid));
    const mid = commandUs(message.command.get(CMD.messageId)) ?? 0;
    const context = a.accepted.get(message.contextId);
    if (!hasDataSet(message.command) || context === undefined || !checkUid(sopClass) || !checkUid(sopInstance)) {
      const error = new PacsError('bad-answer', `${capital(a.peer)} sent an object without its identity.`);
      a.abort(error);
      throw error;
    }
    const maxObjects = this.options.maxObjects ?? DEFAULT_MAX_OBJECTS;
    const maxBytes = this.options.maxBytes ?? DEFAULT_MAX_STUDY_BYTES;
    if (this.files.length >= maxObjects) {
      const error = new PacsError('too-large', `The study has more than the ${maxObjects} files allowed.`);
      a.abort(error);
      throw error;
    }
    // The same object twice (a PACS retrying) is kept once.
    const duplicate = this.uids.has(sopInstance);
    let file: FileHandle | undefined;
    if (!duplicate) {
      const name = `${String(this.files.length + 1).padStart(5, '0')}.dcm`;
      file = await open(join(this.folder, name), 'wx', PRIVATE_FILE_MODE);
      this.files.push(name);
      this.uids.add(sopInstance);
      await file.write(fileMeta(sopClass, sopInstance, context.transferSyntax, IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME, ''));
    }
    try {
      const received = await a.receiveDataset(message.contextId, maxBytes - this.bytes, async (bytes) => void (await file?.write(bytes)), () => new PacsError('too-large', `The study is larger than the ${Math.round(maxBytes / 1024 ** 2)} MiB allowed; the retrieval was stopped.`));
      if (!duplicate) this.bytes += received;
    } finally {
      await file?.close();
    }
    await a.sendCommand(message.contextId, encodeCommand([
      { tag: CMD.affectedSopClassUid, vr: 'UI', value: sopClass },
      { tag: CMD.commandField, vr: 'US', value: COMMAND.cStoreRsp },
      { tag: CMD.messageIdBeingRespondedTo, vr: 'US', value: mid },
      { tag: CMD.commandDataSetType, vr: 'US', value: NO_DATA_SET },
      { tag: CMD.status, vr: 'US', value: 0 },
      { tag: CMD.affectedSopInstanceUid, vr: 'UI', value: sopInstance },
    ]));
    this.options.onProgress?.({ objects: this.files.length, bytes: this.bytes });
  }
}

/** Runs `fill` against a fresh partial folder and renames it into the cache when it succeeds; removes it otherwise. */
async function intoCache(cacheDir: string, studyInstanceUid: string, options: RetrieveOptions, fill: (study: PartialStudy) => Promise<void>): Promise<RetrievedStudy> {
  const folder = studyCacheFolder(cacheDir, studyInstanceUid);
  const partialPath = join(cacheDir, `.${studyInstanceUid}.partial-${randomBytes(6).toString('hex')}`);
  try {
    await makePrivateDir(cacheDir);
    await makePrivateDir(partialPath);
  } catch {
    throw new PacsError('local-file', `The study could not be written to ${cacheDir}.`);
  }
  const partial = new PartialStudy(partialPath, options);
  try {
    await fill(partial);
    if (partial.files.length === 0) throw new PacsError('not-found', `The PACS sent no files for study ${studyInstanceUid}.`);
    await rm(folder, { recursive: true, force: true });
    await rename(partialPath, folder);
    await touchStudy(folder);
    return { folder, files: partial.files.map((name) => join(folder, name)), bytes: partial.bytes };
  } catch (error) {
    await rm(partialPath, { recursive: true, force: true });
    if (error instanceof PacsError) throw error;
    throw new PacsError('local-file', `The study could not be written to ${cacheDir}.`);
  }
}

const studyIdentifier = (studyInstanceUid: string, transferSyntax: string): Buffer =>
  identifier([{ tag: 0x00080052, vr: 'CS', value: 'STUDY' }, { tag: 0x0020000d, vr: 'UI', value: studyInstanceUid }], transferSyntax);

/** Sub-operation counts of a C-GET/C-MOVE response. */
const counts = (command: ReadonlyMap<number, Buffer>): { completed: number; failed: number; warning: number } => ({
  completed: commandUs(command.get(CMD.completed)) ?? 0,
  failed: commandUs(command.get(CMD.failed)) ?? 0,
  warning: commandUs(command.get(CMD.warning)) ?? 0,
});

function finalCheck(a: Association, status: number, command: ReadonlyMap<number, Buffer>, purpose: string): void {
  const { failed } = counts(command);
  if (status === 0 && failed === 0) return;
  if ((status === 0 || (status & 0xf000) === 0xb000) && failed > 0) throw new PacsError('server-error', `${capital(a.peer)} could not send ${failed} of the study's objects; the retrieval was not kept.`);
  if ((status & 0xf000) === 0xb000) return;
  throw statusError(a, status, purpose, commandText(command.get(CMD.errorComment)));
}

/** C-GET of a whole study: storage contexts (SCP role) for its SOP classes, objects received on the association. */
export async function getStudy(node: DimseNode, studyInstanceUid: string, cacheDir: string, options: RetrieveOptions = {}): Promise<RetrievedStudy> {
  studyCacheFolder(cacheDir, studyInstanceUid);
  const listed = await sopClassesInStudy(node, studyInstanceUid, options.signal);
  const classes = (listed.length > 0 ? listed : COMMON_STORAGE).filter(isStorageClass);
  // One context per transfer syntax and class when room allows, so the PACS can send each object as it is stored
  // (an acceptor picks one syntax per context); else one context of both uncompressed syntaxes per class.
  const perClass = 1 + STORED_SYNTAXES.length;
  const withCompressed = 1 + classes.length * perClass <= 127;
  const contexts: ProposedContext[] = [{ id: 1, abstractSyntax: STUDY_ROOT_GET, transferSyntaxes: [EXPLICIT_LE, IMPLICIT_LE] }];
  for (const uid of classes.slice(0, 126)) {
    contexts.push({ id: contexts.length * 2 + 1, abstractSyntax: uid, transferSyntaxes: withCompressed ? [EXPLICIT_LE] : [EXPLICIT_LE, IMPLICIT_LE] });
    if (withCompressed) for (const ts of STORED_SYNTAXES) contexts.push({ id: contexts.length * 2 + 1, abstractSyntax: uid, transferSyntaxes: [ts] });
  }
  const purpose = 'the study retrieval (C-GET)';
  return intoCache(cacheDir, studyInstanceUid, options, (partial) =>
    withAssociation(node, contexts, async (a) => {
      const { id, transferSyntax } = contextFor(a, STUDY_ROOT_GET, 'study retrieval by C-GET (configure a storage port to use C-MOVE)');
      const mid = messageId();
      await a.sendCommand(id, encodeCommand([
        { tag: CMD.affectedSopClassUid, vr: 'UI', value: STUDY_ROOT_GET },
        { tag: CMD.commandField, vr: 'US', value: COMMAND.cGetRq },
        { tag: CMD.messageId, vr: 'US', value: mid },
        { tag: CMD.priority, vr: 'US', value: 0 },
        { tag: CMD.commandDataSetType, vr: 'US', value: 0 },
      ]));
      await a.sendDataset(id, studyIdentifier(studyInstanceUid, transferSyntax));
      for (;;) {
        const message = await a.receiveCommand();
        const field = commandUs(message.command.get(CMD.commandField));
        if (field === COMMAND.cStoreRq) {
          await partial.receive(a, message);
          continue;
        }
        if (field !== COMMAND.cGetRsp || commandUs(message.command.get(CMD.messageIdBeingRespondedTo)) !== mid) {
          const error = new PacsError('bad-answer', `${capital(a.peer)} answered ${purpose} with an unexpected message.`);
          a.abort(error);
          throw error;
        }
        if (hasDataSet(message.command)) await a.receiveDataset(message.contextId, 1024 * 1024, () => undefined, () => new PacsError('too-large', 'too large'));
        const status = commandUs(message.command.get(CMD.status)) ?? 0xffff;
        if (status === 0xff00) continue;
        finalCheck(a, status, message.command, purpose);
        return;
      }
    }, { scpRoles: classes.slice(0, 126), ...(options.signal ? { signal: options.signal } : {}) }),
  );
}

// ---- C-MOVE and our storage SCP ---------------------------------------------------------------------------------

interface ScpRun {
  readonly server: Server;
  /** Resolves when every association the PACS opened has ended; rejects with the first failure. */
  idle(): Promise<void>;
  close(): Promise<void>;
  readonly failure: () => PacsError | undefined;
}

/** Our storage SCP for one retrieval: takes associations called with our AE title, storage and echo only. */
async function startStorageScp(node: DimseNode, port: number, partial: PartialStudy, listenHost: string | undefined): Promise<ScpRun> {
  const sockets = new Set<Socket>();
  const running = new Set<Promise<void>>();
  let failure: PacsError | undefined;
  const server = createServer((socket) => {
    sockets.add(socket);
    const done = serveAssociation(node, socket, partial)
      .catch((error: unknown) => {
        failure ??= error instanceof PacsError ? error : new PacsError('local-file', 'A received object could not be written.');
      })
      .finally(() => {
        sockets.delete(socket);
        running.delete(done);
      });
    running.add(done);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new PacsError('bad-config', error.code === 'EADDRINUSE' ? `The storage port ${port} for C-MOVE is in use by another program.` : `The storage port ${port} for C-MOVE could not be opened.`)),
    );
    server.listen(port, listenHost, () => resolve());
  });
  return {
    server,
    failure: () => failure,
    idle: async () => {
      while (running.size > 0) await Promise.all([...running]);
      if (failure !== undefined) throw failure;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function serveAssociation(node: DimseNode, socket: Socket, partial: PartialStudy): Promise<void> {
  const a = new Association(socket, 'the PACS sending to our storage port', node.idleTimeoutMs ?? 15_000);
  const request = await a.nextPdu();
  if (request.type !== PDU.associateRq) {
    a.abort(new PacsError('bad-answer', 'not an association request'));
    return;
  }
  const rq = decodeAssociateRq(request.body);
  if (rq.calledAet !== node.callingAet.trim()) {
    await a.write(encodeAssociateRj(7)).catch(() => undefined);
    a.close();
    return;
  }
  const results: AcceptedContext[] = rq.contexts.map((c) => {
    const ok = (isStorageClass(c.abstractSyntax) || c.abstractSyntax === VERIFICATION) && c.transferSyntaxes.length > 0;
    const ts = c.transferSyntaxes[0] ?? IMPLICIT_LE;
    if (ok) a.accepted.set(c.id, { abstractSyntax: c.abstractSyntax, transferSyntax: ts });
    return { id: c.id, result: ok ? 0 : 3, transferSyntax: ts };
  });
  a.peerMaxPdu = rq.maxPduLength;
  await a.write(encodeAssociateAc(rq.calledAet, rq.callingAet, results, OUR_MAX_PDU, IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME));
  for (;;) {
    let message: DimseMessage;
    try {
      message = await a.receiveCommand();
    } catch (error) {
      // The peer's release ends the association normally.
      if (error instanceof PacsError && /ended the association/.test(error.message)) return;
      throw error;
    }
    const field = commandUs(message.command.get(CMD.commandField));
    if (field === COMMAND.cStoreRq) await partial.receive(a, message);
    else if (field === COMMAND.cEchoRq) {
      await a.sendCommand(message.contextId, encodeCommand([
        { tag: CMD.affectedSopClassUid, vr: 'UI', value: VERIFICATION },
        { tag: CMD.commandField, vr: 'US', value: COMMAND.cEchoRsp },
        { tag: CMD.messageIdBeingRespondedTo, vr: 'US', value: commandUs(message.command.get(CMD.messageId)) ?? 0 },
        { tag: CMD.commandDataSetType, vr: 'US', value: NO_DATA_SET },
        { tag: CMD.status, vr: 'US', value: 0 },
      ]));
    } else {
      a.abort(new PacsError('bad-answer', 'unexpected'));
      throw new PacsError('bad-answer', 'The PACS sent our storage port a request other than storing objects.');
    }
  }
}

/** C-MOVE of a whole study to our own storage SCP on `node.movePort` (the PACS must know our AE title there). */
export async function moveStudy(node: DimseNode, studyInstanceUid: string, cacheDir: string, options: RetrieveOptions & { listenHost?: string } = {}): Promise<RetrievedStudy> {
  const port = node.movePort;
  if (port === undefined) throw new PacsError('bad-config', 'C-MOVE needs a storage port for our storage SCP.');
  studyCacheFolder(cacheDir, studyInstanceUid);
  const purpose = 'the study retrieval (C-MOVE)';
  return intoCache(cacheDir, studyInstanceUid, options, async (partial) => {
    const scp = await startStorageScp(node, port, partial, options.listenHost);
    try {
      let completed = 0;
      await withAssociation(node, [{ id: 1, abstractSyntax: STUDY_ROOT_MOVE, transferSyntaxes: [EXPLICIT_LE, IMPLICIT_LE] }], async (a) => {
        const { id, transferSyntax } = contextFor(a, STUDY_ROOT_MOVE, 'study retrieval by C-MOVE');
        const mid = messageId();
        await a.sendCommand(id, encodeCommand([
          { tag: CMD.affectedSopClassUid, vr: 'UI', value: STUDY_ROOT_MOVE },
          { tag: CMD.commandField, vr: 'US', value: COMMAND.cMoveRq },
          { tag: CMD.messageId, vr: 'US', value: mid },
          { tag: CMD.moveDestination, vr: 'AE', value: node.callingAet },
          { tag: CMD.priority, vr: 'US', value: 0 },
          { tag: CMD.commandDataSetType, vr: 'US', value: 0 },
        ]));
        await a.sendDataset(id, studyIdentifier(studyInstanceUid, transferSyntax));
        for (;;) {
          const answer = await expectResponse(a, COMMAND.cMoveRsp, mid, purpose);
          if (hasDataSet(answer.command)) await a.receiveDataset(answer.contextId, 1024 * 1024, () => undefined, () => new PacsError('too-large', 'too large'));
          const scpFailure = scp.failure();
          if (scpFailure !== undefined) throw scpFailure;
          const status = commandUs(answer.command.get(CMD.status)) ?? 0xffff;
          if (status === 0xff00) continue;
          finalCheck(a, status, answer.command, purpose);
          completed = counts(answer.command).completed + counts(answer.command).warning;
          return;
        }
      }, options.signal ? { signal: options.signal } : {}).catch((error: unknown) => {
        // Orthanc, among others, aborts a C-MOVE to a destination it does not know: said in words a reader can act on.
        if (error instanceof PacsError && error.code === 'refused-credentials' && /aborted the association \(does it accept/.test(error.message)) {
          throw new PacsError('refused-credentials', `The DICOM node at ${dimseLabel(node)} aborted the study retrieval (C-MOVE): does it know our AE title ${node.callingAet} at this computer's address and storage port ${port}?`);
        }
        throw error;
      });
      // The PACS releases its association to us around its final answer: wait for the objects in flight.
      await scp.idle();
      if (partial.files.length < completed) throw new PacsError('bad-answer', `The PACS reported ${completed} objects sent, but ${partial.files.length} arrived at our storage port.`);
    } finally {
      await scp.close();
    }
  });
}

export { hex4, dimseLabel };
