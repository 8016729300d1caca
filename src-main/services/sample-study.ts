// Writes a generated sample study (synthetic spine phantom) into a folder, once: regenerated only when
// files are missing or the generator version changed. Used by "Open sample study", the CLI and the tests.
// Two samples: the baseline ('sample') and a follow-up of the same patient ('sample-follow-up'), each in its own folder.
//
// Generating it costs 6–15 s on a shared 2-core machine (every pixel is rendered from the phantom's anatomy), which
// a first start used to spend with the page saying nothing. So the build renders it once into a cache folder
// (out/sample-study, by `npm start` and `npm run build`), and a host copies that folder (about 0.2 s) when it is of
// the current generator version; without it the host generates, reporting progress either way.
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

export interface EnsureSampleOptions {
  /** Which sample: the baseline unless told. */
  readonly which?: SampleName;
  /** A folder holding a current copy of that sample (the build's cache) to copy instead of generating; skipped if stale. */
  readonly prebuilt?: string;
  /** Called as files are written: `done` of `total`, then `done === total` once at the end. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Writes every file into `dir` instead of this process (the build's cache: several processes, each calling
   * writeSampleShare). The stamp is still written here, after it resolves. No progress is reported then.
   */
  readonly render?: (dir: string) => Promise<void>;
}

/** Writes the files at positions `part`, `part + parts`, … of sampleStudyPaths() into `dir` (no stamp). */
export async function writeSampleShare(dir: string, part: number, parts: number): Promise<number> {
  let written = 0;
  for (const file of sampleStudyFiles(undefined, (index) => index % parts === part)) {
    const target = join(dir, ...file.path.split('/'));
    await makePrivateDir(dirname(target));
    const temp = `${target}.tmp-${process.pid}`;
    await writePrivateFile(temp, file.bytes);
    await rename(temp, target);
    written++;
  }
  return written;
}

/** Whether `dir` already holds `source` of its generator version, every file present. */
async function isCurrent(dir: string, source: SampleSource, expected: readonly string[]): Promise<boolean> {
  const stamp = await readStamp(dir);
  const current = stamp !== null && stamp.generatorVersion === source.generatorVersion && stamp.studyInstanceUid === source.studyInstanceUid
    && stamp.files.length === expected.length && stamp.files.every((f, i) => f === expected[i]);
  return current && (await allPresent(dir, expected));
}

/**
 * Ensures `dir` holds the current sample study (`options.which`, the baseline unless told); returns its files.
 * Concurrent calls in one process share the work (the first caller's options apply).
 */
export function ensureSampleStudy(dir: string, options: EnsureSampleOptions = {}): Promise<SampleStudyLocation> {
  const running = inFlight.get(dir);
  if (running !== undefined) return running;
  const job = ensure(dir, SOURCES[options.which ?? 'sample'], options).finally(() => inFlight.delete(dir));
  inFlight.set(dir, job);
  return job;
}

const inFlight = new Map<string, Promise<SampleStudyLocation>>();

async function ensure(dir: string, source: SampleSource, options: EnsureSampleOptions): Promise<SampleStudyLocation> {
  const expected = source.paths();
  const absolute = expected.map((f) => join(dir, ...f.split('/')));
  if (await isCurrent(dir, source, expected)) return { dir, files: absolute, generated: false };
  const report = options.onProgress ?? (() => undefined);
  const copyFrom = options.prebuilt !== undefined && (await isCurrent(options.prebuilt, source, expected)) ? options.prebuilt : undefined;

  // The stamp goes last: an interrupted run leaves no stamp and is redone next time.
  await ensureAppDir(dir);
  await rm(join(dir, SAMPLE_STAMP_FILE), { force: true });
  report(0, expected.length);
  let done = 0;
  const place = async (path: string, write: (temp: string) => Promise<void>): Promise<void> => {
    const target = join(dir, ...path.split('/'));
    await makePrivateDir(dirname(target));
    const temp = `${target}.tmp-${process.pid}`;
    await write(temp);
    await rename(temp, target);
    report(++done, expected.length);
  };
  if (options.render !== undefined && copyFrom === undefined) {
    await options.render(dir);
  } else if (copyFrom !== undefined) {
    // Read and written (not copyFile) so that each copy is created private, like every file the app writes.
    for (const path of expected) await place(path, async (temp) => writePrivateFile(temp, await readFile(join(copyFrom, ...path.split('/')))));
  } else {
    for (const file of source.files()) await place(file.path, (temp) => writePrivateFile(temp, file.bytes));
  }
  const newStamp: Stamp = { generatorVersion: source.generatorVersion, studyInstanceUid: source.studyInstanceUid, files: expected };
  await writePrivateFile(join(dir, SAMPLE_STAMP_FILE), `${JSON.stringify(newStamp, null, 2)}\n`);
  return { dir, files: absolute, generated: true };
}
