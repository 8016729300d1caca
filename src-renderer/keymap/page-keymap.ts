// The page's keymap: one instance, one window listener (installed by the shell), and the hooks the layers use.
import { useEffect, useSyncExternalStore } from 'react';
import { createKeymap } from './keymap';
import type { KeyBinding } from './keymap';

export const pageKeymap = createKeymap(typeof navigator !== 'undefined' && /mac/i.test(navigator.platform) ? 'mac' : 'other');

/** The shell's one keydown listener. */
export function installPageKeymap(target: Window): () => void {
  const onKey = (e: KeyboardEvent): void => {
    if (pageKeymap.handle(e)) e.preventDefault();
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}

/** Registers `bindings` while the component is mounted; pass a memoised list (a new list re-registers). */
export function useKeyBindings(bindings: readonly KeyBinding[]): void {
  useEffect(() => pageKeymap.register(bindings), [bindings]);
}

/** The bindings registered now (re-renders when they change): for the help overlay. */
export function useKeyBindingList(): readonly KeyBinding[] {
  return useSyncExternalStore(pageKeymap.subscribe, pageKeymap.bindings);
}
