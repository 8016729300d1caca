import { describe, expect, it } from 'vitest';
import { commandForKey, SHORTCUTS } from '../../../src-renderer/viewer/shortcuts';

const key = (k: string, extra: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean; code: string }> = {}) => ({
  key: k,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...extra,
});

describe('shortcut table', () => {
  it('has no two entries bound to the same key and modifier', () => {
    const seen = SHORTCUTS.map((s) => `${s.alt === true ? 'alt+' : ''}${s.key}`);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('every entry is reachable through commandForKey and has a label and description', () => {
    for (const s of SHORTCUTS) {
      expect(commandForKey(key(s.key, { altKey: s.alt === true }))).toEqual(s.command);
      expect(s.label.length).toBeGreaterThan(0);
      expect(s.description.length).toBeGreaterThan(0);
    }
  });

  it('covers scrolling, presets, tools, zoom and layout', () => {
    const types = new Set(SHORTCUTS.map((s) => s.command.type));
    for (const t of ['scroll', 'preset', 'invert', 'fit', 'one-to-one', 'reset', 'tool', 'layout', 'help', 'cine'] as const) {
      expect(types.has(t)).toBe(true);
    }
    const tools = new Set(SHORTCUTS.flatMap((s) => (s.command.type === 'tool' ? [s.command.tool] : [])));
    expect([...tools].sort()).toEqual(['angle', 'arrow', 'cobb', 'length', 'pan', 'wl', 'zoom']);
  });

  it('letters are case-insensitive; Ctrl combinations are not ours; Alt matches the physical digit', () => {
    expect(commandForKey(key('W'))).toEqual({ type: 'tool', tool: 'wl' });
    expect(commandForKey(key('w', { ctrlKey: true }))).toBeNull();
    expect(commandForKey(key('¡', { altKey: true, code: 'Digit1' }))).toEqual({ type: 'layout', layout: '1x1' });
    expect(commandForKey(key('1'))).toEqual({ type: 'preset', preset: 'default' });
    expect(commandForKey(key('q'))).toBeNull();
  });
});
