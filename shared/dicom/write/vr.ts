// Value representations the writer knows, and the per-VR rules it needs (PS3.5 §6.2, §7.1.2).

export type TextVR = 'AE' | 'AS' | 'CS' | 'DA' | 'DS' | 'DT' | 'IS' | 'LO' | 'LT' | 'PN' | 'SH' | 'ST' | 'TM' | 'UC' | 'UI' | 'UR' | 'UT';
export type NumberVR = 'US' | 'SS' | 'UL' | 'SL' | 'FL' | 'FD';
export type BigIntVR = 'SV' | 'UV';
export type BinaryVR = 'OB' | 'OW' | 'OF' | 'OD' | 'OL' | 'OV' | 'UN';
export type VR = TextVR | NumberVR | BigIntVR | BinaryVR | 'AT' | 'SQ';

const TEXT_VRS: ReadonlySet<string> = new Set<TextVR>(['AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'LO', 'LT', 'PN', 'SH', 'ST', 'TM', 'UC', 'UI', 'UR', 'UT']);

export function isTextVR(vr: VR): vr is TextVR {
  return TEXT_VRS.has(vr);
}

/** Explicit VR: these VRs carry 2 reserved bytes and a 32-bit length; all others a 16-bit length. */
const LONG_LENGTH_VRS: ReadonlySet<VR> = new Set<VR>(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

export function hasLongLength(vr: VR): boolean {
  return LONG_LENGTH_VRS.has(vr);
}

/** Max bytes (or characters, for the ASCII-only VRs) per single value; undefined = only the 2^32-2 limit. */
export const MAX_VALUE_LENGTH: Readonly<Partial<Record<TextVR, number>>> = {
  AE: 16, AS: 4, CS: 16, DA: 8, DS: 16, DT: 26, IS: 12, LO: 64, LT: 10240, PN: 64 * 3 + 2, SH: 16, ST: 1024, TM: 14, UI: 64,
};

/** Text VRs that hold a single value in which a backslash is ordinary text, not a value separator. */
export const SINGLE_VALUED_TEXT: ReadonlySet<TextVR> = new Set<TextVR>(['LT', 'ST', 'UT', 'UR']);

/** Text VRs that may contain characters outside the default repertoire (with a SpecificCharacterSet). */
export const EXTENDED_CHARSET_TEXT: ReadonlySet<TextVR> = new Set<TextVR>(['SH', 'LO', 'ST', 'LT', 'PN', 'UC', 'UT']);

/** Bytes per value of the fixed-size binary VRs. */
export const NUMBER_SIZE: Readonly<Record<NumberVR | BigIntVR | 'AT', number>> = {
  US: 2, SS: 2, UL: 4, SL: 4, FL: 4, FD: 8, SV: 8, UV: 8, AT: 4,
};
