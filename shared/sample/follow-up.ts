// The follow-up sample: the same synthetic patient scanned again months later. The L1 collapse has progressed
// (anterior height ~60% lost, from ~38%) and a new lytic lesion has appeared in the T11 body. The patient lies
// shifted and turned on the table (a known rigid transform), so the study has its own frame of reference and
// shares none with the baseline: only the vertebral levels link the two. Everything is known exactly
// (FOLLOW_UP_GEOMETRY, in the follow-up's own LPS coordinates) so tests can check the level link and the
// measured collapse against the truth.
import { uidFromSeed } from '../dicom/write';
import { createAnatomy } from './anatomy';
import { ctGrid } from './ct-series';
import type { SampleIdentity, SampleUids } from './identity';
import { SAMPLE_PATIENT_ID, SAMPLE_PATIENT_NAME, SAMPLE_TIME } from './identity';
import { mrGrid } from './mr-series';
import type { Ellipsoid, LesionGeometry, LevelGeometry, PhantomGeometry, PhantomModel, Vec3 } from './phantom';
import { PHANTOM, buildPhantom, toPatient } from './phantom';
import type { RigidTransform } from './placement';
import { applyTransform, placedAnatomy, rigidTransform, rotate } from './placement';
import type { SampleFile, SampleScan } from './study';
import { scanFiles, scanPaths } from './study';

/** Bump when the follow-up's files change in any way (the baseline has its own SAMPLE_GENERATOR_VERSION). */
export const FOLLOW_UP_GENERATOR_VERSION = 1;

const seed = (what: string): string => uidFromSeed(`spine-met-annotator/sample-follow-up/v${FOLLOW_UP_GENERATOR_VERSION}/${what}`);

export const FOLLOW_UP_UIDS: SampleUids = {
  study: seed('study'),
  frameOfReference: seed('frame-of-reference'),
  ctSeries: seed('series/ct'),
  mrSeries: seed('series/mr'),
  instance: (series: 'ct' | 'mr', instanceNumber: number): string => seed(`instance/${series}/${instanceNumber}`),
};

/** Fifteen weeks after the baseline's 2000-01-01: a usual restaging interval. */
export const FOLLOW_UP_DATE = '20000415';
export const FOLLOW_UP_STUDY_DESCRIPTION = 'Sample spine phantom follow-up (synthetic)';
/** Same patient as the baseline (name and ID): the app must treat the two as one patient's prior and current. */
export const FOLLOW_UP_PATIENT = { name: SAMPLE_PATIENT_NAME, id: SAMPLE_PATIENT_ID } as const;

export const FOLLOW_UP_IDENTITY: SampleIdentity = {
  uids: FOLLOW_UP_UIDS,
  date: FOLLOW_UP_DATE,
  time: SAMPLE_TIME,
  studyDescription: FOLLOW_UP_STUDY_DESCRIPTION,
  studyId: 'PHANTOM2',
  softwareVersion: `sample-follow-up-generator-${FOLLOW_UP_GENERATOR_VERSION}`,
  // the same noise model (SDs, Rician MR floor), another draw
  noiseSeeds: { ct: 0x5eed1c7, mr: 0x5eed1a2 },
};

/**
 * Where the patient lies in the follow-up scanner: tilted 4° about the left-right axis (head towards anterior),
 * 3° about the anterior-posterior axis, and moved 6 mm left, 9 mm anterior and 23 mm up the table.
 */
export const FOLLOW_UP_TRANSFORM: RigidTransform = rigidTransform(4, 3, [6, -9, 23]);

/** Anterior height of L1 at follow-up: 60% below the 25 mm reference (mean of T12's and L2's anterior heights). */
const FOLLOW_UP_L1_ANTERIOR_MM = 10;

/** The new T11 lesion, a lytic focus in the right anterior half of the body (T11's frame: x, a, s). */
const T11_LESION: Ellipsoid = { x: -7, a: -2, s: 11, rx: 7, ra: 7, rs: 6.5 };

/**
 * The follow-up phantom in the baseline's coordinates: built like the baseline from S1 up with S1 where it was
 * (PHANTOM.placement), so S1 to L2 are exactly the baseline's and only L1 and above move with the collapse.
 */
export const FOLLOW_UP_PHANTOM: PhantomModel = buildPhantom({
  lesionAnteriorHeightMm: FOLLOW_UP_L1_ANTERIOR_MM,
  placement: PHANTOM.placement,
  otherLyticBodies: [{ level: 'T11', shape: T11_LESION }],
  lesionDescription: 'Lytic metastasis of the left posterolateral body and left pedicle with progressive anterior wedge collapse and a small left anterolateral epidural component deforming the thecal sac without cord contact',
});

export interface NewLesionGeometry {
  readonly level: 'T11';
  readonly kind: 'lytic';
  readonly side: 'right';
  readonly description: string;
  /** Centre of the lytic focus (follow-up LPS mm). */
  readonly centre: Vec3;
  /** Its semi-axes across (x), along the endplate (a) and along the body axis (s), mm. */
  readonly radiiMm: { readonly x: number; readonly a: number; readonly s: number };
}

export interface FollowUpGeometry extends PhantomGeometry {
  /** Scanner (follow-up LPS) = R · phantom + t; phantom coordinates are the baseline's LPS from S1 to L2. */
  readonly transform: RigidTransform;
  readonly newLesion: NewLesionGeometry;
  readonly studyDate: string;
}

function placeLevel(t: RigidTransform, l: LevelGeometry): LevelGeometry {
  return {
    ...l,
    centre: applyTransform(t, l.centre),
    axis: rotate(t, l.axis),
    posteriorDirection: rotate(t, l.posteriorDirection),
    inferiorEndplateCentre: applyTransform(t, l.inferiorEndplateCentre),
    superiorEndplateCentre: applyTransform(t, l.superiorEndplateCentre),
    canalCentre: applyTransform(t, l.canalCentre),
  };
}

function placeLesion(t: RigidTransform, l: LesionGeometry): LesionGeometry {
  return {
    ...l,
    centre: applyTransform(t, l.centre),
    pedicleCentre: applyTransform(t, l.pedicleCentre),
    epidural: { ...l.epidural, centre: applyTransform(t, l.epidural.centre) },
  };
}

function describeFollowUp(model: PhantomModel, t: RigidTransform): FollowUpGeometry {
  const g = model.geometry;
  const t11 = model.levels.find((l) => l.spec.name === 'T11');
  if (t11 === undefined) throw new Error('the phantom has no T11');
  return {
    levels: g.levels.map((l) => placeLevel(t, l)),
    lesion: placeLesion(t, g.lesion),
    conusTip: applyTransform(t, g.conusTip),
    conusLevel: g.conusLevel,
    transform: t,
    newLesion: {
      level: 'T11',
      kind: 'lytic',
      side: 'right',
      description: 'New lytic metastasis of the right anterior T11 vertebral body, without collapse',
      centre: applyTransform(t, toPatient(t11.segment, T11_LESION.x, T11_LESION.a, T11_LESION.s)),
      radiiMm: { x: T11_LESION.rx, a: T11_LESION.ra, s: T11_LESION.rs },
    },
    studyDate: FOLLOW_UP_DATE,
  };
}

/** The follow-up's known geometry, in its own patient coordinates. */
export const FOLLOW_UP_GEOMETRY: FollowUpGeometry = describeFollowUp(FOLLOW_UP_PHANTOM, FOLLOW_UP_TRANSFORM);

/** The follow-up acquisition: grids centred where the shifted patient lies, with a little more margin in z. */
export const FOLLOW_UP_SCAN: SampleScan = {
  model: FOLLOW_UP_PHANTOM,
  ct: ctGrid({ geometry: FOLLOW_UP_GEOMETRY }, { x: FOLLOW_UP_TRANSFORM.translation[0], y: FOLLOW_UP_TRANSFORM.translation[1] - 8, above: 20, below: 40 }),
  mr: mrGrid({ geometry: FOLLOW_UP_GEOMETRY }, { x: FOLLOW_UP_TRANSFORM.translation[0], y: FOLLOW_UP_TRANSFORM.translation[1] + 10 }),
  identity: FOLLOW_UP_IDENTITY,
  anatomy: () => placedAnatomy(createAnatomy(FOLLOW_UP_PHANTOM), FOLLOW_UP_TRANSFORM),
};

/** Relative paths of every follow-up file, in generation order (same folders as the baseline). */
export function followUpStudyPaths(): string[] {
  return scanPaths(FOLLOW_UP_SCAN);
}

/** Generates the follow-up's files one at a time. */
export function followUpStudyFiles(): Generator<SampleFile> {
  return scanFiles(FOLLOW_UP_SCAN);
}
