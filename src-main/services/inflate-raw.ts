import { constants, createInflateRaw } from 'node:zlib';
import type { Inflated, InflateRaw } from '@shared/dicom/decode/codecs';

/**
 * Raw DEFLATE fed piece by piece, output kept in one growing buffer and stopped at `limit`: the header reader feeds
 * it a file's compressed prefix as it reads more (never inflating from the start again), and a bomb stops costing
 * anything once `limit` bytes came out (the zlib stream is destroyed there).
 */
export class InflateSession {
  readonly #zlib;
  readonly #limit: number;
  #buffer = new Uint8Array(0);
  #length = 0;
  #over = false;
  #ended = false;
  #error: Error | undefined;
  #settled: Promise<void> = Promise.resolve();

  /** `tolerateTruncation`: a stream cut short ends quietly with what it gave (a header prefix, a truncated file). */
  constructor(limit: number, options: { tolerateTruncation?: boolean } = {}) {
    this.#limit = limit;
    this.#zlib = createInflateRaw(options.tolerateTruncation === true ? { finishFlush: constants.Z_SYNC_FLUSH } : {});
    this.#zlib.on('data', (chunk: Buffer) => this.#take(chunk));
    this.#zlib.on('error', (error: Error) => {
      this.#error ??= error;
    });
  }

  /** Inflated bytes so far (a view; valid until the next write). */
  get output(): Uint8Array {
    return this.#buffer.subarray(0, this.#length);
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
    if (this.#length + part.length > this.#buffer.length) {
      const grown = new Uint8Array(Math.min(this.#limit, Math.max(64 * 1024, (this.#length + part.length) * 2)));
      grown.set(this.output);
      this.#buffer = grown;
    }
    this.#buffer.set(part, this.#length);
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
export const inflateRawNode: InflateRaw = async (deflated, limit): Promise<Inflated> => {
  const session = new InflateSession(limit);
  try {
    await session.write(deflated, true);
    return { bytes: session.output, complete: !session.over };
  } finally {
    session.close();
  }
};
