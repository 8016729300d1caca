// What a text field says about its limit (src-renderer/text/text-limit.ts), and the limit it uses being the schema's.
import { describe, expect, it } from 'vitest';
import { KeyImageSchema, LesionSchema, MAX_TEXT, ReportSchema } from '@shared/annotation/schema';
import { counterText, fitText, truncatedText } from '../../../src-renderer/text/text-limit';

describe('counterText', () => {
  it.each([
    { length: 0, limit: 20_000, shown: null },
    { length: 17_999, limit: 20_000, shown: null },
    { length: 18_000, limit: 20_000, shown: '18,000 / 20,000 characters' },
    { length: 19_999, limit: 20_000, shown: '19,999 / 20,000 characters' },
    { length: 20_000, limit: 20_000, shown: 'Limit reached: 20,000 characters' },
    { length: 10, limit: 10, shown: 'Limit reached: 10 characters' },
  ])('$length of $limit: $shown', ({ length, limit, shown }) => {
    expect(counterText(length, limit)).toBe(shown);
  });
});

describe('fitText', () => {
  it.each([
    { text: 'abcdef', room: 10, fit: 'abcdef' },
    { text: 'abcdef', room: 6, fit: 'abcdef' },
    { text: 'abcdef', room: 4, fit: 'abcd' },
    { text: 'abcdef', room: 0, fit: '' },
    { text: 'abcdef', room: -3, fit: '' },
    // Never half of a surrogate pair: the emoji is 2 UTF-16 units and does not fit in the 3rd unit.
    { text: 'ab😀c', room: 3, fit: 'ab' },
    { text: 'ab😀c', room: 4, fit: 'ab😀' },
  ])('$text in $room', ({ text, room, fit }) => {
    expect(fitText(text, room)).toBe(fit);
  });
});

describe('truncatedText', () => {
  it('says how many characters were not added, and the limit', () => {
    expect(truncatedText(180_000, 20_000)).toBe('180,000 characters were not added: this field holds at most 20,000 characters.');
    expect(truncatedText(1, 20_000)).toBe('1 character was not added: this field holds at most 20,000 characters.');
  });
});

describe('one home for the limit', () => {
  it('the fields the UI limits with MAX_TEXT are limited by the schema to exactly MAX_TEXT', () => {
    for (const schema of [LesionSchema.shape.note, ReportSchema.shape.impression, ReportSchema.shape.freeText, KeyImageSchema.shape.caption]) {
      expect(schema.maxLength).toBe(MAX_TEXT);
    }
  });
});
