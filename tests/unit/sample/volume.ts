// Test helper: loads a generated series back through dicom-parser and samples it in patient coordinates,
// using only what the files say (IPP, IOP, PixelSpacing, rescale): an end-to-end check of the geometry.
import { readFileSync } from 'node:fs';
import * as dicomParser from 'dicom-parser';
import type { Vec3 } from '@shared/sample';

export interface Slice {
  readonly file: string;
  readonly ds: dicomParser.DataSet;
  readonly ipp: Vec3;
  readonly row: Vec3;
  readonly col: Vec3;
  readonly spacing: readonly [number, number];
  readonly rows: number;
  readonly columns: number;
  /** Rescaled values, row-major. */
  readonly values: Float32Array;
}

const nums = (ds: dicomParser.DataSet, t: string): number[] => (ds.string(t) ?? '').split('\\').map(Number);

export function loadSlice(file: string): Slice {
  const bytes = new Uint8Array(readFileSync(file));
  const ds = dicomParser.parseDicom(bytes);
  const [r0 = 0, r1 = 0, r2 = 0, c0 = 0, c1 = 0, c2 = 0] = nums(ds, 'x00200037');
  const [ix = 0, iy = 0, iz = 0] = nums(ds, 'x00200032');
  const [rowSpacing = 1, colSpacing = 1] = nums(ds, 'x00280030');
  const rows = ds.uint16('x00280010') ?? 0;
  const columns = ds.uint16('x00280011') ?? 0;
  const slope = ds.floatString('x00281053') ?? 1;
  const intercept = ds.floatString('x00281052') ?? 0;
  const px = ds.elements.x7fe00010;
  if (px === undefined) throw new Error(`${file}: no pixel data`);
  const view = new DataView(bytes.buffer, bytes.byteOffset + px.dataOffset, rows * columns * 2);
  const values = new Float32Array(rows * columns);
  for (let i = 0; i < values.length; i++) values[i] = view.getUint16(i * 2, true) * slope + intercept;
  return { file, ds, ipp: [ix, iy, iz], row: [r0, r1, r2], col: [c0, c1, c2], spacing: [rowSpacing, colSpacing], rows, columns, values };
}

const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];

/** Bilinear value of a slice at a patient point projected onto its plane, and the point's distance from the plane. */
export function sampleSlice(s: Slice, p: Vec3): { value: number; distance: number } {
  const d = sub(p, s.ipp);
  const normal: Vec3 = [s.row[1] * s.col[2] - s.row[2] * s.col[1], s.row[2] * s.col[0] - s.row[0] * s.col[2], s.row[0] * s.col[1] - s.row[1] * s.col[0]];
  // row direction cosine runs along a row (increasing column index), spaced by PixelSpacing[1]
  const c = dot(d, s.row) / s.spacing[1];
  const r = dot(d, s.col) / s.spacing[0];
  const c0 = Math.floor(c);
  const r0 = Math.floor(r);
  const fc = c - c0;
  const fr = r - r0;
  const at = (rr: number, cc: number): number => s.values[Math.min(Math.max(rr, 0), s.rows - 1) * s.columns + Math.min(Math.max(cc, 0), s.columns - 1)] ?? 0;
  const value = (1 - fr) * ((1 - fc) * at(r0, c0) + fc * at(r0, c0 + 1)) + fr * ((1 - fc) * at(r0 + 1, c0) + fc * at(r0 + 1, c0 + 1));
  return { value, distance: Math.abs(dot(d, normal)) };
}

/** A stack of parallel slices sampled trilinearly (linear between the two slices around the point). */
export class Volume {
  readonly slices: Slice[];
  private readonly normal: Vec3;
  private readonly positions: number[];

  constructor(files: readonly string[]) {
    const loaded = files.map(loadSlice);
    const first = loaded[0];
    if (first === undefined) throw new Error('no slices');
    this.normal = [first.row[1] * first.col[2] - first.row[2] * first.col[1], first.row[2] * first.col[0] - first.row[0] * first.col[2], first.row[0] * first.col[1] - first.row[1] * first.col[0]];
    this.slices = loaded.sort((a, b) => dot(a.ipp, this.normal) - dot(b.ipp, this.normal));
    this.positions = this.slices.map((s) => dot(s.ipp, this.normal));
  }

  sample(p: Vec3): number {
    const t = dot(p, this.normal);
    const ps = this.positions;
    let i = 0;
    while (i < ps.length - 2 && (ps[i + 1] ?? 0) < t) i++;
    const lo = this.slices[i] as Slice;
    const hi = this.slices[i + 1] as Slice;
    const f = Math.min(Math.max((t - (ps[i] ?? 0)) / ((ps[i + 1] ?? 1) - (ps[i] ?? 0)), 0), 1);
    return (1 - f) * sampleSlice(lo, p).value + f * sampleSlice(hi, p).value;
  }

  nearestSlice(p: Vec3): Slice {
    const t = dot(p, this.normal);
    let best = 0;
    this.positions.forEach((q, i) => { if (Math.abs(q - t) < Math.abs((this.positions[best] ?? 0) - t)) best = i; });
    return this.slices[best] as Slice;
  }
}
