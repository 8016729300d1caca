/**
 * Autosave: after every committed change the document goes to the host's draft store (keyed by StudyInstanceUID).
 * Saves never overlap: while one is in flight only the newest pending document is kept, so a burst of edits costs
 * at most one extra write. A refusal (a damaged or newer file is in the way) stops autosave until the reader
 * decides; it is never retried over the file.
 */
import { useSyncExternalStore } from 'react';
import type { z } from 'zod';
import type { AnnotationDocument, Subject, SubjectDifference } from '@shared/annotation';
import { checkSubject } from '@shared/annotation';
import type { draftContract } from '@shared/ipc/draft-schemas';
import type { DocumentStore } from './document-store';

type Row<C extends keyof typeof draftContract> = (typeof draftContract)[C];
/** The part of the host API autosave needs (the app's HostApi has these methods). */
export interface DraftHost {
  draftLoad(request: z.input<Row<'draft:load'>['request']>): Promise<z.output<Row<'draft:load'>['response']>>;
  draftSave(request: z.input<Row<'draft:save'>['request']>): Promise<z.output<Row<'draft:save'>['response']>>;
  draftQuarantine(request: z.input<Row<'draft:quarantine'>['request']>): Promise<z.output<Row<'draft:quarantine'>['response']>>;
}
export type DraftLoadResponse = z.output<Row<'draft:load'>['response']>;

export type SaveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved'; readonly at: string; readonly revision: number }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'blocked'; readonly message: string };

export class Autosaver {
  private state: SaveState = { kind: 'idle' };
  private readonly listeners = new Set<() => void>();
  private inFlight: Promise<void> | null = null;
  private pending: AnnotationDocument | null = null;
  private stopped = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly host: DraftHost,
    store: DocumentStore,
  ) {
    this.unsubscribe = store.onCommit((doc) => this.save(doc));
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  readonly getState = (): SaveState => this.state;

  dispose(): void {
    this.stopped = true;
    this.unsubscribe();
  }

  /** Resolves once everything queued so far has been written (tests, "close study" and the window close wait on it). */
  async flush(): Promise<void> {
    while (this.inFlight !== null) await this.inFlight;
  }

  /**
   * The page is going away (pagehide / beforeunload): there is no later turn to wait for the save in flight, so the
   * newest pending document is sent now, beside it. Should the two arrive out of order (two HTTP connections), the
   * host's draft:save handler drops the older revision of the same document instead of writing it over the newer.
   * (The in-flight request itself survives the page: the web host binding sends draft saves with keepalive;
   * Electron's IPC message has already left.)
   */
  saveBeforeExit(): void {
    if (this.stopped || this.state.kind === 'blocked' || this.pending === null) return;
    const doc = this.pending;
    this.pending = null;
    // If the page survives after all (bfcache, a cancelled unload), the outcome is shown like any other save.
    this.host.draftSave({ studyInstanceUID: doc.studyInstanceUID, document: doc }).then(
      (result) => this.setState(this.outcome(doc, result)),
      (error: unknown) => this.setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
  }

  save(doc: AnnotationDocument): void {
    if (this.stopped || this.state.kind === 'blocked') return;
    this.pending = doc;
    if (this.inFlight === null) this.inFlight = this.drain();
  }

  /** A resumed draft is already on disk: say so instead of "no changes yet". */
  markSaved(doc: AnnotationDocument): void {
    this.setState({ kind: 'saved', at: doc.updatedAt, revision: doc.revision });
  }

  /** After the reader quarantined the file in the way: saving may resume (with the newest document). */
  unblock(doc: AnnotationDocument | null): void {
    if (this.state.kind === 'blocked') this.setState({ kind: 'idle' });
    if (doc !== null) this.save(doc);
  }

  /** What a save's answer means for the reader; a blocked file stops autosave however the save was sent. */
  private outcome(doc: AnnotationDocument, result: z.output<Row<'draft:save'>['response']>): SaveState {
    if (result.saved) return { kind: 'saved', at: doc.updatedAt, revision: result.revision };
    return result.code.startsWith('blocked') ? { kind: 'blocked', message: result.message } : { kind: 'failed', message: result.message };
  }

  private async drain(): Promise<void> {
    while (this.pending !== null && !this.stopped) {
      const doc = this.pending;
      this.pending = null;
      this.setState({ kind: 'saving' });
      try {
        const result = await this.host.draftSave({ studyInstanceUID: doc.studyInstanceUID, document: doc });
        this.setState(this.outcome(doc, result));
        if (!result.saved) {
          this.pending = null;
          break;
        }
      } catch (error) {
        // The next edit tries again; the reader sees that the last change is not on disk.
        this.setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    }
    this.inFlight = null;
  }

  private setState(state: SaveState): void {
    this.state = state;
    this.listeners.forEach((l) => l());
  }
}

export function useSaveState(saver: Autosaver): SaveState {
  return useSyncExternalStore(saver.subscribe, saver.getState);
}

/** What opening a study found in the draft store, as a decision for the reader (never applied silently). */
export type DraftOffer =
  | { readonly kind: 'none' }
  /** `subjectRecorded` false: a draft from before drafts recorded whose they are (shown as such, not assumed). */
  | { readonly kind: 'resume'; readonly document: AnnotationDocument; readonly recovered: boolean; readonly notes: readonly string[]; readonly subjectRecorded: boolean }
  /** The draft records another patient than the opened study's: never offered as this study's draft. */
  | { readonly kind: 'other-patient'; readonly document: AnnotationDocument; readonly differences: readonly SubjectDifference[]; readonly notes: readonly string[] }
  | { readonly kind: 'unreadable'; readonly reason: 'corrupt' | 'newer-version'; readonly notes: readonly string[] };

/** `opened`: whose the opened study is (null when the index does not say); the draft's recorded patient must match. */
export function draftOffer(loaded: DraftLoadResponse, opened: Subject | null): DraftOffer {
  const notes = [...loaded.migrationsApplied.map((m) => `migrated: ${m}`), ...loaded.problems.map((p) => `${p.path}: ${p.message}`)];
  if ((loaded.status === 'ok' || loaded.status === 'recovered-from-previous') && loaded.document) {
    const check = opened === null ? { kind: 'not-recorded' as const } : checkSubject(loaded.document.subject, opened);
    if (check.kind === 'different') return { kind: 'other-patient', document: loaded.document, differences: check.differences, notes };
    return { kind: 'resume', document: loaded.document, recovered: loaded.status === 'recovered-from-previous', notes, subjectRecorded: check.kind === 'same' };
  }
  if (loaded.status === 'corrupt' || loaded.status === 'newer-version') return { kind: 'unreadable', reason: loaded.status, notes };
  return { kind: 'none' };
}
