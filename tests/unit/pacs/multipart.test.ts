// The multipart/related reader: the same parts whatever the chunking (every split point of a real-shaped message),
// the boundary from the Content-Type, and malformed messages refused with a reason.

import { describe, expect, it } from 'vitest';
import { MultipartError, MultipartReader, multipartBoundary } from '../../../src-main/services/pacs/multipart';

const BOUNDARY = 'b0und4ry-x';
const message = (parts: readonly string[], boundary = BOUNDARY): Buffer =>
  Buffer.from(`preamble\r\n${parts.map((p) => `--${boundary}\r\nContent-Type: application/dicom\r\n\r\n${p}\r\n`).join('')}--${boundary}--\r\nepilogue`, 'latin1');

/** Feeds `chunks` and returns the parts' bodies (and content types) as read. */
function read(chunks: readonly Buffer[], boundary = BOUNDARY): { bodies: string[]; types: string[]; done: boolean } {
  const reader = new MultipartReader(boundary);
  const bodies: string[] = [];
  const types: string[] = [];
  let current: Buffer[] | undefined;
  for (const chunk of chunks) {
    for (const event of reader.push(chunk)) {
      if (event.type === 'part') {
        current = [];
        types.push(event.headers.get('content-type') ?? '');
      } else if (event.type === 'data') current?.push(event.bytes);
      else bodies.push(Buffer.concat(current ?? []).toString('latin1'));
    }
  }
  reader.end();
  return { bodies, types, done: reader.done };
}

// Bodies that look like delimiters in part: CRLF, dashes, the boundary without its leading CRLF.
const BODIES = ['DICM\u0000\u0001binary', '', `--${BOUNDARY}`, '\r\n--b0und4ry', 'line\r\n\r\nline', '-'.repeat(40)];

describe('multipart/related reader', () => {
  it('reads the same parts at every split point of the message', () => {
    const whole = message(BODIES);
    for (let at = 0; at <= whole.length; at++) {
      expect(read([whole.subarray(0, at), whole.subarray(at)]).bodies).toEqual(BODIES);
    }
  });

  it('reads the parts byte by byte', () => {
    const whole = message(BODIES);
    const result = read([...whole].map((b) => Buffer.from([b])));
    expect(result).toEqual({ bodies: BODIES, types: BODIES.map(() => 'application/dicom'), done: true });
  });

  const boundaries: ReadonlyArray<[string, string | undefined]> = [
    ['multipart/related; type="application/dicom"; boundary=abc-123', 'abc-123'],
    ['multipart/related; boundary="quoted boundary"; type="application/dicom"', 'quoted boundary'],
    ['Multipart/Related;Boundary=XYZ', 'XYZ'],
    ['application/dicom', undefined],
    ['multipart/mixed; boundary=abc', undefined],
    ['multipart/related; type="application/dicom"', undefined],
  ];
  it.each(boundaries)('boundary of %s is %s', (contentType, boundary) => {
    expect(multipartBoundary(contentType)).toBe(boundary);
  });

  const malformed: ReadonlyArray<[string, Buffer, RegExp]> = [
    ['no boundary at all', Buffer.from('just some bytes'), /no part boundary/],
    ['a message cut inside a part', message(['abc']).subarray(0, 60), /ended in the middle of a part/],
    ['endless part headers', Buffer.concat([Buffer.from(`--${BOUNDARY}\r\n`), Buffer.alloc(20_000, 0x41)]), /headers are longer than/],
    ['text after a boundary', Buffer.from(`--${BOUNDARY}junk\r\n\r\nbody\r\n--${BOUNDARY}--`), /text after it/],
  ];
  it.each(malformed)('refuses %s', (_name, bytes, reason) => {
    expect(() => read([bytes])).toThrow(MultipartError);
    expect(() => read([bytes])).toThrow(reason);
  });
});
