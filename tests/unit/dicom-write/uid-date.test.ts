import { describe, expect, it } from 'vitest';
import {
  formatDA, formatDS, formatDT, formatIS, formatTM, isValidUid, parseDA, parseTM, sha256, uidFromRandomBytes, uidFromSeed, uidUnderRoot, utf8Encode,
} from '@shared/dicom/write';

const hex = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');

describe('sha256', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    expect(hex(sha256(utf8Encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(sha256(new Uint8Array(0)))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(sha256(utf8Encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    expect(hex(sha256(utf8Encode('a'.repeat(1000))))).toBe('41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3');
  });
});

describe('UIDs', () => {
  it('derives the same valid 2.25 UID from the same seed, and different ones from different seeds', () => {
    const a = uidFromSeed('sample/study');
    expect(a).toBe(uidFromSeed('sample/study'));
    expect(a).not.toBe(uidFromSeed('sample/study2'));
    expect(a.startsWith('2.25.')).toBe(true);
    expect(isValidUid(a)).toBe(true);
    // version-8 UUID: the 128-bit value has version nibble 8 and variant 10
    const n = BigInt(a.slice(5));
    expect(Number((n >> 76n) & 0xfn)).toBe(8);
    expect(Number((n >> 62n) & 0x3n)).toBe(2);
  });

  it('never exceeds 64 characters and has no leading zeros', () => {
    for (let i = 0; i < 300; i++) {
      const u = uidFromSeed(`s${i}`);
      expect(isValidUid(u), u).toBe(true);
      const r = uidUnderRoot('1.2.826.0.1.3680043.10.999', `s${i}`);
      expect(isValidUid(r), r).toBe(true);
      expect(r.length).toBeLessThanOrEqual(64);
    }
    expect(uidUnderRoot('1.2.3', 'x')).toBe(uidUnderRoot('1.2.3', 'x'));
    expect(() => uidUnderRoot('1.02', 'x')).toThrow();
  });

  it('makes v4 UIDs from caller random bytes', () => {
    const u = uidFromRandomBytes(new Uint8Array(16).fill(255));
    expect(isValidUid(u)).toBe(true);
    expect(Number((BigInt(u.slice(5)) >> 76n) & 0xfn)).toBe(4);
    expect(() => uidFromRandomBytes(new Uint8Array(8))).toThrow();
  });

  it('validates UID syntax', () => {
    expect(isValidUid('1.2.840.10008.1.2.1')).toBe(true);
    expect(isValidUid('1.2.03')).toBe(false);
    expect(isValidUid('1..2')).toBe(false);
    expect(isValidUid(`1.${'2'.repeat(63)}`)).toBe(false);
  });
});

describe('DICOM dates and numbers', () => {
  const d = new Date(Date.UTC(2024, 1, 29, 7, 5, 9, 250));
  it('formats DA, TM, DT in UTC', () => {
    expect(formatDA(d)).toBe('20240229');
    expect(formatTM(d)).toBe('070509');
    expect(formatTM(d, { fraction: true })).toBe('070509.250000');
    expect(formatDT(d)).toBe('20240229070509.250000+0000');
    expect(formatDA({ year: 2020, month: 1, day: 2 })).toBe('20200102');
    expect(() => formatDA({ year: 2023, month: 2, day: 29 })).toThrow();
  });
  it('parses DA and TM, rejecting impossible values', () => {
    expect(parseDA('20240229')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseDA('1999.12.31')).toEqual({ year: 1999, month: 12, day: 31 });
    expect(parseDA('20230229')).toBeNull();
    expect(parseTM('0705')).toEqual({ hour: 7, minute: 5, second: 0, fraction: 0 });
    expect(parseTM('070509.25')).toEqual({ hour: 7, minute: 5, second: 9, fraction: 250000 });
    expect(parseTM('250000')).toBeNull();
  });
  it('keeps DS within 16 characters and IS within int32', () => {
    expect(formatDS(0.8)).toBe('0.8');
    expect(formatDS(-1024)).toBe('-1024');
    expect(formatDS(1 / 3).length).toBeLessThanOrEqual(16);
    expect(Number(formatDS(1 / 3))).toBeCloseTo(1 / 3, 12);
    expect(formatDS(-123456.78901234567).length).toBeLessThanOrEqual(16);
    expect(formatDS(1.5e-300)).toBe('1.5e-300');
    expect(formatIS(-5)).toBe('-5');
    expect(() => formatIS(2 ** 31)).toThrow();
  });
});
