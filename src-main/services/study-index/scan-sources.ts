import type { Dirent } from 'node:fs';
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, posix } from 'node:path';
import { thrownText } from '@shared/dicom/decode/errors';
import { parseDicomdir } from '@shared/dicom/dicomdir';
import type { Problem } from '@shared/dicom/index-model';
import { fileSource, zipEntrySource } from './byte-source';
import type { ByteSource } from './byte-source';
import { CdPathResolver } from './resolve-cd-path';
import { openZip } from './zip';

/** A file to read a header from. `strict`: it was named as DICOM (DICOMDIR, explicit file), so not-DICOM is a problem. */
export interface ScanItem {
  readonly source: ByteSource;
  readonly strict: boolean;
}

/**
 * What scanning yields: batches of files that probably belong together (one folder, one DICOMDIR series, one zip
 * folder), so the indexer can publish a series as soon as its batch is read, and problems found while scanning.
 * The consumer must finish reading a batch before asking for the next (zip archives close when scanning ends).
 */
export type ScanEvent =
  | { readonly kind: 'batch'; readonly items: ScanItem[] }
  | { readonly kind: 'problem'; readonly problem: Problem };

const DICOMDIR_MAX_BYTES = 256 * 1024 * 1024;

const isDicomdirName = (path: string): boolean => basename(path).toUpperCase().replace(/;\d+$/u, '') === 'DICOMDIR';
const isZipName = (path: string): boolean => /\.zip$/iu.test(path);

const scanProblem = (file: string, code: Problem['code'], reason: string): ScanEvent => ({
  kind: 'problem',
  problem: { file, code, reason },
});

/**
 * Recursive folder walk: one batch per folder (files sorted by name), then its subfolders. Symbolic links are
 * followed, but a folder already visited (by real path) is not entered again, so link loops end.
 */
async function* walkFolder(root: string, signal: AbortSignal | undefined): AsyncGenerator<ScanEvent> {
  const visited = new Set<string>();
  const pending: string[] = [root];
  while (pending.length > 0) {
    if (signal?.aborted) return;
    const dir = pending.shift() as string;
    let real: string;
    let entries: Dirent[];
    try {
      real = await realpath(dir);
      if (visited.has(real)) continue;
      visited.add(real);
      entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (thrown) {
      yield scanProblem(dir, 'read-failed', `cannot list folder: ${thrownText(thrown)}`);
      continue;
    }
    const files: ScanItem[] = [];
    const subdirs: string[] = [];
    for (const entry of entries) {
      const path = join(dir, entry.name);
      // The entry's own type spares a stat per file (profiled: a serial stat per file was ~60 ms per 1,000 files);
      // only links (and file systems that report no type) are stat'ed, which follows the link.
      if (entry.isFile()) {
        if (!isDicomdirName(path)) files.push({ source: fileSource(path), strict: false });
        continue;
      }
      if (entry.isDirectory()) {
        subdirs.push(path);
        continue;
      }
      try {
        const info = await stat(path); // follows links
        if (info.isDirectory()) subdirs.push(path);
        // A DICOMDIR inside a folder only repeats what the walk finds itself; zips inside folders are not opened.
        else if (info.isFile() && !isDicomdirName(path)) files.push({ source: fileSource(path), strict: false });
      } catch {
        // Dangling link or vanished file: nothing to index.
      }
    }
    if (files.length > 0) yield { kind: 'batch', items: files };
    pending.unshift(...subdirs);
  }
}

/** A DICOMDIR: each referenced file is resolved case-insensitively; one batch per SERIES record. */
async function* scanDicomdir(path: string): AsyncGenerator<ScanEvent> {
  let entries;
  try {
    const info = await stat(path);
    if (info.size > DICOMDIR_MAX_BYTES) throw new Error(`DICOMDIR larger than ${DICOMDIR_MAX_BYTES} bytes`);
    const bytes = await readFile(path);
    entries = parseDicomdir(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path);
  } catch (thrown) {
    yield scanProblem(path, 'dicomdir-failed', thrownText(thrown));
    return;
  }
  const resolver = new CdPathResolver();
  const base = dirname(path);
  const batches = new Map<string, ScanItem[]>();
  const seen = new Set<string>();
  for (const entry of entries) {
    const resolved = await resolver.resolve(base, entry.components);
    if (resolved === undefined) {
      yield scanProblem(join(base, ...entry.components), 'missing-file', `referenced by ${path} (${entry.recordType} record) but not found`);
      continue;
    }
    if (seen.has(resolved)) continue;
    seen.add(resolved);
    const key = entry.seriesGroup === undefined ? 'none' : String(entry.seriesGroup);
    const list = batches.get(key) ?? [];
    list.push({ source: fileSource(resolved), strict: true });
    batches.set(key, list);
  }
  for (const items of batches.values()) yield { kind: 'batch', items };
}

/**
 * A zip archive, streamed: entries are listed lazily from the central directory and grouped by folder; each
 * entry's bytes are read later through its ByteSource (prefix only for headers). Never extracted.
 */
async function* scanZip(path: string, signal: AbortSignal | undefined): AsyncGenerator<ScanEvent> {
  let archive;
  try {
    archive = await openZip(path);
  } catch (thrown) {
    yield scanProblem(path, 'zip-failed', `cannot open zip: ${thrownText(thrown)}`);
    return;
  }
  try {
    let folder: string | undefined;
    let items: ScanItem[] = [];
    for await (const entry of archive.entries()) {
      if (signal?.aborted) return;
      const entryFolder = posix.dirname(entry.name);
      if (folder !== undefined && entryFolder !== folder && items.length > 0) {
        yield { kind: 'batch', items };
        items = [];
      }
      folder = entryFolder;
      // DICOMDIRs inside the archive repeat what the entries themselves hold.
      if (!isDicomdirName(entry.name)) items.push({ source: zipEntrySource(archive, entry.name, entry.size), strict: false });
    }
    if (items.length > 0) yield { kind: 'batch', items };
  } catch (thrown) {
    yield scanProblem(path, 'zip-failed', `cannot read zip: ${thrownText(thrown)}`);
  } finally {
    archive.close();
  }
}

/**
 * Everything the user opened: folders (recursive), single files, DICOMDIRs, zip archives. Files given one by one
 * form one batch.
 */
export async function* scanSources(paths: ReadonlyArray<string>, signal?: AbortSignal): AsyncGenerator<ScanEvent> {
  const loose: ScanItem[] = [];
  for (const path of paths) {
    if (signal?.aborted) return;
    let info;
    try {
      info = await stat(path);
    } catch (thrown) {
      const missing = typeof thrown === 'object' && thrown !== null && 'code' in thrown && (thrown.code === 'ENOENT' || thrown.code === 'ENOTDIR');
      yield scanProblem(path, missing ? 'not-found' : 'read-failed', `cannot open: ${thrownText(thrown)}`);
      continue;
    }
    if (info.isDirectory()) yield* walkFolder(path, signal);
    else if (isDicomdirName(path)) yield* scanDicomdir(path);
    else if (isZipName(path)) yield* scanZip(path, signal);
    else loose.push({ source: fileSource(path), strict: true });
  }
  if (loose.length > 0) yield { kind: 'batch', items: loose };
}
