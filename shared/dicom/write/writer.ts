// DICOM Part 10 writer: preamble, "DICM", File Meta Information (group 0002, explicit VR LE) and an
// explicit VR little endian dataset. Pure: returns bytes.
import { EXPLICIT_VR_LITTLE_ENDIAN, transferSyntaxInfo } from '../decode/transfer-syntax';
import type { DataElement, Dataset, RawElement, SequenceElement, Tag, TextElement } from './element';
import { element, formatTag, tag, tagGroup } from './element';
import { EXTENDED_CHARSET_TEXT, MAX_VALUE_LENGTH, NUMBER_SIZE, SINGLE_VALUED_TEXT, hasLongLength } from './vr';
import { isAscii, utf8Encode } from './text';
import { uidFromSeed } from './uid';

export { EXPLICIT_VR_LITTLE_ENDIAN };
/** Ours, derived from a fixed seed so every build writes the same value. */
export const IMPLEMENTATION_CLASS_UID = uidFromSeed('spine-met-annotator/implementation-class/1');
export const IMPLEMENTATION_VERSION_NAME = 'SPINEMET_01';

const UNDEFINED_LENGTH = 0xffffffff;
const ITEM = tag(0xfffe, 0xe000);
const ITEM_DELIMITATION = tag(0xfffe, 0xe00d);
const SEQUENCE_DELIMITATION = tag(0xfffe, 0xe0dd);
const SPECIFIC_CHARACTER_SET = tag(0x0008, 0x0005);

export class DicomWriteError extends Error {
  override name = 'DicomWriteError';
}

/** Growable little-endian byte sink. */
class Sink {
  private chunks: Uint8Array[] = [];
  length = 0;
  push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }
  header(t: Tag, vr: string | null, length: number, longLength: boolean): void {
    const size = vr === null ? 8 : longLength ? 12 : 8;
    const b = new Uint8Array(size);
    const v = new DataView(b.buffer);
    v.setUint16(0, tagGroup(t), true);
    v.setUint16(2, t % 0x10000, true);
    if (vr === null) v.setUint32(4, length, true);
    else {
      b[4] = vr.charCodeAt(0);
      b[5] = vr.charCodeAt(1);
      if (longLength) v.setUint32(8, length, true);
      else v.setUint16(6, length, true);
    }
    this.push(b);
  }
  concat(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

interface EncodeContext {
  readonly utf8: boolean;
}

/** Encodes a dataset (no preamble, no meta) as explicit VR little endian. Elements are sorted by tag. */
export function encodeDataset(dataset: Dataset): Uint8Array {
  const sink = new Sink();
  writeDataset(sink, dataset, { utf8: usesUtf8(dataset) }, true);
  return sink.concat();
}

function usesUtf8(dataset: Dataset): boolean {
  const cs = dataset.find((e) => e.tag === SPECIFIC_CHARACTER_SET);
  if (cs === undefined) return false;
  const values = (cs as TextElement).values;
  if (values.length === 1 && values[0] === 'ISO_IR 192') return true;
  throw new DicomWriteError(`SpecificCharacterSet ${values.join('\\')} is not supported (only ISO_IR 192 or none)`);
}

function writeDataset(sink: Sink, dataset: Dataset, ctx: EncodeContext, topLevel: boolean): void {
  const sorted = [...dataset].sort((a, b) => a.tag - b.tag);
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i] as DataElement;
    if (i > 0 && (sorted[i - 1] as DataElement).tag === e.tag) throw new DicomWriteError(`duplicate element ${formatTag(e.tag)}`);
    if (tagGroup(e.tag) === 0x0002) throw new DicomWriteError(`${formatTag(e.tag)}: group 0002 belongs to the file meta, not the dataset`);
    if (tagGroup(e.tag) === 0xfffe) throw new DicomWriteError(`${formatTag(e.tag)}: item tags are written by the encoder`);
    if (!topLevel && e.tag === SPECIFIC_CHARACTER_SET) throw new DicomWriteError('SpecificCharacterSet inside a sequence item is not supported');
    writeElement(sink, e, ctx);
  }
}

function writeElement(sink: Sink, e: DataElement, ctx: EncodeContext): void {
  if ('raw' in e) {
    writeRaw(sink, e);
    return;
  }
  if (e.vr === 'SQ') {
    writeSequence(sink, e, ctx);
    return;
  }
  const value = encodeValue(e, ctx);
  const long = hasLongLength(e.vr);
  if (!long && value.length > 0xfffe) throw new DicomWriteError(`${formatTag(e.tag)} ${e.vr}: ${value.length} bytes do not fit a 16-bit length`);
  if (value.length >= UNDEFINED_LENGTH) throw new DicomWriteError(`${formatTag(e.tag)}: value too long`);
  sink.header(e.tag, e.vr, value.length, long);
  sink.push(value);
}

function writeRaw(sink: Sink, e: RawElement): void {
  const long = hasLongLength(e.vr);
  if (e.undefinedLength === true) {
    if (!long) throw new DicomWriteError(`${formatTag(e.tag)} ${e.vr}: undefined length needs a 32-bit length VR`);
    sink.header(e.tag, e.vr, UNDEFINED_LENGTH, true);
    sink.push(e.raw);
    return;
  }
  if (e.raw.length % 2 !== 0) throw new DicomWriteError(`${formatTag(e.tag)}: a verbatim value must have even length`);
  if (!long && e.raw.length > 0xfffe) throw new DicomWriteError(`${formatTag(e.tag)} ${e.vr}: ${e.raw.length} bytes do not fit a 16-bit length`);
  sink.header(e.tag, e.vr, e.raw.length, long);
  sink.push(e.raw);
}

function writeSequence(sink: Sink, e: SequenceElement, ctx: EncodeContext): void {
  if (e.length === 'undefined') {
    sink.header(e.tag, 'SQ', UNDEFINED_LENGTH, true);
    for (const item of e.items) {
      sink.header(ITEM, null, UNDEFINED_LENGTH, true);
      writeDataset(sink, item, ctx, false);
      sink.header(ITEM_DELIMITATION, null, 0, true);
    }
    sink.header(SEQUENCE_DELIMITATION, null, 0, true);
    return;
  }
  const items = e.items.map((item) => {
    const s = new Sink();
    writeDataset(s, item, ctx, false);
    return s.concat();
  });
  const total = items.reduce((n, b) => n + 8 + b.length, 0);
  sink.header(e.tag, 'SQ', total, true);
  for (const b of items) {
    sink.header(ITEM, null, b.length, true);
    sink.push(b);
  }
}

/** The value bytes, padded to even length (NUL for UI and binary VRs, space for other text). */
function encodeValue(e: Exclude<DataElement, SequenceElement | RawElement>, ctx: EncodeContext): Uint8Array {
  switch (e.vr) {
    case 'OB': case 'OW': case 'OF': case 'OD': case 'OL': case 'OV': case 'UN':
      return padEven(e.bytes, 0x00);
    case 'US': case 'SS': case 'UL': case 'SL': case 'FL': case 'FD':
      return encodeNumbers(e.vr, e.values, e.tag);
    case 'AT':
      return encodeNumbers('AT', e.values, e.tag);
    case 'SV': case 'UV': {
      const out = new Uint8Array(e.values.length * 8);
      const view = new DataView(out.buffer);
      e.values.forEach((v, i) => (e.vr === 'SV' ? view.setBigInt64(i * 8, BigInt.asIntN(64, v), true) : view.setBigUint64(i * 8, BigInt.asUintN(64, v), true)));
      return out;
    }
    default:
      return padEven(encodeText(e, ctx), e.vr === 'UI' ? 0x00 : 0x20);
  }
}

function encodeNumbers(vr: 'US' | 'SS' | 'UL' | 'SL' | 'FL' | 'FD' | 'AT', values: readonly number[], t: Tag): Uint8Array {
  const size = NUMBER_SIZE[vr];
  const out = new Uint8Array(values.length * size);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => {
    const at = i * size;
    const integerIn = (lo: number, hi: number): void => {
      if (!Number.isInteger(v) || v < lo || v > hi) throw new DicomWriteError(`${formatTag(t)} ${vr}: ${v} out of range`);
    };
    switch (vr) {
      case 'US': integerIn(0, 0xffff); view.setUint16(at, v, true); break;
      case 'SS': integerIn(-0x8000, 0x7fff); view.setInt16(at, v, true); break;
      case 'UL': integerIn(0, 0xffffffff); view.setUint32(at, v, true); break;
      case 'SL': integerIn(-0x80000000, 0x7fffffff); view.setInt32(at, v, true); break;
      case 'FL': view.setFloat32(at, v, true); break;
      case 'FD': view.setFloat64(at, v, true); break;
      case 'AT':
        integerIn(0, 0xffffffff);
        view.setUint16(at, tagGroup(v), true);
        view.setUint16(at + 2, v % 0x10000, true);
        break;
    }
  });
  return out;
}

function encodeText(e: TextElement, ctx: EncodeContext): Uint8Array {
  const where = `${formatTag(e.tag)} ${e.vr}`;
  if (SINGLE_VALUED_TEXT.has(e.vr) && e.values.length > 1) throw new DicomWriteError(`${where}: only one value allowed`);
  const max = MAX_VALUE_LENGTH[e.vr];
  for (const v of e.values) {
    if (!SINGLE_VALUED_TEXT.has(e.vr) && v.includes('\\')) throw new DicomWriteError(`${where}: backslash inside a value`);
    if (!isAscii(v)) {
      if (!EXTENDED_CHARSET_TEXT.has(e.vr)) throw new DicomWriteError(`${where}: only the default character repertoire is allowed`);
      if (!ctx.utf8) throw new DicomWriteError(`${where}: non-ASCII text needs SpecificCharacterSet ISO_IR 192`);
    }
    if (max !== undefined && utf8Encode(v).length > max) throw new DicomWriteError(`${where}: "${v}" exceeds ${max} bytes`);
  }
  return utf8Encode(e.values.join('\\'));
}

function padEven(bytes: Uint8Array, pad: number): Uint8Array {
  if (bytes.length % 2 === 0) return bytes;
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  out[bytes.length] = pad;
  return out;
}

export interface Part10Options {
  /** Defaults to the dataset's SOPClassUID (0008,0016). */
  readonly mediaStorageSopClassUid?: string;
  /** Defaults to the dataset's SOPInstanceUID (0008,0018). */
  readonly mediaStorageSopInstanceUid?: string;
  readonly implementationClassUid?: string;
  readonly implementationVersionName?: string;
  readonly sourceApplicationEntityTitle?: string;
  /**
   * Defaults to explicit VR little endian. Another transfer syntax may be named only when the dataset is explicit VR
   * little endian with its pixel data already encoded for it (encapsulated, copied verbatim): JPEG, RLE, JPEG 2000….
   */
  readonly transferSyntaxUid?: string;
}

/** A complete Part 10 file: 128-byte preamble, "DICM", group 0002 with its group length, then the dataset. */
export function writePart10(dataset: Dataset, options: Part10Options = {}): Uint8Array {
  const sopClass = options.mediaStorageSopClassUid ?? textValue(dataset, tag(0x0008, 0x0016));
  const sopInstance = options.mediaStorageSopInstanceUid ?? textValue(dataset, tag(0x0008, 0x0018));
  if (sopClass === undefined || sopInstance === undefined) throw new DicomWriteError('SOPClassUID and SOPInstanceUID are required for the file meta');
  const transferSyntax = options.transferSyntaxUid ?? EXPLICIT_VR_LITTLE_ENDIAN;
  const known = transferSyntaxInfo(transferSyntax);
  if (known !== undefined && (!known.explicitVr || known.endian === 'big' || known.deflated)) throw new DicomWriteError(`transfer syntax ${transferSyntax} is not explicit VR little endian`);
  const meta: DataElement[] = [
    element(tag(0x0002, 0x0001), 'OB', Uint8Array.of(0x00, 0x01)),
    element(tag(0x0002, 0x0002), 'UI', sopClass),
    element(tag(0x0002, 0x0003), 'UI', sopInstance),
    element(tag(0x0002, 0x0010), 'UI', transferSyntax),
    element(tag(0x0002, 0x0012), 'UI', options.implementationClassUid ?? IMPLEMENTATION_CLASS_UID),
    element(tag(0x0002, 0x0013), 'SH', options.implementationVersionName ?? IMPLEMENTATION_VERSION_NAME),
  ];
  if (options.sourceApplicationEntityTitle !== undefined) meta.push(element(tag(0x0002, 0x0016), 'AE', options.sourceApplicationEntityTitle));
  const metaSink = new Sink();
  for (const e of meta) writeElement(metaSink, e, { utf8: false });
  const metaBody = metaSink.concat();
  const groupLength = new Sink();
  writeElement(groupLength, element(tag(0x0002, 0x0000), 'UL', metaBody.length), { utf8: false });
  const body = encodeDataset(dataset);
  const head = groupLength.concat();
  const out = new Uint8Array(132 + head.length + metaBody.length + body.length);
  out.set([0x44, 0x49, 0x43, 0x4d], 128);
  out.set(head, 132);
  out.set(metaBody, 132 + head.length);
  out.set(body, 132 + head.length + metaBody.length);
  return out;
}

function textValue(dataset: Dataset, t: Tag): string | undefined {
  const e = dataset.find((x) => x.tag === t);
  if (e === undefined) return undefined;
  if ('values' in e) return typeof e.values[0] === 'string' ? e.values[0] : undefined;
  // A verbatim UI value: ASCII, NUL-padded.
  if ('raw' in e && e.vr === 'UI') return String.fromCharCode(...e.raw).replace(/\0+$/, '').trim();
  return undefined;
}
