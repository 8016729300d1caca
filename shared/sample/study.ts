// The sample study as files: an axial CT series and a sagittal MR series (one study, one frame of reference).
import { createAnatomy } from './anatomy';
import { ctGrid, ctSliceFile } from './ct-series';
import { mrGrid, mrSliceFile } from './mr-series';
import type { PhantomModel } from './phantom';
import { PHANTOM } from './phantom';

export interface SampleFile {
  /** Relative POSIX path inside the sample folder. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

export const CT_FOLDER = 'CT_AXIAL';
export const MR_FOLDER = 'MR_SAG_T2';

const name = (prefix: string, n: number): string => `${prefix}${String(n).padStart(4, '0')}.dcm`;

/** Relative paths of every file, in generation order (cheap: no pixels rendered). */
export function sampleStudyPaths(model: PhantomModel = PHANTOM): string[] {
  return [
    ...ctGrid(model).z.map((_, i) => `${CT_FOLDER}/${name('CT', i + 1)}`),
    ...mrGrid(model).x.map((_, i) => `${MR_FOLDER}/${name('MR', i + 1)}`),
  ];
}

/**
 * Generates the files one at a time, so a writer can stream them to disk. `include` (by position in
 * sampleStudyPaths order) renders only some of them, so that several processes can share the work.
 */
export function* sampleStudyFiles(model: PhantomModel = PHANTOM, include: (index: number) => boolean = () => true): Generator<SampleFile> {
  const anatomy = createAnatomy(model);
  const ct = ctGrid(model);
  for (let i = 0; i < ct.z.length; i++) if (include(i)) yield { path: `${CT_FOLDER}/${name('CT', i + 1)}`, bytes: ctSliceFile(model, ct, i, anatomy) };
  const mr = mrGrid(model);
  for (let i = 0; i < mr.x.length; i++) if (include(ct.z.length + i)) yield { path: `${MR_FOLDER}/${name('MR', i + 1)}`, bytes: mrSliceFile(model, mr, i, anatomy) };
}
