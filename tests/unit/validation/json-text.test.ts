import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, jsonDepthExceeds, parseJsonText } from '../../../shared/validation/json-text';

const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('jsonDepthExceeds', () => {
  it.each([
    { name: 'a scalar', text: '1', limit: 0, want: false },
    { name: 'one object at limit 1', text: '{"a":1}', limit: 1, want: false },
    { name: 'two levels at limit 1', text: '{"a":[1]}', limit: 1, want: true },
    { name: 'brackets inside a string do not count', text: '{"a":"[[[[[[{{{{"}', limit: 1, want: false },
    { name: 'an escaped quote keeps the string open', text: '["\\"[[[[",1]', limit: 1, want: false },
    { name: 'an escaped backslash closes the string', text: '["\\\\",[[1]]]', limit: 2, want: true },
    { name: 'siblings do not add up', text: '[[1],[2],[3],[4]]', limit: 2, want: false },
    { name: 'exactly the limit', text: nested(MAX_JSON_DEPTH), limit: MAX_JSON_DEPTH, want: false },
    { name: 'one past the limit', text: nested(MAX_JSON_DEPTH + 1), limit: MAX_JSON_DEPTH, want: true },
  ])('$name', ({ text, limit, want }) => {
    expect(jsonDepthExceeds(text, limit)).toBe(want);
  });
});

describe('parseJsonText', () => {
  it.each([
    { name: 'valid JSON', text: '{"a":[1,2]}', want: { ok: true, value: { a: [1, 2] } } },
    { name: 'broken JSON, in our words', text: '{"a":', want: { ok: false, problems: [{ path: '(root)', message: 'not valid JSON' }] } },
    { name: 'ten million nested arrays, refused unparsed', text: nested(10_000_000), want: { ok: false, problems: [{ path: '(root)', message: `nested more than ${MAX_JSON_DEPTH} levels deep; refused` }] } },
  ])('$name', ({ text, want }) => {
    expect(parseJsonText(text)).toEqual(want);
  });
});
