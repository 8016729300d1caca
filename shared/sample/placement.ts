// A rigid placement of the phantom in another acquisition's patient coordinates: q = R p + t. The follow-up
// sample lies on the table shifted and turned, so it shares no frame of reference with the baseline; its
// anatomy is the phantom's, looked up at p = Rᵀ(q − t).
import type { Anatomy } from './anatomy';
import type { Vec3 } from './phantom';

export interface RigidTransform {
  /** Rows of the rotation matrix R (phantom → scanner). */
  readonly rotation: readonly [Vec3, Vec3, Vec3];
  /** Translation t (mm). */
  readonly translation: Vec3;
  /** How R was made, in words a test or a reader can check: rotations in degrees, applied in this order. */
  readonly rotationDeg: { readonly aboutLeftRight: number; readonly aboutAnteriorPosterior: number };
}

const rad = (deg: number): number => (deg * Math.PI) / 180;

/** R = Ry(aboutAnteriorPosterior) · Rx(aboutLeftRight): tilt about the patient's LR axis first, then about AP. */
export function rigidTransform(aboutLeftRight: number, aboutAnteriorPosterior: number, translation: Vec3): RigidTransform {
  const cx = Math.cos(rad(aboutLeftRight));
  const sx = Math.sin(rad(aboutLeftRight));
  const cy = Math.cos(rad(aboutAnteriorPosterior));
  const sy = Math.sin(rad(aboutAnteriorPosterior));
  // Rx = [[1,0,0],[0,cx,-sx],[0,sx,cx]], Ry = [[cy,0,sy],[0,1,0],[-sy,0,cy]]
  return {
    rotation: [
      [cy, sy * sx, sy * cx],
      [0, cx, -sx],
      [-sy, cy * sx, cy * cx],
    ],
    translation,
    rotationDeg: { aboutLeftRight, aboutAnteriorPosterior },
  };
}

/** R v (a direction). */
export function rotate(t: RigidTransform, v: Vec3): Vec3 {
  const [r0, r1, r2] = t.rotation;
  return [
    r0[0] * v[0] + r0[1] * v[1] + r0[2] * v[2],
    r1[0] * v[0] + r1[1] * v[1] + r1[2] * v[2],
    r2[0] * v[0] + r2[1] * v[1] + r2[2] * v[2],
  ];
}

/** R p + t (a point: phantom → scanner). */
export function applyTransform(t: RigidTransform, p: Vec3): Vec3 {
  const r = rotate(t, p);
  return [r[0] + t.translation[0], r[1] + t.translation[1], r[2] + t.translation[2]];
}

/** Rᵀ (q − t) (a point: scanner → phantom). */
export function invertTransform(t: RigidTransform, q: Vec3): Vec3 {
  const [r0, r1, r2] = t.rotation;
  const d0 = q[0] - t.translation[0];
  const d1 = q[1] - t.translation[1];
  const d2 = q[2] - t.translation[2];
  return [r0[0] * d0 + r1[0] * d1 + r2[0] * d2, r0[1] * d0 + r1[1] * d1 + r2[1] * d2, r0[2] * d0 + r1[2] * d1 + r2[2] * d2];
}

/** The anatomy as the placed phantom shows it in scanner coordinates (no allocation per voxel). */
export function placedAnatomy(inner: Anatomy, t: RigidTransform): Anatomy {
  const [[a, b, c], [d, e, f], [g, h, i]] = t.rotation;
  const [tx, ty, tz] = t.translation;
  return {
    tissueAt(x, y, z) {
      const dx = x - tx;
      const dy = y - ty;
      const dz = z - tz;
      return inner.tissueAt(a * dx + d * dy + g * dz, b * dx + e * dy + h * dz, c * dx + f * dy + i * dz);
    },
    nearSpine(x, y, z) {
      const dx = x - tx;
      const dy = y - ty;
      const dz = z - tz;
      return inner.nearSpine(a * dx + d * dy + g * dz, b * dx + e * dy + h * dz, c * dx + f * dy + i * dz);
    },
  };
}
