/**
 * Linking two studies by their vertebral levels. A prior CT and today's MR share no frame of reference, but both
 * have labelled levels: the levels are the common coordinate. The map is piecewise along the spine, between the
 * labelled level centres the two studies share (exact at each shared label, interpolated in proportion between
 * two of them), and carries a point's offset from that axis across with the local rotation between the studies.
 * Beyond the first or last shared level it extrapolates, and says so; with no shared level it refuses.
 */
import { fail, ok } from './result';
import type { GeometryResult } from './result';
import { vec3 } from './units';
import type { Vec3 } from './units';
import { add, cross, dot, lerp, norm, normalize, scale, sub } from './vec3';

/** A labelled level of one study: its name and where the reader put it (patient LPS mm, one frame of reference). */
export interface LevelAnchor {
  readonly level: string;
  readonly point: Vec3;
}

/** Where a mapped point lies along the shared levels. */
export interface LinkedPoint {
  readonly point: Vec3;
  /** The shared levels the point lies between (the same level twice at a label, or the last one when extrapolating). */
  readonly between: readonly [string, string];
  /** 0 at `between[0]`, 1 at `between[1]`; below 0 or above 1 when extrapolating. */
  readonly t: number;
  /** null inside the shared range; otherwise which end the point lies beyond. */
  readonly extrapolated: 'cranial' | 'caudal' | null;
}

export interface LevelLink {
  /** The levels both studies have labelled, cranial to caudal. */
  readonly shared: readonly string[];
  /**
   * fitted: the shared levels follow a curve that fixes the rotation between the studies (off-axis points map
   * exactly under a rigid motion); assumed: too few or nearly collinear levels, so the studies' patient axes are
   * taken to agree about the spine's axis (positions along the spine stay exact at the labels).
   */
  readonly rotation: 'fitted' | 'assumed';
  readonly map: (point: Vec3) => LinkedPoint;
}

/** Below this spread (mm, RMS about the best-fit line) the anchors cannot fix the twist about the spine's axis. */
const COLLINEAR_MM = 3;

type Mat = number[][];

/** Eigenvalues and eigenvectors (columns) of a small symmetric matrix, by cyclic Jacobi rotations. */
function symmetricEigen(input: Mat): { values: number[]; vectors: Mat } {
  const n = input.length;
  const a = input.map((row) => [...row]);
  const v: Mat = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (__, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 64; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += (a[p]?.[q] ?? 0) ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]?.[q] ?? 0;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = ((a[q]?.[q] ?? 0) - (a[p]?.[p] ?? 0)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]?.[p] ?? 0;
          const akq = a[k]?.[q] ?? 0;
          (a[k] as number[])[p] = c * akp - s * akq;
          (a[k] as number[])[q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]?.[k] ?? 0;
          const aqk = a[q]?.[k] ?? 0;
          (a[p] as number[])[k] = c * apk - s * aqk;
          (a[q] as number[])[k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k]?.[p] ?? 0;
          const vkq = v[k]?.[q] ?? 0;
          (v[k] as number[])[p] = c * vkp - s * vkq;
          (v[k] as number[])[q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: a.map((row, i) => row[i] ?? 0), vectors: v };
}

/** A rotation as a function on vectors. */
type Rotation = (v: Vec3) => Vec3;

const identity: Rotation = (v) => v;

/** The smallest rotation taking unit vector `from` onto unit vector `to` (Rodrigues). */
function rotationBetween(from: Vec3, to: Vec3): Rotation {
  const axis = cross(from, to);
  const sin = norm(axis);
  const cos = dot(from, to);
  if (sin < 1e-12) {
    if (cos > 0) return identity;
    // Opposite directions: half a turn about any axis perpendicular to `from`.
    const helper = Math.abs(from[0]) < 0.9 ? vec3(1, 0, 0) : vec3(0, 1, 0);
    const k = normalize(cross(from, helper)) ?? vec3(0, 0, 1);
    return (v) => sub(scale(k, 2 * dot(k, v)), v);
  }
  const k = scale(axis, 1 / sin);
  return (v) => add(add(scale(v, cos), scale(cross(k, v), sin)), scale(k, dot(k, v) * (1 - cos)));
}

/** The best rotation taking the centred `from` points onto the centred `to` points (Horn's quaternion method). */
function fittedRotation(from: readonly Vec3[], to: readonly Vec3[]): Rotation | null {
  const n = from.length;
  if (n < 3) return null;
  const centre = (points: readonly Vec3[]): Vec3 => scale(points.reduce((s, p) => add(s, p), vec3(0, 0, 0)), 1 / points.length);
  const ca = centre(from);
  const cb = centre(to);
  const a = from.map((p) => sub(p, ca));
  const b = to.map((p) => sub(p, cb));
  // Spread about the best-fit line: the second eigenvalue of the covariance. Too little and the twist is unknown.
  const cov: Mat = [0, 1, 2].map((i) => [0, 1, 2].map((j) => a.reduce((s, p) => s + (p[i] ?? 0) * (p[j] ?? 0), 0) / n));
  const spread = symmetricEigen(cov).values.sort((x, y) => y - x)[1] ?? 0;
  if (Math.sqrt(Math.max(0, spread)) < COLLINEAR_MM) return null;
  const s: Mat = [0, 1, 2].map((i) => [0, 1, 2].map((j) => a.reduce((sum, p, k) => sum + (p[i] ?? 0) * ((b[k] as Vec3)[j] ?? 0), 0)));
  const at = (i: number, j: number): number => s[i]?.[j] ?? 0;
  const N: Mat = [
    [at(0, 0) + at(1, 1) + at(2, 2), at(1, 2) - at(2, 1), at(2, 0) - at(0, 2), at(0, 1) - at(1, 0)],
    [at(1, 2) - at(2, 1), at(0, 0) - at(1, 1) - at(2, 2), at(0, 1) + at(1, 0), at(2, 0) + at(0, 2)],
    [at(2, 0) - at(0, 2), at(0, 1) + at(1, 0), -at(0, 0) + at(1, 1) - at(2, 2), at(1, 2) + at(2, 1)],
    [at(0, 1) - at(1, 0), at(2, 0) + at(0, 2), at(1, 2) + at(2, 1), -at(0, 0) - at(1, 1) + at(2, 2)],
  ];
  const { values, vectors } = symmetricEigen(N);
  let best = 0;
  values.forEach((value, i) => {
    if (value > (values[best] ?? -Infinity)) best = i;
  });
  const [w, x, y, z] = [0, 1, 2, 3].map((r) => vectors[r]?.[best] ?? 0) as [number, number, number, number];
  const q = vec3(x, y, z);
  // v' = v + 2w (q × v) + 2 q × (q × v), for the unit quaternion (w, q).
  return (v) => {
    const qv = cross(q, v);
    return add(add(v, scale(qv, 2 * w)), scale(cross(q, qv), 2));
  };
}

/**
 * The link from study `from` to study `to` through the levels both have labelled. `order` is the level sequence
 * that ranks labels cranial to caudal (e.g. ALL_LEVELS from shared/spine). A level labelled more than once in a
 * study is refused: the reader must say which is meant.
 */
export function linkByLevels(from: readonly LevelAnchor[], to: readonly LevelAnchor[], order: readonly string[]): GeometryResult<LevelLink> {
  for (const [name, anchors] of [['first', from], ['second', to]] as const) {
    const seen = new Set<string>();
    for (const a of anchors) {
      if (seen.has(a.level)) return fail(`${a.level} is labelled more than once in the ${name} study`);
      seen.add(a.level);
    }
  }
  const target = new Map(to.map((a) => [a.level, a.point]));
  const rank = (level: string): number => order.indexOf(level);
  const pairs = from
    .filter((a) => target.has(a.level) && rank(a.level) >= 0)
    .sort((x, y) => rank(x.level) - rank(y.level))
    .map((a) => ({ level: a.level, a: a.point, b: target.get(a.level) as Vec3 }));
  if (pairs.length === 0) return fail('the two studies share no labelled vertebral level');
  const shared = pairs.map((p) => p.level);

  if (pairs.length === 1) {
    const only = pairs[0] as (typeof pairs)[number];
    // One shared level fixes a translation only: every other point is an extrapolation from it.
    return ok({
      shared,
      map: (point) => {
        const offset = sub(point, only.a);
        const away = norm(offset) > 1e-6;
        return { point: add(only.b, offset), between: [only.level, only.level], t: 0, extrapolated: away ? (offset[2] > 0 ? 'cranial' : 'caudal') : null };
      },
      rotation: 'assumed',
    });
  }

  // The rotation between the studies: fitted to every shared level (it fixes the twist about the spine's axis when
  // the levels follow a curve), else none (both studies are in patient coordinates, so their axes roughly agree).
  // Each segment then bends it by the least rotation that aligns the segment's direction in the two studies, so a
  // spine that curves differently in the second study (posture, another table) is followed segment by segment.
  const fitted = fittedRotation(pairs.map((p) => p.a), pairs.map((p) => p.b));
  const global = fitted ?? identity;
  const rotations: Rotation[] = pairs.slice(1).map((_, i) => {
    const p0 = pairs[i] as (typeof pairs)[number];
    const p1 = pairs[i + 1] as (typeof pairs)[number];
    const ta = normalize(global(sub(p1.a, p0.a)));
    const tb = normalize(sub(p1.b, p0.b));
    if (ta === null || tb === null) return global;
    const bend = rotationBetween(ta, tb);
    return (v) => bend(global(v));
  });

  const map = (point: Vec3): LinkedPoint => {
    let best = { segment: 0, t: 0, distance: Infinity };
    for (let i = 0; i + 1 < pairs.length; i++) {
      const p0 = pairs[i] as (typeof pairs)[number];
      const p1 = pairs[i + 1] as (typeof pairs)[number];
      const axis = sub(p1.a, p0.a);
      const length2 = dot(axis, axis);
      const raw = length2 > 0 ? dot(sub(point, p0.a), axis) / length2 : 0;
      const clamped = Math.min(1, Math.max(0, raw));
      const d = norm(sub(point, lerp(p0.a, p1.a, clamped)));
      if (d < best.distance - 1e-9) best = { segment: i, t: clamped, distance: d };
    }
    // Beyond either end, keep the end segment's own (unclamped) parameter: a straight continuation.
    const last = pairs.length - 2;
    let { segment, t } = best;
    if ((segment === 0 && t === 0) || (segment === last && t === 1)) {
      const p0 = pairs[segment] as (typeof pairs)[number];
      const p1 = pairs[segment + 1] as (typeof pairs)[number];
      const axis = sub(p1.a, p0.a);
      const length2 = dot(axis, axis);
      const raw = length2 > 0 ? dot(sub(point, p0.a), axis) / length2 : 0;
      if (raw < 0 || raw > 1) t = raw;
    }
    segment = Math.max(0, segment);
    const p0 = pairs[segment] as (typeof pairs)[number];
    const p1 = pairs[segment + 1] as (typeof pairs)[number];
    const onAxisA = lerp(p0.a, p1.a, t);
    const onAxisB = lerp(p0.b, p1.b, t);
    const rotate = rotations[segment] ?? identity;
    const mapped = add(onAxisB, rotate(sub(point, onAxisA)));
    const extrapolated = t < -1e-9 ? 'cranial' : t > 1 + 1e-9 ? 'caudal' : null;
    return { point: mapped, between: [p0.level, p1.level], t, extrapolated };
  };
  return ok({ shared, map, rotation: fitted === null ? 'assumed' : 'fitted' });
}
