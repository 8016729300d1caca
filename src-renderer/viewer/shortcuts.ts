import { chordMatches } from '../keymap/keymap';
import type { Chord, KeyLike } from '../keymap/keymap';
import type { PresetId } from './voi';

/** Everything the keyboard can do. The same table drives the key handler and the help overlay ('?'). */
export type ToolId = 'wl' | 'pan' | 'zoom' | 'length' | 'angle' | 'cobb' | 'arrow';
export type LayoutId = '1x1' | '1x2' | '2x2';

export type ViewerCommand =
  | { readonly type: 'scroll'; readonly delta: number }
  | { readonly type: 'first-slice' }
  | { readonly type: 'last-slice' }
  | { readonly type: 'tool'; readonly tool: ToolId }
  | { readonly type: 'preset'; readonly preset: PresetId }
  | { readonly type: 'invert' }
  | { readonly type: 'fit' }
  | { readonly type: 'one-to-one' }
  | { readonly type: 'zoom-step'; readonly factor: number }
  | { readonly type: 'reset' }
  | { readonly type: 'layout'; readonly layout: LayoutId }
  | { readonly type: 'next-viewport' }
  | { readonly type: 'cine' }
  | { readonly type: 'reference-lines' }
  | { readonly type: 'overlay-text' }
  | { readonly type: 'delete-measurement' }
  | { readonly type: 'cancel' }
  | { readonly type: 'help' };

export interface Shortcut {
  /** KeyboardEvent.key (letters compared case-insensitively), shown to the user as `label`. */
  readonly key: string;
  readonly alt?: boolean;
  readonly label: string;
  readonly group: 'Navigate' | 'Window' | 'View' | 'Tools' | 'Layout' | 'Other';
  readonly description: string;
  readonly command: ViewerCommand;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { key: 'ArrowDown', label: '↓', group: 'Navigate', description: 'Next slice', command: { type: 'scroll', delta: 1 } },
  { key: 'ArrowUp', label: '↑', group: 'Navigate', description: 'Previous slice', command: { type: 'scroll', delta: -1 } },
  { key: 'ArrowRight', label: '→', group: 'Navigate', description: 'Next slice', command: { type: 'scroll', delta: 1 } },
  { key: 'ArrowLeft', label: '←', group: 'Navigate', description: 'Previous slice', command: { type: 'scroll', delta: -1 } },
  { key: 'PageDown', label: 'PgDn', group: 'Navigate', description: '10 slices forward', command: { type: 'scroll', delta: 10 } },
  { key: 'PageUp', label: 'PgUp', group: 'Navigate', description: '10 slices back', command: { type: 'scroll', delta: -10 } },
  { key: 'Home', label: 'Home', group: 'Navigate', description: 'First slice', command: { type: 'first-slice' } },
  { key: 'End', label: 'End', group: 'Navigate', description: 'Last slice', command: { type: 'last-slice' } },
  { key: ' ', label: 'Space', group: 'Navigate', description: 'Cine play / stop', command: { type: 'cine' } },
  { key: 'Tab', label: 'Tab', group: 'Navigate', description: 'Next viewport', command: { type: 'next-viewport' } },
  { key: '1', label: '1', group: 'Window', description: 'Auto / file window', command: { type: 'preset', preset: 'default' } },
  { key: '2', label: '2', group: 'Window', description: 'Soft tissue W400 L40', command: { type: 'preset', preset: 'soft-tissue' } },
  { key: '3', label: '3', group: 'Window', description: 'Bone W1800 L400', command: { type: 'preset', preset: 'bone' } },
  { key: '4', label: '4', group: 'Window', description: 'Lung W1500 L-600', command: { type: 'preset', preset: 'lung' } },
  { key: '5', label: '5', group: 'Window', description: 'Brain W80 L40', command: { type: 'preset', preset: 'brain' } },
  { key: 'i', label: 'I', group: 'Window', description: 'Invert', command: { type: 'invert' } },
  { key: 'f', label: 'F', group: 'View', description: 'Fit to viewport', command: { type: 'fit' } },
  { key: '0', label: '0', group: 'View', description: 'Actual pixels (1:1)', command: { type: 'one-to-one' } },
  { key: '+', label: '+', group: 'View', description: 'Zoom in', command: { type: 'zoom-step', factor: 1.25 } },
  { key: '=', label: '=', group: 'View', description: 'Zoom in', command: { type: 'zoom-step', factor: 1.25 } },
  { key: '-', label: '−', group: 'View', description: 'Zoom out', command: { type: 'zoom-step', factor: 0.8 } },
  { key: 'r', label: 'R', group: 'View', description: 'Reset view (W/L, zoom, pan, invert)', command: { type: 'reset' } },
  { key: 'x', label: 'X', group: 'View', description: 'Reference lines on / off', command: { type: 'reference-lines' } },
  { key: 'o', label: 'O', group: 'View', description: 'Text overlay on / off', command: { type: 'overlay-text' } },
  { key: 'w', label: 'W', group: 'Tools', description: 'Window/level drag', command: { type: 'tool', tool: 'wl' } },
  { key: 'p', label: 'P', group: 'Tools', description: 'Pan', command: { type: 'tool', tool: 'pan' } },
  { key: 'z', label: 'Z', group: 'Tools', description: 'Zoom drag', command: { type: 'tool', tool: 'zoom' } },
  { key: 'l', label: 'L', group: 'Tools', description: 'Length (mm)', command: { type: 'tool', tool: 'length' } },
  { key: 'a', label: 'A', group: 'Tools', description: 'Angle', command: { type: 'tool', tool: 'angle' } },
  { key: 'c', label: 'C', group: 'Tools', description: 'Cobb angle', command: { type: 'tool', tool: 'cobb' } },
  { key: 't', label: 'T', group: 'Tools', description: 'Text arrow', command: { type: 'tool', tool: 'arrow' } },
  { key: 'Delete', label: 'Del', group: 'Tools', description: 'Delete selected measurement', command: { type: 'delete-measurement' } },
  { key: 'Backspace', label: '⌫', group: 'Tools', description: 'Delete selected measurement', command: { type: 'delete-measurement' } },
  { key: 'Escape', label: 'Esc', group: 'Tools', description: 'Cancel drawing / close help', command: { type: 'cancel' } },
  { key: '1', alt: true, label: 'Alt+1', group: 'Layout', description: 'Layout 1×1', command: { type: 'layout', layout: '1x1' } },
  { key: '2', alt: true, label: 'Alt+2', group: 'Layout', description: 'Layout 1×2', command: { type: 'layout', layout: '1x2' } },
  { key: '4', alt: true, label: 'Alt+4', group: 'Layout', description: 'Layout 2×2', command: { type: 'layout', layout: '2x2' } },
  { key: '?', label: '?', group: 'Other', description: 'This help', command: { type: 'help' } },
];

/** The chord of a table entry, as the page keymap matches it. */
export const chordOf = (s: Shortcut): Chord => ({ key: s.key, ...(s.alt === true ? { alt: true } : {}) });

/**
 * The command for a key event, or null: the table read through the keymap's own chord matching (Ctrl/Meta
 * combinations are the app's; with Alt the physical digit counts too).
 */
export function commandForKey(event: KeyLike): ViewerCommand | null {
  return SHORTCUTS.find((s) => chordMatches(chordOf(s), event, 'other'))?.command ?? null;
}
