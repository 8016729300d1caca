/**
 * Ids are derived from the document itself (`les-3` follows the highest existing `les-N`), so commands stay pure and
 * deterministic: no clock, no random source, and the same edit replayed gives the same id. A command that creates an
 * item also takes the caller's id (`claimId`): a caller that needs the id (to link the new item in the same batch,
 * to select it) picks it with `nextId` first instead of guessing afterwards which item is new.
 */
import { z } from 'zod';
import { AnnotationCommandError } from './command-kit';

/** A caller-supplied id for a new item (the schema's ids are non-empty strings; 64 keeps them printable). */
export const NewId = z.string().min(1).max(64);

export const ID_PREFIX = { label: 'lbl', lesion: 'les', measurement: 'msr', keyImage: 'key' } as const;
export type IdKind = keyof typeof ID_PREFIX;

export function nextId(kind: IdKind, existing: Iterable<{ readonly id: string }>): string {
  const prefix = ID_PREFIX[kind];
  const pattern = new RegExp(`^${prefix}-(\\d+)$`);
  let max = 0;
  for (const item of existing) {
    const match = pattern.exec(item.id);
    if (match?.[1] !== undefined) max = Math.max(max, Number(match[1]));
  }
  return `${prefix}-${max + 1}`;
}

/** The id a new item gets: the caller's own (refused when taken, so a batch can name what it creates), or the next one. */
export function claimId(kind: IdKind, requested: string | undefined, existing: readonly { readonly id: string }[]): string {
  if (requested === undefined) return nextId(kind, existing);
  if (existing.some((item) => item.id === requested)) throw new AnnotationCommandError('conflict', `id ${requested} is already taken`);
  return requested;
}

/** Returns `id` unchanged if free, otherwise `id-2`, `id-3`… (used by load.ts to repair duplicate ids). */
export function uniqueId(id: string, taken: ReadonlySet<string>): string {
  if (!taken.has(id)) return id;
  for (let n = 2; ; n += 1) {
    const candidate = `${id}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
