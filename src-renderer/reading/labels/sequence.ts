/**
 * Auto-increment of level labels (pure): from a start level in a chosen direction along this patient's own level
 * sequence, so T13 or L6 appear exactly when the reader's variants say the patient has them.
 */
import type { Variants } from '@shared/annotation';
import { levelSequence } from '@shared/spine';

export type LabelDirection = 'caudal' | 'cranial';

/** Starts the reader can choose from (the common anchors first). */
export const START_LEVELS = ['C2', 'T1', 'T12', 'L1', 'L5', 'S1'] as const;

/**
 * The label after `current` in `direction`, skipping levels already labelled; null at the end of the sequence
 * (or when `current` is not a level of this patient).
 */
export function nextLabel(current: string, direction: LabelDirection, variants: Variants, taken: ReadonlySet<string> = new Set()): string | null {
  const sequence = levelSequence(variants);
  let i = sequence.indexOf(current);
  if (i < 0) return null;
  const step = direction === 'caudal' ? 1 : -1;
  for (i += step; i >= 0 && i < sequence.length; i += step) {
    const level = sequence[i];
    if (level !== undefined && !taken.has(level)) return level;
  }
  return null;
}

/** The label to place now: `start` itself when free, else the next free one in `direction`. */
export function firstFreeLabel(start: string, direction: LabelDirection, variants: Variants, taken: ReadonlySet<string>): string | null {
  if (!levelSequence(variants).includes(start)) return null;
  return taken.has(start) ? nextLabel(start, direction, variants, taken) : start;
}

/** The `count` labels a reader clicking `count` bodies from `start` would place (for tests and the toolbar hint). */
export function labelRun(start: string, direction: LabelDirection, variants: Variants, count: number): string[] {
  const out: string[] = [];
  let current: string | null = firstFreeLabel(start, direction, variants, new Set());
  while (current !== null && out.length < count) {
    out.push(current);
    current = nextLabel(current, direction, variants, new Set(out));
  }
  return out;
}
