/**
 * Crash-safe drafts of annotation documents, one per study, in one folder (the app's data folder in the app).
 *
 * Write protocol for `<stem>.json` (stem from the StudyInstanceUID, file-names.ts):
 *   1. write the new content to `<stem>.json.tmp-<pid>-<n>`, fsync it, close it;
 *   2. if `<stem>.json` exists: hard-link it (or durably copy it) to `<stem>.prev.json.tmp-<pid>-<n>` and rename that
 *      over `<stem>.prev.json` — the previous version is kept, and `<stem>.json` itself is not touched;
 *   3. rename the temp file over `<stem>.json`;
 *   4. fsync the folder, so the renames survive a power cut.
 * Renames within a folder are atomic, so at every instant `<stem>.json` is either the previous complete version or
 * the new complete version (never missing, never partial once the first save has completed), and `<stem>.prev.json`
 * is a complete older version. A crash leaves at most temp files, which carry the dead writer's pid and are removed
 * on the next load. `save` resolves only after step 4: "completed" means durable.
 *
 * Never overwrite silently: if `<stem>.json` is corrupt or from a newer version (and not the file this store last
 * wrote), `save` refuses with DraftStoreError until the user chooses `quarantine`, which moves it aside.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Problem } from '@shared/validation/parse';
import { AnnotationDocumentSchema } from '@shared/annotation/schema';
import type { AnnotationDocument } from '@shared/annotation/schema';
import { linkOrCopyDurably, removeIfPresent, rename, syncDirectory, writeNewFileDurably, isCode } from './durable-fs';
import { encodeDraft } from './envelope';
import { DraftStoreError } from './errors';
import { mainName, previousName, quarantineName, stemForStudy, studyForStem, tempName, TEMP_PATTERN } from './file-names';
import { readDraftFile } from './read-draft';
import type { DraftFileState } from './read-draft';
import { ensureAppDir } from '../private-files';

export type DraftStatus = 'none' | 'ok' | 'recovered-from-previous' | 'corrupt' | 'newer-version';

export interface DraftLoadResult {
  readonly status: DraftStatus;
  /** Present for 'ok' and 'recovered-from-previous'. */
  readonly document?: AnnotationDocument;
  readonly migrationsApplied: readonly string[];
  /** Repairs made while loading, and for the other statuses what is wrong with which file. */
  readonly problems: readonly Problem[];
}

export interface DraftSummary {
  readonly studyInstanceUID: string;
  readonly status: DraftStatus;
  readonly revision?: number;
  readonly updatedAt?: string;
  readonly readerName?: string;
}

export interface DraftStoreOptions {
  /** For quarantine file names; injectable so tests are deterministic. */
  readonly now?: () => Date;
  /** Whether a pid belongs to a live process (temp files of live writers are never removed). */
  readonly isProcessAlive?: (pid: number) => boolean;
}

interface FileIdentity {
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
}

function defaultIsProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isCode(error, 'EPERM');
  }
}

const fileProblems = (file: string, problems: readonly Problem[]): Problem[] => problems.map((p) => ({ path: `${file}: ${p.path}`, message: p.message }));

export class DraftStore {
  private tempCounter = 0;
  private dirReady: Promise<unknown> | null = null;
  /** Per study: the main file as this store last wrote it, so the pre-save guard does not re-read it every time. */
  private readonly lastWritten = new Map<string, FileIdentity>();
  /** Per study: the tail of the save queue (saves of one study never interleave). */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly now: () => Date;
  private readonly isProcessAlive: (pid: number) => boolean;

  constructor(
    readonly dir: string,
    options: DraftStoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.isProcessAlive = options.isProcessAlive ?? defaultIsProcessAlive;
  }

  private paths(studyUid: string) {
    const stem = stemForStudy(studyUid);
    return { stem, main: join(this.dir, mainName(stem)), previous: join(this.dir, previousName(stem)) };
  }

  /** Saves `doc` as the draft of `studyUid`; resolves once the new version is durable. */
  save(studyUid: string, doc: AnnotationDocument): Promise<void> {
    const paths = this.paths(studyUid);
    if (doc.studyInstanceUID !== studyUid) {
      return Promise.reject(new DraftStoreError('study-mismatch', `document is for study ${doc.studyInstanceUID}, not ${studyUid}`));
    }
    const valid = AnnotationDocumentSchema.safeParse(doc);
    if (!valid.success) {
      return Promise.reject(new DraftStoreError('invalid-document', valid.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')));
    }
    const text = encodeDraft(doc);
    const run = (this.queues.get(paths.stem) ?? Promise.resolve()).catch(() => undefined).then(() => this.write(paths, text));
    this.queues.set(paths.stem, run);
    return run;
  }

  private async write(paths: { stem: string; main: string; previous: string }, text: string): Promise<void> {
    // The data folder may not exist on first run; created once per store.
    this.dirReady ??= ensureAppDir(this.dir);
    await this.dirReady;
    await this.guardMain(paths.stem, paths.main);
    const n = (this.tempCounter += 1);
    const temp = join(this.dir, tempName(mainName(paths.stem), process.pid, n));
    const previousTemp = join(this.dir, tempName(previousName(paths.stem), process.pid, n));
    try {
      await writeNewFileDurably(temp, text);
      try {
        await linkOrCopyDurably(paths.main, previousTemp);
        await rename(previousTemp, paths.previous);
      } catch (error) {
        if (!isCode(error, 'ENOENT')) throw error; // no main yet: the first save has no previous version
      }
      await rename(temp, paths.main);
      await syncDirectory(this.dir);
    } finally {
      await removeIfPresent(temp);
      await removeIfPresent(previousTemp);
    }
    const written = await stat(paths.main);
    this.lastWritten.set(paths.stem, { ino: written.ino, size: written.size, mtimeMs: written.mtimeMs });
  }

  /** Refuses to replace a main file that is corrupt or newer, unless it is exactly what this store wrote last. */
  private async guardMain(stem: string, main: string): Promise<void> {
    let current;
    try {
      current = await stat(main);
    } catch (error) {
      if (isCode(error, 'ENOENT')) return;
      throw error;
    }
    const known = this.lastWritten.get(stem);
    if (known && known.ino === current.ino && known.size === current.size && known.mtimeMs === current.mtimeMs) return;
    const state = await readDraftFile(main);
    if (state.kind === 'corrupt') throw new DraftStoreError('blocked-corrupt', `${main} is damaged; quarantine it before saving`);
    if (state.kind === 'newer-version') throw new DraftStoreError('blocked-newer-version', `${main} was written by a newer version; quarantine it before saving`);
  }

  /** The draft of `studyUid`, falling back to the previous version when the main file is missing or damaged. */
  async load(studyUid: string): Promise<DraftLoadResult> {
    const paths = this.paths(studyUid);
    await this.removeStaleTemps(paths.stem);
    const main = await readDraftFile(paths.main);
    if (main.kind === 'ok') return { status: 'ok', document: main.document, migrationsApplied: main.migrationsApplied, problems: main.problems };
    if (main.kind === 'newer-version') return { status: 'newer-version', migrationsApplied: [], problems: fileProblems(mainName(paths.stem), main.problems) };
    const previous = await readDraftFile(paths.previous);
    const mainIssues = main.kind === 'missing' ? [] : fileProblems(mainName(paths.stem), main.problems);
    return this.fromPrevious(paths.stem, main, previous, mainIssues);
  }

  private fromPrevious(stem: string, main: DraftFileState, previous: DraftFileState, mainIssues: Problem[]): DraftLoadResult {
    if (previous.kind === 'ok') {
      return { status: 'recovered-from-previous', document: previous.document, migrationsApplied: previous.migrationsApplied, problems: [...mainIssues, ...previous.problems] };
    }
    if (previous.kind === 'missing') return { status: main.kind === 'missing' ? 'none' : 'corrupt', migrationsApplied: [], problems: mainIssues };
    const previousIssues = fileProblems(previousName(stem), previous.problems);
    return { status: previous.kind, migrationsApplied: [], problems: [...mainIssues, ...previousIssues] };
  }

  /**
   * The user's explicit choice for a damaged or newer draft: moves the bad file(s) aside (never deleted) as
   * `<stem>.corrupt-<time>.json` / `<stem>.newer-<time>.json`. Returns the new paths; good files are left alone.
   * With `otherPatient`, the reader has seen that the draft records another patient than the opened study's: the
   * readable files move aside too, as `<stem>.other-patient-<time>.json`, kept for whoever it belongs to.
   */
  async quarantine(studyUid: string, options: { readonly otherPatient?: boolean; readonly replaced?: boolean } = {}): Promise<string[]> {
    const paths = this.paths(studyUid);
    const moved: string[] = [];
    for (const file of [paths.main, paths.previous]) {
      const state = await readDraftFile(file);
      const why = state.kind === 'corrupt' ? 'corrupt' : state.kind === 'newer-version' ? 'newer' : state.kind === 'ok' && options.otherPatient === true ? 'other-patient'
        // A readable draft the reader replaced with a reading restored from an SR: kept aside, never deleted.
        : state.kind === 'ok' && options.replaced === true ? 'replaced' : null;
      if (why === null) continue;
      const target = join(this.dir, quarantineName(`${paths.stem}${file === paths.previous ? '.prev' : ''}`, why, this.now()));
      await rename(file, target);
      moved.push(target);
    }
    if (moved.length > 0) await syncDirectory(this.dir);
    this.lastWritten.delete(paths.stem);
    return moved;
  }

  /** Every study with a draft (main or previous), with its status; quarantined files are not drafts. */
  async list(): Promise<DraftSummary[]> {
    const stems = new Set<string>();
    for (const name of await readdir(this.dir).catch((error: unknown) => (isCode(error, 'ENOENT') ? [] : Promise.reject(error)))) {
      const match = /^(.+?)(\.prev)?\.json$/.exec(name);
      if (match?.[1] !== undefined && studyForStem(match[1]) !== null) stems.add(match[1]);
    }
    const out: DraftSummary[] = [];
    for (const stem of [...stems].sort()) {
      const studyInstanceUID = studyForStem(stem);
      if (studyInstanceUID === null) continue;
      const loaded = await this.load(studyInstanceUID);
      const doc = loaded.document;
      out.push({
        studyInstanceUID,
        status: loaded.status,
        ...(doc ? { revision: doc.revision, updatedAt: doc.updatedAt, readerName: doc.reader.name } : {}),
      });
    }
    return out;
  }

  /** Deletes the draft and its previous version (the user discarded it). Quarantined files are kept. */
  async delete(studyUid: string): Promise<void> {
    const paths = this.paths(studyUid);
    await this.queues.get(paths.stem)?.catch(() => undefined);
    await removeIfPresent(paths.main);
    await removeIfPresent(paths.previous);
    await syncDirectory(this.dir).catch((error: unknown) => (isCode(error, 'ENOENT') ? undefined : Promise.reject(error)));
    this.lastWritten.delete(paths.stem);
  }

  /** Removes temp files left by writers that died (pid no longer alive); a live writer's temps are left alone. */
  private async removeStaleTemps(stem: string): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if (isCode(error, 'ENOENT')) return;
      throw error;
    }
    for (const name of names) {
      const match = TEMP_PATTERN.exec(name);
      if (!match || (match[1] !== mainName(stem) && match[1] !== previousName(stem))) continue;
      const pid = Number(match[2]);
      if (pid !== process.pid && !this.isProcessAlive(pid)) await removeIfPresent(join(this.dir, name));
    }
  }
}
