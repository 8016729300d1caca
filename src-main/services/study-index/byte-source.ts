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

export function fileSource(path: string): ByteSource {
  const ref: FileRef = { path };
  let knownSize: number | undefined;
  return {
    ref,
    label: path,
    async size() {
      if (knownSize === undefined) {
        const handle = await open(path, 'r');
        try {
          knownSize = (await handle.stat()).size;
        } finally {
          await handle.close();
        }
      }
      return knownSize;
    },
    async readPrefix(length) {
      const handle = await open(path, 'r');
      try {
        const buffer = new Uint8Array(length);
        const { bytesRead } = await handle.read(buffer, 0, length, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
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
