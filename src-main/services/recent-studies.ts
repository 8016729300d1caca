import { readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { StudyIndex } from '@shared/dicom/index-model';
import { MAX_RECENT_STUDIES, RecentStudySchema, type RecentStudyEntry } from '@shared/ipc/study-schemas';
import { ensureAppDir, writePrivateFile } from './private-files';

/**
 * The recent-studies list: a small JSON file in the app data folder, one entry per study (its identity, the paths
 * it was opened from, patient, date, description, modalities, counts), newest first, at most MAX_RECENT_STUDIES. Local only: it is never sent anywhere but to this app's page.
 * A missing or damaged file reads as an empty list (it is a convenience, not a record).
 */
const FileSchema = z.object({ version: z.literal(1), studies: z.array(RecentStudySchema) });

export interface RecentStudies {
  list(): Promise<RecentStudyEntry[]>;
  add(entry: RecentStudyEntry): Promise<void>;
}

const samePaths = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((p, i) => p === b[i]);
// One entry per study: by identity when known; entries of older lists (no identity) by paths.
const sameEntry = (a: RecentStudyEntry, b: RecentStudyEntry): boolean =>
  a.studyUid !== undefined && b.studyUid !== undefined ? a.studyUid === b.studyUid : samePaths(a.paths, b.paths);

/** One entry per study of an index (newest first when added in order), each with what tells it apart. */
export function recentEntriesOf(paths: readonly string[], index: StudyIndex, openedAt: string = new Date().toISOString()): RecentStudyEntry[] {
  return index.patients.flatMap((patient) =>
    patient.studies.map((study) => ({
      paths: [...paths],
      patientName: (patient.name ?? '').replace(/\^+/g, ' ').trim().slice(0, 500),
      description: (study.description ?? '').slice(0, 500),
      studyDate: (study.date ?? '').slice(0, 20),
      studyUid: study.uid.slice(0, 64),
      patientId: (patient.id ?? '').slice(0, 200),
      patientBirthDate: (patient.birthDate ?? '').slice(0, 20),
      studyTime: (study.time ?? '').slice(0, 20),
      modalities: study.modalities.slice(0, 32).map((m) => m.slice(0, 16)),
      seriesCount: study.series.length,
      instanceCount: study.series.reduce((n, s) => n + s.instanceCount, 0),
      openedAt,
    })),
  );
}

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
    const kept = (await list()).filter((s) => !sameEntry(s, entry));
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
