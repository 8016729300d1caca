// The sample studies as files: an axial CT series and a sagittal MR series (one study, one frame of reference
// each). The baseline is the phantom as built; the follow-up (follow-up.ts) is another scan of the same patient.
import type { Anatomy } from './anatomy';
import { createAnatomy } from './anatomy';
import type { AxialGrid } from './ct-series';
import { ctGrid, ctSliceFile } from './ct-series';
import type { SampleIdentity } from './identity';
import { SAMPLE_IDENTITY } from './identity';
import type { SagittalGrid } from './mr-series';
import { mrGrid, mrSliceFile } from './mr-series';
import type { PhantomModel } from './phantom';
import { PHANTOM } from './phantom';

export interface SampleFile {
  /** Relative POSIX path inside the sample folder. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** One acquisition of a phantom: where its grids lie, what its files say, and the anatomy it images. */
export interface SampleScan {
  readonly model: PhantomModel;
  readonly ct: AxialGrid;
  readonly mr: SagittalGrid;
  readonly identity: SampleIdentity;
  /** The anatomy in this scan's patient coordinates (built on demand: it precomputes tables). */
  readonly anatomy: () => Anatomy;
}

export const CT_FOLDER = 'CT_AXIAL';
export const MR_FOLDER = 'MR_SAG_T2';

const name = (prefix: string, n: number): string => `${prefix}${String(n).padStart(4, '0')}.dcm`;

const baselineScan = (model: PhantomModel): SampleScan => ({
  model, ct: ctGrid(model), mr: mrGrid(model), identity: SAMPLE_IDENTITY, anatomy: () => createAnatomy(model),
});

/** Relative paths of every file of a scan, in generation order (cheap: no pixels rendered). */
export function scanPaths(scan: SampleScan): string[] {
  return [
    ...scan.ct.z.map((_, i) => `${CT_FOLDER}/${name('CT', i + 1)}`),
    ...scan.mr.x.map((_, i) => `${MR_FOLDER}/${name('MR', i + 1)}`),
  ];
}

/**
 * Generates a scan's files one at a time, so a writer can stream them to disk. `include` (by position in scanPaths
 * order) renders only some of them, so that several processes can share the work.
 */
export function* scanFiles(scan: SampleScan, include: (index: number) => boolean = () => true): Generator<SampleFile> {
  const anatomy = scan.anatomy();
  const { model, ct, mr, identity } = scan;
  for (let i = 0; i < ct.z.length; i++) if (include(i)) yield { path: `${CT_FOLDER}/${name('CT', i + 1)}`, bytes: ctSliceFile(model, ct, i, anatomy, identity) };
  for (let i = 0; i < mr.x.length; i++) if (include(ct.z.length + i)) yield { path: `${MR_FOLDER}/${name('MR', i + 1)}`, bytes: mrSliceFile(model, mr, i, anatomy, identity) };
}

/** Relative paths of every file of the baseline sample, in generation order. */
export function sampleStudyPaths(model: PhantomModel = PHANTOM): string[] {
  return scanPaths(baselineScan(model));
}

/** Generates the baseline sample's files one at a time (`include`: which positions, as for scanFiles). */
export function sampleStudyFiles(model: PhantomModel = PHANTOM, include: (index: number) => boolean = () => true): Generator<SampleFile> {
  return scanFiles(baselineScan(model), include);
}
