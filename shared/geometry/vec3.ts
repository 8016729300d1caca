import { mm, vec3 } from './units';
import type { Mm, Vec3 } from './units';

export const add = (a: Vec3, b: Vec3): Vec3 => vec3(a[0] + b[0], a[1] + b[1], a[2] + b[2]);
export const sub = (a: Vec3, b: Vec3): Vec3 => vec3(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
export const scale = (a: Vec3, k: number): Vec3 => vec3(a[0] * k, a[1] * k, a[2] * k);
export const negate = (a: Vec3): Vec3 => vec3(-a[0], -a[1], -a[2]);
export const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const cross = (a: Vec3, b: Vec3): Vec3 =>
  vec3(a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]);
export const norm = (a: Vec3): number => Math.hypot(a[0], a[1], a[2]);
export const distance = (a: Vec3, b: Vec3): Mm => mm(norm(sub(a, b)));
/** a + (b - a) * t */
export const lerp = (a: Vec3, b: Vec3, t: number): Vec3 =>
  vec3(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t);

/** Unit vector, or null for a zero/non-finite vector (so callers must handle it instead of carrying NaN). */
export function normalize(a: Vec3): Vec3 | null {
  const n = norm(a);
  if (!(n > 0) || !Number.isFinite(n)) return null;
  return scale(a, 1 / n);
}

/** Unsigned angle between two vectors in radians, [0, pi]; atan2 form so (anti)parallel vectors never give NaN. */
export const angleBetween = (a: Vec3, b: Vec3): number => Math.atan2(norm(cross(a, b)), dot(a, b));
