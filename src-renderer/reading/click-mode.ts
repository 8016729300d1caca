/**
 * What a click on an image means right now (at most one reading mode at a time): place the next level label, place
 * a lesion, or the next point of the height tool. 'none' leaves clicks to the viewer's own tools.
 */
import { useSyncExternalStore } from 'react';
import type { LabelDirection } from './labels/sequence';
import type { HeightCapture } from './measure/height-capture';
import type { AidCapture } from './measure/alignment-capture';

export type ClickMode =
  | { readonly kind: 'none' }
  | { readonly kind: 'label'; readonly start: string; readonly direction: LabelDirection }
  | { readonly kind: 'lesion' }
  | { readonly kind: 'heights'; readonly lesionId: string; readonly capture: HeightCapture }
  | { readonly kind: 'alignment'; readonly lesionId: string; readonly capture: AidCapture };

export class ClickModeStore {
  private mode: ClickMode = { kind: 'none' };
  private message: string | null = null;
  /** The lesion the form shows (selection is UI state, not part of the record). */
  private selected: string | null = null;
  private readonly listeners = new Set<() => void>();
  private snap: ClickModeSnapshot = { mode: this.mode, message: this.message, selectedLesionId: null };

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  readonly getSnapshot = (): ClickModeSnapshot => this.snap;

  selectLesion(id: string | null): void {
    this.selected = id;
    this.emit();
  }

  get(): ClickMode {
    return this.mode;
  }

  set(mode: ClickMode, message: string | null = null): void {
    this.mode = mode;
    this.message = message;
    this.emit();
  }

  /** A hint or refusal for the reader about the last click ("label the levels first"…). */
  say(message: string | null): void {
    this.message = message;
    this.emit();
  }

  private emit(): void {
    this.snap = { mode: this.mode, message: this.message, selectedLesionId: this.selected };
    this.listeners.forEach((l) => l());
  }
}

export interface ClickModeSnapshot {
  readonly mode: ClickMode;
  readonly message: string | null;
  readonly selectedLesionId: string | null;
}

export function useClickMode(store: ClickModeStore): ClickModeSnapshot {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
