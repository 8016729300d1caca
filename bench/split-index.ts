// Timing splits of indexing (not part of `npm run bench`): folder scan, file I/O variants, header parse, grouping.
import { open, readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseInstanceHeader } from '@shared/dicom/header';
import type { IndexedObject } from '@shared/dicom/indexed-object';
import { indexSources } from '../src-main/services/study-index/indexer';
import { fileSource } from '../src-main/services/study-index/byte-source';
import { runPool } from '../src-main/services/study-index/pool';
import { median } from './stats';

const dir = process.argv[2] ?? '.';
const names = (await readdir(dir)).filter((n) => n.endsWith('.dcm')).map((n) => join(dir, n));
const time = async (label: string, fn: () => Promise<unknown>): Promise<void> => {
  const runs: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    await fn();
    runs.push(performance.now() - t);
  }
  console.log(`${label.padEnd(56)} ${median(runs).toFixed(1).padStart(7)} ms`);
};
await time('indexSources (whole)', () => indexSources([dir]));
await time('readdir', () => readdir(dir, { withFileTypes: true }));
await time('fileSource size()+readPrefix(16 KiB), 8 at a time', () => runPool(names, 8, async (p) => { const s = fileSource(p); await s.readPrefix(Math.min(16384, await s.size())); }));
await time('stat + open/read 16 KiB/close, 8 at a time', () => runPool(names, 8, async (p) => { await stat(p); const h = await open(p, 'r'); try { await h.read(new Uint8Array(16384), 0, 16384, 0); } finally { await h.close(); } }));
await time('open/fstat/read 16 KiB/close, 8 at a time', () => runPool(names, 8, async (p) => { const h = await open(p, 'r'); try { await h.stat(); await h.read(new Uint8Array(16384), 0, 16384, 0); } finally { await h.close(); } }));
const prefixes: Uint8Array[] = [];
for (const p of names) prefixes.push(new Uint8Array((await readFile(p)).subarray(0, 16384)));
await time('parseInstanceHeader ×1000 (in memory)', () => Promise.resolve(prefixes.map((b) => parseInstanceHeader(b, { isWholeFile: false }))));
const { scanSources } = await import('../src-main/services/study-index/scan-sources');
await time('scanSources (folder walk)', async () => { for await (const e of scanSources([dir])) void e; });
const { buildPatients } = await import('@shared/dicom/grouping');
const index = await indexSources([dir]);
void index;
const { readHeader } = await import('../src-main/services/study-index/read-header');
const objects: IndexedObject[] = [];
await time('readHeader ×1000, 8 at a time', async () => {
  objects.length = 0;
  await runPool(names, 8, async (p) => { const r = await readHeader(fileSource(p)); if (r.kind === 'header') objects.push({ id: p, file: objects.length, label: p, header: r.header }); });
});
await time('buildPatients (grouping into stacks)', () => Promise.resolve(buildPatients(objects)));
