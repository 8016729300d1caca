/**
 * Specific Character Set (0008,0005) for the text VRs (SH, LO, ST, LT, UT, UC, PN), PS3.5 §6.1 and Annex in
 * PS3.3 C.12.1.1.2. Two shapes:
 * - one character set for the whole value (ISO_IR 100 … 192, GB18030, GBK): decode the bytes with it;
 * - ISO 2022 code extensions (any value 'ISO 2022 IR n'): escape sequences switch what G0 (bytes < 0x80) and G1
 *   (bytes >= 0x80) mean; runs between escapes are decoded with the designated set.
 * An unknown or unsupported term falls back to the default repertoire read as Latin-1 (never an exception):
 * a name shown slightly wrong beats a study that does not open.
 */

// TextDecoder is a standard global (WHATWG Encoding) in Node, browsers and workers alike; shared/ compiles against
// plain ES2023, so the part used here is declared locally. Node's full ICU and Chromium have every label below.
interface TextDecoderLike {
  decode(input: Uint8Array): string;
}
declare const TextDecoder: new (label: string) => TextDecoderLike;

const decoders = new Map<string, TextDecoderLike | null>();
function decoder(label: string): TextDecoderLike | null {
  let found = decoders.get(label);
  if (found === undefined) {
    try {
      found = new TextDecoder(label);
    } catch {
      found = null;
    }
    decoders.set(label, found);
  }
  return found;
}

/** Bytes as Latin-1 (ISO_IR 100, and the fallback): exact, unlike WHATWG's 'iso-8859-1' (= windows-1252). */
function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 4096) out += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return out;
}

function decodeWith(label: string, bytes: Uint8Array): string {
  if (label === 'latin1') return latin1(bytes);
  const d = decoder(label);
  return d === null ? latin1(bytes) : d.decode(bytes);
}

/** Single-byte sets by their ISO_IR number: WHATWG labels (identical to the ISO 8859 parts above 0x9F). */
const SINGLE_BYTE: Readonly<Record<string, string>> = {
  '6': 'latin1',
  '100': 'latin1',
  '101': 'iso-8859-2',
  '109': 'iso-8859-3',
  '110': 'iso-8859-4',
  '144': 'iso-8859-5',
  '127': 'iso-8859-6',
  '126': 'iso-8859-7',
  '138': 'iso-8859-8',
  '148': 'iso-8859-9',
  '203': 'iso-8859-15',
  '166': 'windows-874',
};

/** The whole-value character sets (no code extensions). */
const WHOLE_VALUE: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(SINGLE_BYTE).map(([n, label]) => [`ISO_IR ${n}`, label])),
  'ISO_IR 13': 'jisx0201',
  'ISO_IR 192': 'utf-8',
  GB18030: 'gb18030',
  GBK: 'gbk',
};

/** What a G0 or G1 designation means for the bytes that follow. */
type CodeElement =
  | { readonly kind: 'single'; readonly label: string }
  | { readonly kind: 'jisx0201-roman' }
  | { readonly kind: 'jisx0201-katakana' }
  /** Two bytes per character, decoded as EUC (bytes | 0x80), with an optional lead byte (JIS X 0212: 0x8F). */
  | { readonly kind: 'double'; readonly label: string; readonly lead?: number };

const ASCII: CodeElement = { kind: 'single', label: 'latin1' };
const ROMAN: CodeElement = { kind: 'jisx0201-roman' };
const KATAKANA: CodeElement = { kind: 'jisx0201-katakana' };

/** Escape sequences (the bytes after ESC) → the set they designate, and into G0 or G1. */
const ESCAPES: ReadonlyArray<readonly [string, 'g0' | 'g1', CodeElement]> = [
  ['(B', 'g0', ASCII], // ISO 2022 IR 6
  ['(J', 'g0', ROMAN], // ISO 2022 IR 14
  [')I', 'g1', KATAKANA], // ISO 2022 IR 13
  ['$B', 'g0', { kind: 'double', label: 'euc-jp' }], // ISO 2022 IR 87, JIS X 0208
  ['$(D', 'g0', { kind: 'double', label: 'euc-jp', lead: 0x8f }], // ISO 2022 IR 159, JIS X 0212
  ['$)C', 'g1', { kind: 'double', label: 'euc-kr' }], // ISO 2022 IR 149, KS X 1001
  ['$)A', 'g1', { kind: 'double', label: 'gbk' }], // ISO 2022 IR 58, GB 2312
  ['-A', 'g1', { kind: 'single', label: 'latin1' }], // ISO 2022 IR 100
  ['-B', 'g1', { kind: 'single', label: 'iso-8859-2' }], // IR 101
  ['-C', 'g1', { kind: 'single', label: 'iso-8859-3' }], // IR 109
  ['-D', 'g1', { kind: 'single', label: 'iso-8859-4' }], // IR 110
  ['-L', 'g1', { kind: 'single', label: 'iso-8859-5' }], // IR 144
  ['-G', 'g1', { kind: 'single', label: 'iso-8859-6' }], // IR 127
  ['-F', 'g1', { kind: 'single', label: 'iso-8859-7' }], // IR 126
  ['-H', 'g1', { kind: 'single', label: 'iso-8859-8' }], // IR 138
  ['-M', 'g1', { kind: 'single', label: 'iso-8859-9' }], // IR 148
  ['-b', 'g1', { kind: 'single', label: 'iso-8859-15' }], // IR 203
  ['-T', 'g1', { kind: 'single', label: 'windows-874' }], // IR 166
];

/** The state a value starts in for the first term of (0008,0005), per PS3.3 C.12.1.1.2 (defined terms). */
function initialState(term: string): { g0: CodeElement; g1: CodeElement | null } {
  switch (term) {
    case 'ISO 2022 IR 13':
      return { g0: ROMAN, g1: KATAKANA };
    case 'ISO 2022 IR 87':
    case 'ISO 2022 IR 159':
      // Multi-byte sets are never the initial G0 (the value starts in ASCII and escapes into them).
      return { g0: ASCII, g1: null };
    default: {
      // '' and ISO 2022 IR 6: ASCII only; ISO 2022 IR 100 etc.: that part's upper half in G1 from the start.
      const n = /^ISO 2022 IR (\d+)$/u.exec(term)?.[1];
      const label = n === undefined || n === '6' ? undefined : SINGLE_BYTE[n];
      return { g0: ASCII, g1: label === undefined ? null : { kind: 'single', label } };
    }
  }
}

function decodeRun(element: CodeElement, bytes: Uint8Array): string {
  switch (element.kind) {
    case 'single':
      // A G1 set is its ISO 8859 part's upper half; a G0 set is ASCII.
      return decodeWith(element.label, bytes);
    case 'jisx0201-roman': {
      let out = '';
      for (const b of bytes) out += b === 0x5c ? '\u00a5' : b === 0x7e ? '\u203e' : String.fromCharCode(b);
      return out;
    }
    case 'jisx0201-katakana': {
      let out = '';
      // Half-width katakana: 0xA1–0xDF (GR) or 0x21–0x5F (GL) map onto U+FF61–U+FF9F.
      for (const b of bytes) out += String.fromCharCode(0xff61 + ((b | 0x80) - 0xa1));
      return out;
    }
    case 'double': {
      const euc = new Uint8Array(element.lead === undefined ? bytes.length : bytes.length * 1.5 + 1);
      let n = 0;
      for (let i = 0; i + 1 < bytes.length; i += 2) {
        if (element.lead !== undefined) euc[n++] = element.lead;
        euc[n++] = (bytes[i] as number) | 0x80;
        euc[n++] = (bytes[i + 1] as number) | 0x80;
      }
      return decodeWith(element.label, euc.subarray(0, n));
    }
  }
}

/**
 * ISO 2022: walk the bytes, switching G0/G1 at escapes, decoding each run of low (G0) or high (G1) bytes with
 * its set. The standard has writers escape back to the initial set before delimiters (^ = \\ CR LF); inside a
 * double-byte G0 run those byte values are halves of characters, so delimiters are not treated specially here.
 */
function decodeIso2022(bytes: Uint8Array, terms: readonly string[]): string {
  const state = initialState(terms[0] ?? '');
  let out = '';
  let start = 0;
  let runHigh = false;
  const flush = (end: number): void => {
    if (end <= start) return;
    const run = bytes.subarray(start, end);
    const element = runHigh ? (state.g1 ?? ASCII) : state.g0;
    out += runHigh && state.g1 === null ? latin1(run) : decodeRun(element, run);
  };
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b === 0x1b) {
      flush(i);
      const escape = ESCAPES.find(([seq]) => seq.split('').every((c, k) => bytes[i + 1 + k] === c.charCodeAt(0)));
      if (escape === undefined) {
        // An escape we do not know: drop the ESC, keep reading in the current state.
        i++;
        start = i;
        continue;
      }
      const [seq, target, element] = escape;
      if (target === 'g0') state.g0 = element;
      else state.g1 = element;
      i += 1 + seq.length;
      start = i;
      continue;
    }
    const high = b >= 0x80;
    if (i > start && high !== runHigh) {
      flush(i);
      start = i;
    }
    runHigh = high;
    i++;
  }
  flush(bytes.length);
  return out;
}

/** The terms of (0008,0005): backslash-separated, each trimmed; the first may be empty (= default repertoire). */
export function characterSetTerms(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value.split('\\').map((t) => t.trim());
}

/** Decodes the bytes of a text value (SH, LO, ST, LT, UT, UC, PN) under the given (0008,0005) terms. */
export function decodeText(bytes: Uint8Array, terms: readonly string[]): string {
  if (terms.some((t) => t.startsWith('ISO 2022'))) return decodeIso2022(bytes, terms);
  const first = terms[0] ?? '';
  if (first === '' || first === 'ISO_IR 6') return latin1(bytes);
  const label = WHOLE_VALUE[first];
  if (label === undefined) return latin1(bytes);
  if (label === 'jisx0201') {
    // ISO_IR 13 without extensions: romaji below 0x80, half-width katakana above.
    let out = '';
    for (const b of bytes) out += b >= 0xa1 && b <= 0xdf ? decodeRun(KATAKANA, Uint8Array.of(b)) : decodeRun(ROMAN, Uint8Array.of(b));
    return out;
  }
  return decodeWith(label, bytes);
}
