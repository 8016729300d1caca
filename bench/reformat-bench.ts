// Reformat of a 1,000-slice stack (issue 14 item 6; target under 1 s). What the viewer's reformat does, in Node:
// every axial slice read, parsed and decoded (decodeFrame, as the decode workers do), written into one volume
// (reformat-core's allocateVolume/writeSlice, as the reformat worker does), then a sagittal and a coronal slice cut
// (cutSlice, nearest). Single-threaded: the viewer spreads the decoding over its pool (cores − 1 workers: one on
// this 2-core machine), so this is what one worker pays. Median of 3 runs in this process, the first one untimed.
import { readFile } from 'node:fs/promises';
import { decodeFrame } from '@shared/dicom/decode/decode-frame';
import { parseDicomBytes } from '@shared/dicom/decode/parse';
import { planeFromDicom, volumeFromPlanes } from '@shared/geometry';
import type { ImagePlane } from '@shared/geometry';
import { nodeCodecs } from '../src-main/services/codecs-node';
import { indexSources } from '../src-main/services/study-index/indexer';
import { allocateVolume, cutSlice, writeSlice } from '../src-renderer/viewer/reformat/reformat-core';
import { median } from './stats';
import type { Row } from './table';

export interface ReformatResult {
  readonly slices: number;
  readonly totalMs: number;
  readonly decodeFillMs: number;
  readonly cutMs: number;
  readonly cpuMs: number;
}

export async function reformatBench(dir: string): Promise<ReformatResult> {
  const index = await indexSources([dir]);
  const stack = index.patients[0]?.studies[0]?.series[0]?.stacks[0];
  if (stack?.imageOrientationPatient === undefined || stack.pixelSpacing === undefined || stack.rows === undefined || stack.columns === undefined) throw new Error('reformat: no regular stack');
  const planes: ImagePlane[] = stack.instances.map((i) => {
    const plane = planeFromDicom({ imagePositionPatient: i.imagePositionPatient ?? [], imageOrientationPatient: stack.imageOrientationPatient ?? [], pixelSpacing: stack.pixelSpacing ?? [], rows: stack.rows ?? 0, columns: stack.columns ?? 0 });
    if (!plane.ok) throw new Error(plane.reason);
    return plane.value;
  });
  const geometry = volumeFromPlanes(planes);
  if (!geometry.ok) throw new Error(geometry.reason);
  const paths = stack.instances.map((i) => {
    const ref = index.files[i.file];
    if (ref === undefined || !('path' in ref)) throw new Error('reformat: not a file');
    return ref.path;
  });
  const codecs = await nodeCodecs();
  // The voxel type as the viewer's reformat service picks it (voxelTypeOf): the decoded slices' own type.
  const probe = (await decodeFrame(await parseDicomBytes(new Uint8Array(await readFile(paths[0] as string))), 0, codecs)).pixels;
  const voxelType = probe instanceof Int16Array || probe instanceof Int8Array || probe instanceof Uint8Array ? 'int16' : probe instanceof Uint16Array ? 'uint16' : 'float32';
  const runs: ReformatResult[] = [];
  console.log(`reformat: ${paths.length} slices of ${stack.columns}×${stack.rows}, decode + fill + cut, 3 runs (the first untimed)`);
  for (let run = 0; run < 3; run++) {
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const volume = allocateVolume(geometry.value, voxelType);
    for (let k = 0; k < paths.length; k++) {
      const frame = await decodeFrame(await parseDicomBytes(new Uint8Array(await readFile(paths[k] as string))), 0, codecs);
      writeSlice(volume, k, frame.pixels);
    }
    const t1 = performance.now();
    const sagittal = cutSlice(volume, 'sagittal', Math.floor(geometry.value.columns / 2));
    const coronal = cutSlice(volume, 'coronal', Math.floor(geometry.value.rows / 2));
    const t2 = performance.now();
    if (!sagittal.ok || !coronal.ok) throw new Error('reformat: cut failed');
    const used = process.cpuUsage(cpu);
    runs.push({ slices: paths.length, totalMs: t2 - t0, decodeFillMs: t1 - t0, cutMs: (t2 - t1) / 2, cpuMs: (used.user + used.system) / 1000 });
  }
  const timed = runs.slice(1);
  const result: ReformatResult = {
    slices: paths.length,
    totalMs: median(timed.map((r) => r.totalMs)),
    decodeFillMs: median(timed.map((r) => r.decodeFillMs)),
    cutMs: median(timed.map((r) => r.cutMs)),
    cpuMs: median(timed.map((r) => r.cpuMs)),
  };
  console.log(`  total ${result.totalMs.toFixed(0)} ms (CPU ${result.cpuMs.toFixed(0)}): decode + fill ${result.decodeFillMs.toFixed(0)} ms, one cut ${result.cutMs.toFixed(1)} ms`);
  return result;
}

export function reformatRows(r: ReformatResult): Row[] {
  return [
    { measure: `reformat ${r.slices}-slice stack: decode + fill + first cut (one thread)`, ours: r.decodeFillMs + r.cutMs, reference: 1000, unit: 'ms', referenceName: 'target 1 s', targeted: true },
    { measure: `reformat ${r.slices}-slice stack, CPU time (decode + fill + 2 cuts)`, ours: r.cpuMs, reference: 1000, unit: 'ms', referenceName: 'target 1 s', targeted: false },
    { measure: `reformat: one sagittal/coronal cut from the held volume`, ours: r.cutMs, reference: 1000, unit: 'ms', referenceName: 'target 1 s', targeted: true },
  ];
}
