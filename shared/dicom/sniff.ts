import { EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN } from './transfer-syntaxes';

/**
 * How a file holds its data set:
 * - 'part10': 128-byte preamble, 'DICM', meta header (group 0002).
 * - 'meta-without-preamble': starts directly with the group 0002 meta header.
 * - 'raw-implicit-le' / 'raw-explicit-le': a bare data set (ACR-NEMA style or a saved C-FIND identifier).
 */
export type DicomEncoding = 'part10' | 'meta-without-preamble' | 'raw-implicit-le' | 'raw-explicit-le';

const PREAMBLE = 128;
const PART10_PREFIX = PREAMBLE + 4;

const u16 = (b: Uint8Array, at: number): number => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number): number => (u16(b, at) + u16(b, at + 2) * 0x10000) >>> 0;

const VRS = new Set(
  'AE AS AT CS DA DS DT FL FD IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV'.split(' '),
);
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT', 'SV', 'UV']);

const vrAt = (b: Uint8Array, at: number): string => String.fromCharCode(b[at] ?? 0, b[at + 1] ?? 0);

/** True when 'DICM' sits at 128 and a group 0002 element follows (some raw files carry "DICM" inside a value). */
function isPart10(b: Uint8Array): boolean {
  return vrAt(b, PREAMBLE) === 'DI' && vrAt(b, PREAMBLE + 2) === 'CM' && u16(b, PART10_PREFIX) === 0x0002;
}

// Raw data sets start with a low even group (0008 identifying, 0010 patient…): anything else is not DICOM.
const plausibleGroup = (group: number): boolean => group >= 0x0002 && group <= 0x0100 && group % 2 === 0;

/** Length of the element at `at` and where the next one starts, for a raw data set; null when implausible. */
function nextElement(b: Uint8Array, at: number, explicit: boolean): number | null {
  if (explicit) {
    const vr = vrAt(b, at + 4);
    if (!VRS.has(vr)) return null;
    if (LONG_VRS.has(vr)) {
      const length = u32(b, at + 8);
      return length === 0xffffffff ? null : at + 12 + length;
    }
    return at + 8 + u16(b, at + 6);
  }
  const length = u32(b, at + 4);
  return length === 0xffffffff ? null : at + 8 + length;
}

/**
 * Decides how (and whether) bytes hold DICOM from the first few hundred bytes. Raw data sets are accepted only when
 * their first two elements look sane (low even groups in ascending order), so text, images and archives are
 * rejected without parsing.
 */
export function sniffDicom(b: Uint8Array): DicomEncoding | null {
  if (b.length >= PART10_PREFIX + 8 && isPart10(b)) return 'part10';
  if (b.length < 16) return null;
  const group = u16(b, 0);
  if (!plausibleGroup(group)) return null;
  const explicit = VRS.has(vrAt(b, 4));
  if (group === 0x0002) return explicit ? 'meta-without-preamble' : null;
  const next = nextElement(b, 0, explicit);
  if (next === null) return null;
  if (next + 4 <= b.length) {
    const nextGroup = u16(b, next);
    if (nextGroup < group || nextGroup % 2 !== 0) return null;
  }
  return explicit ? 'raw-explicit-le' : 'raw-implicit-le';
}

/** The transfer syntax a raw data set was found to use. */
export function rawTransferSyntax(encoding: DicomEncoding): string | undefined {
  if (encoding === 'raw-implicit-le') return IMPLICIT_VR_LITTLE_ENDIAN;
  if (encoding === 'raw-explicit-le') return EXPLICIT_VR_LITTLE_ENDIAN;
  return undefined;
}

/**
 * Bytes as a Part 10 file: dicom-parser only understands Part 10 (its raw mode is fooled by a "DICM" that happens
 * to sit at offset 128 inside a raw data set), so a preamble, and for raw data sets a minimal meta header naming the
 * transfer syntax, is put in front. Part 10 input is returned as it is.
 */
export function asPart10(b: Uint8Array, encoding: DicomEncoding): Uint8Array {
  if (encoding === 'part10') return b;
  const syntax = rawTransferSyntax(encoding);
  const meta = syntax === undefined ? new Uint8Array(0) : metaElement(syntax);
  const out = new Uint8Array(PART10_PREFIX + meta.length + b.length);
  out.set([0x44, 0x49, 0x43, 0x4d], PREAMBLE);
  out.set(meta, PART10_PREFIX);
  out.set(b, PART10_PREFIX + meta.length);
  return out;
}

/** (0002,0010) UI <uid>, explicit VR little endian, padded to even length with NUL as UIDs are. */
function metaElement(uid: string): Uint8Array {
  const length = uid.length + (uid.length % 2);
  const out = new Uint8Array(8 + length);
  out.set([0x02, 0x00, 0x10, 0x00, 0x55, 0x49, length & 0xff, length >> 8]);
  for (let i = 0; i < uid.length; i++) out[8 + i] = uid.charCodeAt(i);
  return out;
}
