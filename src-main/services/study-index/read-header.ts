import { deflatedDataSetStart, parseInstanceHeader } from '@shared/dicom/header';
import type { HeaderParse, InstanceHeader } from '@shared/dicom/header';
import { MAX_HEADER_BYTES } from '@shared/dicom/decode/deflated-data-set';
import { DicomLoadError, thrownText } from '@shared/dicom/decode/errors';
import type { Problem } from '@shared/dicom/index-model';
import { sniffDicom } from '@shared/dicom/sniff';
import { InflateSession } from '../inflate-raw';
import type { ByteSource } from './byte-source';

export interface ReadHeaderOptions {
  /** First read size; doubled while the header is longer. */
  readonly initialBytes?: number;
  /** Give up on headers longer than this (a header is not the place for megabytes; SR/PDF content excepted). */
  readonly maxBytes?: number;
  /** A file named explicitly (e.g. by a DICOMDIR) that is not DICOM is a problem, not silently skipped. */
  readonly strict?: boolean;
}

export type HeaderRead =
  | { readonly kind: 'header'; readonly header: InstanceHeader; readonly bytesRead: number; readonly size: number }
  | { readonly kind: 'skipped'; readonly bytesRead: number }
  | { readonly kind: 'problem'; readonly problem: Problem; readonly bytesRead: number };

export const DEFAULT_INITIAL_BYTES = 16 * 1024;
export const DEFAULT_MAX_HEADER_BYTES = MAX_HEADER_BYTES;

const problem = (source: ByteSource, code: Problem['code'], reason: string, bytesRead: number): HeaderRead => ({
  kind: 'problem',
  problem: { file: source.label, code, reason },
  bytesRead,
});

/** A parse failure as a problem: our DicomLoadErrors keep their code and sentence. */
function parseProblem(source: ByteSource, thrown: unknown, bytesRead: number): HeaderRead {
  if (thrown instanceof DicomLoadError) {
    const code = thrown.code === 'truncated' ? 'truncated' : thrown.code === 'not-dicom' ? 'not-dicom' : thrown.code === 'too-large' ? 'too-large' : 'malformed';
    return problem(source, code, thrown.message, bytesRead);
  }
  return problem(source, 'malformed', thrownText(thrown), bytesRead);
}

/**
 * The deflated data set of a header prefix, inflated a piece at a time: each longer read feeds only its new bytes
 * to one zlib stream (never inflating from the start again), and the stream stops at `maxBytes` of output, which a
 * header never needs: a deflate bomb costs at most that, in time proportional to what was read.
 */
class DeflatedPrefix {
  readonly #session: InflateSession;
  #fed: number;

  constructor(start: { part10: Uint8Array; position: number }, maxBytes: number) {
    this.#session = new InflateSession(maxBytes, { tolerateTruncation: true, prefix: start.part10.subarray(0, start.position) });
    this.#fed = start.position;
  }

  get over(): boolean {
    return this.#session.over;
  }

  /** Part 10 bytes: meta header, then as much of the data set as the compressed bytes read so far inflate to. */
  async inflate(part10: Uint8Array, last: boolean): Promise<Uint8Array> {
    await this.#session.write(part10.subarray(this.#fed), last);
    this.#fed = part10.length;
    return this.#session.joined;
  }

  close(): void {
    this.#session.close();
  }
}

/**
 * Reads a header from the start of a file, growing the read (doubling) only while the header continues: the
 * pixel data is never read unless the file is smaller than one read. Not-DICOM files are skipped silently
 * unless `strict`.
 */
export async function readHeader(source: ByteSource, options: ReadHeaderOptions = {}): Promise<HeaderRead> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_HEADER_BYTES;
  let size: number;
  try {
    size = await source.size();
  } catch (thrown) {
    return problem(source, 'read-failed', thrownText(thrown), 0);
  }
  let want = Math.min(options.initialBytes ?? DEFAULT_INITIAL_BYTES, size);
  let bytesRead = 0;
  let deflated: DeflatedPrefix | undefined;
  try {
    for (;;) {
      let bytes: Uint8Array;
      try {
        bytes = await source.readPrefix(want);
      } catch (thrown) {
        return problem(source, 'read-failed', thrownText(thrown), bytesRead);
      }
      bytesRead += bytes.length;
      if (bytesRead === bytes.length && sniffDicom(bytes) === null) {
        return options.strict
          ? problem(source, 'not-dicom', 'not a DICOM file', bytesRead)
          : { kind: 'skipped', bytesRead };
      }
      // A short read means the data ended early (file changed while reading): treat what we have as all of it.
      const isWholeFile = bytes.length >= size || bytes.length < want;
      try {
        let parsed: HeaderParse;
        const start = deflated === undefined && bytesRead === bytes.length ? deflatedDataSetStart(bytes) : undefined;
        if (start !== undefined) deflated = new DeflatedPrefix(start, maxBytes);
        if (deflated !== undefined) {
          const whole = await deflated.inflate(deflatedDataSetStart(bytes)?.part10 ?? bytes, isWholeFile);
          parsed = parseInstanceHeader(bytes, { isWholeFile: isWholeFile && !deflated.over, file: source.label, inflater: () => whole });
          if (parsed.kind === 'need-more' && deflated.over) {
            return problem(source, 'too-large', `the deflated data set inflates past ${Math.round(maxBytes / 2 ** 20)} MiB before its pixel data begins, more than any header holds: refused as a likely deflate bomb`, bytesRead);
          }
        } else {
          parsed = parseInstanceHeader(bytes, { isWholeFile, file: source.label });
        }
        if (parsed.kind === 'header') return { kind: 'header', header: parsed.header, bytesRead, size };
      } catch (thrown) {
        return parseProblem(source, thrown, bytesRead);
      }
      if (want >= maxBytes) return problem(source, 'too-large', `header longer than ${maxBytes} bytes`, bytesRead);
      want = Math.min(want * 2, size, maxBytes);
    }
  } finally {
    deflated?.close();
  }
}
