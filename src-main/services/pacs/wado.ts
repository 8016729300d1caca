// WADO-RS (PS3.18 10.4): a whole study as multipart/related application/dicom, each part streamed into its own
// file under the study cache: <cache>/<StudyInstanceUID>/NNNNN.dcm, files 0600 and folders 0700. The study is
// written into a hidden partial folder and renamed into place only when complete, so a failed or hostile transfer
// (dropped connection, malformed multipart, over the byte budget) leaves no partial study behind.

import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../private-files';
import { mib, networkError, pacsRequest } from './http';
import type { PacsResponse } from './http';
import { MultipartError, MultipartReader, multipartBoundary } from './multipart';
import type { DicomwebNode } from './node-config';
import { PacsError } from './pacs-error';
import { touchStudy } from './study-cache';
import { checkUid } from './uid';

export interface RetrieveOptions {
  /** Refuse a study larger than this many bytes on the wire (default 4 GiB). */
  readonly maxBytes?: number;
  /** Refuse a study of more than this many objects (default 100 000). */
  readonly maxObjects?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: { readonly objects: number; readonly bytes: number }) => void;
}

export interface RetrievedStudy {
  readonly folder: string;
  readonly files: string[];
  readonly bytes: number;
}

export const DEFAULT_MAX_STUDY_BYTES = 4 * 1024 ** 3;
export const DEFAULT_MAX_OBJECTS = 100_000;

/** The study's folder in a cache (the UID is checked first: it never names anything outside the cache). */
export function studyCacheFolder(cacheDir: string, studyInstanceUid: string): string {
  if (!checkUid(studyInstanceUid)) throw new PacsError('bad-request', 'The StudyInstanceUID is not a valid DICOM UID.');
  return join(cacheDir, studyInstanceUid);
}

export async function retrieveStudy(node: DicomwebNode, studyInstanceUid: string, cacheDir: string, options: RetrieveOptions = {}): Promise<RetrievedStudy> {
  const folder = studyCacheFolder(cacheDir, studyInstanceUid);
  const purpose = 'the study retrieval';
  const res = await pacsRequest(node, {
    method: 'GET',
    path: `studies/${studyInstanceUid}`,
    // transfer-syntax=* asks for the stored bytes as they are, not a transcoding.
    headers: { accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' },
    purpose,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const boundary = multipartBoundary(res.contentType);
  if (boundary === undefined) {
    res.abort(new PacsError('bad-answer', 'no multipart'));
    throw new PacsError('bad-answer', 'The PACS answered the study retrieval with something other than DICOM files (multipart/related).');
  }
  const partial = join(cacheDir, `.${studyInstanceUid}.partial-${randomBytes(6).toString('hex')}`);
  try {
    await makePrivateDir(cacheDir);
    await makePrivateDir(partial);
  } catch (error) {
    res.abort(new PacsError('local-file', 'cache'));
    throw localFileError(cacheDir, error);
  }
  try {
    const written = await writeParts(node, res, new MultipartReader(boundary), partial, options);
    if (written.files.length === 0) throw new PacsError('not-found', `The PACS sent no files for study ${studyInstanceUid}.`);
    // Replace an older copy of the study only once the new one is whole.
    await rm(folder, { recursive: true, force: true });
    await rename(partial, folder);
    await touchStudy(folder);
    return { folder, files: written.files.map((name) => join(folder, name)), bytes: written.bytes };
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error instanceof PacsError ? error : localFileError(cacheDir, error);
  }
}

/** A file system failure in the cache, in our words (never Node's errno text). */
export function localFileError(cacheDir: string, error: unknown): PacsError {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const why = code === 'ENOSPC' ? ': the disk is full' : code === 'EACCES' || code === 'EPERM' ? ': permission denied' : code === 'ENOTDIR' || code === 'EEXIST' ? ': a file is in the way' : '';
  return new PacsError('local-file', `The study could not be written to ${cacheDir}${why}.`);
}

export async function writeParts(node: DicomwebNode, res: PacsResponse, reader: MultipartReader, partial: string, options: RetrieveOptions): Promise<{ files: string[]; bytes: number }> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_STUDY_BYTES;
  const maxObjects = options.maxObjects ?? DEFAULT_MAX_OBJECTS;
  const files: string[] = [];
  let received = 0;
  let written = 0;
  let file: FileHandle | undefined;
  const refuse = (error: PacsError): never => {
    res.abort(error);
    throw error;
  };
  try {
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      received += chunk.length;
      if (received > maxBytes) refuse(new PacsError('too-large', `The study is larger than the ${mib(maxBytes)} allowed; the retrieval was stopped.`));
      let events;
      try {
        events = reader.push(chunk);
      } catch (error) {
        refuse(malformed(error));
      }
      for (const event of events ?? []) {
        if (event.type === 'part') {
          const type = (event.headers.get('content-type') ?? 'application/dicom').split(';')[0]?.trim().toLowerCase();
          if (type !== 'application/dicom') refuse(new PacsError('bad-answer', `The PACS sent a part of type ${type ?? '?'} where DICOM files were expected.`));
          const claimed = Number(event.headers.get('content-length') ?? '0');
          if (Number.isFinite(claimed) && claimed > maxBytes) refuse(new PacsError('too-large', `The PACS announced a file of ${mib(claimed)}, over the ${mib(maxBytes)} allowed for the study.`));
          if (files.length >= maxObjects) refuse(new PacsError('too-large', `The study has more than the ${maxObjects} files allowed.`));
          const name = `${String(files.length + 1).padStart(5, '0')}.dcm`;
          file = await open(join(partial, name), 'wx', PRIVATE_FILE_MODE);
          files.push(name);
        } else if (event.type === 'data') {
          await file?.write(event.bytes);
          written += event.bytes.length;
        } else {
          await file?.close();
          file = undefined;
          options.onProgress?.({ objects: files.length, bytes: written });
        }
      }
    }
  } catch (error) {
    await file?.close().catch(() => undefined);
    if (res.failure() !== undefined) throw res.failure();
    // A file system error of ours (disk full) is mapped by the caller; anything else is the network's.
    if (error instanceof PacsError || isFileSystemError(error)) throw error;
    throw networkError(node, error);
  }
  const late = res.failure();
  if (late !== undefined) throw late;
  try {
    reader.end();
  } catch (error) {
    throw malformed(error);
  }
  return { files, bytes: written };
}

const isFileSystemError = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'syscall' in error && ['open', 'write', 'close', 'mkdir', 'rename'].includes(String((error as { syscall: unknown }).syscall));

function malformed(error: unknown): PacsError {
  const detail = error instanceof MultipartError ? ` (${error.message})` : '';
  return new PacsError('bad-answer', `The PACS answered the study retrieval with a malformed multipart message${detail}.`);
}

/** Whether a study is already in the cache (its folder exists: partial transfers never take that name). */
export async function isCached(cacheDir: string, studyInstanceUid: string): Promise<boolean> {
  try {
    return (await stat(studyCacheFolder(cacheDir, studyInstanceUid))).isDirectory();
  } catch {
    return false;
  }
}
