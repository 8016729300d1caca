/**
 * The reading layer's one record: the study's annotation document inside undo history (shared/annotation/history).
 * Every edit is a serialisable command; a drag dispatches 'on-release' commands on every move and `release()` on
 * pointer-up, so the whole drag is one undo step and autosave never sees it half-done.
 */
import { useEffect, useSyncExternalStore } from 'react';
import {
  AnnotationCommandError,
  canRedo,
  canUndo,
  cancelDrag,
  committedDocument,
  createHistory,
  dispatch as dispatchCommand,
  dispatchBatch,
  historyShortcut,
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

const isTextEntry = (target: EventTarget | null): boolean => {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA') return true;
  return target.tagName === 'INPUT' && !['radio', 'checkbox', 'range', 'button'].includes((target as HTMLInputElement).type);
};

/** Ctrl+Z / Ctrl+Shift+Z (Cmd on macOS) anywhere except in text fields, which keep their own text undo. */
export function useHistoryShortcuts(store: DocumentStore, enabled = true): void {
  useEffect(() => {
    if (!enabled) return undefined;
    const platform = /mac/i.test(navigator.platform) ? 'mac' : 'other';
    const onKey = (e: KeyboardEvent): void => {
      if (isTextEntry(e.target)) return;
      const action = historyShortcut(e, platform);
      if (action === null) return;
      e.preventDefault();
      if (action === 'undo') store.undo();
      else store.redo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, enabled]);
}
