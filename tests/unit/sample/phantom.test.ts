// The phantom model itself (pure): its declared geometry is self-consistent and matches its anatomy.
import { describe, expect, it } from 'vitest';
import { PHANTOM, PHANTOM_GEOMETRY, Tissue, createAnatomy } from '@shared/sample';
import type { LevelGeometry, Vec3 } from '@shared/sample';

const g = PHANTOM_GEOMETRY;
const anatomy = createAnatomy(PHANTOM);
const level = (name: string): LevelGeometry => {
  const l = g.levels.find((x) => x.name === name);
  if (l === undefined) throw new Error(name);
  return l;
};
const add = (p: Vec3, v: Vec3, k: number): Vec3 => [p[0] + k * v[0], p[1] + k * v[1], p[2] + k * v[2]];
const tissue = (p: Vec3): number => anatomy.tissueAt(p[0], p[1], p[2]);

describe('phantom geometry', () => {
  it('labels T10 to L5, ordered head to foot, a disc apart', () => {
    expect(g.levels.map((l) => l.name)).toEqual(['L5', 'L4', 'L3', 'L2', 'L1', 'T12', 'T11', 'T10']);
    for (let i = 1; i < g.levels.length; i++) {
      const below = g.levels[i - 1] as LevelGeometry;
      const above = g.levels[i] as LevelGeometry;
      const gap = above.centre[2] - below.centre[2];
      expect(gap).toBeGreaterThan(24);
      expect(gap).toBeLessThan(40);
    }
  });

  it('puts every declared body centre in cancellous bone, and the lesion centre in tumour', () => {
    for (const l of g.levels) {
      const t = tissue(l.centre);
      expect([l.name, t]).toEqual([l.name, l.name === g.lesion.level ? Tissue.LyticLesion : Tissue.Cancellous]);
    }
    expect(tissue(g.lesion.centre)).toBe(Tissue.LyticLesion);
    expect(tissue(g.lesion.pedicleCentre)).toBe(Tissue.LyticLesion);
    // the right pedicle of the same level is intact bone
    const right: Vec3 = [-g.lesion.pedicleCentre[0], g.lesion.pedicleCentre[1], g.lesion.pedicleCentre[2]];
    expect([Tissue.Cortex, Tissue.Cancellous]).toContain(tissue(right));
  });

  it('has unit, orthogonal frame vectors and endplates one middle height apart', () => {
    for (const l of g.levels) {
      const n = (v: Vec3): number => Math.hypot(...v);
      expect(n(l.axis)).toBeCloseTo(1, 9);
      expect(n(l.posteriorDirection)).toBeCloseTo(1, 9);
      expect(l.axis[0] * l.posteriorDirection[0] + l.axis[1] * l.posteriorDirection[1] + l.axis[2] * l.posteriorDirection[2]).toBeCloseTo(0, 9);
      const between = Math.hypot(...(l.superiorEndplateCentre.map((v, i) => v - (l.inferiorEndplateCentre[i] ?? 0)) as [number, number, number]));
      expect(between).toBeCloseTo(l.heightsMm.middle, 9);
      // the body ends at the endplates: bone just inside, no bone just outside (disc)
      expect([Tissue.Cortex, Tissue.Cancellous, Tissue.LyticLesion]).toContain(tissue(add(l.inferiorEndplateCentre, l.axis, 0.5)));
      expect([Tissue.DiscAnnulus, Tissue.DiscNucleus]).toContain(tissue(add(l.inferiorEndplateCentre, l.axis, -1)));
    }
  });

  it('declares the collapse its heights show: a wedge of ~38% anterior loss (Genant 2)', () => {
    const lesion = level(g.lesion.level);
    const ref = (level('T12').heightsMm.anterior + level('L2').heightsMm.anterior) / 2;
    expect(g.lesion.referenceAnteriorHeightMm).toBeCloseTo(ref, 9);
    expect(g.lesion.anteriorHeightLossPct).toBeCloseTo(100 * (1 - lesion.heightsMm.anterior / ref), 9);
    expect(g.lesion.anteriorHeightLossPct).toBeGreaterThanOrEqual(35);
    expect(g.lesion.anteriorHeightLossPct).toBeLessThanOrEqual(40);
    expect(g.lesion.genantGrade).toBe(2);
    expect(lesion.heightsMm.anterior).toBeLessThan(lesion.heightsMm.middle);
    expect(lesion.heightsMm.middle).toBeLessThan(lesion.heightsMm.posterior);
    for (const l of g.levels.filter((x) => x.name !== g.lesion.level)) expect(l.heightsMm.anterior).toBe(l.heightsMm.posterior);
  });

  it('measures the same heights by walking the anatomy along each axis', () => {
    const bone = (p: Vec3): boolean => ([Tissue.Cortex, Tissue.Cancellous, Tissue.LyticLesion] as number[]).includes(tissue(p));
    for (const l of g.levels) {
      const aMid = (l.anteriorWallA + l.posteriorWallA) / 2;
      for (const a of [l.anteriorWallA + 1.5, aMid, l.posteriorWallA - 1.5]) {
        const frac = (a - l.anteriorWallA) / (l.posteriorWallA - l.anteriorWallA);
        const want = l.heightsMm.anterior + frac * (l.heightsMm.posterior - l.heightsMm.anterior);
        // from mid-height, walk up and down the axis until bone ends
        const mid = add(add(l.inferiorEndplateCentre, l.posteriorDirection, a - aMid), l.axis, want / 2);
        let up = 0;
        while (bone(add(mid, l.axis, up + 0.05))) up += 0.05;
        let down = 0;
        while (bone(add(mid, l.axis, -(down + 0.05)))) down += 0.05;
        expect(up + down, `${l.name} at a=${a}`).toBeCloseTo(want, 0);
      }
    }
  });

  it('has ribs on T10–T12 only, so T12 is the lowest rib-bearing level', () => {
    const ribBoneBetween = (zLo: number, zHi: number): number => {
      let n = 0;
      for (let z = zLo; z <= zHi; z += 2) for (let x = 60; x <= 115; x += 1.5) for (let y = -90; y <= 90; y += 1.5) {
        for (const side of [-1, 1]) if (([Tissue.Cortex, Tissue.Cancellous] as number[]).includes(tissue([side * x, y, z]))) n++;
      }
      return n;
    };
    const t12 = level('T12');
    const l1 = level('L1');
    expect(ribBoneBetween(t12.centre[2] - 10, t12.centre[2] + 10)).toBeGreaterThan(20);
    expect(ribBoneBetween(l1.centre[2] - 60, l1.centre[2] - 25)).toBe(0);
  });

  it('has a cord ending at the conus near L1–L2 and cauda equina below', () => {
    const l1 = level('T12');
    expect(tissue(l1.canalCentre)).toBe(Tissue.Cord);
    expect(tissue(level('L3').canalCentre)).not.toBe(Tissue.Cord);
    expect(g.conusTip[2]).toBeLessThan(level('L1').centre[2]);
    expect(g.conusTip[2]).toBeGreaterThan(level('L2').centre[2]);
  });

  it('has an epidural component that deforms the sac but does not touch the cord (ESCC 1b)', () => {
    expect(tissue(g.lesion.epidural.centre)).toBe(Tissue.EpiduralTumour);
    expect(g.lesion.epidural.escc).toBe('1b');
    const c = g.lesion.epidural.centre;
    let tumourNextToCsf = false;
    let minCordGap = Infinity;
    const tumour: Vec3[] = [];
    const cord: Vec3[] = [];
    for (let dx = -16; dx <= 16; dx += 0.5) for (let dy = -12; dy <= 16; dy += 0.5) for (let dz = -14; dz <= 14; dz += 1) {
      const p: Vec3 = [c[0] + dx, c[1] + dy, c[2] + dz];
      const t = tissue(p);
      if (t === Tissue.EpiduralTumour) {
        tumour.push(p);
        if (tissue([p[0], p[1] + 0.5, p[2]]) === Tissue.Csf || tissue([p[0] - 0.5, p[1], p[2]]) === Tissue.Csf) tumourNextToCsf = true;
      } else if (t === Tissue.Cord) cord.push(p);
    }
    for (const p of tumour) for (const q of cord) minCordGap = Math.min(minCordGap, Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]));
    expect(tumour.length).toBeGreaterThan(50);
    expect(tumourNextToCsf).toBe(true);
    expect(minCordGap).toBeGreaterThan(1);
  });
});
