// Retrieving a study from a PACS into the app's study cache (issue 13), series by series over WADO-RS, so the
// first series can be shown while the rest arrives, as with a large folder:
// - everything is written into a hidden partial folder (<cache>/.<UID>.partial-…/s001/00001.dcm …) and renamed to
//   <cache>/<UID> only when the whole study is there: a failed or cancelled retrieval leaves nothing in the cache;
// - once the first series is whole (and more follow), its files are hard-linked into a preview folder beside the
//   cache (<cache>-preview/<UID>-…), which the app opens at once. Links, not copies: no second copy of the bytes,
//   and the preview stays readable when the partial folder is renamed into place or removed. A preview may be on
//   screen after its retrieval ends (the reader sees the first series of a cancelled one until opening another
//   study), so previews go only when a later retrieval ends (by then its own study has replaced them) and at start;
// - a study already cached opens without the network (its folder is touched: it was used now);
// - after each retrieval the cache is brought under its byte budget, least recently used first, never the study
//   just retrieved nor the one being read (study-cache.ts).

import { randomBytes } from 'node:crypto';
import { copyFile, link, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { PacsRetrieveProgress } from '@shared/ipc/pacs-schemas';
import { makePrivateDir } from '../private-files';
import { pacsRequest } from '../pacs/http';
import { MultipartReader, multipartBoundary } from '../pacs/multipart';
import type { DicomwebNode } from '../pacs/node-config';
import { PacsError } from '../pacs/pacs-error';
import { searchSeries } from '../pacs/qido';
import type { SeriesSummary } from '../pacs/qido';
import { enforceCacheBudget, touchStudy } from '../pacs/study-cache';
import { DEFAULT_MAX_STUDY_BYTES, isCached, localFileError, studyCacheFolder, writeParts } from '../pacs/wado';

/** Default byte budget of the study cache: 20 GiB. */
export const DEFAULT_CACHE_BUDGET_BYTES = 20 * 1024 ** 3;

export interface RetrievalOptions {
  readonly cacheDir: string;
  /** Where first-series previews go; default: beside the cache, `<cacheDir>-preview`. */
  readonly previewDir?: string;
  readonly budgetBytes?: number;
  readonly emit: (progress: PacsRetrieveProgress) => void;
  /** Tests: awaited before each series after the first (given the series' position), to hold a retrieval mid-way. */
  readonly beforeSeries?: (position: number) => Promise<void>;
}

export type WholeStudyFetch = (cacheDir: string, options: { signal: AbortSignal; onProgress: (p: { objects: number; bytes: number }) => void }) => Promise<{ folder: string; files: readonly string[]; bytes: number }>;

export interface Retrievals {
  /** A cached study's folder, or undefined (then `start` it). */
  cached(studyUid: string): Promise<string | undefined>;
  /** Starts retrieving over DICOMweb, series by series; progress goes out through `emit`. Answers the retrieval's id at once. */
  start(node: DicomwebNode, studyUid: string): string;
  /**
   * Starts a retrieval of the whole study by another means (DIMSE C-GET / C-MOVE), which writes the study into the
   * cache itself (partial folder, then renamed into place); progress, budget and cancel as for `start`.
   */
  startWhole(studyUid: string, fetch: WholeStudyFetch): string;
  cancel(retrievalId: string): void;
  /** Ends every running retrieval (the host is closing). */
  closeAll(): void;
}

const isPartial = (name: string): boolean => name.startsWith('.') && name.includes('.partial-');

/** Series in reading order: by series number, then as the PACS listed them. */
const inOrder = (series: SeriesSummary[]): SeriesSummary[] =>
  series.map((s, i) => ({ s, i })).sort((a, b) => (a.s.seriesNumber ?? Infinity) - (b.s.seriesNumber ?? Infinity) || a.i - b.i).map(({ s }) => s);

async function linkFolder(from: string, to: string): Promise<void> {
  await makePrivateDir(to);
  for (const name of await readdir(from)) {
    // A file system without hard links gets a copy.
    await link(join(from, name), join(to, name)).catch(() => copyFile(join(from, name), join(to, name)));
  }
}

export function pacsRetrievals(options: RetrievalOptions): Retrievals {
  const { cacheDir } = options;
  const previewDir = options.previewDir ?? `${cacheDir}-preview`;
  const budget = options.budgetBytes ?? DEFAULT_CACHE_BUDGET_BYTES;
  const running = new Map<string, AbortController>();
  const previews = new Set<string>();
  /** The study being read (retrieved or opened from the cache last): never evicted. */
  let reading: string | undefined;
  let swept = false;

  /** Leftovers of an earlier run (a crash mid-transfer): hidden partial folders, and every preview. */
  async function sweepOnce(): Promise<void> {
    if (swept) return;
    swept = true;
    const names = await readdir(cacheDir).catch(() => [] as string[]);
    for (const name of names) if (isPartial(name)) await rm(join(cacheDir, name), { recursive: true, force: true });
    await rm(previewDir, { recursive: true, force: true });
  }

  /** A retrieval ended: earlier previews are no longer on screen (its own study or preview replaced them). */
  async function dropPreviewsBut(own: string): Promise<void> {
    for (const folder of [...previews]) {
      if (folder === own) continue;
      previews.delete(folder);
      await rm(folder, { recursive: true, force: true });
    }
  }

  async function run(node: DicomwebNode, studyUid: string, retrievalId: string, signal: AbortSignal): Promise<void> {
    let objects = 0;
    let bytes = 0;
    let seriesDone = 0;
    let seriesTotal = 0;
    const emit = (state: PacsRetrieveProgress['state'], extra: { folder?: string; message?: string } = {}): void =>
      options.emit({ retrievalId, studyUid, state, objects, bytes, seriesDone, seriesTotal, ...extra });
    const final = studyCacheFolder(cacheDir, studyUid);
    const tag = randomBytes(6).toString('hex');
    const partial = join(cacheDir, `.${studyUid}.partial-${tag}`);
    const preview = join(previewDir, `${studyUid}-${tag}`);
    const stopped = new Promise<never>((_resolve, reject) => {
      const onAbort = (): void => reject(new PacsError('cancelled', 'The retrieval was cancelled.'));
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    stopped.catch(() => undefined);
    try {
      await sweepOnce();
      const series = inOrder(await Promise.race([searchSeries(node, studyUid, signal), stopped]));
      if (series.length === 0) throw new PacsError('not-found', 'The PACS lists no series in this study.');
      seriesTotal = series.length;
      emit('running');
      try {
        await makePrivateDir(cacheDir);
        await makePrivateDir(partial);
      } catch (error) {
        throw localFileError(cacheDir, error);
      }
      for (const [position, s] of series.entries()) {
        if (position > 0 && options.beforeSeries) await Promise.race([options.beforeSeries(position), stopped]);
        if (signal.aborted) await stopped;
        const folder = join(partial, `s${String(position + 1).padStart(3, '0')}`);
        const base = { objects, bytes };
        const written = await retrieveSeries(node, studyUid, s.seriesInstanceUid, folder, {
          maxBytes: DEFAULT_MAX_STUDY_BYTES - bytes,
          signal,
          onProgress: (p) => {
            objects = base.objects + p.objects;
            bytes = base.bytes + p.bytes;
            emit('running');
          },
        });
        objects = base.objects + written.files.length;
        bytes = base.bytes + written.bytes;
        seriesDone = position + 1;
        if (position === 0 && series.length > 1 && written.files.length > 0) {
          await makePrivateDir(previewDir)
            .then(() => linkFolder(folder, preview))
            .catch((error: unknown) => {
              throw localFileError(cacheDir, error);
            });
          previews.add(preview);
          emit('first-series', { folder: preview });
        } else emit('running');
      }
      if (objects === 0) throw new PacsError('not-found', 'The PACS sent no files for this study.');
      try {
        // An older copy of the study is replaced only now that the new one is whole.
        await rm(final, { recursive: true, force: true });
        await rename(partial, final);
        await touchStudy(final);
      } catch (error) {
        throw localFileError(cacheDir, error);
      }
      await settle(studyUid);
      emit('done', { folder: final });
    } catch (error) {
      await rm(partial, { recursive: true, force: true });
      const shown = previews.has(preview) ? ' (the first series stays on screen until another study is opened)' : '';
      if (signal.aborted) emit('cancelled', { message: `The retrieval was cancelled; nothing of it was kept in the study cache${shown}.` });
      else emit('failed', { message: error instanceof PacsError ? error.message : 'The retrieval failed: the study could not be written to the study cache.' });
    } finally {
      running.delete(retrievalId);
      await dropPreviewsBut(preview).catch(() => undefined);
    }
  }

  /** The study is whole in the cache: mark it used, keep it and the one read before, bring the cache under budget. */
  async function settle(studyUid: string): Promise<void> {
    // The study on screen until now may still be read beside this one: both are kept.
    const keep = new Set([studyUid, ...(reading === undefined ? [] : [reading])]);
    reading = studyUid;
    await enforceCacheBudget(cacheDir, budget, keep).catch(() => undefined);
  }

  async function runWhole(studyUid: string, fetch: WholeStudyFetch, retrievalId: string, signal: AbortSignal): Promise<void> {
    let objects = 0;
    let bytes = 0;
    const emit = (state: PacsRetrieveProgress['state'], extra: { folder?: string; message?: string } = {}): void =>
      options.emit({ retrievalId, studyUid, state, objects, bytes, seriesDone: 0, seriesTotal: 0, ...extra });
    try {
      await sweepOnce();
      emit('running');
      const got = await fetch(cacheDir, {
        signal,
        onProgress: (p) => {
          objects = p.objects;
          bytes = p.bytes;
          emit('running');
        },
      });
      objects = got.files.length;
      bytes = got.bytes;
      await settle(studyUid);
      emit('done', { folder: got.folder });
    } catch (error) {
      if (signal.aborted) emit('cancelled', { message: 'The retrieval was cancelled; nothing of it was kept in the study cache.' });
      else emit('failed', { message: error instanceof PacsError ? error.message : 'The retrieval failed: the study could not be written to the study cache.' });
    } finally {
      running.delete(retrievalId);
      await dropPreviewsBut('').catch(() => undefined);
    }
  }

  return {
    async cached(studyUid) {
      if (!(await isCached(cacheDir, studyUid))) return undefined;
      const folder = studyCacheFolder(cacheDir, studyUid);
      await touchStudy(folder).catch(() => undefined);
      reading = studyUid;
      return folder;
    },
    start(node, studyUid) {
      const retrievalId = randomBytes(9).toString('base64url');
      const controller = new AbortController();
      running.set(retrievalId, controller);
      void run(node, studyUid, retrievalId, controller.signal);
      return retrievalId;
    },
    startWhole(studyUid, fetch) {
      const retrievalId = randomBytes(9).toString('base64url');
      const controller = new AbortController();
      running.set(retrievalId, controller);
      void runWhole(studyUid, fetch, retrievalId, controller.signal);
      return retrievalId;
    },
    cancel(retrievalId) {
      running.get(retrievalId)?.abort();
    },
    closeAll() {
      for (const controller of running.values()) controller.abort();
    },
  };
}

/** One series over WADO-RS (PS3.18 10.4.1.1.2) into `folder`, bounded like a whole study. */
async function retrieveSeries(
  node: DicomwebNode,
  studyUid: string,
  seriesUid: string,
  folder: string,
  options: { maxBytes: number; signal: AbortSignal; onProgress: (p: { objects: number; bytes: number }) => void },
): Promise<{ files: string[]; bytes: number }> {
  const res = await pacsRequest(node, {
    method: 'GET',
    path: `studies/${studyUid}/series/${seriesUid}`,
    headers: { accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' },
    purpose: 'the study retrieval',
    signal: options.signal,
  });
  const boundary = multipartBoundary(res.contentType);
  if (boundary === undefined) {
    res.abort(new PacsError('bad-answer', 'no multipart'));
    throw new PacsError('bad-answer', 'The PACS answered the study retrieval with something other than DICOM files (multipart/related).');
  }
  try {
    await makePrivateDir(folder);
  } catch (error) {
    res.abort(new PacsError('local-file', 'cache'));
    throw error;
  }
  return writeParts(node, res, new MultipartReader(boundary), folder, options);
}
