// Tissue at a point of the phantom: spine (bodies, discs, posterior elements, canal, cord/cauda, lesion)
// in each segment's own frame, and a simple trunk around it in patient coordinates.
import type { Ellipsoid, Level, PhantomModel, Segment } from './phantom';
import { lesionShape, pedicleGeometry } from './phantom';
import { Tissue } from './tissue';
import { createRibLookup, ribPoints } from './ribs';

const sq = (v: number): number => v * v;
const mix = (u: number, v: number, t: number): number => u + t * (v - u);
const bone = (inner: boolean): number => (inner ? Tissue.Cancellous : Tissue.Cortex);
/** A squarer-than-ellipse profile (abdomen outline): u^2 blended with u^4, equal to 1 at |u| = 1. */
const boxy = (u: number): number => { const u2 = u * u; return u2 * (0.45 + 0.55 * u2); };

interface Local { x: number; a: number; s: number }

/** Left and right (kidneys), allocated once. */
const SIDES = [1, -1] as const;

function toLocal(seg: Segment, x: number, y: number, z: number): Local {
  const dy = y - seg.oy;
  const dz = z - seg.oz;
  return { x, a: dy * seg.cos + dz * seg.sin, s: -dy * seg.sin + dz * seg.cos };
}

/** Spine centre line (body-centre y) at height z, for placing soft tissues along the curve. */
function spineYAt(model: PhantomModel, z: number): { y: number; level: number } {
  const ls = model.geometry.levels;
  let best = 0;
  for (let i = 0; i < ls.length; i++) if (Math.abs((ls[i]?.centre[2] ?? 0) - z) < Math.abs((ls[best]?.centre[2] ?? 0) - z)) best = i;
  const c = ls[best]?.centre ?? [0, 0, 0];
  const other = ls[(ls[best]?.centre[2] ?? 0) > z ? best - 1 : best + 1]?.centre;
  if (other === undefined || other[2] === c[2]) return { y: c[1], level: best };
  const t = Math.min(1, Math.max(0, (z - c[2]) / (other[2] - c[2])));
  return { y: c[1] + t * (other[1] - c[1]), level: best };
}

export interface Anatomy {
  tissueAt(x: number, y: number, z: number): number;
  /** True where spine structures may be (elsewhere tissue varies slowly: one sample per voxel is enough). */
  nearSpine(x: number, y: number, z: number): boolean;
}

export function createAnatomy(model: PhantomModel): Anatomy {
  const segs = model.segments;
  const levelIndexOfBody = new Map<number, number>();
  segs.forEach((s, i) => { if (s.kind === 'body') levelIndexOfBody.set(s.level, i); });
  const pedicles = model.levels.map(pedicleGeometry);
  const lesionLevel = model.levels[model.lesionLevel] as Level;
  const lesion = lesionShape(lesionLevel);
  const zOf = (name: string): number => model.geometry.levels.find((l) => l.name === name)?.centre[2] ?? 0;
  const zL1 = zOf('L1');
  const zL4 = zOf('L4');
  const zT12 = zOf('T12');
  // Looked up once: trunk() runs for every voxel of the sample study.
  const zT10 = zOf('T10');

  function findSegment(y: number, z: number): number {
    for (let i = 0; i < segs.length; i++) {
      const seg = segs[i] as Segment;
      const dy = y - seg.oy;
      const dz = z - seg.oz;
      const a = dy * seg.cos + dz * seg.sin;
      const s = -dy * seg.sin + dz * seg.cos;
      if (s >= 0 && s < seg.h0 + seg.slope * a) return i;
    }
    return -1;
  }

  /** Vertebral body (with cortical shell) of a level, or null. */
  function body(level: Level, p: Local): number | null {
    const { rx, ra } = level.spec;
    const top = level.segment.h0 + level.segment.slope * p.a;
    if (p.s < 0 || p.s > top) return null;
    // slight waist at mid-height, flattened/concave posterior border
    const waist = 1 - 0.06 * Math.sin((Math.PI * Math.min(Math.max(p.s / top, 0), 1)));
    const ex = sq(p.x / (rx * waist)) + sq(p.a / ra);
    const wall = level.posteriorWall + 2.5 * sq(p.x / rx);
    if (ex > 1 || p.a > wall) return null;
    const shell = 1.6;
    const inner = sq(p.x / (rx * waist - shell)) + sq(p.a / (ra - shell)) <= 1 && p.a < wall - shell && p.s > shell && p.s < top - shell;
    return inner ? Tissue.Cancellous : Tissue.Cortex;
  }

  function disc(seg: Segment, p: Local): number | null {
    const below = model.levels[seg.level - 1] as Level;
    const above = model.levels[seg.level] as Level;
    const t = Math.min(Math.max(p.s / Math.max(seg.h0, 1), 0), 1);
    const rx = below.spec.rx + t * (above.spec.rx - below.spec.rx) + 1;
    const ra = below.spec.ra + t * (above.spec.ra - below.spec.ra) + 1;
    const wall = below.posteriorWall + t * (above.posteriorWall - below.posteriorWall) + 0.8 + 2.5 * sq(p.x / rx);
    const e = sq(p.x / rx) + sq(p.a / ra);
    if (e > 1 || p.a > wall) return null;
    const nucleus = sq(p.x / (rx * 0.55)) + sq((p.a + 0.5) / (ra * 0.55));
    return nucleus < 1 ? Tissue.DiscNucleus : Tissue.DiscAnnulus;
  }

  /** Posterior elements of one level: pedicles, laminae, articular pillars, transverse and spinous processes. */
  function posterior(levelIndex: number, p: Local): number | null {
    const level = model.levels[levelIndex] as Level;
    const h = level.segment.h0;
    const ac = level.canalCentre;
    const { canalRx: crx, canalRa: cra } = level.spec;
    const ax = Math.abs(p.x);
    // bone of this level: cortex or cancellous, except the lytic (left) pedicle of the lesion level
    const lyticPedicle = levelIndex === model.lesionLevel && isLyticPedicle(p, crx);
    // pedicle
    const ped = pedicles[levelIndex];
    if (ped !== undefined && p.a >= ped.a0 && p.a <= ped.a1) {
      const e = sq((ax - ped.x) / ped.rx) + sq((p.s - ped.s) / ped.rs);
      if (e <= 1) return lyticPedicle ? Tissue.LyticLesion : bone(e < 0.45);
    }
    // laminae: a shell behind the canal, sloping down posteriorly
    const da = p.a - ac;
    if (da >= -1) {
      const outer = sq(p.x / (crx + 5)) + sq(da / (cra + 5.5));
      const inside = sq(p.x / crx) + sq(da / cra);
      const sTop = 0.92 * h - 0.35 * Math.max(da, 0);
      const sBottom = -0.18 * h - 0.35 * Math.max(da, 0);
      if (outer <= 1 && inside > 1 && p.s <= sTop && p.s >= sBottom) return lyticPedicle ? Tissue.LyticLesion : bone(outer < 0.75 && inside > 1.5);
    }
    // articular pillars: superior process laterally reaching up, inferior process medially reaching down
    if (ax > crx - 3 && ax < crx + 10 && da > -5 && da < cra + 6) {
      const sup = sq((ax - crx - 4) / 4) + sq((da - 1.5) / 5);
      if (sup <= 1 && p.s > 0.45 * h && p.s < h + 6) return lyticPedicle ? Tissue.LyticLesion : bone(sup < 0.4);
      const inf = sq((ax - crx - 1) / 3.5) + sq((da - 7) / 4.5);
      if (inf <= 1 && p.s > -7 && p.s < 0.45 * h) return lyticPedicle ? Tissue.LyticLesion : bone(inf < 0.4);
    }
    // transverse processes
    const tp = level.spec.transverseLength;
    if (tp > 0 && ax > crx && ax < crx + 6 + tp) {
      const tipRound = Math.max(0, ax - (crx + 6 + tp - 4)) / 4;
      const e = sq((da + 1 - 0.08 * (ax - crx)) / 4) + sq((p.s - 0.64 * h) / 4.5) + sq(tipRound);
      if (e <= 1) return lyticPedicle ? Tissue.LyticLesion : bone(e < 0.35);
    }
    // spinous process
    const back = da - cra;
    if (back > 0 && back < level.spec.spinousLength && ax < 3.5) {
      const centre = 0.5 * h - level.spec.spinousSlope * back;
      const half = 0.3 * h * (1 - 0.35 * back / level.spec.spinousLength);
      const e = sq(p.x / 3.5) + sq((p.s - centre) / half);
      if (e <= 1) return lyticPedicle ? Tissue.LyticLesion : bone(e < 0.35);
    }
    return null;
  }

  function isLyticPedicle(q: Local, crx: number): boolean {
    const ped = pedicles[model.lesionLevel];
    return ped !== undefined && q.x > crx - 1 && q.a < ped.a1 + 1 && q.x < crx + 2 * ped.rx + 1;
  }

  /** Canal contents in a segment frame: epidural fat, thecal sac (CSF), cord/conus or cauda roots. */
  function canal(seg: Segment, p: Local, levelIndex: number): number | null {
    const level = model.levels[levelIndex] as Level;
    const below = model.levels[Math.max(levelIndex - 1, 0)] as Level;
    const isDisc = seg.kind === 'disc';
    const t = isDisc ? Math.min(Math.max(p.s / Math.max(seg.h0, 1), 0), 1) : 1;
    const ac = isDisc ? mix(below.canalCentre, level.canalCentre, t) : level.canalCentre;
    const crx = isDisc ? mix(below.spec.canalRx, level.spec.canalRx, t) : level.spec.canalRx;
    const cra = isDisc ? mix(below.spec.canalRa, level.spec.canalRa, t) : level.spec.canalRa;
    const da = p.a - ac;
    if (sq(p.x / crx) + sq(da / cra) > 1) return null;
    const sacX = crx - 2.2;
    const sacA = cra - 1.8;
    if (sq(p.x / sacX) + sq((da + 0.3) / sacA) > 1) return Tissue.EpiduralFat;
    const along = seg.t0 + p.s;
    const toTip = along - model.conusTipT;
    const taper = toTip > 18 ? 1 : toTip > 0 ? Math.sqrt(toTip / 18) : 0;
    if (taper > 0 && sq(p.x / (4.6 * taper + 0.4)) + sq((da + 0.6) / (3.6 * taper + 0.4)) <= 1) return Tissue.Cord;
    if (toTip < 6) {
      // cauda equina: roots layered posteriorly in the sac
      for (let k = 0; k < ROOTS.length; k += 2) if (sq(p.x - (ROOTS[k] as number) * sacX) + sq(da - (ROOTS[k + 1] as number) * sacA) < 0.8) return Tissue.NerveRoot;
    }
    return Tissue.Csf;
  }

  function lesionAt(p: Local): number | null {
    const e = lesion.epidural;
    if (sq((p.x - e.x) / e.rx) + sq((p.a - e.a) / e.ra) + sq((p.s - e.s) / e.rs) <= 1) return Tissue.EpiduralTumour;
    return null;
  }

  const inEllipsoid = (b: Ellipsoid, p: Local): boolean => sq((p.x - b.x) / b.rx) + sq((p.a - b.a) / b.ra) + sq((p.s - b.s) / b.rs) <= 1;
  const inLyticBody = (p: Local): boolean => inEllipsoid(lesion.body, p);
  /** Other lytic body lesions by level index (the follow-up's new one); empty in the baseline. */
  const otherLytic = new Map<number, Ellipsoid[]>();
  for (const o of model.otherLyticBodies) otherLytic.set(o.level, [...(otherLytic.get(o.level) ?? []), o.shape]);
  const inOtherLytic = (levelIndex: number, p: Local): boolean => otherLytic.get(levelIndex)?.some((e) => inEllipsoid(e, p)) ?? false;

  function spine(x: number, y: number, z: number): number | null {
    const si = findSegment(y, z);
    if (si < 0) return null;
    const seg = segs[si] as Segment;
    const p = toLocal(seg, x, y, z);
    if (p.a < -40 || p.a > 80 || Math.abs(x) > 60) return null;
    const levelIndex = seg.level;
    if (seg.kind === 'body') {
      const level = model.levels[levelIndex] as Level;
      const b = body(level, p);
      if (b !== null) return (levelIndex === model.lesionLevel && inLyticBody(p)) || inOtherLytic(levelIndex, p) ? Tissue.LyticLesion : b;
    } else {
      const d = disc(seg, p);
      if (d !== null) return d;
    }
    // posterior elements of this level and its neighbours (processes overlap the disc levels)
    for (let k = 0; k < 3; k++) {
      const li = k === 0 ? levelIndex : k === 1 ? levelIndex - 1 : levelIndex + 1;
      const bi = levelIndexOfBody.get(li);
      if (bi === undefined) continue;
      const q = li === levelIndex && seg.kind === 'body' ? p : toLocal(segs[bi] as Segment, x, y, z);
      const r = posterior(li, q);
      if (r !== null) return r;
    }
    if (levelIndex === model.lesionLevel || (seg.kind === 'disc' && levelIndex === model.lesionLevel + 1)) {
      const q = levelIndex === model.lesionLevel && seg.kind === 'body' ? p : toLocal(lesionLevel.segment, x, y, z);
      const r = lesionAt(q);
      if (r !== null) return r;
    }
    return canal(seg, p, levelIndex);
  }

  // body outline: a rounded-rectangle abdomen centred a little anterior to the spine
  const cy = -8;
  const bx = 124;
  const by = 98;
  const rib = createRibLookup(ribPoints(model, { cy, ribX: bx - 22, ribY: by - 18 }));
  const zRibTop = zOf('T10') + 20;
  const zRibBottom = zOf('T12') - 60;

  // spine centre line sampled every 0.5 mm (spineYAt is too slow per voxel)
  const zLo = Math.min(...model.geometry.levels.map((l) => l.centre[2])) - 80;
  const zHi = Math.max(...model.geometry.levels.map((l) => l.centre[2])) + 80;
  const lineY = new Float32Array(Math.ceil((zHi - zLo) * 2) + 1);
  const lineLevel = new Int8Array(lineY.length);
  for (let i = 0; i < lineY.length; i++) {
    const c = spineYAt(model, zLo + i / 2);
    lineY[i] = c.y;
    lineLevel[i] = c.level;
  }
  let cacheZ = Number.NaN;
  let sy = 0;
  let ra = 16;
  let rx = 20;
  /** Per-height constants (the renderers sweep a slice at fixed z, or a column at fixed z). */
  function atHeight(z: number): void {
    if (z === cacheZ) return;
    cacheZ = z;
    const i = Math.min(Math.max(Math.round((z - zLo) * 2), 0), lineY.length - 1);
    sy = lineY[i] ?? 0;
    const level = lineLevel[i] ?? 0;
    ra = model.levels[level + 1]?.spec.ra ?? 16;
    rx = model.levels[level + 1]?.spec.rx ?? 20;
  }

  function trunk(x: number, y: number, z: number): number {
    atHeight(z);
    // skin and subcutaneous fat
    const outer = boxy(x / bx) + boxy((y - cy) / by);
    if (outer > 1) return Tissue.Air;
    const innerX = bx - 16;
    const innerY = by - 14;
    const inner = boxy(x / innerX) + boxy((y - cy) / innerY);
    if (outer > 0.965 && inner > 1) return Tissue.Skin;
    if (z < zRibTop && z > zRibBottom) {
      const r = rib(x, y, z);
      if (r !== null) return r === 'cortex' ? Tissue.Cortex : Tissue.Cancellous;
    }
    if (inner > 1) return Tissue.Fat;
    // paraspinal (erector spinae) muscles behind the laminae
    if (sq((Math.abs(x) - 22) / 25) + sq((y - sy - 58) / 27) <= 1) return Tissue.Muscle;
    // psoas: from T12 down, growing caudally
    const psoasGrow = Math.min(Math.max((zT12 - z) / (zT12 - zL4), 0), 1.15);
    if (psoasGrow > 0 && sq((Math.abs(x) - rx - 4 - 10 * psoasGrow) / (4 + 14 * psoasGrow)) + sq((y - sy + 2) / (4 + 12 * psoasGrow)) <= 1) return Tissue.Muscle;
    // quadratus lumborum / posterior abdominal wall muscles
    if (z < zT12 && sq((Math.abs(x) - 62) / 16) + sq((y - sy - 30) / 11) <= 1) return Tissue.Muscle;
    // aorta (left) and IVC (right) in front of the spine; iliac vessels below the L4 bifurcation
    const vy = sy - ra - 14;
    if (z > zL4) {
      if (sq(x - 12) + sq(y - vy) <= 121) return Tissue.Blood;
      if (sq((x + 20) / 13) + sq((y - vy - 2) / 9) <= 1) return Tissue.Blood;
    } else {
      const spread = 12 + 0.45 * (zL4 - z);
      if (sq(Math.abs(x) - spread) + sq(y - vy + 2) <= 49) return Tissue.Blood;
      if (sq(Math.abs(x) - spread + 9) + sq(y - vy - 6) <= 42) return Tissue.Blood;
    }
    // kidneys (left a little higher), liver on the right at the top
    for (const side of SIDES) {
      const kz = zL1 + (side > 0 ? 5 : -15);
      if (sq((x - side * 68) / 26) + sq((y - sy - 8) / 22) + sq((z - kz) / 52) <= 1) return Tissue.Kidney;
    }
    if (sq((x + 55) / 75) + sq((y - sy + 45) / 55) + sq((z - zT10 - 40) / 75) <= 1) return Tissue.Liver;
    // lung bases posteriorly at the top
    if (sq((Math.abs(x) - 62) / 40) + sq((y - sy - 20) / 35) + sq((z - zT10 - 55) / 55) <= 1) return Tissue.Lung;
    // bowel: a smooth deterministic pattern of loops in the anterior abdomen, with some gas
    if (y < sy - ra - 28) {
      const f = Math.sin(x / 13 + 0.7 * Math.sin(z / 23)) * Math.sin(y / 11 + 0.5) * Math.cos(z / 17 + x / 41);
      if (f > 0.62) return Tissue.BowelGas;
      if (f > 0.05) return Tissue.Bowel;
    }
    return Tissue.Fat;
  }

  return {
    tissueAt(x: number, y: number, z: number): number {
      if (Math.abs(x) < 62) {
        atHeight(z);
        if (y > sy - 42 && y < sy + 92) {
          const t = spine(x, y, z);
          if (t !== null) return t;
        }
      }
      return trunk(x, y, z);
    },
    nearSpine(x: number, y: number, z: number): boolean {
      if (Math.abs(x) >= 62) return false;
      atHeight(z);
      return y > sy - 44 && y < sy + 94;
    },
  };
}

/** Cauda equina root positions in units of the sac half axes (x, a): layered dorsally, as when supine. */
const ROOTS: readonly number[] = [-0.55, 0.35, -0.3, 0.55, 0, 0.62, 0.3, 0.55, 0.55, 0.35, -0.2, 0.2, 0.2, 0.2, -0.65, 0, 0.65, 0];
