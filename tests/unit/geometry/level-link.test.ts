import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linkByLevels, type LevelAnchor } from '@shared/geometry/level-link';
import { add, distance, dot, vec3, type Vec3 } from '@shared/geometry';
import { ALL_LEVELS } from '@shared/spine/levels';
import { PHANTOM_GEOMETRY } from '@shared/sample';
import { THORACOLUMBAR_CT } from '../dicom-index/data';

/** A rigid motion: rotation about the unit axis (x, y, z) by `degrees`, then a shift. */
function rigid(axis: readonly [number, number, number], degrees: number, shift: readonly [number, number, number]): (p: Vec3) => Vec3 {
  const [kx, ky, kz] = axis;
  const n = Math.hypot(kx, ky, kz);
  const k = vec3(kx / n, ky / n, kz / n);
  const a = (degrees * Math.PI) / 180;
  return (p) => {
    const c = Math.cos(a);
    const s = Math.sin(a);
    const kxp = vec3(k[1] * p[2] - k[2] * p[1], k[2] * p[0] - k[0] * p[2], k[0] * p[1] - k[1] * p[0]);
    const kd = dot(k, p) * (1 - c);
    return add(vec3(p[0] * c + kxp[0] * s + k[0] * kd, p[1] * c + kxp[1] * s + k[1] * kd, p[2] * c + kxp[2] * s + k[2] * kd), vec3(...shift));
  };
}

/** Centroids of T12–L5 and the sacrum from the real CT's own segmentation (shared data, same frame as its series). */
function realCtAnchors(): LevelAnchor[] {
  const json = JSON.parse(readFileSync(join(THORACOLUMBAR_CT, 'vertebrae.json'), 'utf8')) as { vertebrae: Record<string, { lps_mm: [number, number, number] }> };
  return Object.entries(json.vertebrae)
    .filter(([level]) => ALL_LEVELS.includes(level))
    .map(([level, v]) => ({ level, point: vec3(...v.lps_mm) }));
}

/** The phantom's body centres, cranial to caudal. */
const phantomAnchors = (): LevelAnchor[] =>
  PHANTOM_GEOMETRY.levels.map((l) => ({ level: l.name as string, point: vec3(...l.centre) })).sort((a, b) => ALL_LEVELS.indexOf(a.level) - ALL_LEVELS.indexOf(b.level));

/** `twist`: the motion turns the spine about its own axis, which only a curved set of levels can reveal. */
const motions = [
  { name: 'shifted only', move: rigid([0, 0, 1], 0, [40, -25, 310]), twist: false },
  { name: 'rotated 12° about left-right and shifted', move: rigid([1, 0, 0], 12, [-15, 30, -120]), twist: false },
  { name: 'rotated 25° about an oblique axis and shifted', move: rigid([0.3, 0.5, 0.8], 25, [100, 5, 60]), twist: true },
  { name: 'rotated 90° about head-foot', move: rigid([0, 0, 1], 90, [0, 0, 0]), twist: true },
];

describe('linkByLevels: a study against itself moved rigidly (label-to-label and between-label error under 1 mm)', () => {
  // The real CT's centroids follow the lordosis (well off a line): the rotation is fitted. The phantom's body centres
  // lie within about 3 mm of a line: a twist about the axis cannot be told from them, so it is assumed absent and
  // only positions along the spine are exact there.
  for (const source of [
    { name: 'real CT vertebra centroids (T12–L5)', anchors: realCtAnchors, rotation: 'fitted' },
    { name: 'sample phantom body centres (T10–L4)', anchors: phantomAnchors, rotation: 'assumed' },
  ]) {
    for (const { name, move, twist } of motions) {
      it(`${source.name}, ${name}`, () => {
        const from = source.anchors();
        expect(from.length).toBeGreaterThanOrEqual(6);
        const to = from.map((a) => ({ level: a.level, point: move(a.point) }));
        const link = linkByLevels(from, to, ALL_LEVELS);
        if (!link.ok) throw new Error(link.reason);
        expect(link.value.rotation).toBe(source.rotation);
        for (const a of from) {
          const mapped = link.value.map(a.point);
          expect(distance(mapped.point, move(a.point)), a.level).toBeLessThan(1e-6);
          expect(mapped.extrapolated).toBeNull();
        }
        // Points between labels, on and off the axis (up to 40 mm away: the canal, the pedicles, the aorta).
        const [first, second, third] = from;
        const offsets = twist && source.rotation === 'assumed' ? [vec3(0, 0, 0)] : [vec3(0, 0, 0), vec3(20, 0, 0), vec3(0, 30, 0), vec3(-15, -25, 5)];
        const between = [0.25, 0.5, 0.75].flatMap((t) =>
          offsets.map((off) => add(vec3(
            (first?.point[0] ?? 0) + t * ((second?.point[0] ?? 0) - (first?.point[0] ?? 0)),
            (first?.point[1] ?? 0) + t * ((second?.point[1] ?? 0) - (first?.point[1] ?? 0)),
            (first?.point[2] ?? 0) + t * ((second?.point[2] ?? 0) - (first?.point[2] ?? 0)),
          ), off)),
        );
        for (const p of [...between, third?.point ?? vec3(0, 0, 0)]) {
          expect(distance(link.value.map(p).point, move(p))).toBeLessThan(1);
        }
      });
    }
  }
});

describe('linkByLevels: different anatomy spacing, extrapolation and refusals', () => {
  it('a study whose levels lie further apart (another posture or modality): exact at labels, proportional between', () => {
    const from = phantomAnchors();
    const to = from.map((a, i) => ({ level: a.level, point: vec3(a.point[0], a.point[1] + i * 2, a.point[2] * 1.1) }));
    const link = linkByLevels(from, to, ALL_LEVELS);
    if (!link.ok) throw new Error(link.reason);
    const [a0, a1] = from;
    const [b0, b1] = to;
    const mid = (p: Vec3, q: Vec3): Vec3 => vec3((p[0] + q[0]) / 2, (p[1] + q[1]) / 2, (p[2] + q[2]) / 2);
    const mapped = link.value.map(mid(a0?.point ?? vec3(0, 0, 0), a1?.point ?? vec3(0, 0, 0)));
    expect(distance(mapped.point, mid(b0?.point ?? vec3(0, 0, 0), b1?.point ?? vec3(0, 0, 0)))).toBeLessThan(1e-6);
    expect(mapped).toMatchObject({ between: [a0?.level, a1?.level], extrapolated: null });
    expect(mapped.t).toBeCloseTo(0.5, 9);
  });

  const cases: { name: string; from: string[]; to: string[]; expected: string | null }[] = [
    { name: 'no shared level', from: ['T10', 'T11'], to: ['L3', 'L4'], expected: 'the two studies share no labelled vertebral level' },
    { name: 'a level labelled twice', from: ['L1', 'L1'], to: ['L1'], expected: 'L1 is labelled more than once in the first study' },
    { name: 'shared levels in any order', from: ['L2', 'T12', 'L1'], to: ['L1', 'L2', 'T12', 'L5'], expected: null },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const at = (levels: string[]): LevelAnchor[] => levels.map((level) => ({ level, point: vec3(0, 0, -30 * ALL_LEVELS.indexOf(level)) }));
      const link = linkByLevels(at(c.from), at(c.to), ALL_LEVELS);
      if (c.expected === null) {
        expect(link.ok && link.value.shared).toEqual(['T12', 'L1', 'L2']);
      } else {
        expect(link).toEqual({ ok: false, reason: c.expected });
      }
    });
  }

  it('says where it extrapolates beyond the shared range, cranially and caudally', () => {
    const from = phantomAnchors().slice(2, 6);
    const move = rigid([1, 0, 0], 8, [5, 5, 5]);
    const link = linkByLevels(from, from.map((a) => ({ level: a.level, point: move(a.point) })), ALL_LEVELS);
    if (!link.ok) throw new Error(link.reason);
    const top = from[0]?.point ?? vec3(0, 0, 0);
    const bottom = from[from.length - 1]?.point ?? vec3(0, 0, 0);
    const above = link.value.map(vec3(top[0], top[1], top[2] + 20));
    const below = link.value.map(vec3(bottom[0], bottom[1], bottom[2] - 20));
    expect(above.extrapolated).toBe('cranial');
    expect(above.t).toBeLessThan(0);
    expect(below.extrapolated).toBe('caudal');
    expect(below.t).toBeGreaterThan(1);
    // A straight continuation of the end segments, moved rigidly: still close for a rigid motion.
    expect(distance(above.point, move(vec3(top[0], top[1], top[2] + 20)))).toBeLessThan(1);
  });

  it('one shared level: a translation, every other point flagged as extrapolated', () => {
    const link = linkByLevels([{ level: 'L1', point: vec3(1, 2, 3) }, { level: 'L2', point: vec3(1, 2, -27) }], [{ level: 'L1', point: vec3(11, 12, 13) }], ALL_LEVELS);
    if (!link.ok) throw new Error(link.reason);
    expect(link.value.shared).toEqual(['L1']);
    expect(link.value.map(vec3(1, 2, 3))).toMatchObject({ point: [11, 12, 13], extrapolated: null });
    expect(link.value.map(vec3(1, 2, -7))).toMatchObject({ point: [11, 12, 3], extrapolated: 'caudal' });
  });
});
