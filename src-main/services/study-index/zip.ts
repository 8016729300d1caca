import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';

/** A zip archive opened for random access: entries are listed lazily and read one stream at a time, never extracted. */
export interface ZipArchive {
  readonly path: string;
  /** Entries (files only), in central-directory order. Lazily read: large archives start yielding at once. */
  entries(): AsyncIterable<{ name: string; size: number }>;
  /** Up to `limit` decompressed bytes from the start of an entry; the stream is abandoned after that. */
  readEntry(name: string, limit: number): Promise<Uint8Array>;
  close(): void;
}

/** Reads a stream until `limit` bytes have arrived or it ends, then destroys it (no reading of the rest). */
async function readUpTo(stream: Readable, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const bytes = chunk as Uint8Array;
      chunks.push(bytes);
      total += bytes.length;
      if (total >= limit) break;
    }
  } finally {
    stream.destroy();
  }
  const out = new Uint8Array(Math.min(total, limit));
  let at = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, Math.min(chunk.length, out.length - at));
    out.set(part, at);
    at += part.length;
    if (at >= out.length) break;
  }
  return out;
}

const isDirectory = (entry: Entry): boolean => entry.fileName.endsWith('/');

/**
 * A zip entry is inflated whole only when its expansion is one an image can have: above 64 MiB, more than 200 bytes
 * out per byte in is a zip bomb's signature (real DICOM, noise and all, deflates a few times, a blank frame a few
 * hundred; the sizes are the archive's own central-directory promise, which yauzl holds each stream to).
 */
export const ZIP_EXPANSION_FLOOR_BYTES = 64 * 1024 * 1024;
export const MAX_ZIP_EXPANSION = 200;

export class ZipEntryRefusedError extends Error {
  override name = 'ZipEntryRefusedError';
}

function refuseBomb(entry: Entry, limit: number): void {
  const wanted = Math.min(limit, entry.uncompressedSize);
  if (wanted <= ZIP_EXPANSION_FLOOR_BYTES || entry.uncompressedSize <= MAX_ZIP_EXPANSION * Math.max(entry.compressedSize, 1)) return;
  const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 0)} MB`;
  throw new ZipEntryRefusedError(
    `${entry.fileName} in the zip would expand from ${mb(entry.compressedSize)} to ${mb(entry.uncompressedSize)}, far more than an image can; it was not opened (a damaged or hostile archive)`,
  );
}

export async function openZip(path: string): Promise<ZipArchive> {
  const zip: ZipFile = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, strictFileNames: false });
  // Entries seen so far, by name, so that a later readEntry (pixel bytes) can find them.
  const known = new Map<string, Entry>();
  let listing: 'none' | 'streaming' | Promise<void> = 'none';
  // One entry stream at a time: yauzl's shared file reader loses its descriptor when several partially read
  // streams are abandoned concurrently (measured), and reads from one archive file gain nothing from overlap.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    path,
    async *entries() {
      if (listing !== 'none') throw new Error('zip entries can be listed once');
      listing = 'streaming';
      for await (const entry of zip.eachEntry()) {
        known.set(entry.fileName, entry);
        if (!isDirectory(entry)) yield { name: entry.fileName, size: entry.uncompressedSize };
      }
    },
    async readEntry(name, limit) {
      // Reading by name without a listing in progress (file-bytes): list the central directory first.
      if (!known.has(name) && listing === 'none') {
        listing = (async () => {
          for await (const entry of zip.eachEntry()) known.set(entry.fileName, entry);
        })();
      }
      if (!known.has(name) && listing instanceof Promise) await listing;
      const entry = known.get(name);
      if (!entry) throw new Error(`no entry ${name} in ${path}`);
      if (limit <= 0) return new Uint8Array(0);
      refuseBomb(entry, limit);
      return serially(async () => readUpTo(await zip.openReadStreamPromise(entry), limit));
    },
    close() {
      zip.close();
    },
  };
}
