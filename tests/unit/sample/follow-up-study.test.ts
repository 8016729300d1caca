// The generated follow-up study on disk: valid DICOM, one study of the baseline's patient with its own study UID
// and frame of reference, and its known geometry found again in the pixels through the files' own geometry
// (the progressed L1 collapse measured on the CT, the new T11 lesion's density).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CT_FOLDER, FOLLOW_UP_DATE, FOLLOW_UP_GEOMETRY, FOLLOW_UP_SCAN, FOLLOW_UP_STUDY_DESCRIPTION, FOLLOW_UP_UIDS, MR_FOLDER, PHANTOM, SAMPLE_PATIENT_ID,
  SAMPLE_PATIENT_NAME, SAMPLE_UIDS, applyTransform, ctGrid, ctSliceFile, invertTransform, mrGrid, mrSliceFile,
} from '@shared/sample';
import type { LevelGeometry, Vec3 } from '@shared/sample';
import { sampleFollowUpDir } from '../../../src-main/services/app-paths';
import { ensureSampleStudy } from '../../../src-main/services/sample-study';
import { createStudySessions } from '../../../src-main/services/study-session';
import { indexSources } from '../../../src-main/services/study-index/indexer';
import { dciodvfyFindings, dcmdumpProblems, outputDir, run } from '../dicom-write/external-tools';
import { Volume, loadSlice, sampleSlice } from './volume';

const g = FOLLOW_UP_GEOMETRY;
// the folder the app uses under a data folder, so the session test below finds it generated
const dataDir = outputDir('sample');
const dir = sampleFollowUpDir(dataDir);
let files: string[] = [];
let ct: Volume;
const ctFiles = (): string[] => files.filter((f) => f.includes(CT_FOLDER));
const mrFiles = (): string[] => files.filter((f) => f.includes(MR_FOLDER));
const level = (name: string): LevelGeometry => g.levels.find((l) => l.name === name) as LevelGeometry;
const add = (p: Vec3, v: Vec3, k: number): Vec3 => [p[0] + k * v[0], p[1] + k * v[1], p[2] + k * v[2]];
const ctSliceAt = (z: number): string => {
  const zs = FOLLOW_UP_SCAN.ct.z;
  let best = 0;
  zs.forEach((v, i) => { if (Math.abs(v - z) < Math.abs((zs[best] ?? 0) - z)) best = i; });
  return ctFiles()[best] as string;
};
const midSagittal = (): string => mrFiles()[(FOLLOW_UP_SCAN.mr.x.length - 1) / 2] as string;

beforeAll(async () => {
  files = (await ensureSampleStudy(dir, { which: 'sample-follow-up' })).files;
  ct = new Volume(ctFiles());
});

describe('follow-up study files', () => {
  it('are all there, and regenerated only when needed', async () => {
    expect(ctFiles().length).toBe(FOLLOW_UP_SCAN.ct.z.length);
    expect(mrFiles().length).toBe(FOLLOW_UP_SCAN.mr.x.length);
    expect((await ensureSampleStudy(dir, { which: 'sample-follow-up' })).generated).toBe(false);
  });

  it('index as one study of the baseline\'s patient, beside the baseline: same patient, another study, date and frame', async () => {
    // a few baseline files, generated in place (the baseline's own folder belongs to study.test.ts)
    const baseline = join(outputDir('sample'), 'follow-up-with-baseline');
    rmSync(baseline, { recursive: true, force: true });
    mkdirSync(baseline, { recursive: true });
    writeFileSync(join(baseline, 'CT0069.dcm'), ctSliceFile(PHANTOM, ctGrid(PHANTOM), 68));
    writeFileSync(join(baseline, 'MR0011.dcm'), mrSliceFile(PHANTOM, mrGrid(PHANTOM), 10));
    const index = await indexSources([dir, baseline]);
    expect(index.problems).toEqual([]);
    expect(index.patients.length).toBe(1);
    const patient = index.patients[0];
    const studies = patient?.studies ?? [];
    expect(studies.map((s) => s.uid).sort()).toEqual([FOLLOW_UP_UIDS.study, SAMPLE_UIDS.study].sort());
    const followUp = studies.find((s) => s.uid === FOLLOW_UP_UIDS.study);
    expect(followUp?.date).toBe(FOLLOW_UP_DATE);
    expect(followUp?.series.map((s) => s.uid).sort()).toEqual([FOLLOW_UP_UIDS.ctSeries, FOLLOW_UP_UIDS.mrSeries].sort());
    expect(new Set(followUp?.series.map((s) => s.frameOfReferenceUid))).toEqual(new Set([FOLLOW_UP_UIDS.frameOfReference]));
    const prior = studies.find((s) => s.uid === SAMPLE_UIDS.study);
    expect(prior?.series.every((s) => s.frameOfReferenceUid === SAMPLE_UIDS.frameOfReference)).toBe(true);
    expect(FOLLOW_UP_UIDS.frameOfReference).not.toBe(SAMPLE_UIDS.frameOfReference);
    const counts = followUp?.series.map((s) => s.stacks.reduce((n, st) => n + st.instances.length, 0)).sort((a, b) => a - b);
    expect(counts).toEqual([FOLLOW_UP_SCAN.mr.x.length, FOLLOW_UP_SCAN.ct.z.length]);
  });

  it('open in the app as "sample-follow-up": a session of the follow-up study that remembers which sample it is', async () => {
    const sessions = createStudySessions({ dataDir, lastStudyFile: join(mkdtempSync(join(tmpdir(), 'follow-up-')), 'last-study.json') });
    try {
      const id = await sessions.openSample('sample-follow-up');
      const index = await sessions.getIndex(id);
      expect(index.patients.flatMap((p) => p.studies.map((s) => s.uid))).toEqual([FOLLOW_UP_UIDS.study]);
      expect(index.sources).toEqual([dir]);
      expect(await sessions.initial()).toEqual({ status: 'open', sessionId: id, opened: 'current', source: { kind: 'sample', sample: 'sample-follow-up' } });
    } finally {
      sessions.closeAll();
    }
  });

  it('carry the same patient, the follow-up\'s study, and unique instances', () => {
    const seen = new Set<string>();
    for (const f of files) {
      const s = loadSlice(f).ds;
      expect(s.string('x00100010')).toBe(SAMPLE_PATIENT_NAME);
      expect(s.string('x00100020')).toBe(SAMPLE_PATIENT_ID);
      expect(s.string('x0020000d')).toBe(FOLLOW_UP_UIDS.study);
      expect(s.string('x00200052')).toBe(FOLLOW_UP_UIDS.frameOfReference);
      expect(s.string('x00080020')).toBe(FOLLOW_UP_DATE);
      expect(s.string('x00081030')).toBe(FOLLOW_UP_STUDY_DESCRIPTION);
      seen.add(s.string('x00080018') ?? '');
    }
    expect(seen.size).toBe(files.length);
  });

  it('read cleanly in dcmdump and pass dciodvfy without errors', () => {
    for (const f of [ctSliceAt(g.newLesion.centre[2]), midSagittal()]) {
      const r = run('dcmdump', ['-q', '+E', f]);
      expect(r.status, r.stderr).toBe(0);
      expect(dcmdumpProblems(r)).toEqual([]);
      expect(dciodvfyFindings(run('dciodvfy', [f])).errors, f).toEqual([]);
    }
  });
});

describe('known follow-up geometry, found in the CT pixels', () => {
  it('has bone at every declared body centre but L1 (tumour)', () => {
    for (const l of g.levels) {
      const hu = ct.sample(l.centre);
      if (l.name === 'L1') expect(hu).toBeLessThan(100);
      else expect(hu, l.name).toBeGreaterThan(180);
    }
  });

  it('shows the new T11 lesion: soft-tissue density at its centre, marrow in the rest of T11 and in the baseline there', () => {
    expect(ct.sample(g.newLesion.centre)).toBeLessThan(100);
    // the mirror point across the body's midline (the left half of T11) is intact marrow
    const t11 = level('T11');
    const local = invertTransform(g.transform, g.newLesion.centre);
    const mirrored = applyTransform(g.transform, [-local[0], local[1], local[2]]);
    expect(Math.hypot(...mirrored.map((v, i) => v - (t11.centre[i] ?? 0)))).toBeLessThan(t11.halfWidthMm);
    expect(ct.sample(mirrored)).toBeGreaterThan(180);
  });

  it('shows the progressed wedge: the anterior L1 height measured along its axis gives ~60% loss', () => {
    // Walk each body's axis 2.5 mm inside its anterior wall while HU exceeds 200 (as study.test.ts does). The
    // blurred cortex widens every height by a millimetre or two (more at L1, whose endplates are steep to the
    // slices); the normal neighbours T12 and L2 measure that widening, and it is taken off all three.
    const inset = 2.5;
    const measure = (l: LevelGeometry): { measured: number; expected: number } => {
      const aMid = (l.anteriorWallA + l.posteriorWallA) / 2;
      const base = add(l.inferiorEndplateCentre, l.posteriorDirection, l.anteriorWallA + inset - aMid);
      const frac = inset / (l.posteriorWallA - l.anteriorWallA);
      const expected = l.heightsMm.anterior + frac * (l.heightsMm.posterior - l.heightsMm.anterior);
      const mid = add(base, l.axis, expected / 2);
      let up = 0;
      while (ct.sample(add(mid, l.axis, up + 0.25)) > 200 && up < 40) up += 0.25;
      let down = 0;
      while (ct.sample(add(mid, l.axis, -(down + 0.25))) > 200 && down < 40) down += 0.25;
      expect(up + down, l.name).toBeGreaterThan(expected - 1);
      expect(up + down, l.name).toBeLessThan(expected + 3);
      return { measured: up + down, expected };
    };
    const [t12, l1, l2] = [measure(level('T12')), measure(level('L1')), measure(level('L2'))];
    const widening = (t12.measured - t12.expected + l2.measured - l2.expected) / 2;
    const loss = 100 * (1 - (l1.measured - widening) / ((t12.measured + l2.measured) / 2 - widening));
    // the truth at the same inset (the wedge is a little taller 2.5 mm in), and at the wall
    const truth = 100 * (1 - l1.expected / ((t12.expected + l2.expected) / 2));
    expect(Math.abs(loss - truth)).toBeLessThan(4);
    expect(loss).toBeGreaterThan(50);
    expect(g.lesion.anteriorHeightLossPct - truth).toBeLessThan(6);
  });
});

describe('known follow-up geometry, found in the MR pixels', () => {
  it('shows every body centre near the mid-sagittal plane as marrow, and the T11 lesion brighter than marrow', () => {
    const mr = new Volume(mrFiles());
    for (const l of g.levels.filter((x) => x.name !== 'L1')) {
      const v = mr.sample(l.centre);
      expect(v, l.name).toBeGreaterThan(250);
      expect(v, l.name).toBeLessThan(800);
    }
    const local = invertTransform(g.transform, g.newLesion.centre);
    const mirrored = applyTransform(g.transform, [-local[0], local[1], local[2]]);
    expect(mr.sample(g.newLesion.centre)).toBeGreaterThan(1.5 * mr.sample(mirrored));
  });

  it('cuts the canal near the middle slice: bright CSF below the conus, where the tilted spine crosses it', () => {
    // the sagittal slices are the scanner's, not the patient's: the spine tilted about AP crosses them
    expect(Math.abs(level('T10').centre[0] - level('L5').centre[0])).toBeGreaterThan(5);
    const mr = new Volume(mrFiles());
    for (const name of ['L2', 'L3', 'L4']) {
      const l = level(name);
      const slice = mr.nearestSlice(l.canalCentre);
      const { value, distance } = sampleSlice(slice, l.canalCentre);
      expect(distance, name).toBeLessThanOrEqual(1.5);
      expect(value, name).toBeGreaterThan(1.5 * sampleSlice(slice, l.centre).value);
    }
  });
});

describe('pictures for a human to look at', () => {
  it('renders the T11 and L1 slices and the mid-sagittal MR of the follow-up to PNG', () => {
    const out = outputDir('sample');
    const jobs: [string, string, string[]][] = [
      [ctSliceAt(g.newLesion.centre[2]), 'follow-up-ct-axial-T11.png', ['+Ww', '300', '1500']],
      [ctSliceAt(g.lesion.centre[2]), 'follow-up-ct-axial-L1.png', ['+Ww', '300', '1500']],
      [midSagittal(), 'follow-up-mr-sagittal-mid.png', ['+Ww', '800', '1700']],
    ];
    for (const [src, name, window] of jobs) {
      const r = run('dcmj2pnm', ['+on', '-il', ...window, '+Sxf', '2', src, join(out, name)]);
      expect(r.status, r.stderr).toBe(0);
    }
  });
});
