/**
 * Undo/redo over immutable document snapshots (structural sharing keeps them cheap). Pure: every function returns
 * a new History. What each command does to history is declared by the command itself (command-kit.ts):
 * - 'now': one step;
 * - 'on-release': the first transient edit remembers the document before the drag; `release` turns the whole drag
 *   into one step (`cancelDrag` restores it, e.g. on Escape);
 * - 'never': applied to the present and to every stored snapshot, so no later undo or redo reverts it.
 * - a barrier (signing, signoff.ts): one step that clears the history, so neither it nor anything before it is undone.
 * - a batch (`dispatchBatch`): several commands that make one reader action (an alignment aid and its link to the
 *   lesion) applied in order as one step, all or nothing.
 * Every committed change (step, batch, release, undo, redo, never) raises `revision` and, given a time, sets `updatedAt`:
 * the draft store sees a strictly increasing revision even when undo brings back older content.
 */
import { AnnotationCommandError } from './command-kit';
import { applyCommand, commandDef } from './commands';
import type { Command } from './commands';
import { deepEqual } from './equal';
import type { AnnotationDocument } from './schema';

export interface History {
  readonly past: readonly AnnotationDocument[];
  readonly present: AnnotationDocument;
  readonly future: readonly AnnotationDocument[];
  /** The document before the drag in progress, or null when no drag is in progress. */
  readonly dragBase: AnnotationDocument | null;
  readonly limit: number;
}

/** `now` (ISO 8601) is passed in so history stays pure; without it `updatedAt` is left alone. */
export interface CommitStamp {
  readonly now?: string;
}

export function createHistory(doc: AnnotationDocument, limit = 500): History {
  return { past: [], present: doc, future: [], dragBase: null, limit };
}

function stamp(doc: AnnotationDocument, previousRevision: number, at: CommitStamp): AnnotationDocument {
  return { ...doc, revision: previousRevision + 1, ...(at.now !== undefined ? { updatedAt: at.now } : {}) };
}

function pushStep(h: History, before: AnnotationDocument, after: AnnotationDocument, at: CommitStamp): History {
  const past = [...h.past, before].slice(-h.limit);
  return { ...h, past, present: stamp(after, h.present.revision, at), future: [], dragBase: null };
}

/** Commits a drag in progress as one undo step (no step when the drag changed nothing, e.g. a click). */
export function release(h: History, at: CommitStamp = {}): History {
  if (h.dragBase === null) return h;
  if (deepEqual(h.present, h.dragBase)) return { ...h, present: h.dragBase, dragBase: null };
  return pushStep({ ...h, present: h.dragBase }, h.dragBase, h.present, at);
}

export function cancelDrag(h: History): History {
  return h.dragBase === null ? h : { ...h, present: h.dragBase, dragBase: null };
}

export function dispatch(h: History, command: Command, at: CommitStamp = {}): History {
  const undo = commandDef(command.type).undo;
  if (undo === 'on-release') {
    const next = applyCommand(h.present, command);
    return { ...h, present: next, dragBase: h.dragBase ?? h.present };
  }
  const settled = release(h, at);
  const next = applyCommand(settled.present, command);
  if (next === settled.present) return settled;
  if (undo === 'now') {
    const stepped = pushStep(settled, settled.present, next, at);
    // A barrier (signing) cannot be undone, and nothing before it either: the signed version is amended, not unsigned.
    return commandDef(command.type).barrier === true ? { ...stepped, past: [], future: [] } : stepped;
  }
  // 'never': rewrite every snapshot too; a snapshot the command cannot apply to is kept as it is.
  const rewrite = (doc: AnnotationDocument): AnnotationDocument => {
    try {
      return applyCommand(doc, command);
    } catch {
      return doc;
    }
  };
  return { ...settled, past: settled.past.map(rewrite), future: settled.future.map(rewrite), present: stamp(next, settled.present.revision, at) };
}

/**
 * One reader action made of several commands, as one undo step. The commands run in order, each on the result of
 * the one before (so a later one can refer to what an earlier one created, by the id the caller gave it). All or
 * nothing: when one throws, the error propagates and `h` is untouched. Only undoable commands can be batched: a
 * 'never' command (bookkeeping) is refused; an 'on-release' one is applied as part of the step. A drag in progress
 * is committed first, as `dispatch` does. An empty batch, or one that changes nothing, adds no step.
 */
export function dispatchBatch(h: History, commands: readonly Command[], at: CommitStamp = {}): History {
  const refused = commands.find((c) => commandDef(c.type).undo === 'never' || commandDef(c.type).barrier === true);
  if (refused !== undefined) throw new AnnotationCommandError('invalid-args', `${refused.type} cannot be part of a batch: it cannot be undone`);
  if (commands.length === 0) return h;
  const settled = release(h, at);
  const next = commands.reduce((doc, command) => applyCommand(doc, command), settled.present);
  if (next === settled.present || deepEqual(next, settled.present)) return settled;
  return pushStep(settled, settled.present, next, at);
}

export function canUndo(h: History): boolean {
  return h.past.length > 0 || (h.dragBase !== null && h.dragBase !== h.present);
}

export function canRedo(h: History): boolean {
  return h.future.length > 0 && h.dragBase === null;
}

export function undo(h: History, at: CommitStamp = {}): History {
  const settled = release(h, at);
  const previous = settled.past.at(-1);
  if (previous === undefined) return settled;
  return {
    ...settled,
    past: settled.past.slice(0, -1),
    present: stamp(previous, settled.present.revision, at),
    future: [settled.present, ...settled.future],
  };
}

export function redo(h: History, at: CommitStamp = {}): History {
  const settled = release(h, at);
  const [next, ...future] = settled.future;
  if (next === undefined) return settled;
  return { ...settled, past: [...settled.past, settled.present].slice(-settled.limit), present: stamp(next, settled.present.revision, at), future };
}

/** What autosave writes: never a half-finished drag. */
export function committedDocument(h: History): AnnotationDocument {
  return h.dragBase ?? h.present;
}
