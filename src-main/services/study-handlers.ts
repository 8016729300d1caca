import type { RequestOf, ResponseOf } from '@shared/ipc/contract';
import type { StudySessions } from './study-session';

type StudyChannel = 'study:open' | 'study:open-sample' | 'study:initial' | 'study:cancel' | 'study:get-index' | 'study:get-partial-index' | 'study:recent' | 'study:pick';
type StudyHandlers = { readonly [C in StudyChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

/** Electron's native open dialog (main.ts supplies it); absent in browser mode. */
export type PickPaths = (kind: 'folder' | 'files') => Promise<string[] | null>;

const BROWSER_PICK_REASON = 'Browser mode has no native file dialog: type the path of a folder, file, zip or DICOMDIR instead.';

/** The study:* channels over one StudySessions. */
export function studyHandlers(sessions: StudySessions, pickPaths: PickPaths | undefined): StudyHandlers {
  return {
    'study:open': async ({ paths, role }) => ({ sessionId: sessions.open(paths, role) }),
    'study:open-sample': async ({ sample, role }) => ({ sessionId: await sessions.openSample(sample, role) }),
    'study:initial': () => sessions.initial(),
    'study:cancel': async ({ sessionId }) => {
      sessions.cancel(sessionId);
      return {};
    },
    'study:get-index': ({ sessionId }) => sessions.getIndex(sessionId),
    'study:get-partial-index': async ({ sessionId }) => sessions.getPartialIndex(sessionId),
    'study:recent': async () => ({ studies: await sessions.recent() }),
    'study:pick': async ({ kind }) => {
      if (pickPaths === undefined) return { status: 'unavailable', reason: BROWSER_PICK_REASON };
      const paths = await pickPaths(kind);
      return paths === null || paths.length === 0 ? { status: 'cancelled' } : { status: 'picked', paths };
    },
  };
}
