// A complete, scored annotation document for the built-in sample study (synthetic phantom): labels T11–L3 on the
// mid-sagittal MR slice, the L1 lytic lesion with its heights measured from the phantom's known geometry, a renal
// cell patient context with every prognosis input. Built in code so it follows the phantom if the phantom changes.
import { createDocument, defaultLesion } from '@shared/annotation/defaults';
import type { AnnotationDocument, BodyHeights, LpsPoint } from '@shared/annotation/schema';
import { RULES_VERSION } from '@shared/scoring/index';
import { MR_IMAGE_STORAGE, PHANTOM_GEOMETRY, SAGITTAL_ORIENTATION, SAMPLE_UIDS, mrGrid, PHANTOM } from '@shared/sample';
import type { SeriesInfo, StudyInfo } from '@shared/report/study-info';
import type { LevelGeometry, LevelName } from '@shared/sample';

export const SAMPLE_DOC_TIME = '2025-03-01T10:00:00.000Z';
export const SAMPLE_READER = 'Dr Sample Reader';

/** The MR slice nearest x = 0 (mid-sagittal), 1-based instance number. */
export function midSagittalInstance(): { sopInstanceUID: string; frame: number } {
  const xs = mrGrid(PHANTOM).x;
  let best = 0;
  xs.forEach((x, i) => {
    if (Math.abs(x) < Math.abs(xs[best] ?? Infinity)) best = i;
  });
  return { sopInstanceUID: SAMPLE_UIDS.instance('mr', best + 1), frame: 0 };
}

function level(name: LevelName): LevelGeometry {
  const found = PHANTOM_GEOMETRY.levels.find((l) => l.name === name);
  if (found === undefined) throw new Error(`phantom has no ${name}`);
  return found;
}

const add = (p: readonly number[], d: readonly number[], k: number): LpsPoint => [
  (p[0] ?? 0) + (d[0] ?? 0) * k,
  (p[1] ?? 0) + (d[1] ?? 0) * k,
  (p[2] ?? 0) + (d[2] ?? 0) * k,
];

/** Endplate-to-endplate segments at the anterior wall, the middle and the posterior wall, from the known heights. */
export function phantomHeights(name: LevelName): BodyHeights {
  const g = level(name);
  const at = (a: number, height: number): [LpsPoint, LpsPoint] => {
    const bottom = add(g.inferiorEndplateCentre, g.posteriorDirection, a);
    return [bottom, add(bottom, g.axis, height)];
  };
  return {
    level: name,
    anterior: at(g.anteriorWallA, g.heightsMm.anterior),
    middle: at((g.anteriorWallA + g.posteriorWallA) / 2, g.heightsMm.middle),
    posterior: at(g.posteriorWallA, g.heightsMm.posterior),
  };
}

export function sampleDocument(): AnnotationDocument {
  const doc = createDocument({
    studyInstanceUID: SAMPLE_UIDS.study,
    readerName: SAMPLE_READER,
    now: SAMPLE_DOC_TIME,
    appVersion: '0.1.0',
    rulesVersion: RULES_VERSION,
  });
  const source = midSagittalInstance();
  const frameOfReferenceUID = SAMPLE_UIDS.frameOfReference;
  doc.spine = { countingMethod: 'whole-spine-localizer', variants: { thoracicCount: 12, lumbarCount: 5, castellvi: null } };
  doc.labels = (['T11', 'T12', 'L1', 'L2', 'L3'] as const).map((name) => ({
    id: `lbl-${name}`,
    label: name,
    point: [...level(name).centre] as LpsPoint,
    frameOfReferenceUID,
    sourceInstance: source,
    proposed: false,
  }));
  doc.measurements = [
    {
      id: 'm-heights-L1',
      kind: 'vertebral-heights',
      frameOfReferenceUID,
      sourceInstance: source,
      note: '',
      index: phantomHeights('L1'),
      above: phantomHeights('T12'),
      below: phantomHeights('L2'),
    },
  ];
  const lesion = defaultLesion('les-1', ['L1']);
  doc.lesions = [
    {
      ...lesion,
      pain: 'mechanical',
      boneLesion: 'lytic',
      alignment: { value: 'normal', source: 'reader', measurementIds: [] },
      collapse: { value: 'lt50', source: 'measurement-confirmed', measurementId: 'm-heights-L1' },
      posterolateral: 'unilateral',
      escc: '1b',
      cordSignalChange: false,
      caudaEquina: false,
      note: 'Left pedicle involved.',
    },
  ];
  doc.patient = {
    ...doc.patient,
    histology: 'renal_cell',
    myelopathy: false,
    frankel: 'E',
    asia: 'E',
    ambulatory: 'ambulatory',
    emergency: {
      rapidWeaknessProgression: false,
      newInabilityToWalk: false,
      newBladderDysfunction: false,
      bilateralSymptoms: false,
      completeParalysisHours: null,
    },
    ecog: 1,
    kps: 70,
    canTolerateSurgery: 'yes',
    prognosis: {
      extraspinalBoneMetastases: 1,
      vertebralMetastases: 1,
      // Asked once: the renal cell histology and "no visceral metastases" derive the rest (kidney group, moderate
      // growth, not lung, favourable primary, no visceral metastases in each score).
      visceral: 'none',
      visceralMetastases: null,
      tokuhashiPrimary: null,
      tomitaPrimaryGrowth: null,
      tomitaVisceral: null,
      boneMetastases: 'solitary',
      bauer: { visceralMetastases: null, lungPrimary: null, favourablePrimary: null, solitarySkeletal: true },
    },
    referringQuestion: 'Known renal cell carcinoma, new back pain: metastasis? stability?',
  };
  doc.report = {
    impression: 'Solitary lytic L1 metastasis with <50% collapse and low-grade epidural disease (ESCC 1b). SINS indeterminate.',
    impressionSource: 'edited',
    freeText: '',
    keyImages: [],
  };
  return doc;
}

/**
 * StudyInfo for the sample study without reading files: the mid-sagittal MR slice with its geometry (enough for
 * SR coordinates) and identifiers that can be overridden, so a de-identification audit has real values to hunt.
 */
export function sampleStudyInfo(overrides: Partial<Omit<StudyInfo, 'series'>> = {}): StudyInfo {
  const grid = mrGrid(PHANTOM);
  const mid = midSagittalInstance();
  const index = grid.x.findIndex((_, i) => SAMPLE_UIDS.instance('mr', i + 1) === mid.sopInstanceUID);
  return {
    studyInstanceUID: SAMPLE_UIDS.study,
    patientName: 'PHANTOM^SPINE',
    patientId: 'SYNTHETIC-0001',
    patientBirthDate: '',
    patientSex: 'O',
    studyDate: '20000101',
    studyTime: '120000',
    studyId: 'PHANTOM1',
    studyDescription: 'Sample spine phantom (synthetic)',
    accessionNumber: '',
    referringPhysician: '',
    institutionName: '',
    modalities: ['MR'],
    ...overrides,
    series: ([
      {
        uid: SAMPLE_UIDS.mrSeries,
        number: 2,
        modality: 'MR',
        description: 'MR sag T2 (synthetic)',
        orientation: 'sagittal' as const,
        frameOfReferenceUID: SAMPLE_UIDS.frameOfReference,
        rows: grid.rows,
        columns: grid.columns,
        pixelSpacing: [grid.pixelSpacing, grid.pixelSpacing] as const,
        imageOrientationPatient: [...SAGITTAL_ORIENTATION],
        instances: grid.x.map((x, i) => ({
          sopInstanceUID: SAMPLE_UIDS.instance('mr', i + 1),
          sopClassUID: MR_IMAGE_STORAGE,
          frame: 0,
          imagePositionPatient: [x, grid.y0, grid.z0] as const,
        })),
      },
    ] satisfies SeriesInfo[]).filter(() => index >= 0),
  };
}
