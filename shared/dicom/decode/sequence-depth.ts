/**
 * How deep sequences nest, found by walking element headers without recursion. dicom-parser recurses once per
 * level and a crafted file nested 3,000 deep blows the call stack; real files nest fewer than 10 levels, so a
 * file nested deeper than MAX_SEQUENCE_DEPTH is refused before dicom-parser sees it.
 */
export const MAX_SEQUENCE_DEPTH = 128;

const UNDEFINED_LENGTH = 0xffffffff;
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

interface Container {
  readonly kind: 'sequence' | 'item';
  /** Offset just past the container; Infinity for undefined length (ends at its delimiter). */
  readonly end: number;
}

const isUpper = (b: number | undefined): boolean => b !== undefined && b >= 0x41 && b <= 0x5a;

/**
 * True when sequences starting at `start` nest deeper than `limit`. Stops quietly (false) where the bytes stop
 * making sense: reporting damage is the parser's job, this only guards its recursion.
 */
export function nestsDeeperThan(bytes: Uint8Array, start: number, explicit: boolean, littleEndian: boolean, limit = MAX_SEQUENCE_DEPTH): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number): number => view.getUint16(at, littleEndian);
  const u32 = (at: number): number => view.getUint32(at, littleEndian);
  const stack: Container[] = [];
  let sequences = 0;
  let p = start;
  const pop = (): void => {
    if (stack.pop()?.kind === 'sequence') sequences--;
  };
  while (p + 8 <= bytes.length) {
    while (stack.length > 0 && p >= (stack[stack.length - 1] as Container).end) pop();
    const group = u16(p);
    const element = u16(p + 2);
    if (group === 0xfffe) {
      // Items and delimiters: tag + 4-byte length, no VR, in every transfer syntax.
      const length = u32(p + 4);
      p += 8;
      if (element === 0xe000) stack.push({ kind: 'item', end: length === UNDEFINED_LENGTH ? Number.POSITIVE_INFINITY : p + length });
      else if (element === 0xe00d) {
        if (stack[stack.length - 1]?.kind === 'item') pop();
      } else if (element === 0xe0dd) {
        while (stack.length > 0 && stack[stack.length - 1]?.kind === 'item') pop();
        pop();
      }
      continue;
    }
    const vr = explicit && isUpper(bytes[p + 4]) && isUpper(bytes[p + 5]) ? String.fromCharCode(bytes[p + 4] as number, bytes[p + 5] as number) : undefined;
    let length: number;
    if (vr === undefined) {
      length = u32(p + 4);
      p += 8;
    } else if (LONG_VRS.has(vr)) {
      if (p + 12 > bytes.length) return false;
      length = u32(p + 8);
      p += 12;
    } else {
      length = u16(p + 6);
      p += 8;
    }
    // Encapsulated pixel data holds fragments, not data sets: nothing nested lies beyond it.
    if (group === 0x7fe0 && element === 0x0010 && length === UNDEFINED_LENGTH) return false;
    const nextIsItem = p + 4 <= bytes.length && u16(p) === 0xfffe && u16(p + 2) === 0xe000;
    const sequence = vr === 'SQ' || ((vr === undefined || vr === 'UN') && (length === UNDEFINED_LENGTH || nextIsItem));
    if (sequence) {
      stack.push({ kind: 'sequence', end: length === UNDEFINED_LENGTH ? Number.POSITIVE_INFINITY : p + length });
      sequences++;
      if (sequences > limit) return true;
    } else if (length === UNDEFINED_LENGTH) {
      return false;
    } else {
      p += length;
    }
  }
  return false;
}
