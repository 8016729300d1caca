import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText } from '@shared/dicom/charset';
import { parseInstanceHeader } from '@shared/dicom/header';
import type { InstanceHeader } from '@shared/dicom/header';
import { HANG_GUARD_MS } from '../../support/hang-guard';

// Specific Character Set against pydicom: its charset test files (Debian python3-pydicom), and strings encoded at
// test time by pydicom (or, where pydicom 2.3 cannot, by Python's own codec) under character sets those files lack.
const CHARSET_FILES = '/usr/lib/python3/dist-packages/pydicom/data/charset_files';
const SCRIPT = join(import.meta.dirname, 'reference_charset.py');

type Case = { readonly terms: readonly string[]; readonly text: string } | { readonly codec: string; readonly text: string };
interface Answer {
  files: Record<string, { terms: string[] } & Record<string, string | null>>;
  cases: { hex: string; decoded: string }[];
}

function reference(files: readonly string[], cases: readonly Case[]): Answer {
  const out = execFileSync('/usr/bin/python3', [SCRIPT], { input: JSON.stringify({ files, cases }), encoding: 'utf8', timeout: HANG_GUARD_MS });
  return JSON.parse(out) as Answer;
}

const hex = (h: string): Uint8Array => Uint8Array.from(h.match(/../gu) ?? [], (b) => parseInt(b, 16));
const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

function header(path: string): InstanceHeader {
  const parsed = parseInstanceHeader(new Uint8Array(readFileSync(path)), { isWholeFile: true, file: path });
  if (parsed.kind !== 'header') throw new Error(`no header in ${path}`);
  return parsed.header;
}

const files = readdirSync(CHARSET_FILES)
  .filter((f) => f.endsWith('.dcm'))
  .sort()
  .map((f) => join(CHARSET_FILES, f));

describe('Specific Character Set: pydicom charset files', () => {
  const answer = reference(files, []);
  const rows = files.map((path) => ({ path, ref: answer.files[path], ours: header(path) }));
  const fields = ['PatientName', 'PatientID', 'StudyDescription', 'SeriesDescription', 'ReferringPhysicianName', 'AccessionNumber'] as const;
  const key = { PatientName: 'patientName', PatientID: 'patientId', StudyDescription: 'studyDescription', SeriesDescription: 'seriesDescription', ReferringPhysicianName: 'referringPhysicianName', AccessionNumber: 'accessionNumber' } as const;

  it.each(rows.map((r) => [r.path.split('/').pop() ?? r.path, r] as const))('%s: names and descriptions equal pydicom', (_name, row) => {
    expect(row.ref).toBeDefined();
    for (const field of fields) {
      const theirs = row.ref?.[field] ?? null;
      const ours = row.ours[key[field]] ?? null;
      // PN: pydicom's str() drops trailing empty groups ("…=王^小東=" → "…=王^小東") and keeps an all-empty
      // value ("^^^^"), which we drop as any empty value; the characters themselves must be equal.
      const trailing = (v: string | null): string | null => (v === null ? null : v.replace(/[=^]+$/u, '') || null);
      expect(trailing(ours), `${field} under ${JSON.stringify(row.ref?.terms)}`).toBe(trailing(theirs));
    }
  });

  it('the table covers Latin-1, Arabic, Greek, Hebrew, Cyrillic, UTF-8, GB18030 and ISO 2022 Japanese and Korean', () => {
    const names = new Map(rows.map((r) => [r.path.split('/').pop(), r.ours.patientName]));
    expect(names.get('chrGerm.dcm')).toBe('Äneas^Rüdiger');
    expect(names.get('chrH32.dcm')).toBe('ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう');
    expect(names.get('chrI2.dcm')).toBe('Hong^Gildong=洪^吉洞=홍^길동');
    expect(names.get('chrX2.dcm')).toBe('Wang^XiaoDong=王^小东='); // the file's own trailing empty group
    const terms = new Set(rows.flatMap((r) => r.ref?.terms ?? []));
    for (const t of ['ISO_IR 100', 'ISO_IR 127', 'ISO_IR 126', 'ISO_IR 138', 'ISO_IR 144', 'ISO_IR 192', 'GB18030', 'ISO 2022 IR 87', 'ISO 2022 IR 13', 'ISO 2022 IR 149']) expect(terms).toContain(t);
  });
});

describe('Specific Character Set: strings encoded by pydicom under sets the files lack', () => {
  const cases: Case[] = [
    { terms: ['ISO_IR 101'], text: 'Dvořák^Antonín' },
    { terms: ['ISO_IR 109'], text: 'Ġaħ^Żebbuġ' },
    { terms: ['ISO_IR 110'], text: 'Ķēņš^Ūdris' },
    { terms: ['ISO_IR 148'], text: 'Işık^Gül' },
    { terms: ['ISO_IR 166'], text: 'สมชาย^ใจดี' },
    { terms: ['ISO_IR 144'], text: 'Люксембург^Ирина' },
    { terms: ['GBK'], text: 'Wang^XiaoDong=王^小东' },
    { terms: ['ISO_IR 192'], text: 'Müller^Zoë=ミュラー' },
    { terms: ['', 'ISO 2022 IR 87'], text: 'Yamada^Tarou=山田^太郎=やまだ^たろう' },
    { terms: ['', 'ISO 2022 IR 159'], text: '丂^乀' },
    { terms: ['', 'ISO 2022 IR 87', 'ISO 2022 IR 159'], text: '山田^丂' },
    { terms: ['ISO 2022 IR 13', 'ISO 2022 IR 87'], text: 'ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎' },
    { terms: ['', 'ISO 2022 IR 149'], text: '김희중^홍길동' },
    { terms: ['ISO 2022 IR 6', 'ISO 2022 IR 100', 'ISO 2022 IR 144'], text: 'Jérôme=Люк' },
    { terms: ['ISO 2022 IR 100'], text: 'Buc^Jérôme' },
  ];
  const answer = reference([], cases);

  it.each(cases.map((c, i) => [JSON.stringify('terms' in c ? c.terms : c.codec), c.text, i] as const))('%s %s', (_terms, text, i) => {
    const c = cases[i] as Case;
    const ref = answer.cases[i];
    expect(ref?.decoded, 'pydicom round trip').toBe(text);
    expect(decodeText(hex(ref?.hex ?? ''), 'terms' in c ? c.terms : [])).toBe(ref?.decoded);
  });
});

describe('Specific Character Set: sets pydicom 2.3 cannot write, bytes from Python codecs', () => {
  const cases: Case[] = [
    { codec: 'shift_jis', text: 'ﾔﾏﾀﾞ^ﾀﾛｳ' }, // ISO_IR 13 alone: JIS X 0201 katakana in the high half
    { codec: 'iso8859_15', text: 'Œuvre^Šárka€' }, // ISO_IR 203
    { codec: 'gb2312', text: '王' }, // ISO 2022 IR 58 pieces (G1, GR bytes)
    { codec: 'gb2312', text: '小东' },
  ];
  const answer = reference([], cases);
  const bytes = (i: number): Uint8Array => hex(answer.cases[i]?.hex ?? '');

  it('ISO_IR 13 and ISO_IR 203 (whole-value sets)', () => {
    expect(decodeText(bytes(0), ['ISO_IR 13'])).toBe('ﾔﾏﾀﾞ^ﾀﾛｳ');
    expect(decodeText(bytes(1), ['ISO_IR 203'])).toBe('Œuvre^Šárka€');
  });

  it('ISO 2022 IR 58 (GB 2312 designated to G1 by ESC $ ) A)', () => {
    const esc = hex('1b242941');
    const value = concat(ascii('Wang^XiaoDong='), esc, bytes(2), ascii('^'), esc, bytes(3));
    expect(decodeText(value, ['', 'ISO 2022 IR 58'])).toBe('Wang^XiaoDong=王^小东');
  });

  it('no or unknown terms: the default repertoire read as Latin-1, never an exception', () => {
    expect(decodeText(hex('4275635e4ae972f46d65'), [])).toBe('Buc^Jérôme');
    expect(decodeText(hex('4275635e4ae972f46d65'), ['ISO_IR 999'])).toBe('Buc^Jérôme');
    // An unknown escape is dropped, the rest still reads.
    expect(decodeText(concat(ascii('A'), hex('1b2b5a'), ascii('B')), ['', 'ISO 2022 IR 87'])).toBe('A+ZB');
  });
});
