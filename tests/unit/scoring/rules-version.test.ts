// RULES_VERSION moves with the rule tables: the fingerprint of the rule set (tables, citations, constants, regions)
// must be the one recorded for the current version, a version names its fingerprint, and releases only go forward.

import { describe, expect, it } from 'vitest';
import { RULES_RELEASES, RULES_VERSION, canonicalJson, ruleSet, rulesFingerprint } from '@shared/scoring/index';

const VERSION = /^spine-met-rules\/(\d+)\.(\d+)\.(\d+)(?:\+([0-9a-f]{8}))?$/;

function parse(version: string): { core: [number, number, number]; suffix: string | null } {
  const m = VERSION.exec(version);
  if (m === null) throw new Error(`not a rules version: ${version}`);
  return { core: [Number(m[1]), Number(m[2]), Number(m[3])], suffix: m[4] ?? null };
}

const newer = (a: readonly number[], b: readonly number[]): boolean => {
  for (let i = 0; i < 3; i += 1) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return false;
};

describe('RULES_VERSION and the rule tables', () => {
  it('the rule set has the fingerprint recorded for the current RULES_VERSION', () => {
    const current = RULES_RELEASES.find((r) => r.version === RULES_VERSION);
    const fingerprint = rulesFingerprint();
    const message =
      `rule tables changed: bump RULES_VERSION and update the fingerprint (append { version: ` +
      `'spine-met-rules/X.Y.Z+${fingerprint.slice(0, 8)}', fingerprint: '${fingerprint}' } to RULES_RELEASES in ` +
      `shared/scoring/rules-version.ts, with a higher X.Y.Z)`;
    expect(current?.fingerprint, message).toBe(fingerprint);
  });

  it('RULES_VERSION is the last release, and it names its fingerprint', () => {
    const last = RULES_RELEASES.at(-1);
    expect(last?.version).toBe(RULES_VERSION);
    expect(parse(RULES_VERSION).suffix).toBe(last?.fingerprint?.slice(0, 8));
  });

  it('releases only go forward: versions and fingerprints are new, each version names its fingerprint', () => {
    expect(RULES_RELEASES.length).toBeGreaterThan(1);
    const seenVersions = new Set<string>();
    const seenFingerprints = new Set<string>();
    RULES_RELEASES.forEach((release, i) => {
      const { core, suffix } = parse(release.version);
      expect(seenVersions.has(`${core.join('.')}`), `${release.version}: version already released`).toBe(false);
      seenVersions.add(core.join('.'));
      if (release.fingerprint === null) {
        expect(i, 'only the first release may predate fingerprints').toBe(0);
        expect(suffix).toBeNull();
      } else {
        expect(release.fingerprint).toMatch(/^[0-9a-f]{64}$/);
        expect(seenFingerprints.has(release.fingerprint), `${release.version}: same rules as an earlier release`).toBe(false);
        seenFingerprints.add(release.fingerprint);
        expect(suffix).toBe(release.fingerprint.slice(0, 8));
      }
      const previous = RULES_RELEASES[i - 1];
      if (previous !== undefined) expect(newer(core, parse(previous.version).core), `${release.version} after ${previous.version}`).toBe(true);
      expect(release.changes.length).toBeGreaterThan(10);
    });
  });
});

describe('the fingerprint', () => {
  // Each case edits one thing in a copy of the rule set: the fingerprint must change.
  const base = JSON.parse(canonicalJson(ruleSet()).replace(/-?Infinity/g, (m) => `"${m}"`)) as Record<string, unknown>;
  const cases: Array<[string, (set: Record<string, unknown>) => void]> = [
    ['a point value', (s) => { ((s['tables'] as Array<{ rows: Array<Record<string, unknown>> }>)[1]!.rows[0]!)['points'] = 2; }],
    ['a row added', (s) => { (s['tables'] as Array<{ rows: unknown[] }>)[1]!.rows.push({ value: 'x', points: 0 }); }],
    ['a kind', (s) => { ((s['tables'] as Array<{ rows: Array<Record<string, unknown>> }>)[0]!.rows[0]!)['kind'] = 'convention'; }],
    ['a citation text', (s) => { ((s['citations'] as Record<string, Record<string, unknown>>)['fisher2010']!)['text'] = 'x'; }],
    ['a constant', (s) => { ((s['constants'] as Record<string, unknown>))['paralysisHours'] = 72; }],
    ['a region', (s) => { ((s['regions'] as Record<string, unknown[][]>)['12/5']![0]!)[1] = 'mobile'; }],
  ];

  it('is a SHA-256 in hex, and the same on every call', () => {
    expect(rulesFingerprint()).toMatch(/^[0-9a-f]{64}$/);
    expect(rulesFingerprint()).toBe(rulesFingerprint());
    expect(rulesFingerprint(base)).toBe(rulesFingerprint(JSON.parse(JSON.stringify(base))));
  });

  it.each(cases)('changes with %s', (_name, edit) => {
    const copy = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
    edit(copy);
    expect(rulesFingerprint(copy)).not.toBe(rulesFingerprint(base));
  });

  it('does not depend on key order', () => {
    expect(rulesFingerprint({ a: 1, b: [2, { c: 3, d: 4 }] })).toBe(rulesFingerprint({ b: [2, { d: 4, c: 3 }], a: 1 }));
  });
});

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: 'x' }, '{"a":"x","b":1}'],
    [[1, null, true, 'é'], '[1,null,true,"é"]'],
    [{ max: Number.POSITIVE_INFINITY, min: Number.NEGATIVE_INFINITY }, '{"max":Infinity,"min":-Infinity}'],
    [{ a: undefined, b: [undefined] }, '{"b":[null]}'],
    [{ s: 'Infinity' }, '{"s":"Infinity"}'],
  ] as Array<[unknown, string]>)('%j → %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('refuses what it cannot serialise', () => {
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/);
    expect(() => canonicalJson(1n)).toThrow(/bigint/);
  });
});
