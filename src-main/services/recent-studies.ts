import { readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { MAX_RECENT_STUDIES, RecentStudySchema, type RecentStudyEntry } from '@shared/ipc/study-schemas';
import { ensureAppDir, writePrivateFile } from './private-files';

/**
 * The recent-studies list: a small JSON file in the app data folder (paths, patient name, study description and
 * date), newest first, at most MAX_RECENT_STUDIES. Local only: it is never sent anywhere but to this app's page.
 * A missing or damaged file reads as an empty list (it is a convenience, not a record).
 */
const FileSchema = z.object({ version: z.literal(1), studies: z.array(RecentStudySchema) });

export interface RecentStudies {
  list(): Promise<RecentStudyEntry[]>;
  add(entry: RecentStudyEntry): Promise<void>;
}

const samePaths = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((p, i) => p === b[i]);

export function recentStudiesAt(file: string): RecentStudies {
  // Writes are serialised so two quick opens cannot interleave read-modify-write.
  let queue: Promise<unknown> = Promise.resolve();

  async function list(): Promise<RecentStudyEntry[]> {
    try {
      const parsed = FileSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
      return parsed.success ? parsed.data.studies.slice(0, MAX_RECENT_STUDIES) : [];
    } catch {
      return [];
    }
  }

  async function write(entry: RecentStudyEntry): Promise<void> {
    const kept = (await list()).filter((s) => !samePaths(s.paths, entry.paths));
    const studies = [entry, ...kept].slice(0, MAX_RECENT_STUDIES);
    await ensureAppDir(dirname(file));
    const temp = `${file}.tmp-${process.pid}`;
    await writePrivateFile(temp, `${JSON.stringify({ version: 1, studies }, null, 2)}\n`);
    await rename(temp, file);
  }

  return {
    list,
    add(entry) {
      const next = queue.then(() => write(entry));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
