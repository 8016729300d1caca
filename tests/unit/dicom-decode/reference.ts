// Reference decodes made at test time with pydicom (+ its GDCM handler), one Python process for all files.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HANG_GUARD_MS } from '../../support/hang-guard';

export const PYTHON = '/usr/bin/python3';
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'reference_decode.py');

export interface ReferenceMeta {
  readonly ok: boolean;
  readonly error?: string;
  readonly shape?: number[];
  /** numpy dtype string, e.g. "<u2", "|u1", "<f4". */
  readonly dtype?: string;
  readonly photometric?: string;
  /** True when the script converted YBR to RGB with pydicom's convert_color_space. */
  readonly converted?: boolean;
  readonly frames?: number;
  /** Which tool decoded: dcmtk (JPEG family, JPEG-LS) or pydicom (everything else, or when dcmtk fails). */
  readonly reference?: string;
}

export interface Reference extends ReferenceMeta {
  readonly samples?: ArrayLike<number>;
}

/**
 * Runs the reference script over `files`, writing into `dir`. GDCM can abort the interpreter on a
 * corrupt file; the file being decoded then gets no .json, is recorded as a reference crash, and the
 * script restarts after it.
 */
export function makeReferences(files: readonly string[], dir: string): void {
  const list = join(dir, 'files.json');
  writeFileSync(list, JSON.stringify(files));
  let start = 0;
  while (start < files.length) {
    try {
      execFileSync(PYTHON, [SCRIPT, list, dir, String(start)], { stdio: 'ignore', timeout: HANG_GUARD_MS });
    } catch {
      // An abort is expected now and then; the loop below finds where it stopped.
    }
    let missing = -1;
    for (let i = start; i < files.length; i++) {
      if (!existsSync(join(dir, `${i}.json`))) {
        missing = i;
        break;
      }
    }
    if (missing < 0) return;
    writeFileSync(join(dir, `${missing}.json`), JSON.stringify({ ok: false, error: 'the reference decoder crashed on this file' }));
    start = missing + 1;
  }
}

function typed(bytes: Buffer, dtype: string): ArrayLike<number> {
  const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  switch (dtype.slice(1)) {
    case 'u1':
      return new Uint8Array(buf);
    case 'i1':
      return new Int8Array(buf);
    case 'u2':
      return new Uint16Array(buf);
    case 'i2':
      return new Int16Array(buf);
    case 'u4':
      return new Uint32Array(buf);
    case 'i4':
      return new Int32Array(buf);
    case 'f4':
      return new Float32Array(buf);
    case 'f8':
      return new Float64Array(buf);
    case 'u8':
    case 'i8':
      return Array.from(new BigInt64Array(buf), Number);
    default:
      throw new Error(`reference dtype ${dtype} not handled`);
  }
}

export function readReference(dir: string, index: number): Reference {
  const meta = JSON.parse(readFileSync(join(dir, `${index}.json`), 'utf8')) as ReferenceMeta;
  if (!meta.ok || meta.dtype === undefined) return meta;
  return { ...meta, samples: typed(readFileSync(join(dir, `${index}.bin`)), meta.dtype) };
}
