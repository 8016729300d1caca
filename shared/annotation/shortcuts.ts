/** Keyboard shortcuts for history, beside the commands they trigger (pure: takes the key fields, not a DOM event). */
export interface KeyChord {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey?: boolean;
}

export const HISTORY_SHORTCUTS = { undo: 'Mod+Z', redo: 'Mod+Shift+Z (also Ctrl+Y off macOS)' } as const;

/** Mod is Cmd on macOS and Ctrl elsewhere. */
export function historyShortcut(chord: KeyChord, platform: 'mac' | 'other'): 'undo' | 'redo' | null {
  const mod = platform === 'mac' ? chord.metaKey && !chord.ctrlKey : chord.ctrlKey && !chord.metaKey;
  if (!mod || chord.altKey === true) return null;
  const key = chord.key.toLowerCase();
  if (key === 'z') return chord.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && platform === 'other' && !chord.shiftKey) return 'redo';
  return null;
}
