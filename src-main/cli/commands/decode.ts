// `decode FILE [--frame N] --out OUT`: one frame's stored pixel values as raw samples, plus one JSON line.


import type { DecodedFrame } from '@shared/dicom/decode/decode-frame';
import { DicomLoadError } from '@shared/dicom/decode/errors';
import { decodeFileFrame } from '../../services/decode-file';
import { EXIT } from '../io';
import type { CliIo } from '../io';
import { writePrivateFile } from '../../services/private-files';
import { DECODE_USAGE } from './decode-usage';

export { DECODE_USAGE };

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
