// A streaming multipart/related reader (RFC 2046 5.1) for WADO-RS answers: chunks in, events out (a part's headers,
// its body bytes, its end), holding at most one delimiter's worth of bytes between chunks. Part headers are bounded
// (a server cannot grow them without end); the body byte budget is the caller's (it counts what it writes).

export type MultipartEvent =
  | { readonly type: 'part'; readonly headers: ReadonlyMap<string, string> }
  | { readonly type: 'data'; readonly bytes: Buffer }
  | { readonly type: 'part-end' };

/** The longest header block of one part we read (a few short lines in practice). */
export const MAX_PART_HEADER_BYTES = 16 * 1024;

export class MultipartError extends Error {
  override readonly name: string = 'MultipartError';
}

/** The boundary parameter of a multipart Content-Type, or undefined. */
export function multipartBoundary(contentType: string): string | undefined {
  if (!/^\s*multipart\/related\s*(;|$)/i.test(contentType)) return undefined;
  const match = /;\s*boundary\s*=\s*(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

type State = 'preamble' | 'after-delimiter' | 'headers' | 'body' | 'done';

export class MultipartReader {
  readonly #delimiter: Buffer;
  // The stream is read as if preceded by CRLF, so the first boundary line matches the same delimiter as the others.
  #pending: Buffer = Buffer.from('\r\n');
  #state: State = 'preamble';
  #parts = 0;

  constructor(boundary: string) {
    this.#delimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
  }

  get parts(): number {
    return this.#parts;
  }

  get done(): boolean {
    return this.#state === 'done';
  }

  push(chunk: Buffer): MultipartEvent[] {
    const events: MultipartEvent[] = [];
    if (this.#state === 'done') return events; // the epilogue is ignored
    let buf = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    for (;;) {
      if (this.#state === 'preamble' || this.#state === 'body') {
        const at = buf.indexOf(this.#delimiter);
        if (at < 0) {
          // Keep what could be the start of a delimiter split across chunks.
          const keep = Math.min(buf.length, this.#delimiter.length - 1);
          if (this.#state === 'body' && buf.length > keep) events.push({ type: 'data', bytes: buf.subarray(0, buf.length - keep) });
          this.#pending = Buffer.from(buf.subarray(buf.length - keep));
          return events;
        }
        if (this.#state === 'body') {
          if (at > 0) events.push({ type: 'data', bytes: buf.subarray(0, at) });
          events.push({ type: 'part-end' });
        }
        buf = buf.subarray(at + this.#delimiter.length);
        this.#state = 'after-delimiter';
      }
      if (this.#state === 'after-delimiter') {
        // "--" closes the message; otherwise optional whitespace then CRLF opens a part.
        if (buf.length < 2) return this.#keep(buf, events);
        if (buf[0] === 0x2d && buf[1] === 0x2d) {
          this.#state = 'done';
          this.#pending = Buffer.alloc(0);
          return events;
        }
        const eol = buf.indexOf('\r\n');
        if (eol < 0) {
          if (buf.length > 256) throw new MultipartError('a boundary line does not end');
          return this.#keep(buf, events);
        }
        if (buf.subarray(0, eol).toString('latin1').trim() !== '') throw new MultipartError('a boundary line has text after it');
        buf = buf.subarray(eol + 2);
        this.#state = 'headers';
      }
      if (this.#state === 'headers') {
        // A part with no headers starts straight with the blank line.
        const end = buf.subarray(0, 2).toString('latin1') === '\r\n' ? -2 : buf.indexOf('\r\n\r\n');
        if (end === -1) {
          if (buf.length > MAX_PART_HEADER_BYTES) throw new MultipartError(`a part's headers are longer than ${MAX_PART_HEADER_BYTES} bytes`);
          return this.#keep(buf, events);
        }
        const headerText = end === -2 ? '' : buf.subarray(0, end).toString('latin1');
        if (headerText.length > MAX_PART_HEADER_BYTES) throw new MultipartError(`a part's headers are longer than ${MAX_PART_HEADER_BYTES} bytes`);
        events.push({ type: 'part', headers: parseHeaders(headerText) });
        this.#parts++;
        buf = buf.subarray(end === -2 ? 2 : end + 4);
        this.#state = 'body';
      }
    }
  }

  /** The stream ended: a message without its closing delimiter is truncated. */
  end(): void {
    if (this.#state !== 'done') throw new MultipartError(this.#state === 'preamble' ? 'no part boundary was found' : 'the answer ended in the middle of a part');
  }

  #keep(buf: Buffer, events: MultipartEvent[]): MultipartEvent[] {
    this.#pending = Buffer.from(buf);
    return events;
  }
}

function parseHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}
