import { dicomParser, type DataSet, type Element } from './decode/dicom-parser';
import { MAX_SEQUENCE_DEPTH } from './decode/sequence-depth';
import { TAG } from './tags';
import { DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN, normalizeUid } from './transfer-syntaxes';

/**
 * The index's fast path over a Part 10 header: one walk of element headers (tag, VR, length) from the meta header
 * to Pixel Data (7FE0,0010), recording each top-level element's position, and a dicom-parser DataSet over those
 * positions, so every value is still read by dicom-parser's own readers (`DataSet.string`, `uint16`…).
 *
 * Why: the index reads ~50 values from a header, but `parseDicom` builds an element object (tag string, VR string,
 * items, nested DataSets) for everything, after `readPart10Header` has already been run once to find the syntax,
 * the sequence-depth guard has walked the bytes once, and the overrun check walks every element again. Here one
 * walk does all of that: sequence contents are walked (checked structurally, depth-limited) but not stored, the
 * overrun check is a comparison per element, and the walk stops at the pixel data.
 *
 * It accepts only the plain, well-formed case: Explicit or Implicit VR Little Endian data sets (every compressed
 * syntax is Explicit LE), ending at Pixel Data, no element or item running past the bytes, no undefined length
 * outside a sequence or item, items and delimiters where they belong, VRs dicom-parser sizes the same way, no
 * functional-group sequences (enhanced objects need their items, which only the full parse builds). Anything else
 * returns undefined and the caller runs the full dicom-parser parse, which decides (need more bytes, truncated,
 * malformed, deflated, big endian, float pixel data, deep nesting): the fast path never accepts a file the full
 * parse would refuse for its structure, and never says more than "I cannot tell".
 */

const UNDEFINED = 0xffffffff;
const ITEM = 0xfffee000;
const ITEM_END = 0xfffee00d;
const SEQUENCE_END = 0xfffee0dd;
const PIXEL_DATA = 0x7fe00010;
const FLOAT_PIXELS = 0x7fe00008;
const DOUBLE_PIXELS = 0x7fe00009;
// Enhanced objects: their per-frame geometry lives in these sequences' items, which the full parse builds.
const SHARED_GROUPS = 0x52009229;
const PER_FRAME_GROUPS = 0x52009230;
const BIG_ENDIAN = '1.2.840.10008.1.2.2';

/** A bail-out: the caller falls back to the full parse. */
class NotPlain {}
const NOT_PLAIN = new NotPlain();

const A = 0x41;
const Z = 0x5a;
const vrCode = (c0: number, c1: number): number => (c0 << 8) | c1;
const code = (vr: string): number => vrCode(vr.charCodeAt(0), vr.charCodeAt(1));
// dicom-parser's own list of VRs with a 4-byte length (getDataLengthSizeInBytesForVR); OV, SV and UV are not in
// it, so dicom-parser would misread them: such files go to the full parse.
const LONG = new Set(['OB', 'OD', 'OL', 'OW', 'SQ', 'OF', 'UC', 'UR', 'UT', 'UN'].map(code));
const UNSIZED = new Set(['OV', 'SV', 'UV'].map(code));
const SQ = code('SQ');

/**
 * The elements kept: the tags the indexer reads (tags.ts), by number. Every other element is walked over and
 * dropped, so a header with 150 elements costs ~50 small objects, not 150 objects and 150 tag strings.
 */
const WANTED = new Map<number, string>(Object.values(TAG).map((name) => [Number.parseInt(name.slice(1), 16), name]));

// dicom-parser's DataSet class is exported at run time but typed only as an interface.
type DataSetClass = new (parser: DataSet['byteArrayParser'], bytes: Uint8Array, elements: Record<string, Element>) => DataSet;
const dataSetOf = (bytes: Uint8Array, elements: Record<string, Element>): DataSet => {
  const ds = new (dicomParser as unknown as { DataSet: DataSetClass }).DataSet(dicomParser.littleEndianByteArrayParser, bytes, elements);
  ds.warnings = [];
  return ds;
};

class Walker {
  readonly end: number;
  constructor(readonly b: Uint8Array) {
    this.end = b.length;
  }

  u16(at: number): number {
    const b = this.b;
    return (b[at] as number) | ((b[at + 1] as number) << 8);
  }

  u32(at: number): number {
    const b = this.b;
    return ((b[at] as number) | ((b[at + 1] as number) << 8) | ((b[at + 2] as number) << 16) | ((b[at + 3] as number) << 24)) >>> 0;
  }

  tag(at: number): number {
    return ((this.u16(at) << 16) | this.u16(at + 2)) >>> 0;
  }

  need(at: number, bytes: number): void {
    if (at + bytes > this.end) throw NOT_PLAIN;
  }

  /**
   * One element header at `at`: [tag, vr code (0 implicit), value offset, length]. Written into `out` to spare an
   * allocation per element.
   */
  header(at: number, explicit: boolean, out: Float64Array): void {
    this.need(at, 8);
    const tag = this.tag(at);
    out[0] = tag;
    if (!explicit || tag === ITEM || tag === ITEM_END || tag === SEQUENCE_END) {
      out[1] = 0;
      out[2] = at + 8;
      out[3] = this.u32(at + 4);
      return;
    }
    const c0 = this.b[at + 4] as number;
    const c1 = this.b[at + 5] as number;
    if (c0 < A || c0 > Z || c1 < A || c1 > Z) throw NOT_PLAIN;
    const vr = vrCode(c0, c1);
    if (UNSIZED.has(vr)) throw NOT_PLAIN;
    out[1] = vr;
    if (LONG.has(vr)) {
      this.need(at, 12);
      out[2] = at + 12;
      out[3] = this.u32(at + 8);
    } else {
      out[2] = at + 8;
      out[3] = this.u16(at + 6);
    }
  }

  /** Whether a value at `at` starts like a sequence (how dicom-parser tells SQ without a dictionary, implicit VR). */
  startsSequence(at: number): boolean {
    if (at + 4 > this.end) return false;
    const next = this.tag(at);
    return next === ITEM || next === SEQUENCE_END;
  }

  /** Walks a sequence's items from `at`; returns the offset after it. `end` is Infinity for undefined length. */
  sequence(at: number, end: number, explicit: boolean, depth: number): number {
    if (depth > MAX_SEQUENCE_DEPTH) throw NOT_PLAIN;
    const h = new Float64Array(4);
    let p = at;
    for (;;) {
      if (p === end) return p;
      if (p > end) throw NOT_PLAIN;
      this.header(p, false, h);
      const tag = h[0] as number;
      const valueAt = h[2] as number;
      const length = h[3] as number;
      if (tag === SEQUENCE_END && end === Infinity) {
        if (length !== 0) throw NOT_PLAIN;
        return valueAt;
      }
      if (tag !== ITEM) throw NOT_PLAIN;
      if (length === UNDEFINED) p = this.elements(valueAt, Infinity, explicit, depth);
      else {
        if (valueAt + length > this.end) throw NOT_PLAIN;
        p = this.elements(valueAt, valueAt + length, explicit, depth);
      }
    }
  }

  /** Walks an item's elements (not stored); returns the offset after the item. */
  elements(at: number, end: number, explicit: boolean, depth: number): number {
    const h = new Float64Array(4);
    let p = at;
    for (;;) {
      if (p === end) return p;
      if (p > end) throw NOT_PLAIN;
      this.header(p, explicit, h);
      const tag = h[0] as number;
      const valueAt = h[2] as number;
      const length = h[3] as number;
      if (tag === ITEM_END && end === Infinity) {
        if (length !== 0) throw NOT_PLAIN;
        return valueAt;
      }
      p = this.value(tag, h[1] as number, valueAt, length, explicit, depth);
    }
  }

  /** Skips (walking sequences) one element's value; returns the offset after it. */
  value(tag: number, vr: number, valueAt: number, length: number, explicit: boolean, depth: number): number {
    if (tag === ITEM || tag === ITEM_END || tag === SEQUENCE_END) throw NOT_PLAIN;
    const isSequence = explicit ? vr === SQ : this.startsSequence(valueAt);
    if (length === UNDEFINED) {
      if (!isSequence) throw NOT_PLAIN;
      return this.sequence(valueAt, Infinity, explicit, depth + 1);
    }
    if (valueAt + length > this.end) throw NOT_PLAIN;
    return isSequence ? this.sequence(valueAt, valueAt + length, explicit, depth + 1) : valueAt + length;
  }
}

/** The element as parseDicom leaves it (an undefined length is replaced by the length walked, as it does). */
function element(name: string, tag: number, vr: number, dataOffset: number, length: number, next: number): Element {
  const e: Element = { tag: name, dataOffset, length };
  if (vr !== 0) e.vr = String.fromCharCode(vr >> 8, vr & 0xff);
  if (length === UNDEFINED && tag !== PIXEL_DATA) {
    e.length = next - dataOffset;
    e.hadUndefinedLength = true;
  }
  return e;
}

/**
 * The header of a Part 10 file (preamble, 'DICM', meta) as a dicom-parser DataSet (meta elements included, as
 * parseDicom merges them), or undefined when the full parse must decide (see the module comment).
 */
export function walkPlainHeader(part10: Uint8Array): DataSet | undefined {
  try {
    return walk(part10);
  } catch (thrown) {
    if (thrown === NOT_PLAIN) return undefined;
    throw thrown;
  }
}

function walk(b: Uint8Array): DataSet {
  const w = new Walker(b);
  const elements: Record<string, Element> = {};
  const h = new Float64Array(4);
  let p = 132;
  // Meta header: explicit VR LE, group 0002, flat.
  for (;;) {
    w.need(p, 4);
    const group = w.u16(p);
    if (group < 0x0002) throw NOT_PLAIN; // readPart10Header would take it as meta
    if (group !== 0x0002) break;
    w.header(p, true, h);
    const length = h[3] as number;
    if ((h[1] as number) === SQ || length === UNDEFINED || (h[2] as number) + length > w.end) throw NOT_PLAIN;
    const name = WANTED.get(h[0] as number);
    if (name !== undefined) elements[name] = element(name, h[0] as number, h[1] as number, h[2] as number, length, 0);
    p = (h[2] as number) + length;
  }
  const syntaxElement = elements[TAG.transferSyntaxUid];
  if (syntaxElement === undefined) throw NOT_PLAIN;
  const provisional = dataSetOf(b, elements);
  const syntax = normalizeUid(provisional.string(TAG.transferSyntaxUid) ?? '');
  if (syntax === '' || syntax === BIG_ENDIAN || syntax === DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN) throw NOT_PLAIN;
  const explicit = syntax !== IMPLICIT_VR_LITTLE_ENDIAN;
  for (;;) {
    w.header(p, explicit, h);
    const tag = h[0] as number;
    const vr = h[1] as number;
    const valueAt = h[2] as number;
    const length = h[3] as number;
    if (tag === PIXEL_DATA) {
      // Where parseDicom's untilTag stops: the element is recorded, its value is not read.
      elements[TAG.pixelData] = element(TAG.pixelData, tag, vr, valueAt, length, 0);
      return dataSetOf(b, elements);
    }
    // parseDicom lets the meta header's elements win over a group 0002 element in the data set: not mirrored here.
    if (tag >>> 16 === 0x0002 || tag === FLOAT_PIXELS || tag === DOUBLE_PIXELS || tag === SHARED_GROUPS || tag === PER_FRAME_GROUPS) throw NOT_PLAIN;
    const next = w.value(tag, vr, valueAt, length, explicit, 0);
    const name = WANTED.get(tag);
    if (name !== undefined) elements[name] = element(name, tag, vr, valueAt, length, next);
    p = next;
  }
}
