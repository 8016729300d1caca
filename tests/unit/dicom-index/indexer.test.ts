import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstanceBytesReader, FileBytesError } from '../../../src-main/services/study-index/file-bytes';
import { indexSources } from '../../../src-main/services/study-index/indexer';
import type { IndexEvent } from '../../../src-main/services/study-index/indexer';
import { readHeader } from '../../../src-main/services/study-index/read-header';
import type { HeaderRead, ReadHeaderOptions } from '../../../src-main/services/study-index/read-header';
import type { ByteSource } from '../../../src-main/services/study-index/byte-source';
import { LUMBAR_MR, THORACOLUMBAR_CT, allSeries, lumbarFiles, tempDir } from './data';

describe('indexer behaviour', () => {
  const dir = tempDir('indexer');
  const mixed = join(dir.path, 'mixed');
  beforeAll(() => {
    mkdirSync(mixed);
    for (const file of lumbarFiles()) copyFileSync(file, join(mixed, file.slice(LUMBAR_MR.length + 1)));
    const im01 = readFileSync(join(LUMBAR_MR, 'IM01.dcm'));
    // Cut inside the header, a preamble with nonsense after "DICM", and a text file.
    writeFileSync(join(mixed, 'cut.dcm'), im01.subarray(0, 700));
    const garbage = Buffer.alloc(4096, 0xab);
    garbage.write('DICM', 128, 'latin1');
    garbage.writeUInt16LE(0x0002, 132);
    writeFileSync(join(mixed, 'garbage.dcm'), garbage);
    writeFileSync(join(mixed, 'notes.txt'), 'not dicom\n'.repeat(100));
    // A symbolic link back to the parent: the walk must not loop.
    symlinkSync('..', join(mixed, 'loop'));
  });
  afterAll(() => dir.remove());

  it('indexes the good files next to malformed ones, reports each bad one, skips non-DICOM silently, survives a link loop', async () => {
    const index = await indexSources([mixed]);
    expect(allSeries(index)[0]?.stacks.map((s) => s.instances.length)).toEqual([3, 3, 3, 3]);
    expect(index.stats).toMatchObject({ found: 12, failed: 2, skipped: 1 });
    const byFile = new Map(index.problems.map((p) => [p.file, p]));
    expect(byFile.get(join(mixed, 'cut.dcm'))).toMatchObject({ code: 'truncated' });
    expect(byFile.get(join(mixed, 'garbage.dcm'))?.code).toMatch(/malformed|truncated/u);
    expect(byFile.has(join(mixed, 'notes.txt'))).toBe(false);
  });

  it('never reads a whole image file for its header (instrumented reader)', async () => {
    const reads: { label: string; bytes: number; size: number }[] = [];
    const instrumented = async (source: ByteSource, options: ReadHeaderOptions): Promise<HeaderRead> => {
      const size = await source.size();
      let bytes = 0;
      const counting: ByteSource = {
        ...source,
        readPrefix: async (length) => {
          const chunk = await source.readPrefix(length);
          bytes += chunk.length;
          return chunk;
        },
      };
      const result = await readHeader(counting, options);
      reads.push({ label: source.label, bytes, size });
      return result;
    };
    const index = await indexSources([join(THORACOLUMBAR_CT, 'axial'), LUMBAR_MR], { readHeader: instrumented });
    expect(index.stats.found).toBe(124);
    expect(reads).toHaveLength(124);
    for (const r of reads) expect(r.bytes, r.label).toBeLessThan(r.size);
    const totalSize = reads.reduce((sum, r) => sum + r.size, 0);
    expect(index.stats.bytesRead).toBe(reads.reduce((sum, r) => sum + r.bytes, 0));
    expect(index.stats.bytesRead).toBeLessThan(totalSize * 0.7);
  });

  it('grows the read when the header is longer than the first chunk', async () => {
    const file = join(LUMBAR_MR, 'IM01.dcm');
    const { fileSource } = await import('../../../src-main/services/study-index/byte-source');
    const result = await readHeader(fileSource(file), { initialBytes: 256 });
    expect(result.kind).toBe('header');
    // 256 + 512 + 1024 + 2048: stops as soon as the pixel data element is reached.
    expect(result.bytesRead).toBeLessThan(8192);
  });

  it('streams progress and publishes the first series before indexing ends', async () => {
    const events: IndexEvent[] = [];
    const index = await indexSources([THORACOLUMBAR_CT], { onEvent: (e) => events.push(e), progressIntervalMs: 0 });
    const firstReady = events.findIndex((e) => e.type === 'series-ready');
    expect(firstReady).toBeGreaterThan(-1);
    // A growing series is published again (latest wins): the last event of each series has all its files.
    const latest = new Map<string, number>();
    for (const e of events) if (e.type === 'series-ready') latest.set(e.series.uid, e.series.instanceCount);
    expect([...latest.values()].sort((a, b) => a - b)).toEqual([40, 112]);
    // Progress after the first series-ready shows files still being scanned.
    const later = events.slice(firstReady).filter((e) => e.type === 'progress');
    expect(later.some((e) => e.type === 'progress' && e.scanned < index.stats.scanned)).toBe(true);
    const last = events.filter((e) => e.type === 'progress').at(-1);
    expect(last).toMatchObject({ scanned: 153, found: 152, failed: 0 });
  });

  it('publishes a series growing inside one big folder, before the folder is done', async () => {
    const counts: number[] = [];
    const index = await indexSources([join(THORACOLUMBAR_CT, 'axial')], {
      concurrency: 1,
      seriesIntervalMs: 0,
      // A folder on a slow disk: each header read waits a little, as the reads this behaviour is for do. (Cached
      // headers read synchronously can index the whole folder before the publish timer's turn comes.)
      readHeader: async (source: ByteSource, options: ReadHeaderOptions): Promise<HeaderRead> => {
        await new Promise((resolve) => setTimeout(resolve, 2));
        return readHeader(source, options);
      },
      onEvent: (e) => {
        if (e.type === 'series-ready') counts.push(e.series.instanceCount);
      },
    });
    expect(index.stats.found).toBe(112);
    expect(counts[0]).toBeLessThan(112);
    expect(counts.at(-1)).toBe(112);
    expect(counts.every((n, i) => i === 0 || n >= (counts[i - 1] ?? 0))).toBe(true);
  });

  it('stops early when cancelled through an AbortSignal', async () => {
    const controller = new AbortController();
    const index = await indexSources([THORACOLUMBAR_CT], {
      signal: controller.signal,
      concurrency: 2,
      progressIntervalMs: 0,
      onEvent: (e) => {
        if (e.type === 'progress' && e.scanned >= 5) controller.abort();
      },
    });
    expect(index.cancelled).toBe(true);
    expect(index.stats.scanned).toBeLessThan(20);
    expect(index.stats.scanned).toBeGreaterThanOrEqual(5);
  });

  it('serves bytes only for instance ids in the index', async () => {
    const index = await indexSources([LUMBAR_MR]);
    const reader = createInstanceBytesReader(index);
    const instance = allSeries(index)[0]?.stacks[0]?.instances[0];
    const bytes = await reader.read(instance?.id ?? '');
    const ref = index.files[instance?.file ?? -1];
    expect(ref && 'path' in ref && Buffer.from(bytes).equals(readFileSync(ref.path))).toBe(true);
    await expect(reader.read('0123456789abcdef')).rejects.toBeInstanceOf(FileBytesError);
    await expect(reader.read('/etc/passwd')).rejects.toMatchObject({ code: 'not-in-index' });
    reader.close();
  });

  it('gives the same ids when the same files are indexed again', async () => {
    const ids = async (): Promise<string[]> =>
      allSeries(await indexSources([LUMBAR_MR], { concurrency: 3 })).flatMap((s) => s.stacks.flatMap((k) => k.instances.map((i) => i.id)));
    expect(await ids()).toEqual(await ids());
  });
});
