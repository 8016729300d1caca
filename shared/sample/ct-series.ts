// Axial CT of the phantom: CT Image Storage, 12-bit unsigned with rescale intercept -1024, bone window.
import type { DataElement } from '../dicom/write';
import { element, tag, writePart10 } from '../dicom/write';
import { createAnatomy } from './anatomy';
import type { PhantomModel } from './phantom';
import { gaussian } from './random';
import { CT_HU } from './tissue';
import { SAMPLE_IDENTITY, commonElements, pixelModule } from './identity';
import type { SampleIdentity } from './identity';
import type { PhantomGeometry } from './phantom';

export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

export interface AxialGrid {
  readonly rows: number;
  readonly columns: number;
  readonly pixelSpacing: number;
  readonly sliceSpacing: number;
  /** Patient (x, y) of the first pixel centre. */
  readonly x0: number;
  readonly y0: number;
  /** z of each slice, in instance order (superior first, as scanned head-first). */
  readonly z: readonly number[];
}

/** Where an axial grid sits: its in-plane centre (x, y) and the margins above T10's and below L5's centre (mm). */
export interface AxialPlacement {
  readonly x: number;
  readonly y: number;
  readonly above: number;
  readonly below: number;
}

const BASELINE_AXIAL: AxialPlacement = { x: 0, y: -8, above: 15, below: 35 };

export function ctGrid(model: { readonly geometry: PhantomGeometry }, placement: AxialPlacement = BASELINE_AXIAL): AxialGrid {
  const levels = model.geometry.levels;
  const zTop = (levels.find((l) => l.name === 'T10')?.centre[2] ?? 0) + placement.above;
  const zBottom = (levels.find((l) => l.name === 'L5')?.centre[2] ?? 0) - placement.below;
  const sliceSpacing = 2;
  const count = Math.floor((zTop - zBottom) / sliceSpacing) + 1;
  const rows = 256;
  const columns = 256;
  const pixelSpacing = 1.1;
  // z on a 2 mm grid from a round number keeps the positions short and exact in DS
  const zStart = Math.floor(zTop);
  return {
    rows, columns, pixelSpacing, sliceSpacing,
    x0: placement.x - ((columns - 1) * pixelSpacing) / 2,
    y0: placement.y - ((rows - 1) * pixelSpacing) / 2,
    z: Array.from({ length: count }, (_, i) => zStart - i * sliceSpacing),
  };
}

const HU_NOISE_SD = 10;
/** Sub-samples across the slice thickness near the spine (partial volume of endplates and discs). */
const Z_SAMPLES = [-0.6, 0, 0.6];

/** HU of one slice (row-major), noise included. */
export function renderCtSlice(model: PhantomModel, grid: AxialGrid, sliceIndex: number, anatomy = createAnatomy(model), noiseSeed = SAMPLE_IDENTITY.noiseSeeds.ct): Float32Array {
  const z = grid.z[sliceIndex] ?? 0;
  const out = new Float32Array(grid.rows * grid.columns);
  for (let r = 0; r < grid.rows; r++) {
    const y = grid.y0 + r * grid.pixelSpacing;
    for (let c = 0; c < grid.columns; c++) {
      const x = grid.x0 + c * grid.pixelSpacing;
      let hu: number;
      if (anatomy.nearSpine(x, y, z)) {
        hu = 0;
        for (const dz of Z_SAMPLES) hu += CT_HU[anatomy.tissueAt(x, y, z + dz)] ?? 0;
        hu /= Z_SAMPLES.length;
      } else hu = CT_HU[anatomy.tissueAt(x, y, z)] ?? 0;
      const i = r * grid.columns + c;
      out[i] = hu + HU_NOISE_SD * gaussian(noiseSeed, sliceIndex * grid.rows * grid.columns + i);
    }
  }
  return out;
}

export function ctSliceDataset(grid: AxialGrid, sliceIndex: number, hu: Float32Array, id: SampleIdentity = SAMPLE_IDENTITY): DataElement[] {
  const instance = sliceIndex + 1;
  const z = grid.z[sliceIndex] ?? 0;
  const stored = new Uint16Array(hu.length);
  for (let i = 0; i < hu.length; i++) stored[i] = Math.min(4095, Math.max(0, Math.round((hu[i] ?? 0) + 1024)));
  return [
    ...commonElements(id),
    element(tag(0x0008, 0x0008), 'CS', ['ORIGINAL', 'PRIMARY', 'AXIAL']),
    element(tag(0x0008, 0x0016), 'UI', CT_IMAGE_STORAGE),
    element(tag(0x0008, 0x0018), 'UI', id.uids.instance('ct', instance)),
    element(tag(0x0008, 0x0021), 'DA', id.date),
    element(tag(0x0008, 0x0023), 'DA', id.date),
    element(tag(0x0008, 0x0031), 'TM', id.time),
    element(tag(0x0008, 0x0033), 'TM', id.time),
    element(tag(0x0008, 0x0060), 'CS', 'CT'),
    element(tag(0x0008, 0x103e), 'LO', 'CT thoracolumbar spine, bone (synthetic)'),
    element(tag(0x0018, 0x0015), 'CS', 'TLSPINE'),
    element(tag(0x0018, 0x0050), 'DS', grid.sliceSpacing),
    element(tag(0x0018, 0x0060), 'DS', 120),
    element(tag(0x0018, 0x1210), 'SH', 'BONE'),
    element(tag(0x0020, 0x000e), 'UI', id.uids.ctSeries),
    element(tag(0x0020, 0x0011), 'IS', 1),
    element(tag(0x0020, 0x0012), 'IS', 1),
    element(tag(0x0020, 0x0013), 'IS', instance),
    element(tag(0x0020, 0x0020), 'CS', ['L', 'P']),
    element(tag(0x0020, 0x0032), 'DS', [grid.x0, grid.y0, z]),
    element(tag(0x0020, 0x0037), 'DS', [1, 0, 0, 0, 1, 0]),
    element(tag(0x0020, 0x1041), 'DS', z),
    ...pixelModule(grid.rows, grid.columns),
    element(tag(0x0028, 0x0030), 'DS', [grid.pixelSpacing, grid.pixelSpacing]),
    element(tag(0x0028, 0x1050), 'DS', [500, 40]),
    element(tag(0x0028, 0x1051), 'DS', [2000, 400]),
    element(tag(0x0028, 0x1052), 'DS', -1024),
    element(tag(0x0028, 0x1053), 'DS', 1),
    element(tag(0x0028, 0x1054), 'LO', 'HU'),
    element(tag(0x0028, 0x1055), 'LO', ['BONE', 'SOFT TISSUE']),
    element(tag(0x7fe0, 0x0010), 'OW', stored),
  ];
}

export function ctSliceFile(model: PhantomModel, grid: AxialGrid, sliceIndex: number, anatomy = createAnatomy(model), id: SampleIdentity = SAMPLE_IDENTITY): Uint8Array {
  return writePart10(ctSliceDataset(grid, sliceIndex, renderCtSlice(model, grid, sliceIndex, anatomy, id.noiseSeeds.ct), id));
}
