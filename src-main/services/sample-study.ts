// Writes a generated sample study (synthetic spine phantom) into a folder, once: regenerated only when
// files are missing or the generator version changed. Used by "Open sample study", the CLI and the tests.
// Two samples: the baseline ('sample') and a follow-up of the same patient ('sample-follow-up'), each in its own folder.
import { readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  FOLLOW_UP_GENERATOR_VERSION, FOLLOW_UP_UIDS, SAMPLE_GENERATOR_VERSION, SAMPLE_UIDS, followUpStudyFiles, followUpStudyPaths, sampleStudyFiles, sampleStudyPaths,
} from '@shared/sample';
import type { SampleFile } from '@shared/sample';
import type { SampleName } from '@shared/ipc/study-schemas';
import { ensureAppDir, makePrivateDir, writePrivateFile } from './private-files';

export const SAMPLE_STAMP_FILE = 'sample-study.json';


interface SampleSource {
  readonly generatorVersion: number;
  readonly studyInstanceUid: string;
  readonly paths: () => string[];
  readonly files: () => Iterable<SampleFile>;
}

const SOURCES: Record<SampleName, SampleSource> = {
  sample: { generatorVersion: SAMPLE_GENERATOR_VERSION, studyInstanceUid: SAMPLE_UIDS.study, paths: () => sampleStudyPaths(), files: () => sampleStudyFiles() },
  'sample-follow-up': { generatorVersion: FOLLOW_UP_GENERATOR_VERSION, studyInstanceUid: FOLLOW_UP_UIDS.study, paths: followUpStudyPaths, files: followUpStudyFiles },
};

export interface SampleStudyLocation {
  readonly dir: string;
  /** Absolute paths of every DICOM file (CT first, then MR). */
  readonly files: string[];
  /** True when this call (re)generated the files. */
  readonly generated: boolean;
}

interface Stamp {
  readonly generatorVersion: number;
  readonly studyInstanceUid: string;
  readonly files: readonly string[];
}

async function readStamp(dir: string): Promise<Stamp | null> {
  try {
    const value: unknown = JSON.parse(await readFile(join(dir, SAMPLE_STAMP_FILE), 'utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const v = value as Record<string, unknown>;
    if (typeof v.generatorVersion !== 'number' || typeof v.studyInstanceUid !== 'string' || !Array.isArray(v.files)) return null;
    return { generatorVersion: v.generatorVersion, studyInstanceUid: v.studyInstanceUid, files: v.files.filter((f): f is string => typeof f === 'string') };
  } catch {
    return null;
  }
}

async function allPresent(dir: string, files: readonly string[]): Promise<boolean> {
  for (const f of files) {
    try {
      if (!(await stat(join(dir, f))).isFile()) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** Ensures `dir` holds the current sample study (`which`: the baseline unless told); returns its files. Concurrent calls in one process share the work. */
export function ensureSampleStudy(dir: string, which: SampleName = 'sample'): Promise<SampleStudyLocation> {
  const running = inFlight.get(dir);
  if (running !== undefined) return running;
  const job = ensure(dir, SOURCES[which]).finally(() => inFlight.delete(dir));
  inFlight.set(dir, job);
  return job;
}

const inFlight = new Map<string, Promise<SampleStudyLocation>>();

async function ensure(dir: string, source: SampleSource): Promise<SampleStudyLocation> {
  const expected = source.paths();
  const absolute = expected.map((f) => join(dir, ...f.split('/')));
  const stamp = await readStamp(dir);
  const current = stamp !== null && stamp.generatorVersion === source.generatorVersion && stamp.studyInstanceUid === source.studyInstanceUid
    && stamp.files.length === expected.length && stamp.files.every((f, i) => f === expected[i]);
  if (current && (await allPresent(dir, expected))) return { dir, files: absolute, generated: false };

  // The stamp goes last: an interrupted run leaves no stamp and is redone next time.
  await ensureAppDir(dir);
  await rm(join(dir, SAMPLE_STAMP_FILE), { force: true });
  for (const file of source.files()) {
    const target = join(dir, ...file.path.split('/'));
    await makePrivateDir(dirname(target));
    const temp = `${target}.tmp-${process.pid}`;
    await writePrivateFile(temp, file.bytes);
    await rename(temp, target);
  }
  const newStamp: Stamp = { generatorVersion: source.generatorVersion, studyInstanceUid: source.studyInstanceUid, files: expected };
  await writePrivateFile(join(dir, SAMPLE_STAMP_FILE), `${JSON.stringify(newStamp, null, 2)}\n`);
  return { dir, files: absolute, generated: true };
}
