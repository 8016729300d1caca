// Levels, regions and variants (docs/clinical-rules.md §1). The location table below is written out by hand for every
// allowed count, so a change to the region rules shows up here line by line.

import { describe, expect, it } from 'vitest';
import {
  ALL_LEVELS,
  describeVariants,
  displayLevelName,
  isTransitionalAnatomy,
  isTransitionalLevel,
  levelSequence,
  levelsProblem,
  sinsRegionOf,
} from '@shared/spine/index';
import type { LumbarCount, ThoracicCount } from '@shared/spine/index';
import { scoreStudy, sinsLocationDetail } from '@shared/scoring/index';
import { scoreRaw } from './support';

// [thoracic, lumbar, 'LEVEL:points …'] — `-` = not scored (Co). Junctional 3, mobile 2, semi-rigid 1, rigid 0.
const LOCATION_TABLE: ReadonlyArray<readonly [ThoracicCount, LumbarCount, string]> = [
  [11, 4, 'C1:3 C2:3 C3:2 C4:2 C5:2 C6:2 C7:3 T1:3 T2:3 T3:1 T4:1 T5:1 T6:1 T7:1 T8:1 T9:1 T10:1 T11:3 L1:3 L2:2 L3:2 L4:3 S1:3 S2:0 S3:0 S4:0 S5:0 Co:-'],
  [11, 5, 'C1:3 C2:3 C3:2 C4:2 C5:2 C6:2 C7:3 T1:3 T2:3 T3:1 T4:1 T5:1 T6:1 T7:1 T8:1 T9:1 T10:1 T11:3 L1:3 L2:2 L3:2 L4:2 L5:3 S1:3 S2:0 S3:0 S4:0 S5:0 Co:-'],
  [11, 6, 'C1:3 C2:3 C3:2 C4:2 C5:2 C6:2 C7:3 T1:3 T2:3 T3:1 T4:1 T5:1 T6:1 T7:1 T8:1 T9:1 T10:1 T11:3 L1:3 L2:2 L3:2 L4:2 L5:2 L6:3 S1:3 S2:0 S3:0 S4:0 S5:0 Co:-'],
  [12, 4, 'C1:3 C2:3 C3:2 C4:2 C5:2 C6:2 C7:3 T1:3 T2:3 T3:1 T4:1 T5:1 T6:1 T7:1 T8:1 T9:1 T10:1 T11:3 T12:3 L1:3 L2:2 L3:2 L4:3 S1:3 S2:0 S3:0 S4:0 S5:0 Co:-'],
  [12, 5, 'C1:3 C2:3 C3:2 C4:2 C5:2 C6:2 C7:3 T1:3 T2:3 T3:1 T4:1 T5:1 T6:1 T7:1 T8:1 T9:1 T10:1 T11:3 T12:3 L1:3 L2:2 L3:2 L4:2 L5:3 S1:3 S2:0 S3:0 S4:0 S5:0 Co:-'],
  [12, 6, 'C1:3 C2:3 C3:2 C4:2 C5:2 C6:2 C7:3 T1:3 T2:3 T3:1 T4:1 T5:1 T6:1 T7:1 T8:1 T9:1 T10:1 T11:3 T12:3 L1:3 L2:2 L3:2 L4:2 L5:2 L6:3 S1:3 S2:0 S3:0 S4:0 S5:0 Co:-'],
  [13, 4, 'C1:3 C2:3 C3:2 C4:2 C5:2 C6:2 C7:3 T1:3 T2:3 T3:1 T4:1 T5:1 T6:1 T7:1 T8:1 T9:1 T10:1 T11:3 T12:3 T13:3 L1:3 L2:2 L3:2 L4:3 S1:3 S2:0 S3:0 S4:0 S5:0 Co:-'],
  [13, 5, 'C1:3 C2:3 C3:2 C4:2 C5:2 C6:2 C7:3 T1:3 T2:3 T3:1 T4:1 T5:1 T6:1 T7:1 T8:1 T9:1 T10:1 T11:3 T12:3 T13:3 L1:3 L2:2 L3:2 L4:2 L5:3 S1:3 S2:0 S3:0 S4:0 S5:0 Co:-'],
  [13, 6, 'C1:3 C2:3 C3:2 C4:2 C5:2 C6:2 C7:3 T1:3 T2:3 T3:1 T4:1 T5:1 T6:1 T7:1 T8:1 T9:1 T10:1 T11:3 T12:3 T13:3 L1:3 L2:2 L3:2 L4:2 L5:2 L6:3 S1:3 S2:0 S3:0 S4:0 S5:0 Co:-'],
];

const rows = LOCATION_TABLE.flatMap(([thoracicCount, lumbarCount, table]) =>
  table.split(' ').map((entry) => {
    const [level = '', points = ''] = entry.split(':');
    return { thoracicCount, lumbarCount, level, points: points === '-' ? null : Number(points) };
  }),
);

describe('SINS location of every level, for every count', () => {
  it.each(LOCATION_TABLE.map(([t, l, table]) => [t, l, table] as const))('%i thoracic / %i lumbar: the table lists exactly the sequence', (t, l, table) => {
    expect(levelSequence({ thoracicCount: t, lumbarCount: l }).join(' ')).toBe(table.split(' ').map((e) => e.split(':')[0]).join(' '));
  });

  it.each(rows.map((r) => [`${r.level} (${r.thoracicCount}/${r.lumbarCount})`, r] as const))('%s', (_name, r) => {
    const output = scoreRaw({
      spine: { thoracicCount: r.thoracicCount, lumbarCount: r.lumbarCount },
      patient: { histology: 'breast' },
      lesions: [{ id: 'x', levels: [r.level], pain: 'none', boneLesion: 'blastic', alignment: 'normal', collapse: 'none', posterolateral: 'none', escc: '0' }],
    });
    expect(output.lesions[0]?.sins.components.location).toBe(r.points);
  });
});

describe('regions', () => {
  it('marks variant-dependent assignments as CONVENTION and standard ones as published', () => {
    expect(sinsRegionOf('T13', { thoracicCount: 13, lumbarCount: 5 })).toEqual({ level: 'T13', region: 'junctional', convention: true });
    expect(sinsRegionOf('L6', { thoracicCount: 12, lumbarCount: 6 })).toEqual({ level: 'L6', region: 'junctional', convention: true });
    expect(sinsRegionOf('L5', { thoracicCount: 12, lumbarCount: 6 })).toEqual({ level: 'L5', region: 'mobile', convention: true });
    expect(sinsRegionOf('L4', { thoracicCount: 12, lumbarCount: 4 })).toEqual({ level: 'L4', region: 'junctional', convention: true });
    expect(sinsRegionOf('L3', { thoracicCount: 12, lumbarCount: 4 })).toEqual({ level: 'L3', region: 'mobile', convention: false });
    expect(sinsRegionOf('T11', { thoracicCount: 11, lumbarCount: 5 })).toEqual({ level: 'T11', region: 'junctional', convention: false });
    expect(sinsRegionOf('L5', { thoracicCount: 12, lumbarCount: 5 })).toEqual({ level: 'L5', region: 'junctional', convention: false });
  });

  it('has no region for Co or for a level the count lacks', () => {
    expect(sinsRegionOf('Co', { thoracicCount: 12, lumbarCount: 5 })).toBeNull();
    expect(sinsRegionOf('T13', { thoracicCount: 12, lumbarCount: 5 })).toBeNull();
    expect(sinsRegionOf('L5', { thoracicCount: 12, lumbarCount: 4 })).toBeNull();
  });

  it('keeps the per-level regions of a multi-level lesion visible and takes the highest', () => {
    const detail = sinsLocationDetail(['T10', 'T11'], { thoracicCount: 12, lumbarCount: 5 });
    expect(detail.perLevel.map((l) => l.region?.region)).toEqual(['semi_rigid', 'junctional']);
    expect(detail.region).toBe('junctional');
  });
});

describe('levels', () => {
  it('lists every label any count can produce', () => {
    expect(ALL_LEVELS).toHaveLength(7 + 13 + 6 + 5 + 1);
    expect(ALL_LEVELS).toContain('T13');
    expect(ALL_LEVELS).toContain('L6');
  });

  it.each([
    [['T12', 'L1'], 12, 5, null],
    [['L1', 'T12'], 12, 5, null],
    [['T11', 'L1'], 11, 5, null],
    [['T12', 'T13', 'L1'], 13, 5, null],
    [['L4', 'S1'], 12, 4, null],
    [['S5', 'Co'], 12, 5, null],
    [['T12', 'L2'], 12, 5, 'levels must be contiguous: T12 and L2 are not adjacent (record non-contiguous levels as separate lesions)'],
    [['L5', 'S1'], 12, 4, 'L5 does not exist with 12 thoracic and 4 lumbar vertebrae'],
    [['T12'], 11, 5, 'T12 does not exist with 11 thoracic and 5 lumbar vertebrae'],
    [['T12', 'L1'], 13, 5, 'levels must be contiguous: T12 and L1 are not adjacent (record non-contiguous levels as separate lesions)'],
    [['L1', 'L1'], 12, 5, 'L1 is listed twice'],
    [[], 12, 5, 'expected at least one level'],
  ] as const)('%j with %i/%i → %s', (levels, t, l, problem) => {
    expect(levelsProblem(levels, { thoracicCount: t, lumbarCount: l })).toBe(problem);
  });
});

describe('variants', () => {
  it('detects transitional anatomy and levels', () => {
    expect(isTransitionalAnatomy({ thoracicCount: 12, lumbarCount: 5 })).toBe(false);
    expect(isTransitionalAnatomy({ thoracicCount: 11, lumbarCount: 5 })).toBe(true);
    expect(isTransitionalAnatomy({ thoracicCount: 12, lumbarCount: 6 })).toBe(true);
    expect(isTransitionalLevel('T13', { thoracicCount: 13, lumbarCount: 5 })).toBe(true);
    expect(isTransitionalLevel('L6', { thoracicCount: 12, lumbarCount: 6 })).toBe(true);
    expect(isTransitionalLevel('L5', { thoracicCount: 12, lumbarCount: 6 })).toBe(false);
    expect(isTransitionalLevel('L4', { thoracicCount: 12, lumbarCount: 4 })).toBe(true);
    expect(isTransitionalLevel('L5', { thoracicCount: 12, lumbarCount: 5 })).toBe(false);
    expect(isTransitionalLevel('T11', { thoracicCount: 11, lumbarCount: 5 })).toBe(false);
  });

  it('names variants for the report', () => {
    expect(displayLevelName('L6', { thoracicCount: 12, lumbarCount: 6 })).toBe('L6 (lumbarized S1)');
    expect(displayLevelName('S1', { thoracicCount: 12, lumbarCount: 4 })).toBe('S1 (sacralized L5)');
    expect(displayLevelName('L5', { thoracicCount: 12, lumbarCount: 5 })).toBe('L5');
    expect(describeVariants({ thoracicCount: 12, lumbarCount: 4 })).toEqual(['4 lumbar vertebrae: sacralized L5']);
    expect(describeVariants({ thoracicCount: 13, lumbarCount: 6 })).toEqual(['13 thoracic vertebrae (T13 present)', '6 lumbar vertebrae: L6 (lumbarized S1)']);
    expect(describeVariants({ thoracicCount: 12, lumbarCount: 5 })).toEqual([]);
  });

  it('scoreStudy is pure: the same input gives the same output', () => {
    const input = {
      spine: { thoracicCount: 12 as const, lumbarCount: 5 as const },
      patient: {
        histology: 'breast' as const, radiosensitivity: null, myelopathy: false, canTolerateSurgery: 'unknown' as const,
        emergency: { rapidWeaknessProgression: false, newInabilityToWalk: false, newBladderDysfunction: false, bilateralSymptoms: false, completeParalysisHours: null },
      },
      lesions: [],
    };
    expect(scoreStudy(input)).toEqual(scoreStudy(input));
  });
});
