/** The shape every edit command shares, and the small immutable-update helpers they use. */
import type { z } from 'zod';
import type { AnnotationDocument } from './schema';

/**
 * How an edit enters undo history (excalidraw/tldraw style):
 * - 'now': one undo step per execution;
 * - 'on-release': transient while a drag lasts; the whole drag becomes one undo step when released;
 * - 'never': not undoable and never reverted by undo (idempotent bookkeeping such as the software stamp).
 */
export type UndoBehaviour = 'now' | 'never' | 'on-release';

export interface CommandDef<S extends z.ZodType = z.ZodType> {
  readonly undo: UndoBehaviour;
  /** Arguments are validated at run time too: the UI may pass values that came from anywhere. */
  readonly args: S;
  /** Applies to a signed, locked reading too (signoff.ts): beginning an addendum, bookkeeping. Every other command is refused there. */
  readonly whenSigned?: boolean;
  /** A barrier in undo history: once applied, nothing before it can be undone (signing: history.ts). */
  readonly barrier?: boolean;
  /** Pure: returns a new document (or the same one when nothing changed); throws AnnotationCommandError. */
  apply(doc: AnnotationDocument, args: z.output<S>): AnnotationDocument;
}

export function defineCommand<S extends z.ZodType>(def: CommandDef<S>): CommandDef<S> {
  return def;
}

export type CommandErrorCode = 'invalid-args' | 'not-found' | 'conflict' | 'not-applicable' | 'locked';

export class AnnotationCommandError extends Error {
  constructor(
    readonly code: CommandErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AnnotationCommandError';
  }
}

export function findById<T extends { readonly id: string }>(items: readonly T[], id: string, what: string): T {
  const found = items.find((item) => item.id === id);
  if (!found) throw new AnnotationCommandError('not-found', `no ${what} ${id}`);
  return found;
}

export function replaceById<T extends { readonly id: string }>(items: readonly T[], id: string, what: string, update: (item: T) => T): T[] {
  findById(items, id, what);
  return items.map((item) => (item.id === id ? update(item) : item));
}

export function removeById<T extends { readonly id: string }>(items: readonly T[], id: string, what: string): T[] {
  findById(items, id, what);
  return items.filter((item) => item.id !== id);
}
