// One identity per study (shared/dicom/study-identity.ts), on real files made UID-less at run time: `cli index`
// tells two patients' blanked copies of the same MR series and UID-less CT slices apart, gives each a valid derived
// UID, and gives the same UIDs on every run, in any argument order, from any folder.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InstanceHeader } from '@shared/dicom/header';
import { buildPatients } from '@shared/dicom/grouping';
import type { IndexedObject } from '@shared/dicom/indexed-object';
import { isValidUid } from '@shared/dicom/write/uid';
import { makeUidlessStudies } from '../../support/uidless-studies';
import type { UidlessStudies } from '../../support/uidless-studies';
import { CORPUS, REPO } from './data';

interface SummaryStudy {
  uid: string;
  uidDerived?: boolean;
  series: { uid: string; uidDerived?: boolean; instances: number; stacks: unknown[]; problems: { code: string }[] }[];
}
interface Summary {
  patients: { name?: string; id?: string; studies: SummaryStudy[] }[];
}

function index(...paths: string[]): Summary {
  const r = spawnSync('npx', ['tsx', 'src-main/cli/main.ts', 'index', ...paths], { cwd: REPO, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`cli index failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Summary;
}

const studies = (s: Summary): { patient: string; study: SummaryStudy }[] =>
  s.patients.flatMap((p) => p.studies.map((study) => ({ patient: p.name ?? '', study })));
const identities = (s: Summary): Record<string, string> => Object.fromEntries(studies(s).map((x) => [x.patient, x.study.uid]));

let data: UidlessStudies;
beforeAll(() => {
  data = makeUidlessStudies();
});
afterAll(() => data.remove());

describe('cli index on UID-less copies of real studies', () => {
  it('gives three studies with valid, distinct, derived identities: the two patients are not merged', () => {
    const out = index(data.root);
    const found = studies(out);
    expect(found.map((f) => f.patient).sort()).toEqual(['ANON^THORACOLUMBAR_CT', 'OTHER^ALPHA', 'OTHER^BETA']);
    for (const { study } of found) {
      expect(isValidUid(study.uid), study.uid).toBe(true);
      expect(study.uidDerived).toBe(true);
      for (const s of study.series) {
        expect(isValidUid(s.uid), s.uid).toBe(true);
        expect(s.uidDerived).toBe(true);
        expect(s.problems.map((p) => p.code)).toContain('missing-uid');
      }
    }
    expect(new Set(found.map((f) => f.study.uid)).size).toBe(3);
    // Each study keeps its own images: the MR copies still form the real series' 4 angled stacks of 3.
    const byName = Object.fromEntries(found.map((f) => [f.patient, f.study]));
    for (const name of ['OTHER^ALPHA', 'OTHER^BETA']) {
      expect(byName[name]?.series.map((s) => [s.instances, s.stacks.length])).toEqual([[12, 4]]);
    }
    expect(byName['ANON^THORACOLUMBAR_CT']?.series.map((s) => s.instances)).toEqual([7]);
    expect(new Set(found.flatMap((f) => f.study.series.map((s) => s.uid))).size).toBe(3);
  });

  it('gives the same identities on every run, in any order and from any folder', () => {
    const first = identities(index(data.root));
    const moved = mkdtempSync(join(tmpdir(), 'uidless-moved-'));
    try {
      cpSync(data.root, join(moved, 'elsewhere', 'renamed'), { recursive: true });
      const runs = [
        { name: 'again', out: index(data.root) },
        { name: 'reversed arguments', out: index(data.ct, data.beta, data.alpha) },
        { name: 'copied to another folder', out: index(join(moved, 'elsewhere', 'renamed')) },
      ];
      for (const run of runs) expect(identities(run.out), run.name).toEqual(first);
    } finally {
      rmSync(moved, { recursive: true, force: true });
    }
  });

  it('gives real corpus files that already lack UIDs a study each, never one shared placeholder', () => {
    const files = [
      join(CORPUS, 'fo-dicom/Tests/FO-DICOM.Tests/Test Data/GH340.dcm'), // MR without study, series or SOP UID
      join(CORPUS, 'orthanc-tests/Database/Issue196.dcm'), // no study or series UID, no patient
    ];
    const found = studies(index(...files));
    expect(found).toHaveLength(2);
    for (const { study } of found) expect(isValidUid(study.uid), study.uid).toBe(true);
    expect(new Set(found.map((f) => f.study.uid)).size).toBe(2);
  });
});

let counter = 0;
function object(h: Partial<InstanceHeader>): IndexedObject {
  counter++;
  return {
    id: `id${counter}`,
    file: counter,
    label: `f${counter}`,
    header: {
      encoding: 'part10', pixelSpacingSource: 'PixelSpacing', numberOfFrames: 1, hasPixelData: true,
      isWorklistItem: false, isQueryIdentifier: false, warnings: [], sopClassUid: '1.2.840.10008.5.1.4.1.1.4',
      rows: 4, columns: 4, modality: 'MR', ...h,
    },
  };
}

describe('buildPatients: which files make one study', () => {
  const cases: { name: string; objects: () => IndexedObject[]; studies: number; derived: boolean[]; conflict: boolean }[] = [
    {
      name: 'a valid StudyInstanceUID is the identity',
      objects: () => [object({ studyInstanceUid: '1.2.3', seriesInstanceUid: '1.2.3.1', sopInstanceUid: '1.2.3.1.1', patientId: 'P' })],
      studies: 1, derived: [false], conflict: false,
    },
    {
      name: 'one StudyInstanceUID on two patients: kept apart, both derived, conflict reported',
      objects: () => ['ALPHA', 'BETA'].map((p) => object({ studyInstanceUid: '1.2.3', seriesInstanceUid: '1.2.3.1', sopInstanceUid: '1.2.3.1.1', patientName: p })),
      studies: 2, derived: [true, true], conflict: true,
    },
    {
      name: 'an invalid StudyInstanceUID is not used',
      objects: () => [object({ studyInstanceUid: 'missing:study', sopInstanceUid: '1.5.1', patientId: 'P' })],
      studies: 1, derived: [true], conflict: false,
    },
    {
      name: 'no UIDs, same patient and study date: one study',
      objects: () => [1, 2].map((n) => object({ patientId: 'P', studyDate: '20200101', instanceNumber: n })),
      studies: 1, derived: [true], conflict: false,
    },
    {
      name: 'no UIDs, same patient, two study dates: two studies',
      objects: () => ['20200101', '20210101'].map((d) => object({ patientId: 'P', studyDate: d })),
      studies: 2, derived: [true, true], conflict: false,
    },
    {
      name: 'no UIDs, same name, different birth dates: two patients',
      objects: () => ['19500101', '19600101'].map((b) => object({ patientName: 'DOE^J', patientBirthDate: b })),
      studies: 2, derived: [true, true], conflict: false,
    },
  ];
  it.each(cases)('$name', ({ objects, studies: count, derived, conflict }) => {
    const made = objects();
    const patients = buildPatients(made);
    const all = patients.flatMap((p) => p.studies);
    expect(all).toHaveLength(count);
    expect(all.map((s) => s.uidDerived === true)).toEqual(derived);
    for (const s of all) expect(isValidUid(s.uid), s.uid).toBe(true);
    expect(new Set(all.map((s) => s.uid)).size).toBe(count);
    const stackIds = all.flatMap((s) => s.series.flatMap((se) => se.stacks.map((k) => k.id)));
    expect(new Set(stackIds).size).toBe(stackIds.length);
    expect(all.some((s) => s.series.some((se) => se.problems.some((p) => p.code === 'uid-conflict')))).toBe(conflict);
    expect(buildPatients([...made].reverse())).toEqual(patients);
  });
});
