// Accuracy and time of proposing levels from one anchor (shared/spine/propose-levels.ts), per dataset: every level
// with known truth taken in turn as the anchor, every other level's proposal compared with its truth.
// Run alone: `npx tsx bench/levels-bench.ts`, or within `npm run bench -- --only levels`.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StudyIndex } from '@shared/dicom/index-model';
import { distance, vec3 } from '@shared/geometry';
import type { ImagePlane, Vec3 } from '@shared/geometry';
import { FOLLOW_UP_GEOMETRY, PHANTOM_GEOMETRY } from '@shared/sample';
import { proposeLevels } from '@shared/spine/propose-levels';
import type { ProposalStack } from '@shared/spine/propose-levels';
import { indexSources } from '../src-main/services/study-index/indexer';
import { createInstanceBytesReader } from '../src-main/services/study-index/file-bytes';
import { loadProposalStack } from '../src-main/services/proposal-stack';
import { ensureSampleStudy } from '../src-main/services/sample-study';
import { browserDataDir, sampleFollowUpDir, sampleStudyDir } from '../src-main/services/app-paths';
import type { Row } from './table';

const REAL_CT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../shared/data/dicom/spine/thoracolumbar-ct');

interface Dataset {
  readonly name: string;
  readonly stack: ProposalStack;
  readonly modality: string | undefined;
  readonly truth: ReadonlyMap<string, Vec3>;
}

export interface LevelsResult {
  readonly name: string;
  readonly slices: number;
  readonly anchors: number;
  readonly compared: number;
  readonly medianMm: number;
  readonly maxMm: number;
  readonly offByOne: number;
  readonly missed: number;
  readonly medianMs: number;
}

async function load(paths: string[], pick: (index: StudyIndex) => string): Promise<{ stack: ProposalStack; modality: string | undefined }> {
  const index = await indexSources(paths);
  const reader = createInstanceBytesReader(index);
  try {
    const loaded = await loadProposalStack(index, pick(index), (id) => reader.read(id));
    return { stack: loaded.stack, modality: loaded.modality };
  } finally {
    reader.close();
  }
}

const seriesWhere = (test: (orientation: string, modality: string | undefined) => boolean) => (index: StudyIndex): string =>
  index.patients.flatMap((p) => p.studies.flatMap((s) => s.series)).find((s) => test(s.orientation, s.modality))?.uid ?? '';

/** The phantom CT re-sliced to `slices` images by linear interpolation between its own (a long stack, same anatomy). */
function resliced(stack: ProposalStack, slices: number): ProposalStack {
  const first = stack.planes[0] as ImagePlane;
  const last = stack.planes[stack.planes.length - 1] as ImagePlane;
  const planes: ImagePlane[] = [];
  const pixels: Float32Array[] = [];
  for (let k = 0; k < slices; k++) {
    const t = (k / (slices - 1)) * (stack.planes.length - 1);
    const i = Math.min(Math.floor(t), stack.planes.length - 2);
    const f = t - i;
    const a = stack.pixels[i] as ArrayLike<number>;
    const b = stack.pixels[i + 1] as ArrayLike<number>;
    const values = new Float32Array(a.length);
    for (let p = 0; p < values.length; p++) values[p] = (a[p] as number) * (1 - f) + (b[p] as number) * f;
    const s = k / (slices - 1);
    const [fx, fy, fz] = first.imagePositionPatient;
    const [lx, ly, lz] = last.imagePositionPatient;
    const ipp = vec3(fx + (lx - fx) * s, fy + (ly - fy) * s, fz + (lz - fz) * s);
    planes.push({ ...first, imagePositionPatient: ipp });
    pixels.push(values);
  }
  return { planes, pixels };
}

async function datasets(): Promise<Dataset[]> {
  const json = JSON.parse(readFileSync(join(REAL_CT, 'vertebrae.json'), 'utf8')) as { vertebrae: Record<string, { lps_mm: [number, number, number] }> };
  const realTruth = new Map(Object.entries(json.vertebrae).filter(([l]) => l !== 'sacrum').map(([l, v]) => [l, vec3(...v.lps_mm)]));
  const phantomTruth = new Map(PHANTOM_GEOMETRY.levels.filter((l) => l.name !== 'S1').map((l) => [l.name as string, vec3(...l.centre)]));
  const ct = [join(REAL_CT, 'sagittal'), join(REAL_CT, 'axial')];
  const { files } = await ensureSampleStudy(sampleStudyDir(browserDataDir()));
  const phantomCt = await load(files, seriesWhere((_, m) => m === 'CT'));
  const realSagittal = await load(ct, seriesWhere((o) => o === 'sagittal'));
  const realAxial = await load(ct, seriesWhere((o) => o === 'axial'));
  const phantomMr = await load(files, seriesWhere((_, m) => m === 'MR'));
  // The follow-up phantom: another frame of reference (shifted and rotated), L1 collapsed further, a new T11 lesion.
  const followUpTruth = new Map(FOLLOW_UP_GEOMETRY.levels.filter((l) => l.name !== 'S1').map((l) => [l.name as string, vec3(...l.centre)]));
  const followUp = (await ensureSampleStudy(sampleFollowUpDir(browserDataDir()), { which: 'sample-follow-up' })).files;
  const followUpCt = await load(followUp, seriesWhere((_, m) => m === 'CT'));
  const followUpMr = await load(followUp, seriesWhere((_, m) => m === 'MR'));
  return [
    { name: 'sample phantom CT (axial volume)', ...phantomCt, truth: phantomTruth },
    { name: 'sample phantom CT re-sliced to 500 images', stack: resliced(phantomCt.stack, 500), modality: 'CT', truth: phantomTruth },
    { name: 'real thoracolumbar CT, sagittal series', ...realSagittal, truth: realTruth },
    { name: 'real thoracolumbar CT, axial volume', ...realAxial, truth: realTruth },
    { name: 'sample phantom MR (sagittal T2)', ...phantomMr, truth: phantomTruth },
    { name: 'follow-up phantom CT (axial volume, rotated frame)', ...followUpCt, truth: followUpTruth },
    { name: 'follow-up phantom MR (sagittal T2, rotated frame)', ...followUpMr, truth: followUpTruth },
  ];
}

const median = (values: readonly number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? Number.NaN : s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

function measure(d: Dataset): LevelsResult {
  const errors: number[] = [];
  const times: number[] = [];
  let offByOne = 0;
  let missed = 0;
  for (const [level, point] of d.truth) {
    const started = performance.now();
    const r = proposeLevels({ stack: d.stack, ...(d.modality ? { modality: d.modality } : {}), anchors: [{ level, point }], counts: { thoracicCount: 12, lumbarCount: 5 }, countingMethod: 'unknown' });
    times.push(performance.now() - started);
    if (!r.ok) throw new Error(`${d.name}, ${level}: ${r.reason}`);
    for (const [other, target] of d.truth) {
      if (other === level) continue;
      const p = r.levels.find((l) => l.level === other);
      if (p === undefined) { missed++; continue; }
      errors.push(distance(p.point, target));
      const nearest = [...d.truth].sort((a, b) => distance(p.point, a[1]) - distance(p.point, b[1]))[0]?.[0];
      if (nearest !== other) offByOne++;
    }
  }
  return { name: d.name, slices: d.stack.planes.length, anchors: d.truth.size, compared: errors.length, medianMm: median(errors), maxMm: Math.max(...errors), offByOne, missed, medianMs: median(times) };
}

export async function levelsBench(): Promise<LevelsResult[]> {
  return (await datasets()).map(measure);
}

export function levelsMarkdown(results: readonly LevelsResult[]): string[] {
  return [
    '| dataset | images | anchors | proposals compared | median error | max error | off by one | not proposed | time per proposal (median) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map((r) => `| ${r.name} | ${r.slices} | ${r.anchors} | ${r.compared} | ${r.medianMm.toFixed(1)} mm | ${r.maxMm.toFixed(1)} mm | ${r.offByOne} | ${r.missed} | ${Math.round(r.medianMs)} ms |`),
  ];
}

export function levelsRows(results: readonly LevelsResult[]): Row[] {
  return results.flatMap((r) => [
    { measure: `propose levels, ${r.name}: time per proposal`, ours: r.medianMs, reference: 1000, unit: 'ms', referenceName: 'target', targeted: true },
    { measure: `propose levels, ${r.name}: max error`, ours: r.maxMm, reference: undefined, unit: 'mm', referenceName: '—', targeted: false },
    { measure: `propose levels, ${r.name}: off by one (target 0)`, ours: r.offByOne, reference: undefined, unit: 'levels', referenceName: '—', targeted: false },
  ]);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const results = await levelsBench();
  for (const line of levelsMarkdown(results)) console.log(line);
}
