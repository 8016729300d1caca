import type { InflateRaw } from './codecs';
import { inflateDataSetWithin } from './deflated-data-set';
import { dicomParser, type DataSet } from './dicom-parser';
import { DicomLoadError, thrownText } from './errors';
import { parseDicomBounded } from './parse-bounded';
import {
  DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
  normalizeUid,
} from './transfer-syntax';

export interface ParsedDicom {
  readonly dataSet: DataSet;
  /** From the meta header, or guessed (implicit/explicit little endian) for files without one. */
  readonly transferSyntaxUid: string;
  /** True when the file had no meta header and the syntax was guessed from the first element. */
  readonly guessedTransferSyntax: boolean;
}

export interface ParseOptions {
  /** Needed for Deflated Explicit VR Little Endian; see Codecs.inflateRaw. */
  readonly inflateRaw?: InflateRaw;
}

const PREAMBLE = 128;

function hasDicmPrefix(bytes: Uint8Array): boolean {
  return bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}

function isUpper(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x41 && byte <= 0x5a;
}

function u16(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}

/** Raw data sets (ACR-NEMA style, or a meta group with no preamble) start directly with an element. */
function sniffRawStart(bytes: Uint8Array): { explicit: boolean; group: number } | undefined {
  if (bytes.length < 8) return undefined;
  const group = u16(bytes, 0);
  // Real files start with group 0002 or 0008 (sometimes 0000 command group or 0005 private-ish ACR-NEMA).
  if (group > 0x0008 || (group % 2 !== 0 && group !== 0x0005)) return undefined;
  return { explicit: isUpper(bytes[4]) && isUpper(bytes[5]), group };
}

function parseError(thrown: unknown): DicomLoadError {
  if (thrown instanceof DicomLoadError) return thrown;
  const text = thrownText(thrown);
  const truncated = /beyond|buffer|end of|exceeds|offset is outside|out of range|eof/iu.test(text);
  return new DicomLoadError(truncated ? 'truncated' : 'malformed', `cannot parse the DICOM data set: ${text}`, { cause: thrown });
}

/**
 * Parses a whole DICOM file (pixel data included) with dicom-parser, handling what it does not:
 * files without preamble/"DICM", and deflated data sets with an injected (possibly async) inflater.
 */
export async function parseDicomBytes(bytes: Uint8Array, options: ParseOptions = {}): Promise<ParsedDicom> {
  let input = bytes;
  let guessed: string | undefined;
  if (!hasDicmPrefix(bytes)) {
    const start = sniffRawStart(bytes);
    if (start === undefined) throw new DicomLoadError('not-dicom', 'not a DICOM file: no "DICM" prefix and no recognisable first element');
    if (start.group === 0x0002 && start.explicit) {
      // A meta header without preamble: give it one, then parse as a normal Part 10 file.
      input = new Uint8Array(PREAMBLE + 4 + bytes.length);
      input.set([0x44, 0x49, 0x43, 0x4d], PREAMBLE);
      input.set(bytes, PREAMBLE + 4);
    } else {
      guessed = start.explicit ? EXPLICIT_VR_LITTLE_ENDIAN : IMPLICIT_VR_LITTLE_ENDIAN;
    }
  }

  if (guessed !== undefined) {
    try {
      return { dataSet: parseDicomBounded(input, { TransferSyntaxUID: guessed }), transferSyntaxUid: guessed, guessedTransferSyntax: true };
    } catch (thrown) {
      throw parseError(thrown);
    }
  }

  let meta: DataSet & { position?: number };
  let tsRaw: string | undefined;
  try {
    meta = dicomParser.readPart10Header(input);
    // Reading the value can throw too: a meta element whose length runs past the end of the file.
    tsRaw = meta.string('x00020010');
  } catch (thrown) {
    throw parseError(thrown);
  }
  if (tsRaw === undefined) throw new DicomLoadError('malformed', 'the meta header has no Transfer Syntax UID (0002,0010)');
  const transferSyntaxUid = normalizeUid(tsRaw);

  let inflated: Uint8Array | undefined;
  if (transferSyntaxUid === DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN) {
    if (options.inflateRaw === undefined) {
      throw new DicomLoadError('unsupported-transfer-syntax', 'Deflated Explicit VR Little Endian needs an inflater, and none was provided');
    }
    const position = meta.position ?? 0;
    try {
      inflated = await inflateDataSetWithin(input.subarray(0, position), input.subarray(position), options.inflateRaw);
    } catch (thrown) {
      if (thrown instanceof DicomLoadError) throw thrown;
      throw new DicomLoadError('malformed', `the deflated data set does not inflate: ${thrownText(thrown)}`, { cause: thrown });
    }
  }

  try {
    const full = inflated;
    // dicom-parser's inflater hook is synchronous; we inflated above and hand back header + body.
    const dataSet =
      full === undefined
        ? parseDicomBounded(input)
        : parseDicomBounded(input, { inflater: (() => full) as unknown as (arr: Uint8Array, position: number) => void });
    return { dataSet, transferSyntaxUid, guessedTransferSyntax: false };
  } catch (thrown) {
    throw parseError(thrown);
  }
}
