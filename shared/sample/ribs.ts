// Ribs of the lower thoracic levels (T10–T12, T12's short and floating): tubes along a path from the
// costovertebral joint past the transverse process and round the inner trunk wall, sloping down anteriorly.
// They matter for labelling: the lowest rib-bearing vertebra is how readers find T12.
import type { Level, PhantomModel } from './phantom';
import { toPatient } from './phantom';

export interface TrunkShape { readonly cy: number; readonly ribX: number; readonly ribY: number }

const RIB_RADIUS = 4.2;
const STEP = 1.5;

/** Points along every rib (x, y, z triples), spaced ~1.5 mm. */
export function ribPoints(model: PhantomModel, trunk: TrunkShape): Float32Array {
  const out: number[] = [];
  const sweep: Record<string, number> = { T10: 135, T11: 120, T12: 80 };
  for (const level of model.levels) {
    const extent = sweep[level.spec.name];
    if (extent === undefined) continue;
    for (const side of [-1, 1]) addRib(out, level, side, extent, trunk);
  }
  return Float32Array.from(out);
}

function addRib(out: number[], level: Level, side: number, sweepDeg: number, trunk: TrunkShape): void {
  const seg = level.segment;
  const h = seg.h0;
  const head = toPatient(seg, side * level.spec.rx * 0.75, level.posteriorWall - 3, 0.8 * h);
  const tpTip = toPatient(seg, side * (level.spec.canalRx + 6 + level.spec.transverseLength), level.canalCentre + 4, 0.64 * h);
  const startDeg = 38;
  const wallAt = (deg: number, z: number): [number, number, number] => {
    const t = (deg * Math.PI) / 180;
    return [side * trunk.ribX * Math.sin(t), trunk.cy + trunk.ribY * Math.cos(t), z];
  };
  const angle = wallAt(startDeg, tpTip[2] - 6);
  const line = (p: readonly number[], q: readonly number[]): void => {
    const n = Math.max(1, Math.ceil(Math.hypot((q[0] ?? 0) - (p[0] ?? 0), (q[1] ?? 0) - (p[1] ?? 0), (q[2] ?? 0) - (p[2] ?? 0)) / STEP));
    for (let i = 0; i < n; i++) for (let k = 0; k < 3; k++) out.push((p[k] ?? 0) + ((q[k] ?? 0) - (p[k] ?? 0)) * (i / n));
  };
  line(head, tpTip);
  line(tpTip, angle);
  // round the wall: z falls ~0.3 mm per mm travelled
  let prev = angle;
  for (let deg = startDeg + 1; deg <= startDeg + sweepDeg; deg += 1) {
    const [x, y] = wallAt(deg, 0);
    const z = prev[2] - 0.3 * Math.hypot(x - prev[0], y - prev[1]);
    const next: [number, number, number] = [x, y, z];
    line(prev, next);
    prev = next;
  }
}

/**
 * Rib bone near a point: 'cortex', 'marrow' or null. Caches the points near each 1 mm band of height: a tilted
 * (follow-up) phantom asks at a different z for every voxel. A band's points are a superset of those within a
 * radius of any z in it; the extra ones are farther than a radius, so the answer is the same as with exact z.
 */
export function createRibLookup(points: Float32Array): (x: number, y: number, z: number) => 'cortex' | 'marrow' | null {
  const cache = new Map<number, Float32Array>();
  const near = (z: number): Float32Array => {
    const band = Math.floor(z);
    let hit = cache.get(band);
    if (hit === undefined) {
      const sel: number[] = [];
      for (let i = 0; i < points.length; i += 3) {
        if (Math.abs((points[i + 2] ?? 0) - (band + 0.5)) <= RIB_RADIUS + 0.5) sel.push(points[i] ?? 0, points[i + 1] ?? 0, points[i + 2] ?? 0);
      }
      if (cache.size > 64) cache.clear();
      hit = Float32Array.from(sel);
      cache.set(band, hit);
    }
    return hit;
  };
  return (x, y, z) => {
    const pts = near(z);
    let best = Infinity;
    for (let i = 0; i < pts.length; i += 3) {
      const dx = x - (pts[i] ?? 0);
      if (dx > RIB_RADIUS || dx < -RIB_RADIUS) continue;
      const d = dx * dx + (y - (pts[i + 1] ?? 0)) ** 2 + (z - (pts[i + 2] ?? 0)) ** 2;
      if (d < best) best = d;
    }
    if (best > RIB_RADIUS * RIB_RADIUS) return null;
    return best > (RIB_RADIUS - 1.3) ** 2 ? 'cortex' : 'marrow';
  };
}
