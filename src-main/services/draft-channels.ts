import { join } from 'node:path';
import type { RequestOf, ResponseOf } from '@shared/ipc/contract';
import type { DraftStore } from './draft-store/index';
import { DraftStoreError } from './draft-store/index';

/** Drafts live in `<app data folder>/drafts` (one file per StudyInstanceUID, see draft-store.ts). */
export const draftsDir = (dataDir: string): string => join(dataDir, 'drafts');

type Handler<C extends 'draft:load' | 'draft:save' | 'draft:quarantine'> = (request: RequestOf<C>) => Promise<ResponseOf<C>>;

/** The three draft channels over one DraftStore (its save queue keeps saves of one study in order). */
export function draftHandlers(store: DraftStore): { 'draft:load': Handler<'draft:load'>; 'draft:save': Handler<'draft:save'>; 'draft:quarantine': Handler<'draft:quarantine'> } {
  /**
   * Per study, the newest revision taken so far of each document lineage (createdAt). When a page closes, its last
   * save may travel beside an earlier one that was still in flight, and over HTTP two requests can arrive in either
   * order: an older revision of the same lineage arriving after a newer one is stale and is not written over it.
   * (Revisions rise on every commit, undo included; "start fresh" begins a new lineage, which is always written.)
   */
  const newest = new Map<string, { readonly createdAt: string; readonly revision: number }>();
  return {
    'draft:load': async ({ studyInstanceUID }) => {
      const loaded = await store.load(studyInstanceUID);
      return {
        status: loaded.status,
        ...(loaded.document ? { document: loaded.document } : {}),
        migrationsApplied: [...loaded.migrationsApplied],
        problems: loaded.problems.map((p) => ({ path: p.path, message: p.message })),
      };
    },
    'draft:save': async ({ studyInstanceUID, document }) => {
      const seen = newest.get(studyInstanceUID);
      if (seen !== undefined && seen.createdAt === document.createdAt && seen.revision > document.revision) return { saved: true, revision: seen.revision };
      newest.set(studyInstanceUID, { createdAt: document.createdAt, revision: document.revision });
      try {
        await store.save(studyInstanceUID, document);
        return { saved: true, revision: document.revision };
      } catch (error) {
        // Expected refusals go back as data so the renderer can explain them and offer quarantine.
        if (error instanceof DraftStoreError) return { saved: false, code: error.code, message: error.message };
        throw error;
      }
    },
    'draft:quarantine': async ({ studyInstanceUID, otherPatient, replaced }) => ({ moved: await store.quarantine(studyInstanceUID, { otherPatient: otherPatient === true, replaced: replaced === true }) }),
  };
}
