// `decode FILE [--frame N] --out OUT`: one frame's stored pixel values as raw samples, plus one JSON line.


import type { DecodedFrame } from '@shared/dicom/decode/decode-frame';
import { DicomLoadError } from '@shared/dicom/decode/errors';
import { decodeFileFrame } from '../../services/decode-file';
import { EXIT } from '../io';
import type { CliIo } from '../io';
import { writePrivateFile } from '../../services/private-files';

export const DECODE_USAGE = `usage: decode FILE [--frame N] --out OUT

Decodes frame N (1-based, default 1) of the DICOM file FILE and writes its stored pixel values (before any
rescale or window) to OUT as raw little-endian samples, row by row, colour samples interleaved (R,G,B per
pixel; YBR colour is converted to RGB). Each sample takes Bits Allocated bits rounded up to whole bytes:
1 → one byte per pixel holding 0 or 1 (frames of 1-bit images need not start on a byte boundary, so they are
unpacked), 8 → 1 byte, 16 → 2, 32 → 4 (Float Pixel Data: float32), 64 → 8 (Double Float: float64).
Palette colour images are written as their palette indices.
Prints one JSON line: {"rows","columns","samplesPerPixel","bitsAllocated","pixelRepresentation","photometricInterpretation"}.

exit codes: 0 decoded; 2 bad arguments, unreadable, malformed or unsupported file (one line on standard error,
starting with the error code, e.g. "unsupported-transfer-syntax: …"); 1 unexpected internal error.`;

export interface DecodeDeps {
  readonly writeFile: (path: string, data: Uint8Array) => Promise<void>;
}

const defaultDeps: DecodeDeps = { writeFile: (path, data) => writePrivateFile(path, data) };

interface DecodeArgs {
  readonly file: string;
  readonly frame: number;
  readonly out: string;
}

function parseArgs(args: readonly string[]): DecodeArgs | string {
  let file: string | undefined;
  let frame = 1;
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--frame' || arg === '--out') {
      const value = args[i + 1];
      if (value === undefined) return `${arg} needs a value`;
      i++;
      if (arg === '--out') out = value;
      else if (/^[1-9]\d*$/u.test(value)) frame = Number(value);
      else return `--frame must be a whole number from 1, got "${value}"`;
    } else if (arg.startsWith('--')) {
      return `unknown option ${arg}`;
    } else if (file === undefined) {
      file = arg;
    } else {
      return `unexpected argument ${arg}`;
    }
  }
  if (file === undefined) return 'FILE is missing';
  if (out === undefined) return '--out OUT is missing';
  return { file, frame, out };
}

/** The frame's samples as little-endian bytes (typed arrays are little endian on every platform we run on). */
export function frameBytes(frame: DecodedFrame): Uint8Array {
  const p = frame.pixels;
  return new Uint8Array(p.buffer, p.byteOffset, p.byteLength);
}

function oneLine(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

export async function runDecode(args: readonly string[], io: CliIo, deps: DecodeDeps = defaultDeps): Promise<number> {
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
    io.stdout(`${DECODE_USAGE}\n`);
    return EXIT.ok;
  }
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.stderr(`usage: ${parsed} (decode FILE [--frame N] --out OUT)\n`);
    return EXIT.invalid;
  }
  let frame: DecodedFrame;
  try {
    frame = await decodeFileFrame(parsed.file, parsed.frame - 1);
  } catch (error) {
    if (error instanceof DicomLoadError) {
      io.stderr(`${error.code}: ${oneLine(error.message)} (${parsed.file})\n`);
      return EXIT.invalid;
    }
    throw error;
  }
  try {
    await deps.writeFile(parsed.out, frameBytes(frame));
  } catch (error) {
    io.stderr(`cannot write ${parsed.out}: ${oneLine(error instanceof Error ? error.message : String(error))}\n`);
    return EXIT.invalid;
  }
  const summary = {
    rows: frame.rows,
    columns: frame.columns,
    samplesPerPixel: frame.samplesPerPixel,
    bitsAllocated: frame.bitsAllocated,
    pixelRepresentation: frame.pixelRepresentation,
    photometricInterpretation: frame.photometricInterpretation,
  };
  io.stdout(`${JSON.stringify(summary)}\n`);
  return EXIT.ok;
}
