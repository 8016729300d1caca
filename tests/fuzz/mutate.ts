// A deterministic, structure-aware DICOM mutator: mutant (seed, index) is always the same bytes. It knows where
// length fields, image attributes, offset tables, fragments and codec headers sit (from dicom-parser's element
// map of the real seed file) and damages those, besides plain bit flips and truncation.

import dicomParser from 'dicom-parser';
import type { DataSet, Element } from 'dicom-parser';
import type { SeedFile } from './seeds';
import { seededRandom } from '../support/seeded-random';


type Rand = () => number;
const int = (r: Rand, n: number): number => Math.floor(r() * n);
const pick = <T>(r: Rand, items: readonly T[]): T => items[int(r, items.length)] as T;

const SYNTAXES = [
  '1.2.840.10008.1.2',
  '1.2.840.10008.1.2.1',
  '1.2.840.10008.1.2.2',
  '1.2.840.10008.1.2.1.99',
  '1.2.840.10008.1.2.5',
  '1.2.840.10008.1.2.4.50',
  '1.2.840.10008.1.2.4.57',
  '1.2.840.10008.1.2.4.70',
  '1.2.840.10008.1.2.4.80',
  '1.2.840.10008.1.2.4.81',
  '1.2.840.10008.1.2.4.90',
  '1.2.840.10008.1.2.4.91',
  '1.2.840.10008.1.2.4.201',
  '1.2.840.10008.1.2.4.203',
  '1.2.840.10008.1.2.8.1',
  '1.2.840.10008.1.2.1.98',
];
const LENGTHS = [0, 1, 2, 3, 0xffffffff, 0xfffffffe, 0x7fffffff, 0x40000000, 0x10000];
const DIMENSIONS = [0, 1, 2, 3, 7, 8, 12, 15, 16, 17, 24, 31, 32, 33, 64, 255, 256, 511, 512, 513, 1024, 4096, 23000, 32768, 65535];
const CODEC_SIZES = [0, 1, 511, 512, 513, 1024, 23000, 65535];
const FRAME_COUNTS = ['0', '2', '3', '-1', '9999', 'x', ''];
const DEPTHS = [2, 60, 127, 128, 129, 500, 3000];
const IMAGE_TAGS = ['x00280010', 'x00280011', 'x00280100', 'x00280101', 'x00280102', 'x00280002', 'x00280103', 'x00280006'];

interface Located {
  readonly element: Element;
  /** Where its length field is and how wide (2 or 4 bytes). */
  readonly lengthAt: number;
  readonly lengthSize: 2 | 4;
}

/** What the mutator knows about one seed file (computed once per seed). */
export interface SeedMap {
  readonly seed: SeedFile;
  readonly explicit: boolean;
  readonly metaEnd: number;
  readonly elements: readonly Located[];
  readonly top: DataSet | undefined;
}

const LONG = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

export function mapSeed(seed: SeedFile): SeedMap {
  let top: DataSet | undefined;
  try {
    top = dicomParser.parseDicom(seed.bytes, { untilTag: seed.syntax === '1.2.840.10008.1.2.1.99' ? 'x00020010' : 'xffffffff' });
  } catch {
    top = undefined;
  }
  const explicit = seed.syntax !== '1.2.840.10008.1.2';
  const elements: Located[] = [];
  const walk = (ds: DataSet): void => {
    for (const element of Object.values(ds.elements)) {
      const long = !explicit || element.vr === undefined || LONG.has(element.vr);
      const lengthSize = long ? 4 : 2;
      if (element.dataOffset >= lengthSize) elements.push({ element, lengthAt: element.dataOffset - lengthSize, lengthSize });
      for (const item of element.items ?? []) if (item.dataSet) walk(item.dataSet);
    }
  };
  if (top) walk(top);
  const metaLength = seed.bytes.length > 144 ? new DataView(seed.bytes.buffer, seed.bytes.byteOffset).getUint32(140, true) : 0;
  return { seed, explicit, metaEnd: 144 + metaLength, elements, top };
}

interface Mutation {
  readonly bytes: Uint8Array;
  readonly step: string;
}

const hex = (n: number): string => `0x${n.toString(16)}`;

function setU32(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const out = bytes.slice();
  if (at + 4 <= out.length) new DataView(out.buffer).setUint32(at, value >>> 0, true);
  return out;
}

function setU16(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const out = bytes.slice();
  if (at + 2 <= out.length) new DataView(out.buffer).setUint16(at, value & 0xffff, true);
  return out;
}

function splice(bytes: Uint8Array, atWanted: number, removeWanted: number, insert: Uint8Array): Uint8Array {
  // Earlier steps may have cut the file short of the seed's offsets.
  const at = Math.min(Math.max(0, atWanted), bytes.length);
  const remove = Math.min(removeWanted, bytes.length - at);
  const out = new Uint8Array(bytes.length - remove + insert.length);
  out.set(bytes.subarray(0, at));
  out.set(insert, at);
  out.set(bytes.subarray(at + remove), at + insert.length);
  return out;
}

const find = (map: SeedMap, tag: string): Located | undefined => map.elements.find((l) => l.element.tag === tag);
const pixelElement = (map: SeedMap): Element | undefined => map.top?.elements['x7fe00010'];

type Operator = (map: SeedMap, bytes: Uint8Array, r: Rand) => Mutation | undefined;

const OPERATORS: Record<string, Operator> = {
  length(map, bytes, r) {
    if (map.elements.length === 0) return undefined;
    const l = pick(r, map.elements);
    const value = r() < 0.5 ? pick(r, LENGTHS) : l.element.length + pick(r, [-2, -1, 1, 2, 1000, 1 << 20]);
    const out = l.lengthSize === 4 ? setU32(bytes, l.lengthAt, value) : setU16(bytes, l.lengthAt, value);
    return { bytes: out, step: `length(${l.element.tag} ${l.element.length} → ${hex(l.lengthSize === 4 ? value >>> 0 : value & 0xffff)})` };
  },
  flip(_map, bytes, r) {
    const out = bytes.slice();
    const flips = 1 + int(r, 16);
    const at: number[] = [];
    for (let i = 0; i < flips; i++) {
      const p = r() < 0.5 ? int(r, Math.min(out.length, 4096)) : int(r, out.length);
      out[p] = (out[p] ?? 0) ^ (1 << int(r, 8));
      at.push(p);
    }
    return { bytes: out, step: `flip(${at.join(',')})` };
  },
  truncate(map, bytes, r) {
    const cut = r() < 0.5 ? int(r, Math.min(bytes.length, map.metaEnd + 2048)) : int(r, bytes.length);
    return { bytes: bytes.subarray(0, cut).slice(), step: `truncate(${cut})` };
  },
  nest(map, bytes, r) {
    const pixels = pixelElement(map);
    const tops = map.top ? Object.values(map.top.elements).filter((e) => e.dataOffset > map.metaEnd) : [];
    if (tops.length === 0 || map.seed.syntax === '1.2.840.10008.1.2.1.99') return undefined;
    const before = pick(r, pixels ? [...tops, pixels, pixels] : tops);
    const at = before.dataOffset - (map.explicit && before.vr !== undefined && LONG.has(before.vr) ? 12 : 8);
    const depth = pick(r, DEPTHS);
    const u = (n: number, size: 2 | 4): number[] => (size === 2 ? [n & 0xff, (n >> 8) & 0xff] : [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24]);
    const open = map.explicit ? [0xd1, 0x7f, 0x10, 0x10, 0x53, 0x51, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0x00, 0xe0, 0xff, 0xff, 0xff, 0xff] : [0xd1, 0x7f, 0x10, 0x10, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0x00, 0xe0, 0xff, 0xff, 0xff, 0xff];
    const close = [0xfe, 0xff, 0x0d, 0xe0, ...u(0, 4), 0xfe, 0xff, 0xdd, 0xe0, ...u(0, 4)];
    const nested = new Uint8Array(depth * (open.length + close.length));
    for (let i = 0; i < depth; i++) nested.set(open, i * open.length);
    for (let i = 0; i < depth; i++) nested.set(close, depth * open.length + i * close.length);
    return { bytes: splice(bytes, Math.max(0, at), 0, nested), step: `nest(${depth} before ${before.tag})` };
  },
  dimension(map, bytes, r) {
    if (r() < 0.2) {
      const frames = find(map, 'x00280008');
      if (frames === undefined) return undefined;
      const value = pick(r, FRAME_COUNTS).padEnd(frames.element.length, ' ').slice(0, frames.element.length);
      const out = bytes.slice();
      for (let i = 0; i < value.length; i++) out[frames.element.dataOffset + i] = value.charCodeAt(i);
      return { bytes: out, step: `frames("${value.trim()}")` };
    }
    const l = find(map, pick(r, IMAGE_TAGS));
    if (l === undefined) return undefined;
    const value = pick(r, DIMENSIONS);
    return { bytes: setU16(bytes, l.element.dataOffset, value), step: `dimension(${l.element.tag} → ${value})` };
  },
  offsetTable(map, bytes, r) {
    const pixels = pixelElement(map);
    if (pixels?.encapsulatedPixelData !== true) return undefined;
    const botLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(pixels.dataOffset + 4, true);
    if (botLength === 0 || r() < 0.3) {
      return { bytes: setU32(bytes, pixels.dataOffset + 4, pick(r, [4, 8, 0xffffffff, 0x1000])), step: `botLength(${botLength} → …)` };
    }
    const entry = int(r, Math.floor(botLength / 4));
    const value = pick(r, [0, 1, 0xffffffff, 0x7fffffff, int(r, bytes.length)]);
    return { bytes: setU32(bytes, pixels.dataOffset + 8 + entry * 4, value), step: `bot(${entry} → ${hex(value)})` };
  },
  fragment(map, bytes, r) {
    const fragments = pixelElement(map)?.fragments ?? [];
    if (fragments.length === 0) return undefined;
    const f = pick(r, fragments);
    const choice = int(r, 3);
    if (choice === 0) return { bytes: setU32(bytes, f.position - 4, pick(r, [0, 1, f.length + 2, f.length - 2, 0xffffffff])), step: `fragmentLength(${f.position})` };
    if (choice === 1) return { bytes: setU16(bytes, f.position - 6, 0xe0dd), step: `fragmentTag(${f.position} → E0DD)` };
    return { bytes: splice(bytes, f.position - 8, 0, bytes.slice(f.position - 8, f.position + f.length)), step: `fragmentDuplicate(${f.position})` };
  },
  codecHeader(map, bytes, r) {
    const f = pixelElement(map)?.fragments?.find((x) => x.length > 16);
    if (f === undefined) return undefined;
    const start = f.position;
    const end = Math.min(f.position + f.length, bytes.length);
    for (let p = start; p + 12 < end; p++) {
      if (bytes[p] !== 0xff) continue;
      const m = bytes[p + 1] ?? 0;
      const sof = (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) || m === 0xf7;
      if (sof) {
        const field = pick(r, ['height', 'width', 'components', 'precision']);
        const offset = { precision: 4, height: 5, width: 7, components: 9 }[field] ?? 5;
        const value = field === 'components' ? pick(r, [0, 1, 2, 3, 4, 255]) : field === 'precision' ? pick(r, [0, 1, 8, 12, 16, 17]) : pick(r, CODEC_SIZES);
        const out = bytes.slice();
        if (field === 'components' || field === 'precision') out[p + offset] = value;
        else new DataView(out.buffer).setUint16(p + offset, value, false);
        return { bytes: out, step: `sof(${field} → ${value})` };
      }
      if (m === 0x51 && bytes[p - 2] === 0xff && bytes[p - 1] === 0x4f) {
        // SIZ: Lsiz(2) Rsiz(2) Xsiz(4) Ysiz(4) XOsiz(4) YOsiz(4) XTsiz(4) YTsiz(4) XTOsiz(4) YTOsiz(4) Csiz(2)
        const field = pick(r, ['Xsiz', 'Ysiz', 'XOsiz', 'XTsiz', 'Csiz']);
        const offset = { Xsiz: 4, Ysiz: 8, XOsiz: 12, XTsiz: 20, Csiz: 36 }[field] ?? 4;
        const value = field === 'Csiz' ? pick(r, [0, 1, 2, 3, 4, 16384]) : pick(r, [...CODEC_SIZES, 0x7fffffff]);
        const out = bytes.slice();
        if (field === 'Csiz') new DataView(out.buffer).setUint16(p + 2 + offset, value, false);
        else new DataView(out.buffer).setUint32(p + 2 + offset, value, false);
        return { bytes: out, step: `siz(${field} → ${value})` };
      }
    }
    return undefined;
  },
  syntax(map, bytes, r) {
    const ts = find(map, 'x00020010');
    if (ts === undefined) return undefined;
    const uid = pick(r, SYNTAXES);
    const value = new Uint8Array(uid.length + (uid.length % 2));
    for (let i = 0; i < uid.length; i++) value[i] = uid.charCodeAt(i);
    const delta = value.length - ts.element.length;
    let out = splice(bytes, ts.element.dataOffset, ts.element.length, value);
    out = setU16(out, ts.lengthAt, value.length);
    const groupLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(140, true);
    out = setU32(out, 140, groupLength + delta);
    return { bytes: out, step: `syntax(${uid})` };
  },
};

export const OPERATOR_NAMES = Object.keys(OPERATORS);

export interface Mutant {
  readonly bytes: Uint8Array;
  /** Seed file and steps, for the log and for regression cases. */
  readonly recipe: string;
}

/** Mutant `index` of campaign `seed`: a seed file and one to three mutations, the same every time. */
export function mutant(maps: readonly SeedMap[], seed: number, index: number): Mutant {
  const r = seededRandom(Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b));
  const map = pick(r, maps);
  let bytes = map.seed.bytes;
  const steps: string[] = [];
  const count = 1 + int(r, 3);
  for (let tries = 0; steps.length < count && tries < 10; tries++) {
    // Structure-aware operators apply to the seed's own layout, so they come before byte-level damage shifts it.
    const name = steps.length === 0 ? pick(r, OPERATOR_NAMES) : pick(r, ['flip', 'truncate', 'length', 'dimension', 'syntax']);
    let done: Mutation | undefined;
    try {
      done = (OPERATORS[name] as Operator)(map, bytes, r);
    } catch {
      done = undefined; // an earlier step moved what this one looks for: try another
    }
    if (done === undefined) continue;
    bytes = done.bytes;
    steps.push(done.step);
  }
  return { bytes, recipe: `${map.seed.name}: ${steps.join('; ') || 'unchanged'}` };
}
