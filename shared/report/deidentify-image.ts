/**
 * De-identification of a DICOM image file (PS3.15 Annex E, basic application level confidentiality profile), pure:
 * bytes in, bytes out. The profile lists what to remove; we go further and keep only an allow-list of technical
 * attributes (pixel description, geometry, acquisition physics), because whatever is not on the list (free text,
 * private tags, unknown sequences, vendor extras) is where identifiers hide. Identity and dates are replaced by
 * empty (Z) or dummy (D) values, and every UID is remapped with the same keyed hash as the SR, PDF and JSON of the
 * export (`remapUid`), so their references still point at these copies. Pixel data is copied byte for byte.
 *
 * Not handled, refused with a reason: big endian and deflated transfer syntaxes, files without the Part 10 header,
 * and enhanced multi-frame objects (their functional-group sequences would need their own review).
 */
import { DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN } from '../dicom/decode/transfer-syntax';
import type { DataElement, Tag, VR } from '../dicom/write/index';
import { element, formatTag, raw, sequence, tag, writePart10 } from '../dicom/write/index';
import type { DeidentifyOptions } from './deidentify';
import { DEIDENTIFIED_NAME, pseudonymousId, remapUid } from './deidentify';

export class DeidentifyImageError extends Error {
  override name = 'DeidentifyImageError';
}

/** LO (64 bytes max), as written to (0012,0063). */
export const IMAGE_DEIDENTIFICATION_METHOD = 'PS3.15 basic profile; UIDs remapped; technical attributes only';
/** DCM 113100 "Basic Application Confidentiality Profile" (PS3.16 CID 7050). */
export const BASIC_PROFILE_CODE = { value: '113100', scheme: 'DCM', meaning: 'Basic Application Confidentiality Profile' } as const;

const UNSUPPORTED_SYNTAXES: Record<string, string> = {
  '1.2.840.10008.1.2.2': 'explicit VR big endian',
  [DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN]: 'deflated explicit VR little endian',
};

const PIXEL_DATA = tag(0x7fe0, 0x0010);
const ITEM = tag(0xfffe, 0xe000);
const ITEM_DELIMITATION = tag(0xfffe, 0xe00d);
const SEQUENCE_DELIMITATION = tag(0xfffe, 0xe0dd);
const UNDEFINED = 0xffffffff;

/** 'xs': US or SS by Pixel Representation; 'ox': OB or OW by Bits Allocated (only ambiguous in implicit VR). */
type KeepVR = VR | 'xs' | 'ox';

/**
 * Kept verbatim: technical attributes that PS3.15 Table E.1-1 does not list (or lists as K), enough for CT, MR and
 * the other single-frame image IODs to stay valid and display and measure the same. The VR doubles as the
 * dictionary for implicit VR files.
 */
const KEEP: ReadonlyMap<Tag, KeepVR> = new Map<Tag, KeepVR>([
  [tag(0x0008, 0x0008), 'CS'], [tag(0x0008, 0x0016), 'UI'], [tag(0x0008, 0x0060), 'CS'], [tag(0x0008, 0x0064), 'CS'],
  [tag(0x0008, 0x0070), 'LO'], [tag(0x0008, 0x1090), 'LO'],
  [tag(0x0018, 0x0015), 'CS'], [tag(0x0018, 0x0020), 'CS'], [tag(0x0018, 0x0021), 'CS'], [tag(0x0018, 0x0022), 'CS'], [tag(0x0018, 0x0023), 'CS'],
  [tag(0x0018, 0x0050), 'DS'], [tag(0x0018, 0x0060), 'DS'], [tag(0x0018, 0x0080), 'DS'], [tag(0x0018, 0x0081), 'DS'],
  [tag(0x0018, 0x0082), 'DS'], [tag(0x0018, 0x0083), 'DS'], [tag(0x0018, 0x0084), 'DS'], [tag(0x0018, 0x0085), 'SH'],
  [tag(0x0018, 0x0086), 'IS'], [tag(0x0018, 0x0087), 'DS'], [tag(0x0018, 0x0088), 'DS'], [tag(0x0018, 0x0089), 'IS'],
  [tag(0x0018, 0x0091), 'IS'], [tag(0x0018, 0x0093), 'DS'], [tag(0x0018, 0x0094), 'DS'], [tag(0x0018, 0x0095), 'DS'],
  [tag(0x0018, 0x0090), 'DS'], [tag(0x0018, 0x1060), 'DS'], [tag(0x0018, 0x1100), 'DS'], [tag(0x0018, 0x1120), 'DS'],
  [tag(0x0018, 0x1130), 'DS'], [tag(0x0018, 0x1140), 'CS'], [tag(0x0018, 0x1150), 'IS'], [tag(0x0018, 0x1151), 'IS'],
  [tag(0x0018, 0x1152), 'IS'], [tag(0x0018, 0x1164), 'DS'], [tag(0x0018, 0x1210), 'SH'], [tag(0x0018, 0x1310), 'US'],
  [tag(0x0018, 0x1312), 'CS'], [tag(0x0018, 0x1314), 'DS'], [tag(0x0018, 0x5100), 'CS'],
  [tag(0x0020, 0x0011), 'IS'], [tag(0x0020, 0x0012), 'IS'], [tag(0x0020, 0x0013), 'IS'], [tag(0x0020, 0x0020), 'CS'],
  [tag(0x0020, 0x0032), 'DS'], [tag(0x0020, 0x0037), 'DS'], [tag(0x0020, 0x0060), 'CS'], [tag(0x0020, 0x1041), 'DS'],
  [tag(0x0028, 0x0002), 'US'], [tag(0x0028, 0x0004), 'CS'], [tag(0x0028, 0x0006), 'US'], [tag(0x0028, 0x0008), 'IS'],
  [tag(0x0028, 0x0009), 'AT'], [tag(0x0028, 0x0010), 'US'], [tag(0x0028, 0x0011), 'US'], [tag(0x0028, 0x0030), 'DS'],
  [tag(0x0028, 0x0034), 'IS'], [tag(0x0028, 0x0100), 'US'], [tag(0x0028, 0x0101), 'US'], [tag(0x0028, 0x0102), 'US'],
  [tag(0x0028, 0x0103), 'US'], [tag(0x0028, 0x0106), 'xs'], [tag(0x0028, 0x0107), 'xs'], [tag(0x0028, 0x0120), 'xs'],
  [tag(0x0028, 0x0301), 'CS'], [tag(0x0028, 0x1050), 'DS'], [tag(0x0028, 0x1051), 'DS'], [tag(0x0028, 0x1052), 'DS'],
  [tag(0x0028, 0x1053), 'DS'], [tag(0x0028, 0x1054), 'LO'], [tag(0x0028, 0x1101), 'xs'], [tag(0x0028, 0x1102), 'xs'],
  [tag(0x0028, 0x1103), 'xs'], [tag(0x0028, 0x1201), 'OW'], [tag(0x0028, 0x1202), 'OW'], [tag(0x0028, 0x1203), 'OW'],
  [tag(0x0028, 0x2110), 'CS'], [tag(0x0028, 0x2112), 'DS'], [tag(0x0028, 0x2114), 'CS'],
  [PIXEL_DATA, 'ox'],
]);

const INVERSION_TIME = tag(0x0018, 0x0082);

/** UIDs remapped (PS3.15 action U). */
const REMAP: ReadonlyMap<Tag, string> = new Map([
  [tag(0x0008, 0x0018), 'SOPInstanceUID'], [tag(0x0020, 0x000d), 'StudyInstanceUID'], [tag(0x0020, 0x000e), 'SeriesInstanceUID'],
  [tag(0x0020, 0x0052), 'FrameOfReferenceUID'],
]);

/** Emptied when present (action Z): dates, times and identifying type 2 attributes an IOD may require. */
const EMPTY_WHEN_PRESENT: ReadonlyMap<Tag, VR> = new Map<Tag, VR>([
  [tag(0x0008, 0x0021), 'DA'], [tag(0x0008, 0x0022), 'DA'], [tag(0x0008, 0x0023), 'DA'], [tag(0x0008, 0x0031), 'TM'],
  [tag(0x0008, 0x0032), 'TM'], [tag(0x0008, 0x0033), 'TM'], [tag(0x0020, 0x1040), 'LO'],
]);

/** Enhanced multi-frame objects carry their description in functional groups: refused (see the header comment). */
const FUNCTIONAL_GROUPS = [tag(0x5200, 0x9229), tag(0x5200, 0x9230)];

/** VRs with a 2-byte reserved field and a 32-bit length in explicit VR. */
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const TEXT_VRS = new Set(['AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'LO', 'LT', 'PN', 'SH', 'ST', 'TM', 'UC', 'UI', 'UR', 'UT']);

interface RawRead {
  readonly tag: Tag;
  /** null in implicit VR. */
  readonly vr: string | null;
  readonly undefinedLength: boolean;
  /** Value bytes; for undefined length, everything up to and including the sequence delimitation item. */
  readonly value: Uint8Array;
  readonly end: number;
}

class Reader {
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private need(at: number, n: number): void {
    if (at + n > this.bytes.length) throw new DeidentifyImageError(`file truncated at byte ${at}`);
  }

  tagAt(at: number): Tag {
    this.need(at, 4);
    return tag(this.view.getUint16(at, true), this.view.getUint16(at + 2, true));
  }

  /** One element at `at`. Undefined lengths are followed to their delimiter so the element can be kept or skipped. */
  element(at: number, explicit: boolean): RawRead {
    const t = this.tagAt(at);
    let vr: string | null = null;
    let length: number;
    let start: number;
    if (explicit) {
      this.need(at, 8);
      vr = String.fromCharCode(this.bytes[at + 4] ?? 0, this.bytes[at + 5] ?? 0);
      if (LONG_VRS.has(vr)) {
        this.need(at, 12);
        length = this.view.getUint32(at + 8, true);
        start = at + 12;
      } else {
        length = this.view.getUint16(at + 6, true);
        start = at + 8;
      }
    } else {
      this.need(at, 8);
      length = this.view.getUint32(at + 4, true);
      start = at + 8;
    }
    if (length === UNDEFINED) {
      // Items of an undefined-length UN value are implicit VR (PS3.5 6.2.2).
      const end = this.skipItems(start, vr === 'UN' ? false : explicit);
      return { tag: t, vr, undefinedLength: true, value: this.bytes.subarray(start, end), end };
    }
    this.need(start, length);
    return { tag: t, vr, undefinedLength: false, value: this.bytes.subarray(start, start + length), end: start + length };
  }

  /** From the first item to just past the sequence delimitation item. */
  private skipItems(at: number, explicit: boolean): number {
    let pos = at;
    for (;;) {
      const t = this.tagAt(pos);
      this.need(pos, 8);
      const length = this.view.getUint32(pos + 4, true);
      pos += 8;
      if (t === SEQUENCE_DELIMITATION) return pos;
      if (t !== ITEM) throw new DeidentifyImageError(`expected an item at byte ${pos - 8}, found ${formatTag(t)}`);
      if (length !== UNDEFINED) {
        this.need(pos, length);
        pos += length;
        continue;
      }
      // An undefined-length item: its elements up to the item delimitation item.
      while (this.tagAt(pos) !== ITEM_DELIMITATION) pos = this.element(pos, explicit).end;
      pos += 8;
    }
  }
}

const ascii = (bytes: Uint8Array): string => String.fromCharCode(...bytes);
const textValue = (bytes: Uint8Array): string => ascii(bytes).replace(/[\0 ]+$/, '').trim();
const isPrintableAscii = (bytes: Uint8Array): boolean => bytes.every((b) => (b >= 0x20 && b <= 0x7e) || b === 0);

export interface ImageDeidentification {
  readonly bytes: Uint8Array;
  readonly sopInstanceUID: string;
  readonly seriesInstanceUID: string;
  /** The source's Burned In Annotation (0028,0301): YES means the pixels themselves may show identifiers. */
  readonly burnedInAnnotation: 'YES' | 'NO' | 'not stated';
  /** Transfer syntax of the copy (implicit VR sources are rewritten as explicit VR little endian). */
  readonly transferSyntaxUID: string;
}

interface Header {
  readonly transferSyntax: string;
  readonly datasetStart: number;
}

function readHeader(bytes: Uint8Array, r: Reader): Header {
  if (bytes.length < 132 || ascii(bytes.subarray(128, 132)) !== 'DICM') throw new DeidentifyImageError('not a DICOM Part 10 file (no "DICM" after the preamble)');
  let pos = 132;
  let transferSyntax: string | undefined;
  while (pos < bytes.length && Math.floor(r.tagAt(pos) / 0x10000) === 0x0002) {
    const e = r.element(pos, true);
    if (e.tag === tag(0x0002, 0x0010)) transferSyntax = textValue(e.value);
    pos = e.end;
  }
  if (transferSyntax === undefined) throw new DeidentifyImageError('the file meta information names no transfer syntax');
  const unsupported = UNSUPPORTED_SYNTAXES[transferSyntax];
  if (unsupported !== undefined) throw new DeidentifyImageError(`${unsupported} files are not supported for image de-identification`);
  return { transferSyntax, datasetStart: pos };
}

function concreteVr(vr: KeepVR, pixelRepresentation: number, bitsAllocated: number): VR {
  if (vr === 'xs') return pixelRepresentation === 1 ? 'SS' : 'US';
  if (vr === 'ox') return bitsAllocated > 8 ? 'OW' : 'OB';
  return vr;
}

/**
 * The image's identity as the study index gives it (study-identity.ts): the file's own UIDs when valid, derived ones
 * when the file has none. These win over the file's values, so a copy carries what the SR references.
 */
export interface ImageIdentity {
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly sopInstanceUID: string;
}

/** A de-identified copy of one image file; the UIDs it gets are `remapUid(original, options)`. */
export function deidentifyImage(bytes: Uint8Array, options: DeidentifyOptions, identity?: ImageIdentity): ImageDeidentification {
  const r = new Reader(bytes);
  const header = readHeader(bytes, r);
  const explicit = header.transferSyntax !== IMPLICIT_VR_LITTLE_ENDIAN;
  const elements: RawRead[] = [];
  for (let pos = header.datasetStart; pos < bytes.length;) {
    // Trailing padding (FFFC,FFFC) and stray zero bytes end the dataset.
    if (bytes.length - pos < 8) break;
    const e = r.element(pos, explicit);
    elements.push(e);
    pos = e.end;
  }
  const find = (t: Tag): RawRead | undefined => elements.find((e) => e.tag === t);
  if (FUNCTIONAL_GROUPS.some((t) => find(t) !== undefined)) throw new DeidentifyImageError('enhanced multi-frame objects (functional groups) are not supported for image de-identification');
  const us = (t: Tag): number => {
    const e = find(t);
    return e !== undefined && e.value.length >= 2 ? new DataView(e.value.buffer, e.value.byteOffset, 2).getUint16(0, true) : 0;
  };
  const pixelRepresentation = us(tag(0x0028, 0x0103));
  const bitsAllocated = us(tag(0x0028, 0x0100));
  const str = (t: Tag): string => {
    const e = find(t);
    return e === undefined ? '' : textValue(e.value);
  };

  const out: DataElement[] = [];
  // Type 2C: InversionTime only with an inversion-recovery sequence (some scanners write 0 anyway; the copy must be valid).
  const inversionRecovery = str(tag(0x0018, 0x0020)).split('\\').some((v) => v.trim() === 'IR');
  for (const e of elements) {
    const keep = KEEP.get(e.tag);
    if (keep === undefined) continue;
    if (e.tag === INVERSION_TIME && !inversionRecovery) continue;
    const vr: VR = e.vr !== null ? (e.vr as VR) : concreteVr(keep, pixelRepresentation, bitsAllocated);
    // Kept text must be plain ASCII: the copy declares no character set.
    if (TEXT_VRS.has(vr) && !isPrintableAscii(e.value)) continue;
    if (e.undefinedLength && e.tag !== PIXEL_DATA) continue;
    // A broken odd-length value is padded as the standard pads (NUL for UI and binary, space for text).
    const value = e.undefinedLength || e.value.length % 2 === 0 ? e.value : Uint8Array.from([...e.value, TEXT_VRS.has(vr) && vr !== 'UI' ? 0x20 : 0x00]);
    out.push(raw(e.tag, vr, value, e.undefinedLength));
  }

  const known: Readonly<Record<string, string | undefined>> = {
    SOPInstanceUID: identity?.sopInstanceUID, StudyInstanceUID: identity?.studyInstanceUID, SeriesInstanceUID: identity?.seriesInstanceUID,
  };
  const uid = (name: string, t: Tag): string | null => {
    const original = known[name] ?? str(t);
    if (original === '') {
      if (name === 'FrameOfReferenceUID') return null;
      throw new DeidentifyImageError(`the image has no ${name}`);
    }
    return remapUid(original, options);
  };
  const remapped = new Map<string, string>();
  for (const [t, name] of REMAP) {
    const value = uid(name, t);
    if (value === null) continue;
    remapped.set(name, value);
    out.push(element(t, 'UI', value));
  }
  for (const [t, vr] of EMPTY_WHEN_PRESENT) if (find(t) !== undefined) out.push(element(t, vr, ''));
  out.push(
    // Patient and study identification, as the SR and Encapsulated PDF of the same export carry it.
    element(tag(0x0010, 0x0010), 'PN', DEIDENTIFIED_NAME),
    element(tag(0x0010, 0x0020), 'LO', pseudonymousId(str(tag(0x0010, 0x0020)), options)),
    element(tag(0x0010, 0x0030), 'DA', ''),
    element(tag(0x0010, 0x0040), 'CS', ''),
    element(tag(0x0008, 0x0020), 'DA', ''),
    element(tag(0x0008, 0x0030), 'TM', ''),
    element(tag(0x0008, 0x0050), 'SH', ''),
    element(tag(0x0008, 0x0090), 'PN', ''),
    element(tag(0x0020, 0x0010), 'SH', ''),
    element(tag(0x0012, 0x0062), 'CS', 'YES'),
    element(tag(0x0012, 0x0063), 'LO', IMAGE_DEIDENTIFICATION_METHOD),
    sequence(tag(0x0012, 0x0064), [[
      element(tag(0x0008, 0x0100), 'SH', BASIC_PROFILE_CODE.value),
      element(tag(0x0008, 0x0102), 'SH', BASIC_PROFILE_CODE.scheme),
      element(tag(0x0008, 0x0104), 'LO', BASIC_PROFILE_CODE.meaning),
    ]]),
  );
  const burned = str(tag(0x0028, 0x0301)).toUpperCase();
  const transferSyntaxUID = explicit ? header.transferSyntax : EXPLICIT_VR_LITTLE_ENDIAN;
  const sopInstanceUID = remapped.get('SOPInstanceUID') ?? '';
  return {
    bytes: writePart10(out, { transferSyntaxUid: transferSyntaxUID, mediaStorageSopInstanceUid: sopInstanceUID }),
    sopInstanceUID,
    seriesInstanceUID: remapped.get('SeriesInstanceUID') ?? '',
    burnedInAnnotation: burned === 'YES' ? 'YES' : burned === 'NO' ? 'NO' : 'not stated',
    transferSyntaxUID,
  };
}
