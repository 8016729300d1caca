// The page keymap (issue 16): one text-field rule, chord matching, every matching binding run where it applies, and
// the bindings the layers register (the viewer's table, the reading layer's history keys) reached through it.
import { describe, expect, it } from 'vitest';
import { chordMatches, createKeymap, focusKind } from '../../../src-renderer/keymap/keymap';
import type { Chord, KeyLike, Platform, When } from '../../../src-renderer/keymap/keymap';
import { historyBindings } from '../../../src-renderer/reading/document-store';
import { chordOf, SHORTCUTS } from '../../../src-renderer/viewer/shortcuts';

const key = (k: string, extra: Partial<KeyLike> = {}): KeyLike => ({ key: k, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...extra });
const element = (tagName: string, extra: Record<string, unknown> = {}) => ({ tagName, isContentEditable: false, ...extra }) as unknown as EventTarget;

describe('the one text-field rule', () => {
  const cases: { target: EventTarget | null; kind: ReturnType<typeof focusKind> }[] = [
    { target: null, kind: 'other' },
    { target: element('BODY'), kind: 'other' },
    { target: element('BUTTON'), kind: 'other' },
    { target: element('INPUT', { type: 'text' }), kind: 'text' },
    { target: element('INPUT', { type: 'number' }), kind: 'text' },
    { target: element('INPUT', { type: 'range' }), kind: 'other' },
    { target: element('INPUT', { type: 'checkbox' }), kind: 'control' },
    { target: element('INPUT', { type: 'radio' }), kind: 'control' },
    { target: element('TEXTAREA'), kind: 'text' },
    { target: element('DIV', { isContentEditable: true }), kind: 'text' },
    { target: element('SELECT'), kind: 'control' },
  ];
  it.each(cases)('$target.tagName $target.type → $kind', ({ target, kind }) => expect(focusKind(target)).toBe(kind));
});

describe('chords', () => {
  const cases: { chord: Chord; event: KeyLike; platform: Platform; matches: boolean }[] = [
    { chord: { key: 'w' }, event: key('W'), platform: 'other', matches: true },
    { chord: { key: 'w' }, event: key('w', { ctrlKey: true }), platform: 'other', matches: false },
    { chord: { key: '1', alt: true }, event: key('¡', { altKey: true, code: 'Digit1' }), platform: 'other', matches: true },
    { chord: { key: '1' }, event: key('1', { altKey: true }), platform: 'other', matches: false },
    { chord: { key: 'z', mod: true, shift: false }, event: key('z', { ctrlKey: true }), platform: 'other', matches: true },
    { chord: { key: 'z', mod: true, shift: false }, event: key('z', { metaKey: true }), platform: 'mac', matches: true },
    { chord: { key: 'z', mod: true, shift: false }, event: key('z', { ctrlKey: true }), platform: 'mac', matches: false },
    { chord: { key: 'z', mod: true, shift: false }, event: key('Z', { ctrlKey: true, shiftKey: true }), platform: 'other', matches: false },
    { chord: { key: 'z', mod: true, shift: false }, event: key('z', { ctrlKey: true, altKey: true }), platform: 'other', matches: false },
    { chord: { key: 'y', mod: true, platform: 'other' }, event: key('y', { metaKey: true }), platform: 'mac', matches: false },
    { chord: { key: '?' }, event: key('?', { shiftKey: true }), platform: 'other', matches: true },
  ];
  it.each(cases)('$chord.key on $platform: $matches', ({ chord, event, platform, matches }) => expect(chordMatches(chord, event, platform)).toBe(matches));
});

describe('the keymap', () => {
  const run = (when: When, target: EventTarget | null): string[] => {
    const ran: string[] = [];
    const keymap = createKeymap('other');
    keymap.register([{ chord: { key: 'Escape' }, when, label: 'Esc', group: 'G', description: 'a', run: () => ran.push('a') }]);
    keymap.register([{ chord: { key: 'Escape' }, when: 'always', label: 'Esc', group: 'G', description: 'b', run: () => ran.push('b') }]);
    keymap.handle(key('Escape', { target }));
    return ran;
  };
  const cases: { when: When; target: EventTarget | null; ran: string[] }[] = [
    { when: 'always', target: element('TEXTAREA'), ran: ['a', 'b'] },
    { when: 'not-typing', target: element('TEXTAREA'), ran: ['b'] },
    { when: 'not-typing', target: element('SELECT'), ran: ['a', 'b'] },
    { when: 'no-control', target: element('SELECT'), ran: ['b'] },
    { when: 'no-control', target: element('BUTTON'), ran: ['a', 'b'] },
  ];
  it.each(cases)('a "$when" binding with $target.tagName focused, beside an "always" one: runs $ran', ({ when, target, ran }) => expect(run(when, target)).toEqual(ran));

  it('unregistering removes exactly the bindings registered together', () => {
    const keymap = createKeymap('other');
    const noop = { when: 'always' as const, label: 'x', group: 'G', description: 'x', run: () => undefined };
    const off = keymap.register([{ ...noop, chord: { key: 'a' } }]);
    keymap.register([{ ...noop, chord: { key: 'b' } }]);
    off();
    expect(keymap.bindings().map((b) => b.chord.key)).toEqual(['b']);
  });

  it('every entry of the viewer table is reachable through the keymap, one binding per chord', () => {
    const keymap = createKeymap('other');
    const ran: string[] = [];
    keymap.register(SHORTCUTS.map((s, i) => ({ chord: chordOf(s), when: 'no-control' as const, label: s.label, group: s.group, description: s.description, run: () => ran.push(String(i)) })));
    SHORTCUTS.forEach((s, i) => {
      ran.length = 0;
      expect(keymap.handle(key(s.key, { altKey: s.alt === true }))).toBe(true);
      expect(ran, s.label).toEqual([String(i)]);
    });
  });

  const history: { platform: Platform; event: KeyLike; action: string | null }[] = [
    { platform: 'other', event: key('z', { ctrlKey: true }), action: 'undo' },
    { platform: 'other', event: key('Z', { ctrlKey: true, shiftKey: true }), action: 'redo' },
    { platform: 'other', event: key('y', { ctrlKey: true }), action: 'redo' },
    { platform: 'mac', event: key('z', { metaKey: true }), action: 'undo' },
    { platform: 'mac', event: key('y', { metaKey: true }), action: null },
    { platform: 'mac', event: key('z', { ctrlKey: true }), action: null },
    { platform: 'other', event: key('z'), action: null },
    { platform: 'other', event: key('z', { ctrlKey: true, altKey: true }), action: null },
    { platform: 'other', event: key('z', { ctrlKey: true, target: element('INPUT', { type: 'text' }) }), action: null },
  ];
  it.each(history)('history keys on $platform: $event.key → $action', ({ platform, event, action }) => {
    const done: string[] = [];
    const keymap = createKeymap(platform);
    keymap.register(historyBindings({ undo: () => void done.push('undo'), redo: () => void done.push('redo') }, platform));
    keymap.handle(event);
    expect(done).toEqual(action === null ? [] : [action]);
  });
});
