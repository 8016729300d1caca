import { access, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { StudySourceSchema, type StudySource } from '@shared/ipc/study-schemas';
import { ensureAppDir, writePrivateFile } from './private-files';

/**
 * The last study this app showed, recorded in the app data folder when its indexing ends, so a restarted host (web
 * host or Electron main: sessions live in memory only) can open it again. One small JSON file; a missing or damaged
 * file reads as "nothing recorded" (it is a convenience, not a record). Local only, like the recent list.
 */
const LastStudyFileSchema = z.strictObject({
  version: z.literal(1),
  source: StudySourceSchema,
  patientName: z.string().max(500),
  description: z.string().max(500),
  studyDate: z.string().max(20),
});
export type LastStudy = Omit<z.infer<typeof LastStudyFileSchema>, 'version'>;

export interface LastStudyStore {
  read(): Promise<LastStudy | null>;
  write(last: LastStudy): Promise<void>;
}

export function lastStudyAt(file: string): LastStudyStore {
  // Writes are serialised: the later of two quick writes wins, never a torn file.
  let queue: Promise<unknown> = Promise.resolve();

  async function write(last: LastStudy): Promise<void> {
    // It names a patient and a folder: private, like the recent list (private-files.ts).
    await ensureAppDir(dirname(file));
    const temp = `${file}.tmp-${process.pid}`;
    await writePrivateFile(temp, `${JSON.stringify({ version: 1, ...last }, null, 2)}\n`);
    await rename(temp, file);
  }

  return {
    async read() {
      // Wait for a write in progress: a reload right after an open reads what was just recorded.
      await queue;
      try {
        const parsed = LastStudyFileSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
        if (!parsed.success) return null;
        const { version: _version, ...last } = parsed.data;
        return last;
      } catch {
        return null;
      }
    },
    write(last) {
      const next = queue.then(() => write(last));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

/** The first of a source's paths that no longer exists (moved, deleted, an unplugged drive), else null. */
export async function firstMissingPath(source: StudySource): Promise<string | null> {
  if (source.kind === 'sample') return null;
  for (const path of source.paths) {
    try {
      await access(path);
    } catch {
      return path;
    }
  }
  return null;
}
