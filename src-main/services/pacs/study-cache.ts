// The study cache's byte budget (issue 13): studies retrieved from a PACS are kept one folder per
// StudyInstanceUID, and when the cache grows over its budget the least recently used studies are removed first,
// never a study being read and never a transfer in progress (partial folders are hidden and skipped).
// "Used" is the study folder's modification time, set when a study is retrieved or opened (atime is unreliable on
// noatime/relatime mounts; the folder's mtime changes otherwise only when its files do, i.e. at retrieval).

import { readdir, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { checkUid } from './uid';

/** Marks a cached study as used now (retrieved, or opened from the cache). */
export async function touchStudy(folder: string, now: Date = new Date()): Promise<void> {
  await utimes(folder, now, now);
}

export interface CachedStudy {
  readonly studyInstanceUid: string;
  readonly folder: string;
  readonly bytes: number;
  /** When it was last used (the folder's modification time). */
  readonly lastUsedMs: number;
}

async function folderBytes(folder: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) total += await folderBytes(path);
    else if (entry.isFile()) total += (await stat(path)).size;
  }
  return total;
}

/** The studies in the cache (folders named by a valid UID), least recently used first. */
export async function cachedStudies(cacheDir: string): Promise<CachedStudy[]> {
  let entries;
  try {
    entries = await readdir(cacheDir, { withFileTypes: true });
  } catch {
    return [];
  }
  const studies: CachedStudy[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || !checkUid(entry.name)) continue;
    const folder = join(cacheDir, entry.name);
    studies.push({ studyInstanceUid: entry.name, folder, bytes: await folderBytes(folder), lastUsedMs: (await stat(folder)).mtimeMs });
  }
  return studies.sort((a, b) => a.lastUsedMs - b.lastUsedMs || a.studyInstanceUid.localeCompare(b.studyInstanceUid));
}

/**
 * Removes least recently used studies until the cache holds at most `budgetBytes`; the studies in `keep` (the
 * one being read) stay even if the cache is then still over budget. Returns the UIDs removed.
 */
export async function enforceCacheBudget(cacheDir: string, budgetBytes: number, keep: ReadonlySet<string> = new Set()): Promise<string[]> {
  const studies = await cachedStudies(cacheDir);
  let total = studies.reduce((sum, s) => sum + s.bytes, 0);
  const removed: string[] = [];
  for (const study of studies) {
    if (total <= budgetBytes) break;
    if (keep.has(study.studyInstanceUid)) continue;
    await rm(study.folder, { recursive: true, force: true });
    total -= study.bytes;
    removed.push(study.studyInstanceUid);
  }
  return removed;
}
