// The generated sample study on disk: valid DICOM (dcmtk, dicom3tools, pydicom), one study and frame of
// reference, deterministic, and the known geometry found again in the pixels through the files' own geometry.
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CT_FOLDER, MR_FOLDER, PHANTOM, PHANTOM_GEOMETRY, SAMPLE_PATIENT_NAME, SAMPLE_STUDY_DESCRIPTION, SAMPLE_UIDS, ctGrid, ctSliceFile, mrGrid,
} from '@shared/sample';
import type { LevelGeometry, Vec3 } from '@shared/sample';
import { ensureSampleStudy } from '../../../src-main/services/sample-study';
import { PYTHON, dciodvfyFindings, dcmdumpProblems, outputDir, run } from '../dicom-write/external-tools';
import { Volume, loadSlice, sampleSlice } from './volume';

const g = PHANTOM_GEOMETRY;
const dir = join(outputDir('sample'), 'study');
let files: string[] = [];
let ct: Volume;
const ctFiles = (): string[] => files.filter((f) => f.includes(`${CT_FOLDER}`));
const mrFiles = (): string[] => files.filter((f) => f.includes(`${MR_FOLDER}`));
const level = (name: string): LevelGeometry => g.levels.find((l) => l.name === name) as LevelGeometry;
const add = (p: Vec3, v: Vec3, k: number): Vec3 => [p[0] + k * v[0], p[1] + k * v[1], p[2] + k * v[2]];

/** CT slice nearest a patient z. */
const ctSliceAt = (z: number): string => {
  const grid = ctGrid(PHANTOM);
  let best = 0;
  grid.z.forEach((v, i) => { if (Math.abs(v - z) < Math.abs((grid.z[best] ?? 0) - z)) best = i; });
  return ctFiles()[best] as string;
};
const midSagittal = (): string => mrFiles()[mrGrid(PHANTOM).x.indexOf(0)] as string;

beforeAll(async () => {
  files = (await ensureSampleStudy(dir)).files;
  ct = new Volume(ctFiles());
});

describe('sample study files', () => {
  it('are all there, small, and regenerated only when needed', async () => {
    expect(ctFiles().length).toBe(ctGrid(PHANTOM).z.length);
    expect(mrFiles().length).toBe(21);
    const total = files.reduce((n, f) => n + statSync(f).size, 0);
    expect(total).toBeLessThan(40 * 1024 * 1024);
    expect((await ensureSampleStudy(dir)).generated).toBe(false);
    const victim = mrFiles()[3] as string;
    rmSync(victim);
    const again = await ensureSampleStudy(dir);
    expect(again.generated).toBe(true);
    expect(existsSync(victim)).toBe(true);
  });

  it('share one study and frame of reference, with unique instances, for a synthetic patient', () => {
    const seen = new Set<string>();
    for (const f of files) {
      const s = loadSlice(f).ds;
      expect(s.string('x0020000d')).toBe(SAMPLE_UIDS.study);
      expect(s.string('x00200052')).toBe(SAMPLE_UIDS.frameOfReference);
      expect(s.string('x00100010')).toBe(SAMPLE_PATIENT_NAME);
      expect(s.string('x00081030')).toBe(SAMPLE_STUDY_DESCRIPTION);
      seen.add(s.string('x00080018') ?? '');
    }
    expect(seen.size).toBe(files.length);
    expect(loadSlice(ctFiles()[0] as string).ds.string('x0020000e')).toBe(SAMPLE_UIDS.ctSeries);
    expect(loadSlice(mrFiles()[0] as string).ds.string('x0020000e')).toBe(SAMPLE_UIDS.mrSeries);
  });

  it('are deterministic: regenerating a slice gives the same bytes as the file on disk', () => {
    const i = 40;
    const again = ctSliceFile(PHANTOM, ctGrid(PHANTOM), i);
    expect(Buffer.from(again).equals(readFileSync(ctFiles()[i] as string))).toBe(true);
    expect(SAMPLE_UIDS.study).toMatch(/^2\.25\.\d+$/);
  });

  it('read cleanly in dcmdump and pydicom', () => {
    for (const f of [ctSliceAt(g.lesion.centre[2]), midSagittal()]) {
      const r = run('dcmdump', ['-q', '+E', f]);
      expect(r.status, r.stderr).toBe(0);
      expect(dcmdumpProblems(r)).toEqual([]);
    }
    const script = [
      'import sys, pydicom',
      'c = pydicom.dcmread(sys.argv[1]); m = pydicom.dcmread(sys.argv[2])',
      'assert c.SOPClassUID == "1.2.840.10008.5.1.4.1.1.2" and m.SOPClassUID == "1.2.840.10008.5.1.4.1.1.4"',
      'assert c.FrameOfReferenceUID == m.FrameOfReferenceUID and c.StudyInstanceUID == m.StudyInstanceUID',
      'assert c.pixel_array.shape == (256, 256) and m.pixel_array.shape == (256, 256)',
      'assert float(c.RescaleIntercept) == -1024 and float(c.RescaleSlope) == 1',
      'assert [float(v) for v in m.ImageOrientationPatient] == [0, 1, 0, 0, 0, -1]',
      'print(int(c.pixel_array.max()), int(m.pixel_array.max()))',
    ].join('\n');
    const r = run(PYTHON, ['-c', script, ctSliceAt(0), midSagittal()]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^\d+ \d+/);
  });

  it('pass dciodvfy without errors (CT and MR)', () => {
    for (const f of [ctSliceAt(0), midSagittal()]) {
      const findings = dciodvfyFindings(run('dciodvfy', [f]));
      expect(findings.errors, f).toEqual([]);
      if (findings.warnings.length > 0) console.log(`dciodvfy warnings for ${f}:\n${findings.warnings.join('\n')}`);
    }
  });
});

describe('known geometry, found in the CT pixels', () => {
  it('has bone at every declared vertebral centre', () => {
    for (const l of g.levels) {
      const hu = ct.sample(l.centre);
      if (l.name === g.lesion.level) continue;
      expect(hu, l.name).toBeGreaterThan(180);
    }
  });

  it('shows the lytic lesion as soft-tissue density in the body and the left pedicle', () => {
    expect(ct.sample(g.lesion.centre)).toBeLessThan(100);
    expect(ct.sample(g.lesion.pedicleCentre)).toBeLessThan(120);
    const right: Vec3 = [-g.lesion.pedicleCentre[0], g.lesion.pedicleCentre[1], g.lesion.pedicleCentre[2]];
    expect(ct.sample(right)).toBeGreaterThan(200);
  });

  it('shows the wedge: anterior heights measured on the CT give the declared loss', () => {
    // walk each body's axis just inside its anterior wall; the body is where HU exceeds 200
    const anteriorHeight = (l: LevelGeometry): number => {
      const a = l.anteriorWallA + 2.5;
      const aMid = (l.anteriorWallA + l.posteriorWallA) / 2;
      const base = add(l.inferiorEndplateCentre, l.posteriorDirection, a - aMid);
      const frac = 2.5 / (l.posteriorWallA - l.anteriorWallA);
      const expected = l.heightsMm.anterior + frac * (l.heightsMm.posterior - l.heightsMm.anterior);
      const mid = add(base, l.axis, expected / 2);
      let up = 0;
      while (ct.sample(add(mid, l.axis, up + 0.25)) > 200 && up < 40) up += 0.25;
      let down = 0;
      while (ct.sample(add(mid, l.axis, -(down + 0.25))) > 200 && down < 40) down += 0.25;
      const measured = up + down;
      expect(measured, l.name).toBeGreaterThan(expected - 2);
      expect(measured, l.name).toBeLessThan(expected + 2);
      return measured;
    };
    const lesion = anteriorHeight(level(g.lesion.level));
    const ref = (anteriorHeight(level('T12')) + anteriorHeight(level('L2'))) / 2;
    const loss = 100 * (1 - lesion / ref);
    expect(Math.abs(loss - g.lesion.anteriorHeightLossPct)).toBeLessThan(6);
  });
});

describe('known geometry, found in the MR pixels', () => {
  it('cuts the canal with the mid-sagittal slice: CSF bright below the conus, cord darker above', () => {
    const mid = loadSlice(midSagittal());
    for (const l of g.levels) {
      const { value, distance } = sampleSlice(mid, l.canalCentre);
      expect(distance).toBeLessThan(0.01);
      const body = sampleSlice(mid, l.centre).value;
      if (l.canalCentre[2] < g.conusTip[2]) expect(value, l.name).toBeGreaterThan(1.5 * body);
      else expect(value, l.name).toBeLessThan(1.4 * body + 200);
    }
  });

  it('places the MR in the CT frame: body centres are marrow on the MR too', () => {
    const mid = loadSlice(midSagittal());
    for (const l of g.levels.filter((x) => x.name !== g.lesion.level)) {
      const v = sampleSlice(mid, l.centre).value;
      expect(v, l.name).toBeGreaterThan(250);
      expect(v, l.name).toBeLessThan(800);
    }
  });
});

describe('pictures for a human to look at', () => {
  it('renders the lesion slice, a normal slice and the mid-sagittal MR to PNG', () => {
    const out = outputDir('sample');
    const jobs: [string, string, string[]][] = [
      [ctSliceAt(g.lesion.centre[2]), 'ct-axial-lesion-L1.png', ['+Ww', '300', '1500']],
      [ctSliceAt(level('L3').centre[2]), 'ct-axial-normal-L3.png', ['+Ww', '300', '1500']],
      [ctSliceAt(g.lesion.centre[2]), 'ct-axial-lesion-L1-soft.png', ['+Ww', '40', '400']],
      [midSagittal(), 'mr-sagittal-mid.png', ['+Ww', '800', '1700']],
    ];
    for (const [src, name, window] of jobs) {
      const target = join(out, name);
      const r = run('dcmj2pnm', ['+on', '-il', ...window, '+Sxf', '2', src, target]);
      expect(r.status, r.stderr).toBe(0);
      expect(statSync(target).size).toBeGreaterThan(1000);
    }
  });
});
