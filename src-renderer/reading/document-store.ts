/**
 * The reading layer's one record: the study's annotation document inside undo history (shared/annotation/history).
 * Every edit is a serialisable command; a drag dispatches 'on-release' commands on every move and `release()` on
 * pointer-up, so the whole drag is one undo step and autosave never sees it half-done.
 */
import { useMemo, useSyncExternalStore } from 'react';
import { pageKeymap, useKeyBindings } from '../keymap/page-keymap';
import type { KeyBinding, Platform } from '../keymap/keymap';
import {
  AnnotationCommandError,
  canRedo,
  canUndo,
  cancelDrag,
  committedDocument,
  createHistory,
  dispatch as dispatchCommand,
  dispatchBatch,
  nextId,
  redo as redoHistory,
  release as releaseHistory,
  undo as undoHistory,
} from '@shared/annotation';
import type { AnnotationDocument, Command, History, IdKind } from '@shared/annotation';

export type DispatchResult = { readonly ok: true } | { readonly ok: false; readonly message: string };

export interface DocumentSnapshot {
  readonly history: History | null;
  /** What the UI draws (includes a drag in progress). */
  readonly document: AnnotationDocument | null;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** The last refused command's reason (shown briefly to the reader), or null. */
  readonly lastError: string | null;
}

type CommitListener = (doc: AnnotationDocument) => void;

const EMPTY: DocumentSnapshot = { history: null, document: null, canUndo: false, canRedo: false, lastError: null };

/**
 * What the reader reads when a command is refused, in our words. Conflicts and missing items already are ("level L1
 * is already labelled"); invalid arguments carry the validator's own text, which goes to the console instead.
 */
function refusalText(error: AnnotationCommandError): string {
  if (error.code !== 'invalid-args') return error.message;
  console.warn(`refused edit: ${error.message}`);
  return 'This change was not recorded: one of its values is not one the record allows.';
}

export class DocumentStore {
  private snap: DocumentSnapshot = EMPTY;
  private commits = 0;
  private readonly listeners = new Set<() => void>();
  private readonly commitListeners = new Set<CommitListener>();
  /** Clock injected so tests can pin `updatedAt`. */
  constructor(private readonly now: () => string = () => new Date().toISOString()) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  readonly getSnapshot = (): DocumentSnapshot => this.snap;

  /** Called after every committed change (never during a drag): autosave's trigger. */
  onCommit(listener: CommitListener): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  /** Starts a fresh history on `doc` (opening a study, resuming a draft). Not itself a change to save. */
  load(doc: AnnotationDocument): void {
    this.set(createHistory(doc), null, false);
  }

  document(): AnnotationDocument | null {
    return this.snap.document;
  }

  committed(): AnnotationDocument | null {
    return this.snap.history ? committedDocument(this.snap.history) : null;
  }

  /** Committed changes since this store was made (the test hook's evidence that typing commits nothing). */
  get commitCount(): number {
    return this.commits;
  }

  /**
   * The id a command creating a `kind` item should be given now (pass it in the command's `id`): the caller knows
   * what it creates, so it can link or select it, instead of guessing afterwards which item is the new one.
   */
  newId(kind: IdKind): string {
    const doc = this.snap.document;
    const items = doc === null ? [] : { label: doc.labels, lesion: doc.lesions, measurement: doc.measurements, keyImage: doc.report.keyImages }[kind];
    return nextId(kind, items);
  }

  dispatch(command: Command): DispatchResult {
    return this.apply((h) => dispatchCommand(h, command, { now: this.now() }));
  }

  /** One reader action made of several commands: one undo step, one autosave, all or nothing (history.ts). */
  dispatchBatch(commands: readonly Command[]): DispatchResult {
    return this.apply((h) => dispatchBatch(h, commands, { now: this.now() }));
  }

  private apply(change: (h: History) => History): DispatchResult {
    const h = this.snap.history;
    if (h === null) return { ok: false, message: 'no study is open' };
    try {
      this.set(change(h), null, true);
      return { ok: true };
    } catch (error) {
      // Command errors are the reader's to see (e.g. "level L1 is already labelled"); anything else is a bug.
      if (!(error instanceof AnnotationCommandError)) throw error;
      const message = refusalText(error);
      this.set(h, message, false);
      return { ok: false, message };
    }
  }

  release(): void {
    const h = this.snap.history;
    if (h !== null) this.set(releaseHistory(h, { now: this.now() }), null, true);
  }

  cancelDrag(): void {
    const h = this.snap.history;
    if (h !== null) this.set(cancelDrag(h), null, false);
  }

  undo(): void {
    const h = this.snap.history;
    if (h !== null) this.set(undoHistory(h, { now: this.now() }), null, true);
  }

  redo(): void {
    const h = this.snap.history;
    if (h !== null) this.set(redoHistory(h, { now: this.now() }), null, true);
  }

  private set(history: History, lastError: string | null, mayCommit: boolean): void {
    const before = this.snap.history ? committedDocument(this.snap.history) : null;
    this.snap = { history, document: history.present, canUndo: canUndo(history), canRedo: canRedo(history), lastError };
    this.listeners.forEach((l) => l());
    const after = committedDocument(history);
    // The revision rises on every committed change (history.ts), so it is the commit test.
    if (mayCommit && (before === null || after.revision !== before.revision)) {
      this.commits += 1;
      this.commitListeners.forEach((l) => l(after));
    }
  }
}

export function useDocumentSnapshot(store: DocumentStore): DocumentSnapshot {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/** Ctrl+Z / Ctrl+Shift+Z (Cmd on macOS; also Ctrl+Y off macOS); text fields keep their own undo. */
export function historyBindings(store: Pick<DocumentStore, 'undo' | 'redo'>, platform: Platform): KeyBinding[] {
  const mod = platform === 'mac' ? '⌘' : 'Ctrl+';
  const undo = (): void => store.undo();
  const redo = (): void => store.redo();
  return [
    { chord: { key: 'z', mod: true, shift: false }, when: 'not-typing', label: `${mod}Z`, group: 'Reading', description: 'Undo', run: undo },
    { chord: { key: 'z', mod: true, shift: true }, when: 'not-typing', label: `${mod}Shift+Z`, group: 'Reading', description: 'Redo', run: redo },
    { chord: { key: 'y', mod: true, shift: false, platform: 'other' }, when: 'not-typing', label: 'Ctrl+Y', group: 'Reading', description: 'Redo', run: redo },
  ];
}

/** The history keys in the page keymap while a reading is open (and `enabled`: the reading the reader is editing). */
export function useHistoryShortcuts(store: DocumentStore, enabled = true): void {
  useKeyBindings(useMemo(() => (enabled ? historyBindings(store, pageKeymap.platform) : []), [store, enabled]));
}
