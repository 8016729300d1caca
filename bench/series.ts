// The benchmark series: the sample phantom's axial CT, re-gridded to size×size pixels and N slices, with its own UIDs.
import type { DataElement } from '@shared/dicom/write';
import { element, tag, uidFromSeed, writePart10 } from '@shared/dicom/write';
import { PHANTOM, createAnatomy, ctGrid, ctSliceDataset, renderCtSlice, type Anatomy, type AxialGrid } from '@shared/sample';

/** Bump when the generated native files change (the stamp then no longer matches and everything is rewritten). */
export const BENCH_SERIES_VERSION = 1;

export interface SeriesSpec {
  readonly slices: number;
  readonly size: number;
}

/** Same field of view and z extent as the sample CT (T10–L5), sampled finer: realistic anatomy, so realistic compression. */
export function benchGrid(spec: SeriesSpec): AxialGrid {
  const sample = ctGrid(PHANTOM);
  const fov = sample.columns * sample.pixelSpacing;
  const pixelSpacing = fov / spec.size;
  const zTop = sample.z[0] ?? 0;
  const zBottom = sample.z[sample.z.length - 1] ?? 0;
  // Rounded so positions stay short, exact decimal strings in DS.
  const sliceSpacing = Math.floor(((zTop - zBottom) / Math.max(1, spec.slices - 1)) * 1000) / 1000;
  const round = (v: number): number => Math.round(v * 1e4) / 1e4;
  return {
    rows: spec.size,
    columns: spec.size,
    pixelSpacing: round(pixelSpacing),
    sliceSpacing,
    x0: round(-((spec.size - 1) * pixelSpacing) / 2),
    y0: round(-8 - ((spec.size - 1) * pixelSpacing) / 2),
    z: Array.from({ length: spec.slices }, (_, i) => round(zTop - i * sliceSpacing)),
  };
}

export function sliceFileName(spec: SeriesSpec, index: number): string {
  return `CT${String(index + 1).padStart(Math.max(4, String(spec.slices).length), '0')}.dcm`;
}

const seed = (spec: SeriesSpec, what: string): string => uidFromSeed(`spine-met-annotator/bench/v${BENCH_SERIES_VERSION}/${spec.size}x${spec.slices}/${what}`);

/** One slice as an Explicit VR Little Endian Part 10 file. */
export function benchSliceFile(spec: SeriesSpec, grid: AxialGrid, index: number, anatomy: Anatomy = createAnatomy(PHANTOM)): Uint8Array {
  const own: ReadonlyMap<number, DataElement> = new Map([
    [tag(0x0008, 0x0018), element(tag(0x0008, 0x0018), 'UI', seed(spec, `instance/${index + 1}`))],
    [tag(0x0020, 0x000e), element(tag(0x0020, 0x000e), 'UI', seed(spec, 'series'))],
    [tag(0x0008, 0x103e), element(tag(0x0008, 0x103e), 'LO', `Benchmark CT ${spec.size}x${spec.size}, ${spec.slices} slices (synthetic)`)],
  ]);
  // The sample's data set with our UIDs swapped in: a benchmark series never merges with the sample study's CT.
  const dataset = ctSliceDataset(grid, index, renderCtSlice(PHANTOM, grid, index, anatomy)).map((e) => own.get(e.tag) ?? e);
  return writePart10(dataset);
}
