// The index's header fast path (shared/dicom/header-walk.ts) against the full dicom-parser parse: on every real
// file, on every cut of real headers and on seeded byte damage, both give the same header or the same refusal.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DicomLoadError } from '@shared/dicom/decode/errors';
import { parseDicomBounded } from '@shared/dicom/decode/parse-bounded';
import { headerFromDataSet, parseInstanceHeader } from '@shared/dicom/header';
import { walkPlainHeader } from '@shared/dicom/header-walk';
import { asPart10, sniffDicom } from '@shared/dicom/sniff';
import { TAG } from '@shared/dicom/tags';
import { seededRandom } from '../../support/seeded-random';
import { CORPUS, DATA, LUMBAR_MR, THORACOLUMBAR_CT } from './data';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const DICOM_FILES = filesUnder(DATA).filter((path) => {
  const head = readFileSync(path).subarray(0, 512);
  return sniffDicom(new Uint8Array(head)) !== null;
});

/** What parseInstanceHeader says: the header, 'need-more', or the refusal's code. */
function outcome(bytes: Uint8Array, isWholeFile: boolean, fastPath: boolean): unknown {
  try {
    const parsed = parseInstanceHeader(bytes, { isWholeFile, fastPath });
    return parsed.kind === 'header' ? parsed.header : 'need-more';
  } catch (thrown) {
    if (thrown instanceof DicomLoadError) return `refused: ${thrown.code}`;
    throw thrown;
  }
}

const bytesOf = (path: string): Uint8Array => new Uint8Array(readFileSync(path));
const firstCt = (): string => DICOM_FILES.filter((p) => p.startsWith(THORACOLUMBAR_CT)).sort()[0] ?? '';

describe('the header walk (index fast path)', () => {
  it('gives the full parse header on every real file it accepts, and accepts the plain ones', () => {
    let accepted = 0;
    for (const path of DICOM_FILES) {
      const bytes = bytesOf(path);
      const encoding = sniffDicom(bytes);
      if (encoding === null) continue;
      const walked = walkPlainHeader(asPart10(bytes, encoding));
      if (walked === undefined) continue;
      accepted++;
      expect(outcome(bytes, true, true), path).toEqual(outcome(bytes, true, false));
    }
    // The real CT and MR series are plain (explicit and implicit VR, with sequences): all of them take the fast path.
    const plain = DICOM_FILES.filter((p) => p.startsWith(THORACOLUMBAR_CT) || p.startsWith(LUMBAR_MR));
    expect(plain.length).toBeGreaterThan(100);
    for (const path of plain) expect(walkPlainHeader(bytesOf(path)), path).toBeDefined();
    expect(accepted).toBeGreaterThan(plain.length);
  });

  it('gives the same answer as the full parse on every prefix and every cut of real headers', () => {
    const samples = [
      firstCt(),
      join(LUMBAR_MR, 'IM01.dcm'),
      ...filesUnder(CORPUS).filter((p) => p.endsWith('.dcm')).sort().slice(0, 6),
    ];
    for (const path of samples) {
      const bytes = bytesOf(path);
      const end = Math.min(bytes.length, 6000);
      for (let cut = 120; cut <= end; cut += 19) {
        const prefix = bytes.subarray(0, cut);
        expect(outcome(prefix, false, true), `${path} prefix ${cut}`).toEqual(outcome(prefix, false, false));
        expect(outcome(prefix, true, true), `${path} cut at ${cut}`).toEqual(outcome(prefix, true, false));
      }
    }
  });

  it('gives the same answer as the full parse on seeded byte damage in the header', () => {
    const random = seededRandom(14);
    const sources = [
      firstCt(),
      join(LUMBAR_MR, 'IM01.dcm'),
    ];
    for (const path of sources) {
      const original = bytesOf(path);
      for (let trial = 0; trial < 400; trial++) {
        const bytes = original.slice(0, 16384);
        const flips = 1 + Math.floor(random() * 3);
        for (let f = 0; f < flips; f++) bytes[132 + Math.floor(random() * 2000)] = Math.floor(random() * 256);
        expect(outcome(bytes, false, true), `${path} trial ${trial}`).toEqual(outcome(bytes, false, false));
      }
    }
  });

  it('keeps every element headerFromDataSet reads: the tags of tags.ts', () => {
    // headerFromDataSet over a full parse, with reads of element ids recorded: all must be in TAG (the walk keeps
    // only those), or a new header field would silently be empty on the fast path.
    const known = new Set<string>(Object.values(TAG));
    for (const path of [join(LUMBAR_MR, 'IM01.dcm'), ...DICOM_FILES.filter((p) => p.startsWith(THORACOLUMBAR_CT)).slice(0, 3)]) {
      const bytes = bytesOf(path);
      const ds = parseDicomBounded(bytes, { untilTag: TAG.pixelData });
      const read = new Set<string>();
      ds.elements = new Proxy(ds.elements, {
        get(target, key, receiver) {
          if (typeof key === 'string') read.add(key);
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
      headerFromDataSet(ds, 'part10', bytes);
      expect(read.size).toBeGreaterThan(30);
      for (const key of read) expect(known.has(key), key).toBe(true);
    }
  });
});
