// STOW-RS (PS3.18 10.5): files sent as one multipart/related request, into a given study or wherever their own
// StudyInstanceUID says; the answer's Referenced and Failed SOP sequences give each object's status.

import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { items, first, isDicomJsonObject, TAG } from './dicom-json';
import type { DicomJsonObject } from './dicom-json';
import { pacsRequest, readBounded } from './http';
import type { DicomwebNode } from './node-config';
import { PacsError } from './pacs-error';
import { checkUid } from './uid';

export interface StoredObject {
  readonly sopInstanceUid: string;
  readonly sopClassUid: string;
  readonly status: 'stored' | 'stored-with-warning' | 'failed';
  /** The server's failure or warning reason code (PS3.18 Table I.2-1), hex as in DICOM (e.g. "A700"). */
  readonly reason?: string;
  /** The reason in words, when the code is a known one. */
  readonly reasonText?: string;
}

/** Status codes a STOW answer gives per object (PS3.4 Annex B.2.3, PS3.18 Table I.2-1), in words. */
export function reasonText(code: string): string | undefined {
  const value = Number.parseInt(code, 16);
  if (!Number.isInteger(value)) return undefined;
  const exact: Readonly<Record<number, string>> = {
    0x0110: 'the PACS failed while storing it',
    0x0122: 'the PACS does not accept this kind of object (SOP class)',
    0x0124: 'not authorized',
    0xb000: 'stored, with some attributes changed by the PACS',
    0xb006: 'stored, with some attributes discarded',
    0xb007: 'stored, though it does not match its SOP class',
  };
  if (exact[value] !== undefined) return exact[value];
  if (value >= 0xa700 && value <= 0xa7ff) return 'the PACS is out of resources';
  if (value >= 0xa900 && value <= 0xa9ff) return 'the object does not match its SOP class';
  if (value >= 0xc000 && value <= 0xcfff) return 'the PACS could not understand the object';
  return undefined;
}

export interface StoreResult {
  /** 200 all stored; 202 some failed or warned; 409 none stored. */
  readonly httpStatus: number;
  readonly objects: StoredObject[];
}

const MAX_STOW_ANSWER_BYTES = 16 * 1024 * 1024;

/** Sends `files` (DICOM Part 10) to the node, into `studyInstanceUid` if given. */
export async function storeInstances(node: DicomwebNode, files: readonly string[], options: { studyInstanceUid?: string; signal?: AbortSignal } = {}): Promise<StoreResult> {
  if (files.length === 0) throw new PacsError('bad-request', 'There are no files to send.');
  if (options.studyInstanceUid !== undefined && !checkUid(options.studyInstanceUid)) throw new PacsError('bad-request', 'The StudyInstanceUID is not a valid DICOM UID.');
  const sizes: number[] = [];
  for (const file of files) {
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      sizes.push(info.size);
    } catch {
      throw new PacsError('local-file', `${file} could not be read.`);
    }
  }
  const boundary = `spine-met-${randomBytes(12).toString('hex')}`;
  const partHead = Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`, 'latin1');
  const crlf = Buffer.from('\r\n');
  const close = Buffer.from(`--${boundary}--\r\n`, 'latin1');
  const length = sizes.reduce((sum, size) => sum + partHead.length + size + crlf.length, close.length);
  const body = new PassThrough();
  void writeBody(body, files, partHead, crlf, close);
  const path = options.studyInstanceUid === undefined ? 'studies' : `studies/${options.studyInstanceUid}`;
  const purpose = 'sending the files';
  const res = await pacsRequest(node, {
    method: 'POST',
    path,
    headers: { 'content-type': `multipart/related; type="application/dicom"; boundary=${boundary}`, accept: 'application/dicom+json, application/json' },
    body: { stream: body, length },
    acceptStatuses: [409],
    purpose,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const bytes = await readBounded(node, res, MAX_STOW_ANSWER_BYTES, purpose);
  let parsed: unknown;
  try {
    parsed = bytes.length === 0 ? {} : JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new PacsError('bad-answer', 'The PACS answered the sending with something that is not DICOM JSON.');
  }
  // Some servers wrap the answer in a one-element list.
  const answer = Array.isArray(parsed) && parsed.length === 1 ? parsed[0] : parsed;
  if (!isDicomJsonObject(answer)) throw new PacsError('bad-answer', 'The PACS answered the sending without the list of stored objects.');
  return { httpStatus: res.status, objects: objectStatuses(answer) };
}

/** Each object of a STOW answer: referenced ones stored (with a warning reason if any), failed ones with theirs. */
export function objectStatuses(answer: DicomJsonObject): StoredObject[] {
  const one = (item: DicomJsonObject, failed: boolean): StoredObject => {
    const reason = reasonCode(item, failed ? TAG.failureReason : TAG.warningReason);
    return {
      sopInstanceUid: first(item, TAG.referencedSopInstanceUid),
      sopClassUid: first(item, TAG.referencedSopClassUid),
      status: failed ? 'failed' : reason === undefined ? 'stored' : 'stored-with-warning',
      ...(reason !== undefined ? { reason } : {}),
      ...(reason !== undefined && reasonText(reason) !== undefined ? { reasonText: reasonText(reason) } : {}),
    };
  };
  return [...items(answer, TAG.referencedSopSequence).map((item) => one(item, false)), ...items(answer, TAG.failedSopSequence).map((item) => one(item, true))];
}

function reasonCode(item: DicomJsonObject, tag: string): string | undefined {
  const value = item[tag]?.Value?.[0];
  if (typeof value === 'number') return value.toString(16).toUpperCase().padStart(4, '0');
  if (typeof value === 'string' && value !== '') return value;
  return undefined;
}

async function writeBody(body: PassThrough, files: readonly string[], partHead: Buffer, crlf: Buffer, close: Buffer): Promise<void> {
  const put = async (chunk: Buffer): Promise<void> => {
    if (body.destroyed) throw new Error('request ended');
    if (!body.write(chunk)) {
      await new Promise<void>((resolve) => {
        body.once('drain', resolve);
        body.once('close', resolve);
      });
    }
  };
  try {
    for (const file of files) {
      await put(partHead);
      for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) await put(chunk);
      await put(crlf);
    }
    body.end(close);
  } catch {
    if (!body.destroyed) body.destroy(new PacsError('local-file', 'A file to send could not be read.'));
  }
}
