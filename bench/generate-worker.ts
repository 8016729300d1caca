// Child process of generate.ts: renders every `of`-th slice starting at `part` (rendering is CPU-bound, so one per core).
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PHANTOM, createAnatomy } from '@shared/sample';
import { benchGrid, benchSliceFile, sliceFileName } from './series';

const [dir, slicesArg, sizeArg, partArg, ofArg] = process.argv.slice(2);
if (dir === undefined || ofArg === undefined) throw new Error('usage: generate-worker DIR SLICES SIZE PART OF');
const spec = { slices: Number(slicesArg), size: Number(sizeArg) };
const part = Number(partArg);
const of = Number(ofArg);
const grid = benchGrid(spec);
const anatomy = createAnatomy(PHANTOM);
await mkdir(dir, { recursive: true });
for (let i = part; i < spec.slices; i += of) {
  const path = join(dir, sliceFileName(spec, i));
  // Temp + rename: an interrupted run never leaves a half-written slice that looks complete.
  await writeFile(`${path}.tmp`, benchSliceFile(spec, grid, i, anatomy));
  await rename(`${path}.tmp`, path);
  process.send?.({ done: 1 });
}
