import { closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
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

// O_NONBLOCK: a FIFO or device that slipped past the walk's file-type check fails at once instead of blocking
// the open; for regular files it changes nothing.
const PREFIX_OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export function fileSource(path: string): ByteSource {
  const ref: FileRef = { path };
  let knownSize: number | undefined;
  return {
    ref,
    label: path,
    // Header reads are synchronous: stat, open, one read of at most 16 KiB, close. Four thread-pool round trips
    // per file (each a hop to libuv's pool and back through the event loop) cost ~100 ms per 1,000 cached files,
    // the same syscalls made directly ~30 ms (issue 14; gdcmscanner reads the same way). The app indexes in a
    // worker thread, and the indexer yields to its event loop every few milliseconds, so nothing waits on it.
    async size() {
      knownSize ??= statSync(path).size;
      return knownSize;
    },
    async readPrefix(length) {
      const fd = openSync(path, PREFIX_OPEN_FLAGS);
      try {
        const buffer = new Uint8Array(length);
        const bytesRead = readSync(fd, buffer, 0, length, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        closeSync(fd);
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
