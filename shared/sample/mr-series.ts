// Sagittal T2-like MR of the phantom: MR Image Storage, same frame of reference as the CT.
import type { DataElement } from '../dicom/write';
import { element, tag, writePart10 } from '../dicom/write';
import { createAnatomy } from './anatomy';
import type { PhantomModel } from './phantom';
import { gaussian } from './random';
import { MR_T2 } from './tissue';
import { SAMPLE_IDENTITY, commonElements, pixelModule } from './identity';
import type { SampleIdentity } from './identity';
import type { PhantomGeometry } from './phantom';

export const MR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.4';

/** Rows run inferiorly (-z), columns posteriorly (+y): anterior on the left, head at the top. */
export const SAGITTAL_ORIENTATION = [0, 1, 0, 0, 0, -1] as const;

export interface SagittalGrid {
  readonly rows: number;
  readonly columns: number;
  readonly pixelSpacing: number;
  readonly sliceThickness: number;
  /** Patient (y, z) of the first pixel centre. */
  readonly y0: number;
  readonly z0: number;
  /** x of each slice, instance order (patient right to left). */
  readonly x: readonly number[];
}

/** Where a sagittal grid sits: the x of its middle slice and the y of its middle column (mm). */
export interface SagittalPlacement {
  readonly x: number;
  readonly y: number;
}

const BASELINE_SAGITTAL: SagittalPlacement = { x: 0, y: 10 };

export function mrGrid(model: { readonly geometry: PhantomGeometry }, placement: SagittalPlacement = BASELINE_SAGITTAL): SagittalGrid {
  const levels = model.geometry.levels;
  const zTop = levels.find((l) => l.name === 'T10')?.centre[2] ?? 0;
  const zBottom = levels.find((l) => l.name === 'L5')?.centre[2] ?? 0;
  const rows = 256;
  const columns = 256;
  const pixelSpacing = 1.2;
  const count = 21;
  const thickness = 3;
  const zCentre = Math.round((zTop + zBottom) / 2);
  return {
    rows, columns, pixelSpacing, sliceThickness: thickness,
    y0: placement.y - ((columns - 1) * pixelSpacing) / 2,
    z0: zCentre + ((rows - 1) * pixelSpacing) / 2,
    x: Array.from({ length: count }, (_, i) => placement.x + (i - (count - 1) / 2) * thickness),
  };
}

const NOISE_SD = 18;
const X_SAMPLES = [-1, 0, 1];

/** Receive-coil shading: a posterior spine coil makes the back brighter than the front. */
function coilGain(y: number): number {
  return Math.min(1.1, Math.max(0.45, 0.75 + y / 260));
}

export function renderMrSlice(model: PhantomModel, grid: SagittalGrid, sliceIndex: number, anatomy = createAnatomy(model), noiseSeed = SAMPLE_IDENTITY.noiseSeeds.mr): Float32Array {
  const x = grid.x[sliceIndex] ?? 0;
  const out = new Float32Array(grid.rows * grid.columns);
  for (let r = 0; r < grid.rows; r++) {
    const z = grid.z0 - r * grid.pixelSpacing;
    for (let c = 0; c < grid.columns; c++) {
      const y = grid.y0 + c * grid.pixelSpacing;
      let v: number;
      if (anatomy.nearSpine(x, y, z)) {
        v = 0;
        for (const dx of X_SAMPLES) v += MR_T2[anatomy.tissueAt(x + dx, y, z)] ?? 0;
        v /= X_SAMPLES.length;
      } else v = MR_T2[anatomy.tissueAt(x, y, z)] ?? 0;
      const i = r * grid.columns + c;
      const base = noiseSeed + sliceIndex;
      // magnitude of a complex signal with noise on both channels (Rician floor in the background)
      const re = v * coilGain(y) + NOISE_SD * gaussian(base, i);
      const im = NOISE_SD * gaussian(base ^ 0x1234567, i);
      out[i] = Math.hypot(re, im);
    }
  }
  return out;
}

export function mrSliceDataset(grid: SagittalGrid, sliceIndex: number, signal: Float32Array, id: SampleIdentity = SAMPLE_IDENTITY): DataElement[] {
  const instance = sliceIndex + 1;
  const x = grid.x[sliceIndex] ?? 0;
  const stored = new Uint16Array(signal.length);
  for (let i = 0; i < signal.length; i++) stored[i] = Math.min(4095, Math.max(0, Math.round(signal[i] ?? 0)));
  return [
    ...commonElements(id),
    element(tag(0x0008, 0x0008), 'CS', ['ORIGINAL', 'PRIMARY', 'OTHER']),
    element(tag(0x0008, 0x0016), 'UI', MR_IMAGE_STORAGE),
    element(tag(0x0008, 0x0018), 'UI', id.uids.instance('mr', instance)),
    element(tag(0x0008, 0x0021), 'DA', id.date),
    element(tag(0x0008, 0x0023), 'DA', id.date),
    element(tag(0x0008, 0x0031), 'TM', id.time),
    element(tag(0x0008, 0x0033), 'TM', id.time),
    element(tag(0x0008, 0x0060), 'CS', 'MR'),
    element(tag(0x0008, 0x103e), 'LO', 'MR sag T2 (synthetic)'),
    element(tag(0x0018, 0x0015), 'CS', 'TLSPINE'),
    element(tag(0x0018, 0x0020), 'CS', 'SE'),
    element(tag(0x0018, 0x0021), 'CS', 'SK'),
    element(tag(0x0018, 0x0022), 'CS', ''),
    element(tag(0x0018, 0x0023), 'CS', '2D'),
    element(tag(0x0018, 0x0024), 'SH', 'synthetic_t2'),
    element(tag(0x0018, 0x0050), 'DS', grid.sliceThickness),
    element(tag(0x0018, 0x0080), 'DS', 3500),
    element(tag(0x0018, 0x0081), 'DS', 100),
    element(tag(0x0018, 0x0083), 'DS', 1),
    element(tag(0x0018, 0x0084), 'DS', 63.87),
    element(tag(0x0018, 0x0085), 'SH', '1H'),
    element(tag(0x0018, 0x0087), 'DS', 1.5),
    element(tag(0x0018, 0x0088), 'DS', grid.sliceThickness),
    element(tag(0x0018, 0x0091), 'IS', 16),
    element(tag(0x0018, 0x1314), 'DS', 150),
    element(tag(0x0020, 0x000e), 'UI', id.uids.mrSeries),
    element(tag(0x0020, 0x0011), 'IS', 2),
    element(tag(0x0020, 0x0012), 'IS', 1),
    element(tag(0x0020, 0x0013), 'IS', instance),
    element(tag(0x0020, 0x0020), 'CS', ['P', 'F']),
    element(tag(0x0020, 0x0032), 'DS', [x, grid.y0, grid.z0]),
    element(tag(0x0020, 0x0037), 'DS', [...SAGITTAL_ORIENTATION]),
    element(tag(0x0020, 0x1041), 'DS', x),
    ...pixelModule(grid.rows, grid.columns),
    element(tag(0x0028, 0x0030), 'DS', [grid.pixelSpacing, grid.pixelSpacing]),
    element(tag(0x0028, 0x1050), 'DS', 900),
    element(tag(0x0028, 0x1051), 'DS', 1800),
    element(tag(0x7fe0, 0x0010), 'OW', stored),
  ];
}

export function mrSliceFile(model: PhantomModel, grid: SagittalGrid, sliceIndex: number, anatomy = createAnatomy(model), id: SampleIdentity = SAMPLE_IDENTITY): Uint8Array {
  return writePart10(mrSliceDataset(grid, sliceIndex, renderMrSlice(model, grid, sliceIndex, anatomy, id.noiseSeeds.mr), id));
}
