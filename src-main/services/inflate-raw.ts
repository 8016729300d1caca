import { constants, createInflateRaw } from 'node:zlib';
import type { Inflated, InflateRaw } from '@shared/dicom/decode/codecs';

const PREALLOCATE = 256 * 2 ** 20;

/**
 * Raw DEFLATE fed piece by piece, output kept in one growing buffer and stopped at `limit`: the header reader feeds
 * it a file's compressed prefix as it reads more (never inflating from the start again), and a bomb stops costing
 * anything once `limit` bytes came out (the zlib stream is destroyed there).
 */
export class InflateSession {
  readonly #zlib;
  readonly #limit: number;
  #buffer: Uint8Array;
  /** Bytes kept in front of the output (the header reader's meta header), so no copy joins them later. */
  readonly #prefix: number;
  #length = 0;
  #over = false;
  #ended = false;
  #error: Error | undefined;
  #settled: Promise<void> = Promise.resolve();

  /**
   * `tolerateTruncation`: a stream cut short ends quietly with what it gave (a header prefix, a truncated file).
   * `prefix`: bytes that come before the output in `joined`.
   */
  constructor(limit: number, options: { tolerateTruncation?: boolean; prefix?: Uint8Array } = {}) {
    this.#limit = limit;
    this.#prefix = options.prefix?.length ?? 0;
    // Up to PREALLOCATE the whole limit is allocated at once: pages never written cost no memory (the OS maps them
    // lazily), and the buffer never grows, so no transient old + new copy (measured: a bomb's peak RSS fell by a third).
    this.#buffer = new Uint8Array(this.#prefix + (limit <= PREALLOCATE ? limit : 0));
    if (options.prefix) this.#buffer.set(options.prefix);
    this.#zlib = createInflateRaw(options.tolerateTruncation === true ? { finishFlush: constants.Z_SYNC_FLUSH } : {});
    this.#zlib.on('data', (chunk: Buffer) => this.#take(chunk));
    this.#zlib.on('error', (error: Error) => {
      this.#error ??= error;
    });
  }

  /** Inflated bytes so far (a view; valid until the next write). */
  get output(): Uint8Array {
    return this.#buffer.subarray(this.#prefix, this.#prefix + this.#length);
  }

  /** The prefix followed by the inflated bytes so far (a view; valid until the next write). */
  get joined(): Uint8Array {
    return this.#buffer.subarray(0, this.#prefix + this.#length);
  }

  /** The stream went past `limit` (the output holds the first `limit` bytes). */
  get over(): boolean {
    return this.#over;
  }

  /** The deflate stream finished (or, tolerating truncation, its input ended). */
  get ended(): boolean {
    return this.#ended;
  }

  /** Feeds compressed bytes and waits until they are inflated (or the limit stopped the stream); `last` ends the input. */
  write(bytes: Uint8Array, last: boolean): Promise<void> {
    const previous = this.#settled;
    this.#settled = previous.then(() => this.#write(bytes, last));
    return this.#settled;
  }

  #write(bytes: Uint8Array, last: boolean): Promise<void> {
    if (this.#over || this.#ended || this.#error) return this.#result();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        this.#zlib.off('end', done).off('close', done).off('error', done);
        resolve();
      };
      this.#zlib.once('close', done).once('error', done);
      if (last) {
        this.#zlib.once('end', () => {
          this.#ended = true;
          done();
        });
        this.#zlib.end(bytes);
      } else {
        // The write callback runs once zlib has handed out everything this piece inflates to.
        this.#zlib.write(bytes, () => done());
      }
    }).then(() => this.#result());
  }

  #result(): Promise<void> {
    return this.#error && !this.#over ? Promise.reject(this.#error) : Promise.resolve();
  }

  #take(chunk: Buffer): void {
    if (this.#over) return;
    const room = this.#limit - this.#length;
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    const end = this.#prefix + this.#length + part.length;
    if (end > this.#buffer.length) {
      const grown = new Uint8Array(this.#prefix + Math.min(this.#limit, Math.max(64 * 1024, (this.#length + part.length) * 2)));
      grown.set(this.joined);
      this.#buffer = grown;
    }
    this.#buffer.set(part, this.#prefix + this.#length);
    this.#length += part.length;
    if (chunk.length > room) {
      this.#over = true;
      this.#zlib.destroy();
    }
  }

  /** Stops the stream (nothing more is inflated). */
  close(): void {
    this.#zlib.destroy();
  }
}

/** The injected bounded inflater (Codecs.inflateRaw) in Node. */
export const inflateRawNode: InflateRaw = async (deflated, limit, head): Promise<Inflated> => {
  const session = new InflateSession(limit, head === undefined ? {} : { prefix: head });
  try {
    await session.write(deflated, true);
    return { bytes: session.joined, complete: !session.over };
  } finally {
    session.close();
  }
};
