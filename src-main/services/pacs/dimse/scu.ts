// The DIMSE services we use as SCU (PS3.4 Annex A, C; PS3.7 9.1): C-ECHO, C-FIND at study and series level (Study
// Root), C-STORE of files (each streamed from disk, one response awaited before the next is sent), and the commands
// C-GET and C-MOVE start (their storage side lives in retrieve.ts).

import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { TAG } from '@shared/dicom/tags';
import { characterSetTerms } from '@shared/dicom/charset';
import { text as textOf, textIn } from '@shared/dicom/dataset-values';
import { parseDicomBounded } from '@shared/dicom/decode/parse-bounded';
import { PacsError } from '../pacs-error';
import type { SeriesSummary, StudyQuery, StudySummary } from '../qido';
import { studyQueryProblem } from '../qido';
import { reasonText } from '../stow';
import { checkUid } from '../uid';
import { openAssociation } from './association';
import type { Association } from './association';
import { commandText, commandUs, encodeCommand, encodeElements, EXPLICIT_LE, IMPLICIT_LE } from './elements';
import type { SimpleElement } from './elements';
import type { DimseNode } from './node';
import { dimseLabel } from './node';
import type { ProposedContext } from './pdu';

export const VERIFICATION = '1.2.840.10008.1.1';
export const STUDY_ROOT_FIND = '1.2.840.10008.5.1.4.1.2.2.1';
export const STUDY_ROOT_MOVE = '1.2.840.10008.5.1.4.1.2.2.2';
export const STUDY_ROOT_GET = '1.2.840.10008.5.1.4.1.2.2.3';

export const COMMAND = { cStoreRq: 0x0001, cStoreRsp: 0x8001, cGetRq: 0x0010, cGetRsp: 0x8010, cFindRq: 0x0020, cFindRsp: 0x8020, cMoveRq: 0x0021, cMoveRsp: 0x8021, cEchoRq: 0x0030, cEchoRsp: 0x8030 } as const;

/** Command set elements (PS3.7 E.1). */
export const CMD = {
  affectedSopClassUid: 0x00000002,
  commandField: 0x00000100,
  messageId: 0x00000110,
  messageIdBeingRespondedTo: 0x00000120,
  moveDestination: 0x00000600,
  priority: 0x00000700,
  commandDataSetType: 0x00000800,
  status: 0x00000900,
  errorComment: 0x00000902,
  affectedSopInstanceUid: 0x00001000,
  remaining: 0x00001020,
  completed: 0x00001021,
  failed: 0x00001022,
  warning: 0x00001023,
  moveOriginatorAet: 0x00001030,
  moveOriginatorMessageId: 0x00001031,
} as const;

export const NO_DATA_SET = 0x0101;
const PENDING = new Set([0xff00, 0xff01]);
const UNCOMPRESSED = [EXPLICIT_LE, IMPLICIT_LE];

/** Identifiers larger than this (one study's attributes) are refused; 5000 studies at most per search. */
const MAX_IDENTIFIER_BYTES = 1024 * 1024;
const MAX_MATCHES = 5000;

export const hex4 = (status: number): string => status.toString(16).toUpperCase().padStart(4, '0');

let nextMessageId = 1;
export const messageId = (): number => {
  nextMessageId = (nextMessageId % 0xffff) + 1;
  return nextMessageId;
};

/** One association for one service: opened, used, released (aborted on failure). */
export async function withAssociation<T>(node: DimseNode, contexts: readonly ProposedContext[], use: (association: Association) => Promise<T>, options: { scpRoles?: readonly string[]; signal?: AbortSignal } = {}): Promise<T> {
  const { association } = await openAssociation(node, contexts, options);
  try {
    const result = await use(association);
    await association.release();
    return result;
  } catch (error) {
    association.abort(error instanceof PacsError ? error : new PacsError('bad-answer', 'failed'));
    const failure = association.failed ?? error;
    // A peer that aborts on a request (Orthanc does for an AE title it does not know) is said so, with what to check.
    if (failure instanceof PacsError && failure.code === 'bad-answer' && /aborted the association\.$/.test(failure.message)) {
      throw new PacsError('refused-credentials', `${failure.message.replace(/\.$/, '')} (does it accept requests from our AE title ${node.callingAet}?).`);
    }
    throw failure;
  }
}

/** The accepted context for an abstract syntax, or a plain refusal naming the service. */
export function contextFor(association: Association, abstractSyntax: string, service: string): { id: number; transferSyntax: string } {
  for (const [id, c] of association.accepted) if (c.abstractSyntax === abstractSyntax) return { id, transferSyntax: c.transferSyntax };
  throw new PacsError('forbidden', `${association.peer.charAt(0).toUpperCase()}${association.peer.slice(1)} does not offer ${service}.`);
}

/** C-ECHO: "Test connection". */
export async function echo(node: DimseNode, signal?: AbortSignal): Promise<void> {
  await withAssociation(node, [{ id: 1, abstractSyntax: VERIFICATION, transferSyntaxes: UNCOMPRESSED }], async (a) => {
    const { id } = contextFor(a, VERIFICATION, 'the verification service (C-ECHO)');
    const mid = messageId();
    await a.sendCommand(id, encodeCommand([
      { tag: CMD.affectedSopClassUid, vr: 'UI', value: VERIFICATION },
      { tag: CMD.commandField, vr: 'US', value: COMMAND.cEchoRq },
      { tag: CMD.messageId, vr: 'US', value: mid },
      { tag: CMD.commandDataSetType, vr: 'US', value: NO_DATA_SET },
    ]));
    const answer = await expectResponse(a, COMMAND.cEchoRsp, mid, 'the connection test');
    const status = commandUs(answer.command.get(CMD.status));
    if (status !== 0) throw new PacsError('server-error', `${capital(a.peer)} answered the connection test with status ${hex4(status ?? 0xffff)}.`);
  }, signal ? { signal } : {});
}

export const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The next command, which must be the response `field` to message `mid`. */
export async function expectResponse(a: Association, field: number, mid: number, purpose: string): Promise<{ contextId: number; command: ReadonlyMap<number, Buffer> }> {
  const message = await a.receiveCommand();
  if (commandUs(message.command.get(CMD.commandField)) !== field || commandUs(message.command.get(CMD.messageIdBeingRespondedTo)) !== mid) {
    const error = new PacsError('bad-answer', `${capital(a.peer)} answered ${purpose} with an unexpected message.`);
    a.abort(error);
    throw error;
  }
  return message;
}

export const hasDataSet = (command: ReadonlyMap<number, Buffer>): boolean => commandUs(command.get(CMD.commandDataSetType)) !== NO_DATA_SET;

const isAscii = (value: string): boolean => /^[\x20-\x7e]*$/.test(value);

/** The identifier bytes in the context's transfer syntax; ISO_IR 192 is declared when a value needs it. */
export function identifier(elements: readonly SimpleElement[], transferSyntax: string): Buffer {
  const utf8 = elements.some((e) => typeof e.value === 'string' && !isAscii(e.value));
  return encodeElements(utf8 ? [...elements, { tag: 0x00080005, vr: 'CS', value: 'ISO_IR 192' }] : elements, transferSyntax !== IMPLICIT_LE);
}

const tagOf = (name: keyof typeof TAG): number => Number.parseInt(TAG[name].slice(1), 16);

function studyKeys(query: StudyQuery): SimpleElement[] {
  return [
    { tag: 0x00080052, vr: 'CS', value: 'STUDY' },
    { tag: tagOf('patientName'), vr: 'PN', value: query.patientName ?? '' },
    { tag: tagOf('patientId'), vr: 'LO', value: query.patientId ?? '' },
    { tag: tagOf('patientBirthDate'), vr: 'DA', value: '' },
    { tag: tagOf('studyDate'), vr: 'DA', value: query.studyDate ?? '' },
    { tag: tagOf('studyTime'), vr: 'TM', value: '' },
    { tag: tagOf('accessionNumber'), vr: 'SH', value: query.accessionNumber ?? '' },
    { tag: tagOf('modalitiesInStudy'), vr: 'CS', value: query.modality ?? '' },
    { tag: tagOf('studyDescription'), vr: 'LO', value: '' },
    { tag: tagOf('studyInstanceUid'), vr: 'UI', value: '' },
    { tag: tagOf('numberOfStudyRelatedSeries'), vr: 'IS', value: '' },
    { tag: tagOf('numberOfStudyRelatedInstances'), vr: 'IS', value: '' },
  ];
}

type ParsedIdentifier = ReturnType<typeof parseDicomBounded>;

/** C-FIND: every matching identifier, parsed. A peer that answers more than MAX_MATCHES is cancelled by closing. */
async function find(node: DimseNode, keys: readonly SimpleElement[], purpose: string, signal?: AbortSignal): Promise<ParsedIdentifier[]> {
  return withAssociation(node, [{ id: 1, abstractSyntax: STUDY_ROOT_FIND, transferSyntaxes: UNCOMPRESSED }], async (a) => {
    const { id, transferSyntax } = contextFor(a, STUDY_ROOT_FIND, 'study searches (C-FIND)');
    const mid = messageId();
    await a.sendCommand(id, encodeCommand([
      { tag: CMD.affectedSopClassUid, vr: 'UI', value: STUDY_ROOT_FIND },
      { tag: CMD.commandField, vr: 'US', value: COMMAND.cFindRq },
      { tag: CMD.messageId, vr: 'US', value: mid },
      { tag: CMD.priority, vr: 'US', value: 0 },
      { tag: CMD.commandDataSetType, vr: 'US', value: 0 },
    ]));
    await a.sendDataset(id, identifier(keys, transferSyntax));
    const found: ParsedIdentifier[] = [];
    for (;;) {
      const answer = await expectResponse(a, COMMAND.cFindRsp, mid, purpose);
      const status = commandUs(answer.command.get(CMD.status)) ?? 0xffff;
      if (PENDING.has(status)) {
        const parts: Buffer[] = [];
        await a.receiveDataset(answer.contextId, MAX_IDENTIFIER_BYTES, (b) => void parts.push(Buffer.from(b)), () => new PacsError('too-large', `${capital(a.peer)} sent a search answer larger than 1 MiB.`));
        try {
          found.push(parseDicomBounded(Buffer.concat(parts), { TransferSyntaxUID: transferSyntax }));
        } catch {
          const error = new PacsError('bad-answer', `${capital(a.peer)} answered ${purpose} with a malformed identifier.`);
          a.abort(error);
          throw error;
        }
        if (found.length > MAX_MATCHES) {
          const error = new PacsError('too-large', `${capital(a.peer)} found more than ${MAX_MATCHES} matches; narrow the search.`);
          a.abort(error);
          throw error;
        }
        continue;
      }
      if (hasDataSet(answer.command)) await a.receiveDataset(answer.contextId, MAX_IDENTIFIER_BYTES, () => undefined, () => new PacsError('too-large', 'too large'));
      if (status !== 0) throw statusError(a, status, purpose, commandText(answer.command.get(CMD.errorComment)));
      return found;
    }
  }, signal ? { signal } : {});
}

/** A failure status of a C-FIND/C-GET/C-MOVE/C-STORE response, in words (the peer's comment is not shown). */
export function statusError(a: Association, status: number, purpose: string, _comment: string): PacsError {
  const why = status === 0xfe00 ? 'it was cancelled' : status === 0xa801 ? 'the PACS does not know our storage destination (add our AE title, host and port to its list of nodes)' : (reasonText(hex4(status)) ?? `status ${hex4(status)}`);
  return new PacsError(status === 0xfe00 ? 'cancelled' : 'server-error', `${capital(a.peer)} could not complete ${purpose}: ${why}.`);
}

const values = (ds: ParsedIdentifier, name: keyof typeof TAG): string[] => (textOf(ds, TAG[name]) ?? '').split('\\').map((v) => v.trim()).filter((v) => v !== '');
const integer = (ds: ParsedIdentifier, name: keyof typeof TAG): number | undefined => {
  const n = Number(textOf(ds, TAG[name]));
  return textOf(ds, TAG[name]) !== undefined && Number.isInteger(n) ? n : undefined;
};
const optional = <K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> => (value === undefined ? {} : { [key]: value }) as Partial<Record<K, number>>;

export async function findStudies(node: DimseNode, query: StudyQuery, signal?: AbortSignal): Promise<StudySummary[]> {
  const problem = studyQueryProblem(query);
  if (problem !== undefined) throw new PacsError('bad-request', problem);
  const found = await find(node, studyKeys(query), 'the study search', signal);
  const studies = found.map((ds) => {
    const terms = characterSetTerms(textOf(ds, TAG.specificCharacterSet));
    const txt = (name: keyof typeof TAG): string => textIn(ds, TAG[name], terms) ?? '';
    return {
      studyInstanceUid: txt('studyInstanceUid'),
      patientName: txt('patientName'),
      patientId: txt('patientId'),
      patientBirthDate: txt('patientBirthDate'),
      studyDate: txt('studyDate'),
      studyTime: txt('studyTime'),
      accessionNumber: txt('accessionNumber'),
      modalities: values(ds, 'modalitiesInStudy'),
      description: txt('studyDescription'),
      ...optional('seriesCount', integer(ds, 'numberOfStudyRelatedSeries')),
      ...optional('instanceCount', integer(ds, 'numberOfStudyRelatedInstances')),
    };
  });
  return studies.filter((s) => checkUid(s.studyInstanceUid)).slice(0, query.limit ?? 500);
}

export async function findSeries(node: DimseNode, studyInstanceUid: string, signal?: AbortSignal): Promise<SeriesSummary[]> {
  if (!checkUid(studyInstanceUid)) throw new PacsError('bad-request', 'The StudyInstanceUID is not a valid DICOM UID.');
  const keys: SimpleElement[] = [
    { tag: 0x00080052, vr: 'CS', value: 'SERIES' },
    { tag: tagOf('studyInstanceUid'), vr: 'UI', value: studyInstanceUid },
    { tag: tagOf('seriesInstanceUid'), vr: 'UI', value: '' },
    { tag: tagOf('modality'), vr: 'CS', value: '' },
    { tag: tagOf('seriesNumber'), vr: 'IS', value: '' },
    { tag: tagOf('seriesDescription'), vr: 'LO', value: '' },
    { tag: tagOf('numberOfSeriesRelatedInstances'), vr: 'IS', value: '' },
  ];
  const found = await find(node, keys, 'the series search', signal);
  return found
    .map((ds) => ({
      seriesInstanceUid: textOf(ds, TAG.seriesInstanceUid) ?? '',
      modality: textOf(ds, TAG.modality) ?? '',
      ...optional('seriesNumber', integer(ds, 'seriesNumber')),
      description: textIn(ds, TAG.seriesDescription, characterSetTerms(textOf(ds, TAG.specificCharacterSet))) ?? '',
      ...optional('instanceCount', integer(ds, 'numberOfSeriesRelatedInstances')),
    }))
    .filter((s) => checkUid(s.seriesInstanceUid));
}

/** The SOP classes a study holds (SOPClassesInStudy), when the peer supports that key; [] otherwise. */
export async function sopClassesInStudy(node: DimseNode, studyInstanceUid: string, signal?: AbortSignal): Promise<string[]> {
  const found = await find(node, [
    { tag: 0x00080052, vr: 'CS', value: 'STUDY' },
    { tag: tagOf('studyInstanceUid'), vr: 'UI', value: studyInstanceUid },
    { tag: tagOf('sopClassesInStudy'), vr: 'UI', value: '' },
  ], 'the study search', signal);
  return [...new Set(found.flatMap((ds) => values(ds, 'sopClassesInStudy')))].filter(checkUid);
}

// ---- C-STORE ---------------------------------------------------------------------------------------------------

export interface Part10Head {
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  readonly transferSyntaxUid: string;
  /** Where the data set starts (after the File Meta Information). */
  readonly datasetOffset: number;
}

/** The File Meta Information of a Part 10 file, read from its first bytes only. */
export async function readPart10Head(path: string): Promise<Part10Head> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    throw new PacsError('local-file', `${path} could not be read.`);
  }
  try {
    const start = Buffer.alloc(144);
    const { bytesRead } = await handle.read(start, 0, 144, 0);
    if (bytesRead < 144 || start.toString('latin1', 128, 132) !== 'DICM' || start.readUInt16LE(132) !== 2 || start.readUInt16LE(134) !== 0 || start.toString('latin1', 136, 138) !== 'UL') {
      throw new PacsError('local-file', `${path} is not a DICOM file with a file meta header.`);
    }
    const metaLength = start.readUInt32LE(140);
    if (metaLength > 64 * 1024) throw new PacsError('local-file', `${path} has a file meta header that is not plausible.`);
    const meta = Buffer.alloc(144 + metaLength);
    await handle.read(meta, 0, meta.length, 0);
    const values = metaValues(meta.subarray(144));
    if (values === undefined) throw new PacsError('local-file', `${path} has a malformed file meta header.`);
    const head = { sopClassUid: values.get(0x00020002) ?? '', sopInstanceUid: values.get(0x00020003) ?? '', transferSyntaxUid: values.get(0x00020010) ?? '', datasetOffset: 144 + metaLength };
    if (!checkUid(head.sopClassUid) || !checkUid(head.sopInstanceUid) || !checkUid(head.transferSyntaxUid)) throw new PacsError('local-file', `${path} lacks its SOP class, instance or transfer syntax in the file meta header.`);
    return head;
  } finally {
    await handle.close();
  }
}

/** The text values of File Meta elements (explicit VR little endian, group 0002 only). */
function metaValues(bytes: Buffer): Map<number, string> | undefined {
  const out = new Map<number, string>();
  let at = 0;
  while (at + 8 <= bytes.length) {
    const tag = ((bytes.readUInt16LE(at) << 16) | bytes.readUInt16LE(at + 2)) >>> 0;
    const vr = bytes.toString('latin1', at + 4, at + 6);
    const long = ['OB', 'OW', 'OF', 'SQ', 'UT', 'UN', 'UC', 'UR'].includes(vr);
    if (long && at + 12 > bytes.length) return undefined;
    const length = long ? bytes.readUInt32LE(at + 8) : bytes.readUInt16LE(at + 6);
    const start = at + (long ? 12 : 8);
    if (start + length > bytes.length) return undefined;
    out.set(tag, bytes.toString('latin1', start, start + length).replace(/\0/g, '').trim());
    at = start + length;
  }
  return out;
}

export interface StoreOutcome {
  readonly file: string;
  readonly sopInstanceUid: string;
  readonly sopClassUid: string;
  readonly status: 'stored' | 'stored-with-warning' | 'failed';
  readonly reason?: string;
  readonly reasonText?: string;
}

/**
 * C-STORE of each file over one association, in order; `onObject` hears each outcome as it comes. A file whose kind
 * (SOP class and transfer syntax) the peer refused fails alone. If the association breaks, the object in flight
 * and those not yet sent are reported failed (none of them is ever sent twice by us).
 */
export async function storeFiles(node: DimseNode, files: readonly string[], options: { signal?: AbortSignal; onObject?: (outcome: StoreOutcome) => void } = {}): Promise<StoreOutcome[]> {
  if (files.length === 0) throw new PacsError('bad-request', 'There are no files to send.');
  const heads = await Promise.all(files.map(readPart10Head));
  const kinds = [...new Set(heads.map((h) => `${h.sopClassUid} ${h.transferSyntaxUid}`))];
  if (kinds.length > 127) throw new PacsError('bad-request', 'The files are of more than 127 kinds; send them in smaller groups.');
  const contexts: ProposedContext[] = kinds.map((kind, i) => {
    const [abstractSyntax = '', ts = ''] = kind.split(' ');
    return { id: 2 * i + 1, abstractSyntax, transferSyntaxes: [ts] };
  });
  const outcomes: StoreOutcome[] = [];
  const report = (outcome: StoreOutcome): void => {
    outcomes.push(outcome);
    options.onObject?.(outcome);
  };
  const failedAll = (from: number, why: string): void => {
    for (let i = from; i < files.length; i++) {
      const h = heads[i] as Part10Head;
      report({ file: files[i] as string, sopInstanceUid: h.sopInstanceUid, sopClassUid: h.sopClassUid, status: 'failed', reasonText: why });
    }
  };
  let association: Association;
  try {
    ({ association } = await openAssociation(node, contexts, options.signal ? { signal: options.signal } : {}));
  } catch (error) {
    throw error instanceof PacsError ? error : new PacsError('unreachable', `The connection to the DICOM node at ${dimseLabel(node)} failed.`);
  }
  let index = 0;
  try {
    for (; index < files.length; index++) {
      const file = files[index] as string;
      const head = heads[index] as Part10Head;
      const kind = kinds.indexOf(`${head.sopClassUid} ${head.transferSyntaxUid}`);
      const id = 2 * kind + 1;
      const base = { file, sopInstanceUid: head.sopInstanceUid, sopClassUid: head.sopClassUid };
      if (!association.accepted.has(id)) {
        report({ ...base, status: 'failed', reasonText: 'the PACS does not accept this kind of object (SOP class) in its transfer syntax' });
        continue;
      }
      const mid = messageId();
      await association.sendCommand(id, encodeCommand([
        { tag: CMD.affectedSopClassUid, vr: 'UI', value: head.sopClassUid },
        { tag: CMD.commandField, vr: 'US', value: COMMAND.cStoreRq },
        { tag: CMD.messageId, vr: 'US', value: mid },
        { tag: CMD.priority, vr: 'US', value: 0 },
        { tag: CMD.commandDataSetType, vr: 'US', value: 0 },
        { tag: CMD.affectedSopInstanceUid, vr: 'UI', value: head.sopInstanceUid },
      ]));
      await association.sendDataset(id, createReadStream(file, { start: head.datasetOffset, highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>);
      const answer = await expectResponse(association, COMMAND.cStoreRsp, mid, 'the sending');
      const status = commandUs(answer.command.get(CMD.status)) ?? 0xffff;
      const code = hex4(status);
      const words = reasonText(code);
      if (status === 0) report({ ...base, status: 'stored' });
      else if ((status & 0xf000) === 0xb000) report({ ...base, status: 'stored-with-warning', reason: code, ...(words ? { reasonText: words } : {}) });
      else report({ ...base, status: 'failed', reason: code, ...(words ? { reasonText: words } : {}) });
    }
    await association.release();
  } catch (error) {
    const failure = association.failed ?? (error instanceof PacsError ? error : new PacsError('local-file', 'A file to send could not be read.'));
    association.abort(failure);
    if (failure.code === 'cancelled') failedAll(index, 'cancelled before the PACS confirmed it');
    else failedAll(index, `not confirmed: ${lowerFirst(failure.message.replace(/\.$/, ''))}`);
  }
  return outcomes;
}

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);
