import { parseInstanceHeader } from '@shared/dicom/header';
import type { InstanceHeader } from '@shared/dicom/header';
import { DicomLoadError, thrownText } from '@shared/dicom/decode/errors';
import type { Problem } from '@shared/dicom/index-model';
import { sniffDicom } from '@shared/dicom/sniff';
import type { ByteSource } from './byte-source';
import { inflateDataSet } from './inflate';

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
export const DEFAULT_MAX_HEADER_BYTES = 64 * 1024 * 1024;

const problem = (source: ByteSource, code: Problem['code'], reason: string, bytesRead: number): HeaderRead => ({
  kind: 'problem',
  problem: { file: source.label, code, reason },
  bytesRead,
});

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
      const parsed = parseInstanceHeader(bytes, { isWholeFile, file: source.label, inflater: inflateDataSet });
      if (parsed.kind === 'header') return { kind: 'header', header: parsed.header, bytesRead, size };
    } catch (thrown) {
      if (thrown instanceof DicomLoadError) {
        const code = thrown.code === 'truncated' ? 'truncated' : thrown.code === 'not-dicom' ? 'not-dicom' : 'malformed';
        return problem(source, code, thrown.message, bytesRead);
      }
      return problem(source, 'malformed', thrownText(thrown), bytesRead);
    }
    if (want >= maxBytes) return problem(source, 'too-large', `header longer than ${maxBytes} bytes`, bytesRead);
    want = Math.min(want * 2, size, maxBytes);
  }
}
