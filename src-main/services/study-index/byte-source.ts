import { close as closeCb, open as openCb, read as readCb, stat as statCb } from 'node:fs';
import { open } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { FileRef } from '@shared/dicom/index-model';
import { fileRefLabel } from '@shared/dicom/index-model';
import type { ZipArchive } from './zip';

/**
 * Where a DICOM object's bytes come from: a file, or an entry of an open zip archive. Header reads ask for a
 * prefix only; decoding asks for everything.
 */
export interface ByteSource {
  readonly ref: FileRef;
  readonly label: string;
  /** Total size in bytes. */
  size(): Promise<number>;
  /** The first `length` bytes (fewer at the end of the data). */
  readPrefix(length: number): Promise<Uint8Array>;
  readAll(): Promise<Uint8Array>;
}

const openFd = promisify(openCb);
const closeFd = promisify(closeCb);
const statPath = promisify(statCb);
/** fs.read's promisified form resolves { bytesRead, buffer }; only the count is needed. */
const readFd = (fd: number, buffer: Uint8Array, offset: number, length: number, position: number): Promise<number> =>
  new Promise((resolve, reject) => readCb(fd, buffer, offset, length, position, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead))));

export function fileSource(path: string): ByteSource {
  const ref: FileRef = { path };
  let knownSize: number | undefined;
  return {
    ref,
    label: path,
    async size() {
      // One stat, not open+fstat+close: three thread-pool round trips per file were a third of indexing's I/O.
      knownSize ??= (await statPath(path)).size;
      return knownSize;
    },
    async readPrefix(length) {
      // Plain fds, not FileHandle: header reads are the indexer's hot path and FileHandle's promise machinery
      // doubled their cost (measured: ~35 vs ~23 ms per 1,000 files).
      const fd = await openFd(path, 'r');
      try {
        const buffer = new Uint8Array(length);
        const bytesRead = await readFd(fd, buffer, 0, length, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await closeFd(fd);
      }
    },
    async readAll() {
      const handle = await open(path, 'r');
      try {
        const buffer = await handle.readFile();
        return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      } finally {
        await handle.close();
      }
    },
  };
}

export function zipEntrySource(archive: ZipArchive, entryName: string, uncompressedSize: number): ByteSource {
  const ref: FileRef = { zip: archive.path, entry: entryName };
  return {
    ref,
    label: fileRefLabel(ref),
    size: () => Promise.resolve(uncompressedSize),
    readPrefix: (length) => archive.readEntry(entryName, length),
    readAll: () => archive.readEntry(entryName, Number.POSITIVE_INFINITY),
  };
}
