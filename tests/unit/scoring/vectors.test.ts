// Every case of the shared scoring vectors (../shared/vectors/scoring-cases.json), compared on the fields each
// case's `expected` holds.

import { describe, expect, it } from 'vitest';
import { loadVectors, scoreRaw, subsetDiff, withPossiblePathways } from './support';

const cases = loadVectors();

describe('shared scoring vectors', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const actual = withPossiblePathways(scoreRaw(c.input));
    expect(subsetDiff(actual, c.expected)).toEqual([]);
  });
});

describe('subset comparison', () => {
  it('ignores fields absent from expected and reports differing ones', () => {
    expect(subsetDiff({ a: 1, b: 2 }, { a: 1 })).toEqual([]);
    expect(subsetDiff({ a: 1 }, { a: 2 })).toEqual(['a: expected 2, got 1']);
    expect(subsetDiff({}, { a: 2 })).toEqual(['a: missing']);
  });

  it('compares possiblePathways as a set and other arrays in order', () => {
    expect(subsetDiff({ possiblePathways: ['SBRT', 'cEBRT'] }, { possiblePathways: ['cEBRT', 'SBRT'] })).toEqual([]);
    expect(subsetDiff({ flags: ['b', 'a'] }, { flags: ['a', 'b'] })).not.toEqual([]);
  });
});
