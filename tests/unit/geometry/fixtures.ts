// Synthetic planes for the geometry tests (not a test file: vitest only collects *.test.ts).
import { mm, vec3 } from '@shared/geometry';
import type { ImagePlane, Vec3 } from '@shared/geometry';
export { seededRandom } from '../../support/seeded-random';

export const COS30 = Math.cos(Math.PI / 6);
export const SIN30 = Math.sin(Math.PI / 6);

export interface PlaneSpec {
  readonly ipp?: readonly [number, number, number];
  readonly row: readonly [number, number, number];
  readonly column: readonly [number, number, number];
  /** PixelSpacing as in DICOM: [row spacing (between rows), column spacing (between columns)]. */
  readonly pixelSpacing?: readonly [number, number];
  readonly rows?: number;
  readonly columns?: number;
}

export function makePlane(spec: PlaneSpec): ImagePlane {
  const [rowSpacing, columnSpacing] = spec.pixelSpacing ?? [1, 1];
  const ipp = spec.ipp ?? [0, 0, 0];
  return {
    imagePositionPatient: vec3(...ipp),
    rowCosine: vec3(...spec.row),
    columnCosine: vec3(...spec.column),
    rowSpacing: mm(rowSpacing),
    columnSpacing: mm(columnSpacing),
    rows: spec.rows ?? 256,
    columns: spec.columns ?? 256,
  };
}

/** Named orientations used across tests (row cosine, column cosine). */
export const ORIENTATIONS = {
  axial: { row: [1, 0, 0], column: [0, 1, 0] },
  sagittal: { row: [0, 1, 0], column: [0, 0, -1] },
  coronal: { row: [1, 0, 0], column: [0, 0, -1] },
  // Axial tilted 30 degrees about the L-R axis (e.g. gantry / disc-parallel angulation).
  oblique30: { row: [1, 0, 0], column: [0, COS30, SIN30] },
  // Double oblique: row cosine also turned 30 degrees in the axial plane towards posterior.
  doubleOblique: { row: [COS30, SIN30, 0], column: [-SIN30 * COS30, COS30 * COS30, SIN30] },
} as const satisfies Record<string, { row: readonly [number, number, number]; column: readonly [number, number, number] }>;

export const expectVecClose = (actual: Vec3, expected: readonly number[], digits = 9): void => {
  expected.forEach((value, i) => {
    const got = actual[i as 0 | 1 | 2];
    if (Math.abs(got - value) > 10 ** -digits) throw new Error(`component ${i}: expected ${value}, got ${got} (${actual.join(', ')})`);
  });
};

