// Levels proposed from one anchor by image analysis, on real and phantom series: where each level lands against
// truth (the real CT's own segmentation centroids; the phantom's exact body centres), and what is said, not guessed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StudyIndex } from '@shared/dicom/index-model';
import { distance, vec3 } from '@shared/geometry';
import type { Vec3 } from '@shared/geometry';
import { FOLLOW_UP_GEOMETRY, PHANTOM_GEOMETRY } from '@shared/sample';
import { proposeLevels } from '@shared/spine/propose-levels';
import type { LevelPoint, ProposeLevelsInput, ProposeLevelsResult } from '@shared/spine/propose-levels';
import { indexSources } from '../../../src-main/services/study-index/indexer';
import { createInstanceBytesReader } from '../../../src-main/services/study-index/file-bytes';
import { loadProposalStack } from '../../../src-main/services/proposal-stack';
import type { LoadedProposalStack } from '../../../src-main/services/proposal-stack';
import { ensureSampleStudy } from '../../../src-main/services/sample-study';
import { browserDataDir, sampleFollowUpDir, sampleStudyDir } from '../../../src-main/services/app-paths';
import { THORACOLUMBAR_CT } from '../dicom-index/data';

const STANDARD = { thoracicCount: 12, lumbarCount: 5 } as const;

async function loadSeries(paths: string[], pick: (index: StudyIndex) => string): Promise<LoadedProposalStack> {
  const index = await indexSources(paths);
  const reader = createInstanceBytesReader(index);
  try {
    return await loadProposalStack(index, pick(index), (id) => reader.read(id));
  } finally {
    reader.close();
  }
}

const seriesWhere = (test: (orientation: string, modality: string | undefined) => boolean) => (index: StudyIndex): string => {
  const series = index.patients.flatMap((p) => p.studies.flatMap((s) => s.series)).find((s) => test(s.orientation, s.modality));
  if (series === undefined) throw new Error('series not found');
  return series.uid;
};

/** The real CT's centroids (T12–L5; the sacrum's is the whole sacrum's, not S1's, so it is left out). */
function realCentroids(): Map<string, Vec3> {
  const json = JSON.parse(readFileSync(join(THORACOLUMBAR_CT, 'vertebrae.json'), 'utf8')) as { vertebrae: Record<string, { lps_mm: [number, number, number] }> };
  return new Map(Object.entries(json.vertebrae).filter(([level]) => level !== 'sacrum').map(([level, v]) => [level, vec3(...v.lps_mm)]));
}

const phantomCentres = (): Map<string, Vec3> => new Map(PHANTOM_GEOMETRY.levels.map((l) => [l.name as string, vec3(...l.centre)]));

function proposed(result: ProposeLevelsResult): Extract<ProposeLevelsResult, { ok: true }> {
  if (!result.ok) throw new Error(result.reason);
  return result;
}

const codes = (r: Extract<ProposeLevelsResult, { ok: true }>): string[] => r.warnings.map((w) => w.code);

let realSagittal: LoadedProposalStack;
let realAxial: LoadedProposalStack;
let phantomCt: LoadedProposalStack;
let phantomMr: LoadedProposalStack;
let followUpCt: LoadedProposalStack;
let followUpMr: LoadedProposalStack;

beforeAll(async () => {
  const ct = [join(THORACOLUMBAR_CT, 'sagittal'), join(THORACOLUMBAR_CT, 'axial')];
  realSagittal = await loadSeries(ct, seriesWhere((o) => o === 'sagittal'));
  realAxial = await loadSeries(ct, seriesWhere((o) => o === 'axial'));
  const { files } = await ensureSampleStudy(sampleStudyDir(browserDataDir()));
  phantomCt = await loadSeries(files, seriesWhere((_, m) => m === 'CT'));
  phantomMr = await loadSeries(files, seriesWhere((_, m) => m === 'MR'));
  const followUp = (await ensureSampleStudy(sampleFollowUpDir(browserDataDir()), { which: 'sample-follow-up' })).files;
  followUpCt = await loadSeries(followUp, seriesWhere((_, m) => m === 'CT'));
  followUpMr = await loadSeries(followUp, seriesWhere((_, m) => m === 'MR'));
}, 120_000);


const run = (series: LoadedProposalStack, anchors: LevelPoint[], extra: Partial<ProposeLevelsInput> = {}): ProposeLevelsResult =>
  proposeLevels({ stack: series.stack, ...(series.modality ? { modality: series.modality } : {}), anchors, counts: STANDARD, countingMethod: 'unknown', ...extra });

describe('real thoracolumbar CT, anchored at the L5 centroid: L4 to T12 found, each on its own vertebra', () => {
  const truth = realCentroids();
  for (const [name, series] of [['sagittal series', () => realSagittal], ['axial volume', () => realAxial]] as const) {
    it(name, () => {
      const anchor = truth.get('L5') as Vec3;
      const r = proposed(run(series(), [{ level: 'L5', point: anchor }]));
      expect(r.levels.map((l) => l.level)).toEqual(['T12', 'L1', 'L2', 'L3', 'L4']);
      for (const l of r.levels) {
        const target = truth.get(l.level) as Vec3;
        // Within half a vertebral height (centroids are about 33 mm apart: 16 mm), and nearer its own centroid
        // than any other (no off-by-one).
        expect(distance(l.point, target), l.level).toBeLessThan(16);
        const nearest = [...truth].sort((a, b) => distance(l.point, a[1]) - distance(l.point, b[1]))[0]?.[0];
        expect(nearest, l.level).toBe(l.level);
        expect(l.confidence, l.level).toBeGreaterThan(0.5);
      }
      // T12 is cut by the top of the field of view: the proposer says the image ends there.
      expect(r.warnings.find((w) => w.code === 'field-of-view')).toMatchObject({ level: 'T12' });
    });
  }
});

describe('sample phantom, anchored at one body centre: every other body centre within 3 mm', () => {
  const truth = phantomCentres();
  const cases = [
    { series: 'CT (axial volume)', load: () => phantomCt, anchor: 'L5' },
    { series: 'CT (axial volume)', load: () => phantomCt, anchor: 'T12' },
    { series: 'MR (sagittal T2)', load: () => phantomMr, anchor: 'L5' },
    { series: 'MR (sagittal T2)', load: () => phantomMr, anchor: 'L3' },
  ];
  for (const c of cases) {
    it(`${c.series}, anchored at ${c.anchor}`, () => {
      const r = proposed(run(c.load(), [{ level: c.anchor, point: truth.get(c.anchor) as Vec3 }]));
      const expected = ['T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5'].filter((l) => l !== c.anchor);
      expect(r.levels.map((l) => l.level).filter((l) => truth.has(l) && l !== 'S1')).toEqual(expected);
      for (const l of r.levels) {
        const target = truth.get(l.level);
        if (target === undefined || l.level === 'S1') continue; // S1's body centre is not a vertebra the phantom defines like the others
        expect(distance(l.point, target), l.level).toBeLessThan(3);
      }
      // Nothing is proposed above T10, the top of the phantom: the image ends or shows no further vertebra.
      expect(r.levels.some((l) => l.level === 'T9' && l.confidence > 0.3)).toBe(false);
      expect(codes(r).some((c2) => c2 === 'field-of-view' || c2 === 'image-lost')).toBe(true);
    });
  }
});

describe('follow-up phantom, its spine tilted 3° across the slices (out of a flat slab): the proposals follow it', () => {
  const truth = new Map(FOLLOW_UP_GEOMETRY.levels.filter((l) => l.name !== 'S1').map((l) => [l.name as string, vec3(...l.centre)]));
  const cases = [
    { series: 'CT (axial volume)', load: () => followUpCt, anchor: 'L5' },
    { series: 'CT (axial volume)', load: () => followUpCt, anchor: 'T10' },
    { series: 'MR (sagittal T2)', load: () => followUpMr, anchor: 'L4' },
    { series: 'MR (sagittal T2)', load: () => followUpMr, anchor: 'T11' },
  ];
  it.each(cases)('$series, anchored at $anchor: each level beside its own body centre, none off by one', ({ load, anchor }) => {
    const r = proposed(run(load(), [{ level: anchor, point: truth.get(anchor) as Vec3 }]));
    for (const [level, target] of truth) {
      if (level === anchor) continue;
      const l = r.levels.find((x) => x.level === level);
      expect(l, level).toBeDefined();
      const point = l?.point as Vec3;
      // Left-right: on the tilted midline (a flat slab put T10 11 mm beside it, counted from L5).
      expect(Math.abs(point[0] - target[0]), `${level} left-right`).toBeLessThan(2);
      // Along the spine the collapsed L1 shifts the levels beyond it by up to about 8 mm: still inside the body.
      expect(distance(point, target), level).toBeLessThan(10);
      const nearest = [...truth].sort((a, b) => distance(point, a[1]) - distance(point, b[1]))[0]?.[0];
      expect(nearest, level).toBe(level);
    }
  });
});

describe('the count: said, never guessed', () => {
  const truth = realCentroids();
  const l5 = (): LevelPoint => ({ level: 'L5', point: truth.get('L5') as Vec3 });

  it('counting across the thoracolumbar junction from L5 alone: the names depend on the lowest rib, and it says so', () => {
    const r = proposed(run(realSagittal, [l5()]));
    const warning = r.warnings.find((w) => w.code === 'count-unreferenced');
    expect(warning?.message).toMatch(/counted from L5 on this series only/);
    expect(warning?.message).toMatch(/13th thoracic/);
    expect(warning?.message).toMatch(/Set the counting method/);
  });

  it('with the count established on a whole-spine localizer, the same names carry no such warning', () => {
    const r = proposed(run(realSagittal, [l5()], { countingMethod: 'whole-spine-localizer' }));
    expect(codes(r)).not.toContain('count-unreferenced');
  });

  it('the reader\'s variant is respected: with 13 thoracic vertebrae the vertebra above L1 is T13', () => {
    const r = proposed(run(realSagittal, [l5()], { counts: { thoracicCount: 13, lumbarCount: 5 } }));
    expect(r.levels.map((l) => l.level)).toEqual(['T13', 'L1', 'L2', 'L3', 'L4']);
  });

  it('with 4 lumbar vertebrae the same vertebrae are named one level higher from an anchor at L4 (sacralised L5)', () => {
    const r = proposed(run(realSagittal, [l5()].map((a) => ({ ...a, level: 'L4' })), { counts: { thoracicCount: 12, lumbarCount: 4 } }));
    expect(r.levels.map((l) => l.level)).toEqual(['T11', 'T12', 'L1', 'L2', 'L3']);
  });

  it('below the last lumbar vertebra no vertebra like it: S1 is not proposed, and the sacralised possibility is named', () => {
    const r = proposed(run(realSagittal, [l5()]));
    expect(r.levels.map((l) => l.level)).not.toContain('S1');
    expect(r.warnings.find((w) => w.code === 'no-lumbosacral-disc')?.message).toMatch(/sacralised L5/);
  });

  it('one more mobile segment than the count allows (six lumbar-like vertebrae): reported as a possible L6, S1 at low confidence', () => {
    // The phantom MR with its L4 labelled "L5": below what the count calls S1 the image shows a disc and a vertebra.
    const centres = phantomCentres();
    const anchor = { level: 'L5', point: centres.get('L4') as Vec3 };
    const r = proposed(run(phantomMr, [anchor]));
    const warning = r.warnings.find((w) => w.code === 'extra-mobile-segment');
    expect(warning).toMatchObject({ level: 'S1' });
    expect(warning?.message).toMatch(/lumbarised vertebra \(L6\)/);
    expect(r.levels.find((l) => l.level === 'S1')?.confidence).toBeLessThanOrEqual(0.3);
    // The reader who records six lumbar vertebrae gets L6 there, and no doubt about it.
    const six = proposed(run(phantomMr, [anchor], { counts: { thoracicCount: 12, lumbarCount: 6 } }));
    expect(six.warnings.map((w) => w.code)).not.toContain('extra-mobile-segment');
    expect(distance(six.levels.find((l) => l.level === 'L6')?.point ?? vec3(0, 0, 0), centres.get('L5') as Vec3)).toBeLessThan(3);
  });

  it('two labels the image does not agree with (L5, and "L2" placed on L3): the disagreement is reported', () => {
    const r = proposed(run(realSagittal, [l5(), { level: 'L2', point: truth.get('L3') as Vec3 }]));
    expect(r.warnings.find((w) => w.code === 'anchors-disagree')).toMatchObject({ level: 'L5' });
  });

  it('two labels that agree: no disagreement, and only the levels between and beyond them are proposed', () => {
    const r = proposed(run(realSagittal, [l5(), { level: 'L2', point: truth.get('L2') as Vec3 }]));
    expect(codes(r)).not.toContain('anchors-disagree');
    expect(r.levels.map((l) => l.level)).toEqual(['T12', 'L1', 'L3', 'L4']);
  });

  const refusals = [
    { name: 'a label the count does not have', anchors: [{ level: 'L6', point: vec3(1.29, -125.75, 246.17) }], reason: /L6 does not exist with 12 thoracic and 5 lumbar/ },
    { name: 'an anchor outside the series', anchors: [{ level: 'L5', point: vec3(400, 0, 0) }], reason: /outside this series/ },
    { name: 'no anchor', anchors: [], reason: /place one level/ },
  ];
  for (const c of refusals) {
    it(`refuses ${c.name}`, () => {
      const r = run(realSagittal, c.anchors);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(c.reason);
    });
  }
});
