// The follow-up phantom (pure): the baseline is untouched byte for byte, the follow-up's declared geometry is
// the baseline's moved by the known transform where the spine did not change, and the level link between the
// two studies finds the follow-up's positions from the baseline's labels.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { linkByLevels } from '@shared/geometry/level-link';
import type { LevelAnchor } from '@shared/geometry/level-link';
import { vec3 } from '@shared/geometry';
import { ALL_LEVELS } from '@shared/spine/levels';
import {
  FOLLOW_UP_GEOMETRY, FOLLOW_UP_PHANTOM, FOLLOW_UP_SCAN, FOLLOW_UP_TRANSFORM, FOLLOW_UP_UIDS, PHANTOM, PHANTOM_GEOMETRY, SAMPLE_UIDS, Tissue,
  applyTransform, ctGrid, ctSliceFile, invertTransform, mrGrid, mrSliceFile, rotate, sampleStudyPaths,
} from '@shared/sample';
import type { LevelGeometry, PhantomGeometry, Vec3 } from '@shared/sample';

const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');
const dist = (p: Vec3, q: Vec3): number => Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
const lerp = (p: Vec3, q: Vec3, t: number): Vec3 => [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]), p[2] + t * (q[2] - p[2])];
const plus = (p: Vec3, v: Vec3): Vec3 => [p[0] + v[0], p[1] + v[1], p[2] + v[2]];
const levelOf = (g: PhantomGeometry, name: string): LevelGeometry => {
  const l = g.levels.find((x) => x.name === name);
  if (l === undefined) throw new Error(name);
  return l;
};
const anchors = (g: PhantomGeometry): LevelAnchor[] => g.levels.map((l) => ({ level: l.name, point: vec3(...l.centre) }));
const T = FOLLOW_UP_TRANSFORM;
const F = FOLLOW_UP_GEOMETRY;

describe('the baseline sample is unchanged by the follow-up', () => {
  // sha256 of files written by main before the follow-up existed (scripts/make-sample.ts, generator version 3):
  // the app caches the sample by SAMPLE_GENERATOR_VERSION, so the same version must mean the same bytes.
  const cases = [
    { file: 'CT_AXIAL/CT0001.dcm', make: () => ctSliceFile(PHANTOM, ctGrid(PHANTOM), 0), sha: '307a7589b5b252209f9c9d65092ef9986ba3a87f81775200515eb78e75f3dd10' },
    { file: 'CT_AXIAL/CT0069.dcm', make: () => ctSliceFile(PHANTOM, ctGrid(PHANTOM), 68), sha: '7e157187baa96df512cc425baf23dfea1604f051960238bc54db97e5490a2506' },
    { file: 'CT_AXIAL/CT0137.dcm', make: () => ctSliceFile(PHANTOM, ctGrid(PHANTOM), 136), sha: 'f39821453ad524ff1363d933f7946704c75a8c4f63d2195a96b3be90704cd598' },
    { file: 'MR_SAG_T2/MR0001.dcm', make: () => mrSliceFile(PHANTOM, mrGrid(PHANTOM), 0), sha: '9ec8140ae0792743ade0e7eb28c3cfe614a38207ae9135cfd8c8c9294b0ac60f' },
    { file: 'MR_SAG_T2/MR0011.dcm', make: () => mrSliceFile(PHANTOM, mrGrid(PHANTOM), 10), sha: '3ec6dbaf6fac1e74f274018647b7259207d937234faca478cfdde43bfd17e66e' },
  ];
  for (const c of cases) {
    it(`${c.file} has the bytes it always had`, () => {
      expect(sampleStudyPaths()).toContain(c.file);
      expect(sha256(c.make())).toBe(c.sha);
    });
  }

  it('keeps its declared geometry and file list', () => {
    expect(sha256(JSON.stringify(PHANTOM_GEOMETRY))).toBe('464435dbddf632f1999f48dd64e822f08583f1d41b4ad20360b180756051915f');
    expect(sampleStudyPaths().length).toBe(158);
    expect(PHANTOM.otherLyticBodies).toEqual([]);
  });
});

describe('follow-up geometry', () => {
  it('is a study of its own: new study, frame and series UIDs', () => {
    for (const key of ['study', 'frameOfReference', 'ctSeries', 'mrSeries'] as const) {
      expect(FOLLOW_UP_UIDS[key]).toMatch(/^2\.25\.\d+$/);
      expect(FOLLOW_UP_UIDS[key]).not.toBe(SAMPLE_UIDS[key]);
    }
    expect(FOLLOW_UP_UIDS.instance('ct', 1)).not.toBe(SAMPLE_UIDS.instance('ct', 1));
    expect(F.studyDate > '20000101').toBe(true);
  });

  it('is placed by a rigid transform: shifted on every axis and turned a few degrees', () => {
    const R = T.rotation;
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        const d = (R[i] as Vec3)[0] * (R[j] as Vec3)[0] + (R[i] as Vec3)[1] * (R[j] as Vec3)[1] + (R[i] as Vec3)[2] * (R[j] as Vec3)[2];
        expect(d).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    }
    for (const v of T.translation) expect(Math.abs(v)).toBeGreaterThan(3);
    expect(Math.abs(T.rotationDeg.aboutLeftRight)).toBeGreaterThan(1);
    expect(Math.abs(T.rotationDeg.aboutAnteriorPosterior)).toBeGreaterThan(1);
    const p: Vec3 = [12, -30, 45];
    const back = invertTransform(T, applyTransform(T, p));
    expect(dist(back, p)).toBeLessThan(1e-9);
  });

  it('below the collapse (L2–L5) is exactly the baseline moved by the transform; L1 and above have moved with the collapse', () => {
    for (const name of ['L5', 'L4', 'L3', 'L2']) {
      const b = levelOf(PHANTOM_GEOMETRY, name);
      const f = levelOf(F, name);
      expect(dist(f.centre, applyTransform(T, b.centre)), name).toBeLessThan(1e-9);
      expect(dist(f.canalCentre, applyTransform(T, b.canalCentre)), name).toBeLessThan(1e-9);
      expect(dist(f.axis, rotate(T, b.axis)), name).toBeLessThan(1e-12);
      expect(f.heightsMm).toEqual(b.heightsMm);
    }
    // the shorter L1 lowers and tilts everything above it
    for (const name of ['T12', 'T11', 'T10']) expect(dist(levelOf(F, name).centre, applyTransform(T, levelOf(PHANTOM_GEOMETRY, name).centre)), name).toBeGreaterThan(3);
  });

  it('declares the progressed collapse: ~60% anterior loss at L1 (from ~38%), Genant 3, from its heights', () => {
    const l1 = levelOf(F, 'L1');
    const ref = (levelOf(F, 'T12').heightsMm.anterior + levelOf(F, 'L2').heightsMm.anterior) / 2;
    expect(F.lesion.level).toBe('L1');
    expect(F.lesion.referenceAnteriorHeightMm).toBeCloseTo(ref, 9);
    expect(F.lesion.anteriorHeightLossPct).toBeCloseTo(100 * (1 - l1.heightsMm.anterior / ref), 9);
    expect(F.lesion.anteriorHeightLossPct).toBeCloseTo(60, 6);
    expect(PHANTOM_GEOMETRY.lesion.anteriorHeightLossPct).toBeLessThan(40);
    expect(F.lesion.genantGrade).toBe(3);
    // the posterior wall keeps its height: the wedge deepened anteriorly
    expect(l1.heightsMm.posterior).toBe(levelOf(PHANTOM_GEOMETRY, 'L1').heightsMm.posterior);
  });

  it('has its anatomy where it declares it, in its own coordinates: marrow at the body centres, tumour at both lesions', () => {
    const anatomy = FOLLOW_UP_SCAN.anatomy();
    const at = (p: Vec3): number => anatomy.tissueAt(p[0], p[1], p[2]);
    for (const l of F.levels) expect([l.name, at(l.centre)]).toEqual([l.name, l.name === 'L1' ? Tissue.LyticLesion : Tissue.Cancellous]);
    expect(at(F.lesion.centre)).toBe(Tissue.LyticLesion);
    expect(at(F.lesion.pedicleCentre)).toBe(Tissue.LyticLesion);
    expect(at(F.lesion.epidural.centre)).toBe(Tissue.EpiduralTumour);
    expect(F.newLesion.level).toBe('T11');
    expect(at(F.newLesion.centre)).toBe(Tissue.LyticLesion);
    // the new lesion lies inside T11's body, and the baseline's T11 was intact there
    const t11 = levelOf(F, 'T11');
    expect(dist(F.newLesion.centre, t11.centre)).toBeLessThan(t11.halfDepthMm);
    expect(FOLLOW_UP_PHANTOM.otherLyticBodies.length).toBe(1);
    // the body ends at the declared endplates in the follow-up frame too
    for (const l of F.levels) {
      expect([Tissue.Cortex, Tissue.Cancellous, Tissue.LyticLesion]).toContain(at(plus(l.inferiorEndplateCentre, [0.5 * l.axis[0], 0.5 * l.axis[1], 0.5 * l.axis[2]])));
      expect([Tissue.DiscAnnulus, Tissue.DiscNucleus]).toContain(at(plus(l.inferiorEndplateCentre, [-l.axis[0], -l.axis[1], -l.axis[2]])));
    }
  });

  it('is covered by its grids: every level centre and the T11 lesion inside the CT and MR fields', () => {
    const { ct, mr } = FOLLOW_UP_SCAN;
    const zs = ct.z;
    for (const p of [...F.levels.map((l) => l.centre), F.newLesion.centre, F.conusTip]) {
      expect(p[2]).toBeLessThan((zs[0] ?? 0) - 10);
      expect(p[2]).toBeGreaterThan((zs.at(-1) ?? 0) + 10);
      expect(p[0]).toBeGreaterThan(ct.x0 + 60);
      expect(p[0]).toBeLessThan(ct.x0 + ct.columns * ct.pixelSpacing - 60);
      expect(p[1]).toBeGreaterThan(ct.y0 + 60);
      expect(p[1]).toBeLessThan(ct.y0 + ct.rows * ct.pixelSpacing - 60);
      // MR: inside the slab of sagittal slices and the in-plane field
      expect(p[0]).toBeGreaterThan((mr.x[0] ?? 0) + 5);
      expect(p[0]).toBeLessThan((mr.x.at(-1) ?? 0) - 5);
      expect(p[2]).toBeLessThan(mr.z0 - 10);
      expect(p[2]).toBeGreaterThan(mr.z0 - mr.rows * mr.pixelSpacing + 10);
    }
  });
});

describe('level link between the baseline and the follow-up (linkByLevels on the known centres)', () => {
  const link = linkByLevels(anchors(PHANTOM_GEOMETRY), anchors(F), ALL_LEVELS);
  if (!link.ok) throw new Error(link.reason);
  const map = (p: Vec3): Vec3 => link.value.map(vec3(...p)).point as unknown as Vec3;

  it('shares every labelled level and maps each baseline centre onto the follow-up centre (exact at labels)', () => {
    expect(link.value.shared).toEqual(['T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']);
    // the phantom's centres lie within ~3 mm of a line: the function does not claim to know the twist about it
    expect(link.value.rotation).toBe('assumed');
    for (const l of PHANTOM_GEOMETRY.levels) {
      const mapped = link.value.map(vec3(...l.centre));
      expect(dist(mapped.point as unknown as Vec3, levelOf(F, l.name).centre), l.name).toBeLessThan(1e-6);
      expect(mapped.extrapolated).toBeNull();
    }
    // and back: the follow-up's labels onto the baseline's
    const back = linkByLevels(anchors(F), anchors(PHANTOM_GEOMETRY), ALL_LEVELS);
    if (!back.ok) throw new Error(back.reason);
    for (const l of F.levels) expect(dist(back.value.map(vec3(...l.centre)).point as unknown as Vec3, levelOf(PHANTOM_GEOMETRY, l.name).centre), l.name).toBeLessThan(1e-6);
  });

  // Between L2 and L5 the two spines are one rigid body (the collapse is above): the true position of a baseline
  // point there is the transform's. On the axis between two labels the map is exact for any rigid motion; off it,
  // the shared centres lie too close to a line to fix the twist about the spine (rotation 'assumed'), so the map
  // takes the least rotation between the segments: within a millimetre for a few degrees and 30 mm off axis.
  const segments: [string, string][] = [['L5', 'L4'], ['L4', 'L3'], ['L3', 'L2']];
  const offsets: Vec3[] = [[0, 0, 0], [20, 0, 0], [0, 30, 0], [-15, -25, 5]];
  for (const [lo, hi] of segments) {
    it(`maps points between ${lo} and ${hi} within 1 mm of their true follow-up position`, () => {
      const a = levelOf(PHANTOM_GEOMETRY, lo).centre;
      const b = levelOf(PHANTOM_GEOMETRY, hi).centre;
      for (const t of [0.25, 0.5, 0.75]) {
        for (const off of offsets) {
          const p = plus(lerp(a, b, t), off);
          const error = dist(map(p), applyTransform(T, p));
          if (off.every((v) => v === 0)) expect(error).toBeLessThan(1e-6);
          expect(error, `${lo}-${hi} t=${t} offset ${off.join(',')}`).toBeLessThan(1);
        }
      }
    });
  }

  it('maps the baseline L1 lesion towards the follow-up L1 lesion (the same level, the same side)', () => {
    const mapped = map(PHANTOM_GEOMETRY.lesion.centre);
    expect(dist(mapped, F.lesion.centre)).toBeLessThan(10);
    const l1 = levelOf(F, 'L1');
    expect(dist(mapped, l1.centre)).toBeLessThan(l1.halfDepthMm);
  });
});
