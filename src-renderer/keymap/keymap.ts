/**
 * One keymap for the page (issue 16): the viewer and the reading layer register their key bindings here, one window
 * listener (installed by the shell) runs them, and the help overlay lists them, so the help cannot drift from the
 * keys. One rule (focusKind) says when a focused field keeps its keys.
 *
 * Every binding whose chord matches runs, in registration order: Escape, for example, cancels a half-drawn
 * measurement, closes the help and leaves a reading click mode at once, each owned by the layer whose state it is.
 */

export type Platform = 'mac' | 'other';

export interface Chord {
  /** KeyboardEvent.key; single characters compare case-insensitively. */
  readonly key: string;
  /** Ctrl, or Cmd on macOS. Without it, Ctrl and Cmd must be up (their combinations belong to the app and the OS). */
  readonly mod?: boolean;
  readonly alt?: boolean;
  /** Checked only when given (so '?' and '+' match whatever Shift their layout needs). */
  readonly shift?: boolean;
  /** Only on this platform (Ctrl+Y redoes off macOS). */
  readonly platform?: Platform;
}

/**
 * When a binding applies, by what has the keyboard focus: 'not-typing' outside text fields (a text field keeps its own
 * undo and letters); 'no-control' outside text fields and selects (a select uses arrows and letters itself);
 * 'always' whatever has focus.
 */
export type When = 'always' | 'not-typing' | 'no-control';

export interface KeyBinding {
  readonly chord: Chord;
  readonly when: When;
  /** Shown in the help overlay: the key as the user reads it, the group, and what it does. */
  readonly label: string;
  readonly group: string;
  readonly description: string;
  readonly run: () => void;
}

export interface KeyLike {
  readonly key: string;
  readonly code?: string;
  readonly altKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey?: boolean;
  readonly target?: EventTarget | null;
}

export type FocusKind = 'text' | 'control' | 'other';

/** Inputs that take no typing: controls that use Space or arrows themselves, and ones that leave keys to the page. */
const CONTROL_INPUTS = new Set(['radio', 'checkbox', 'color', 'file']);
const KEYLESS_INPUTS = new Set(['range', 'button', 'submit', 'reset', 'image']);

/**
 * The one text-field rule: what the focused element does with keys. 'text' types them (text inputs, textareas,
 * editable content); 'control' uses some itself (selects, checkboxes, radio buttons: arrows, letters, Space);
 * 'other' leaves them to the page (buttons, sliders, the page itself).
 */
export function focusKind(target: EventTarget | null | undefined): FocusKind {
  if (target === null || target === undefined || typeof (target as { tagName?: unknown }).tagName !== 'string') return 'other';
  const element = target as HTMLElement;
  if (element.isContentEditable || element.tagName === 'TEXTAREA') return 'text';
  if (element.tagName === 'INPUT') {
    const type = (element as HTMLInputElement).type;
    return CONTROL_INPUTS.has(type) ? 'control' : KEYLESS_INPUTS.has(type) ? 'other' : 'text';
  }
  if (element.tagName === 'SELECT') return 'control';
  return 'other';
}

const applies = (when: When, focus: FocusKind): boolean => when === 'always' || (when === 'not-typing' ? focus !== 'text' : focus === 'other');

/** Whether a key event is this chord. With Alt the physical digit (event.code) counts too: Alt+digit types other characters on some layouts. */
export function chordMatches(chord: Chord, event: KeyLike, platform: Platform): boolean {
  if (chord.platform !== undefined && chord.platform !== platform) return false;
  const mod = platform === 'mac' ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  if (chord.mod === true ? !mod : event.ctrlKey || event.metaKey) return false;
  if ((chord.alt === true) !== event.altKey) return false;
  if (chord.shift !== undefined && chord.shift !== (event.shiftKey === true)) return false;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (chord.key === key) return true;
  const digit = event.code !== undefined && /^Digit\d$/.test(event.code) ? event.code.slice(5) : null;
  return event.altKey && digit !== null && chord.key === digit;
}

export interface Keymap {
  readonly platform: Platform;
  /** Adds bindings; the returned function removes them (a component's unmount). */
  register(bindings: readonly KeyBinding[]): () => void;
  /** Runs every binding the event matches where it applies; true if any ran (the caller then prevents the default). */
  handle(event: KeyLike): boolean;
  /** Every binding registered now, in order: the help overlay's list. */
  bindings(): readonly KeyBinding[];
  subscribe(listener: () => void): () => void;
}

export function createKeymap(platform: Platform): Keymap {
  let groups: (readonly KeyBinding[])[] = [];
  let flat: readonly KeyBinding[] = [];
  const listeners = new Set<() => void>();
  const changed = (): void => {
    flat = groups.flat();
    listeners.forEach((l) => l());
  };
  return {
    platform,
    register(bindings) {
      groups = [...groups, bindings];
      changed();
      return () => {
        groups = groups.filter((g) => g !== bindings);
        changed();
      };
    },
    handle(event) {
      const focus = focusKind(event.target);
      const matching = flat.filter((b) => applies(b.when, focus) && chordMatches(b.chord, event, platform));
      for (const b of matching) b.run();
      return matching.length > 0;
    },
    bindings: () => flat,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
