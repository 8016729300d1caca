// The few data elements DIMSE needs, encoded by hand: command sets (always implicit VR little endian, PS3.7 6.3.1),
// query identifiers (in the negotiated transfer syntax, implicit or explicit VR little endian) and the File Meta
// Information of a file we receive. Only text, UL/US and OB values occur; sequences are not needed.

export const IMPLICIT_LE = '1.2.840.10008.1.2';
export const EXPLICIT_LE = '1.2.840.10008.1.2.1';

export type SimpleVr = 'AE' | 'CS' | 'DA' | 'LO' | 'PN' | 'SH' | 'TM' | 'UI' | 'IS' | 'US' | 'UL' | 'OB' | 'LT' | 'DS' | 'AS' | 'DT';

export interface SimpleElement {
  /** group << 16 | element */
  readonly tag: number;
  readonly vr: SimpleVr;
  /** Text (several values joined with \), a number for US/UL, bytes for OB. */
  readonly value: string | number | Uint8Array;
}

function valueBytes(e: SimpleElement): Buffer {
  if (e.vr === 'US') {
    const b = Buffer.alloc(2);
    b.writeUInt16LE(Number(e.value), 0);
    return b;
  }
  if (e.vr === 'UL') {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(Number(e.value), 0);
    return b;
  }
  const raw = e.value instanceof Uint8Array ? Buffer.from(e.value) : Buffer.from(String(e.value), 'utf8');
  if (raw.length % 2 === 0) return raw;
  return Buffer.concat([raw, Buffer.from([e.vr === 'UI' || e.vr === 'OB' ? 0 : 0x20])]);
}

/** Elements sorted by tag, in implicit (explicit = false) or explicit VR little endian. */
export function encodeElements(elements: readonly SimpleElement[], explicit: boolean): Buffer {
  const parts: Buffer[] = [];
  for (const e of [...elements].sort((a, b) => a.tag - b.tag)) {
    const value = valueBytes(e);
    const longForm = e.vr === 'OB';
    const head = Buffer.alloc(explicit && longForm ? 12 : 8);
    head.writeUInt16LE(e.tag >>> 16, 0);
    head.writeUInt16LE(e.tag & 0xffff, 2);
    if (!explicit) head.writeUInt32LE(value.length, 4);
    else {
      head.write(e.vr, 4, 'latin1');
      if (longForm) head.writeUInt32LE(value.length, 8);
      else head.writeUInt16LE(value.length, 6);
    }
    parts.push(head, value);
  }
  return Buffer.concat(parts);
}

/** A command set: the elements plus CommandGroupLength (0000,0000) first. */
export function encodeCommand(elements: readonly SimpleElement[]): Buffer {
  const body = encodeElements(elements, false);
  return Buffer.concat([encodeElements([{ tag: 0x00000000, vr: 'UL', value: body.length }], false), body]);
}

/** The 132-byte preamble and "DICM" plus File Meta Information for a data set received over the network. */
export function fileMeta(sopClassUid: string, sopInstanceUid: string, transferSyntaxUid: string, implementationClassUid: string, implementationVersion: string, sourceAet: string): Buffer {
  const body = encodeElements(
    [
      { tag: 0x00020001, vr: 'OB', value: Uint8Array.of(0, 1) },
      { tag: 0x00020002, vr: 'UI', value: sopClassUid },
      { tag: 0x00020003, vr: 'UI', value: sopInstanceUid },
      { tag: 0x00020010, vr: 'UI', value: transferSyntaxUid },
      { tag: 0x00020012, vr: 'UI', value: implementationClassUid },
      { tag: 0x00020013, vr: 'SH', value: implementationVersion },
      ...(sourceAet !== '' ? [{ tag: 0x00020016, vr: 'AE' as const, value: sourceAet }] : []),
    ],
    true,
  );
  const preamble = Buffer.alloc(132);
  preamble.write('DICM', 128, 'latin1');
  return Buffer.concat([preamble, encodeElements([{ tag: 0x00020000, vr: 'UL', value: body.length }], true), body]);
}

/**
 * Reads a command set (implicit VR little endian, flat): tag → raw value bytes. Malformed lengths return undefined.
 */
export function decodeCommand(bytes: Buffer): Map<number, Buffer> | undefined {
  const out = new Map<number, Buffer>();
  let at = 0;
  while (at < bytes.length) {
    if (at + 8 > bytes.length) return undefined;
    const tag = ((bytes.readUInt16LE(at) << 16) | bytes.readUInt16LE(at + 2)) >>> 0;
    const length = bytes.readUInt32LE(at + 4);
    if (at + 8 + length > bytes.length) return undefined;
    out.set(tag, bytes.subarray(at + 8, at + 8 + length));
    at += 8 + length;
  }
  return out;
}

export const commandText = (value: Buffer | undefined): string => (value === undefined ? '' : value.toString('latin1').replace(/\0/g, '').trim());
export const commandUs = (value: Buffer | undefined): number | undefined => (value !== undefined && value.length >= 2 ? value.readUInt16LE(0) : undefined);
