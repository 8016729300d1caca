// NOMS: the decision table, the inputs N/O/M/S, and the alternatives listed when inputs are unknown.

import { describe, expect, it } from 'vitest';
import { NOMS_DECISIONS, mechanicalDomain, neurologicOf, pathwayFor, possiblePathways, scoreEscc, scoreNoms, scoreStudy, parseScoringInput } from '@shared/scoring/index';
import type { NomsInput } from '@shared/scoring/index';
import { scoreLesion, study } from './support';

const known = (overrides: Partial<NomsInput>): NomsInput => ({
  neurologic: 'low',
  oncologic: 'sensitive',
  sinsRange: [3, 3],
  judgement: null,
  systemic: 'yes',
  ...overrides,
});

describe('decision table', () => {
  it.each(NOMS_DECISIONS.map((r) => [r.n, r.o, r.m, r.s, r.pathway] as const))('N %s, O %s, M %s, S %s → %s', (n, o, m, s, pathway) => {
    for (const systemic of s === 'any' ? (['yes', 'no'] as const) : [s]) expect(pathwayFor(n, o, m, systemic)).toBe(pathway);
  });
});

describe('alternatives', () => {
  it('are empty when the pathway is known', () => {
    expect(scoreNoms(known({}))).toMatchObject({ pathway: 'cEBRT', alternatives: [] });
  });

  it('one unknown (S) with N high, O resistant, M stable', () => {
    expect(scoreNoms(known({ neurologic: 'high', oncologic: 'resistant', systemic: 'unknown' }))).toMatchObject({
      pathway: null,
      alternatives: [
        { if: { systemic: 'yes' }, pathway: 'separation+SBRT' },
        { if: { systemic: 'no' }, pathway: 'cEBRT+supportive' },
      ],
    });
  });

  it('one unknown (M indeterminate, no judgement) gives both stable and unstable', () => {
    expect(scoreNoms(known({ sinsRange: [9, 9] }))).toMatchObject({
      mechanical: 'indeterminate',
      pathway: null,
      alternatives: [
        { if: { mechanical: 'stable' }, pathway: 'cEBRT' },
        { if: { mechanical: 'unstable' }, pathway: 'stabilization+cEBRT' },
      ],
    });
  });

  it('two unknowns (N, S): S is named only where it matters', () => {
    expect(scoreNoms(known({ neurologic: 'unknown', oncologic: 'resistant', systemic: 'unknown' })).alternatives).toEqual([
      { if: { neurologic: 'low' }, pathway: 'SBRT' },
      { if: { neurologic: 'high', systemic: 'yes' }, pathway: 'separation+SBRT' },
      { if: { neurologic: 'high', systemic: 'no' }, pathway: 'cEBRT+supportive' },
    ]);
  });

  it('two unknowns (N, O): a pathway reached both ways is listed once with the condition it needs', () => {
    expect(scoreNoms(known({ neurologic: 'unknown', oncologic: 'unknown' })).alternatives).toEqual([
      { if: { oncologic: 'sensitive' }, pathway: 'cEBRT' },
      { if: { neurologic: 'low', oncologic: 'resistant' }, pathway: 'SBRT' },
      { if: { neurologic: 'high', oncologic: 'resistant' }, pathway: 'separation+SBRT' },
    ]);
  });

  it('two unknowns (O, M indeterminate)', () => {
    expect(scoreNoms(known({ oncologic: 'unknown', sinsRange: [8, 10] })).alternatives).toEqual([
      { if: { oncologic: 'sensitive', mechanical: 'stable' }, pathway: 'cEBRT' },
      { if: { oncologic: 'sensitive', mechanical: 'unstable' }, pathway: 'stabilization+cEBRT' },
      { if: { oncologic: 'resistant', mechanical: 'stable' }, pathway: 'SBRT' },
      { if: { oncologic: 'resistant', mechanical: 'unstable' }, pathway: 'stabilization+SBRT' },
    ]);
  });

  it('an unknown that cannot change the pathway is not an alternative', () => {
    expect(scoreNoms(known({ neurologic: 'unknown', systemic: 'unknown' }))).toMatchObject({ pathway: 'cEBRT', alternatives: [] });
  });

  it('every unknown at once lists all eight pathways, each condition naming only what it fixes', () => {
    const result = scoreNoms({ neurologic: 'unknown', oncologic: 'unknown', sinsRange: [0, 18], judgement: null, systemic: 'unknown' });
    expect(result.mechanical).toBe('unknown');
    expect(new Set(possiblePathways(result)).size).toBe(8);
    expect(result.alternatives).toContainEqual({ if: { oncologic: 'sensitive', mechanical: 'stable' }, pathway: 'cEBRT' });
  });
});

describe('mechanical', () => {
  it.each([
    [[3, 3], null, ['stable']],
    [[3, 3], 'unstable', ['stable']],
    [[13, 15], 'stable', ['unstable']],
    [[7, 12], null, ['stable', 'unstable']],
    [[7, 12], 'unstable', ['unstable']],
    [[4, 9], 'stable', ['stable']],
    [[5, 8], 'unstable', ['stable', 'unstable']],
    [[12, 14], 'stable', ['stable', 'unstable']],
    [[11, 14], 'unstable', ['unstable']],
  ] as const)('range %j, judgement %s → %j', (range, judgement, domain) => {
    expect(mechanicalDomain(range, judgement)).toEqual(domain);
  });

  it('the judgement is ignored outside 7–12', () => {
    expect(scoreLesion({ instabilityJudgement: 'unstable' }).lesion.noms).toMatchObject({ mechanical: 'stable', pathway: 'cEBRT' });
  });

  it('a range straddling bands is unknown even when every total leads to the same M', () => {
    // T5 1 + lt50 2 + unilateral 1 = 4, pain unknown 0–3, bone unknown 0–2 → [4, 9]; judgement stable
    const { lesion } = scoreLesion({ collapse: 'lt50', posterolateral: 'unilateral', pain: 'unknown', boneLesion: 'unknown', instabilityJudgement: 'stable' });
    expect(lesion.sins.range).toEqual([4, 9]);
    expect(lesion.noms).toMatchObject({ mechanical: 'unknown', pathway: 'cEBRT', alternatives: [] });
  });
});

describe('neurologic', () => {
  it.each([
    ['0', false, false, 'low'],
    ['1c', false, false, 'low'],
    ['2', false, false, 'high'],
    ['3', false, 'unknown', 'high'],
    ['0', true, false, 'high'],
    ['0', false, true, 'high'],
    ['unknown', true, false, 'high'],
    ['unknown', false, false, 'unknown'],
    ['1b', false, 'unknown', 'unknown'],
  ] as const)('ESCC %s, cord signal %s, myelopathy %s → %s', (grade, cordSignalChange, myelopathy, expected) => {
    expect(neurologicOf({ escc: scoreEscc(grade), cordSignalChange, myelopathy })).toBe(expected);
  });
});

describe('oncologic', () => {
  it('comes from the histology table unless the reader overrides it', () => {
    expect(scoreLesion({}, { histology: 'breast' }).lesion.noms.oncologic).toBe('sensitive');
    expect(scoreLesion({}, { histology: 'melanoma' }).lesion.noms.oncologic).toBe('resistant');
    expect(scoreLesion({}, { histology: 'other' }).lesion.noms.oncologic).toBe('unknown');
    expect(scoreLesion({}, { histology: 'breast', radiosensitivity: 'resistant' }).lesion.noms.oncologic).toBe('resistant');
  });

  it('the table is configurable', () => {
    const parsed = parseScoringInput(study({}, { histology: 'other' }));
    if (!parsed.ok) throw new Error('invalid');
    const out = scoreStudy(parsed.value, { radiosensitivityTable: { other: 'sensitive' } });
    expect(out.lesions[0]?.noms.oncologic).toBe('sensitive');
  });
});
