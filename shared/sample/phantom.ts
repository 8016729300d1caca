// The spine phantom's geometry: vertebral bodies and discs stacked as wedges along a sagittal curve
// (lordosis from wedged lumbar discs, a focal kyphosis from the collapsed level), and the KNOWN values the
// tests and the app rely on (centres in patient LPS mm, heights, the lesion and its true height loss).
//
// Patient coordinates are DICOM LPS: +x patient left, +y posterior, +z superior. Each vertebra and disc has a
// local frame: x as in the patient, `a` along its endplate (posterior +), `s` along its axis (superior +),
// origin at the centre of its lower endplate. Consecutive segments share a boundary plane exactly.

export type Vec3 = readonly [number, number, number];
export type LevelName = 'T10' | 'T11' | 'T12' | 'L1' | 'L2' | 'L3' | 'L4' | 'L5' | 'S1';

interface LevelSpec {
  readonly name: LevelName;
  /** Body half width (x) and half depth (a), mm. */
  readonly rx: number;
  readonly ra: number;
  /** Anterior and posterior body heights, mm (equal unless the level is wedged). */
  readonly ha: number;
  readonly hp: number;
  /** Canal half width and half depth, mm. */
  readonly canalRx: number;
  readonly canalRa: number;
  readonly spinousLength: number;
  /** How steeply the spinous process points down (s per mm of a): thoracic ones slope more. */
  readonly spinousSlope: number;
  readonly transverseLength: number;
  /** Disc below this level: anterior and posterior heights, mm (none for S1). */
  readonly discBelow: readonly [number, number] | null;
}

/** The lesion level's body, before collapse, would be 25 mm; its anterior height is set to 62% of its neighbours'. */
const LEVEL_SPECS: readonly LevelSpec[] = [
  { name: 'S1', rx: 25, ra: 17, ha: 30, hp: 30, canalRx: 12, canalRa: 7, spinousLength: 14, spinousSlope: 0.3, transverseLength: 0, discBelow: null },
  { name: 'L5', rx: 24, ra: 17, ha: 26, hp: 26, canalRx: 12, canalRa: 8, spinousLength: 20, spinousSlope: 0.25, transverseLength: 18, discBelow: [12, 7] },
  { name: 'L4', rx: 23, ra: 17, ha: 27, hp: 27, canalRx: 11.5, canalRa: 8, spinousLength: 25, spinousSlope: 0.2, transverseLength: 21, discBelow: [12, 8] },
  { name: 'L3', rx: 22, ra: 16.5, ha: 27, hp: 27, canalRx: 11, canalRa: 8, spinousLength: 26, spinousSlope: 0.2, transverseLength: 25, discBelow: [11, 8] },
  { name: 'L2', rx: 21, ra: 16, ha: 26.5, hp: 26.5, canalRx: 10.5, canalRa: 8, spinousLength: 26, spinousSlope: 0.2, transverseLength: 20, discBelow: [10, 7.5] },
  { name: 'L1', rx: 20, ra: 15.5, ha: 15.5, hp: 24.5, canalRx: 10, canalRa: 8, spinousLength: 25, spinousSlope: 0.25, transverseLength: 14, discBelow: [9, 7] },
  { name: 'T12', rx: 19, ra: 15, ha: 23.5, hp: 23.5, canalRx: 9, canalRa: 7.5, spinousLength: 26, spinousSlope: 0.45, transverseLength: 10, discBelow: [7.5, 6.5] },
  { name: 'T11', rx: 18, ra: 14.5, ha: 22, hp: 22, canalRx: 8.5, canalRa: 7.5, spinousLength: 27, spinousSlope: 0.7, transverseLength: 12, discBelow: [5.5, 6] },
  { name: 'T10', rx: 17, ra: 14, ha: 21, hp: 21, canalRx: 8.5, canalRa: 7.5, spinousLength: 28, spinousSlope: 0.9, transverseLength: 14, discBelow: [5, 6] },
];

/** Axis tilt of S1 (degrees, + = top tilted anteriorly); the discs' wedges turn it back (lordosis). */
const SACRAL_TILT_DEG = 15;

/** Posterior wall of a body sits at this fraction of its half depth (the posterior border is flattened). */
export const POSTERIOR_WALL_FRACTION = 0.85;

/** A wedge-shaped slab (body or disc) in the sagittal plane. */
export interface Segment {
  readonly kind: 'body' | 'disc';
  /** Index into `levels` (for a disc: the level above it). */
  readonly level: number;
  /** Lower-endplate centre (y, z) and axis tilt phi (rad, + = anterior). */
  readonly oy: number;
  readonly oz: number;
  readonly phi: number;
  readonly cos: number;
  readonly sin: number;
  /** Height at a = 0 and its change per mm of a (posterior +): top(a) = h0 + slope * a. */
  readonly h0: number;
  readonly slope: number;
  /** Distance along the spine (sum of h0 below), for the cord/conus. */
  readonly t0: number;
}

export interface Level {
  readonly spec: LevelSpec;
  readonly segment: Segment;
  /** Posterior wall a (at x = 0) and canal centre a, in the level's frame. */
  readonly posteriorWall: number;
  readonly canalCentre: number;
}

export interface LevelGeometry {
  readonly name: LevelName;
  /** Body centre (LPS mm): middle of the middle height, halfway between the anterior and posterior walls. */
  readonly centre: Vec3;
  /** Unit vectors of the level's frame: along its axis (superior) and its lower endplate (posterior). */
  readonly axis: Vec3;
  readonly posteriorDirection: Vec3;
  readonly inferiorEndplateCentre: Vec3;
  readonly superiorEndplateCentre: Vec3;
  /** Body heights measured along the axis at the anterior wall, the middle and the posterior wall (mm). */
  readonly heightsMm: { readonly anterior: number; readonly middle: number; readonly posterior: number };
  readonly halfWidthMm: number;
  readonly halfDepthMm: number;
  /** Canal centre at mid-body height (LPS mm). */
  readonly canalCentre: Vec3;
  /** Where in the frame the heights were taken (a, posterior +), for re-measuring. */
  readonly anteriorWallA: number;
  readonly posteriorWallA: number;
}

export interface LesionGeometry {
  readonly level: LevelName;
  readonly kind: 'lytic';
  readonly side: 'left';
  readonly description: string;
  /** Centre of the lytic body component (LPS mm), inside the lesion. */
  readonly centre: Vec3;
  /** Centre of the involved (left) pedicle (LPS mm), also lytic. */
  readonly pedicleCentre: Vec3;
  /** Anterior height loss vs the mean anterior height of the two adjacent levels, percent. */
  readonly anteriorHeightLossPct: number;
  readonly referenceAnteriorHeightMm: number;
  /** Genant semiquantitative grade of that loss (1: 20–25%, 2: 25–40%, 3: >40%). */
  readonly genantGrade: 0 | 1 | 2 | 3;
  readonly epidural: { readonly centre: Vec3; readonly escc: '1b' };
}

export interface PhantomGeometry {
  readonly levels: readonly LevelGeometry[];
  readonly lesion: LesionGeometry;
  /** Tip of the conus medullaris (LPS mm); below it the canal holds the cauda equina. */
  readonly conusTip: Vec3;
  readonly conusLevel: 'L1-L2';
}

/** A further lytic lesion confined to one vertebral body (the follow-up's new T11 lesion), in that level's frame. */
export interface BodyLesion {
  readonly level: number;
  readonly shape: Ellipsoid;
}

export interface PhantomModel {
  readonly levels: readonly Level[];
  /** All slabs from the bottom (S1) up: body, disc, body, ... */
  readonly segments: readonly Segment[];
  /** Arc length t of the conus tip. */
  readonly conusTipT: number;
  readonly lesionLevel: number;
  /** Lytic lesions of other bodies (none in the baseline sample). */
  readonly otherLyticBodies: readonly BodyLesion[];
  /** The shift that placed the chain (built from S1 up) in patient coordinates. */
  readonly placement: { readonly dy: number; readonly dz: number };
  readonly geometry: PhantomGeometry;
}

/** Point of a frame at local (x, a, s), in patient LPS. */
export function toPatient(seg: Segment, x: number, a: number, s: number): Vec3 {
  return [x, seg.oy + a * seg.cos - s * seg.sin, seg.oz + a * seg.sin + s * seg.cos];
}

function makeSegment(kind: Segment['kind'], level: number, oy: number, oz: number, phi: number, h0: number, slope: number, t0: number): Segment {
  return { kind, level, oy, oz, phi, cos: Math.cos(phi), sin: Math.sin(phi), h0, slope, t0 };
}

/** The top boundary of a segment is the next segment's lower endplate: same point at a = 0, tilted by the slope. */
function nextFrame(seg: Segment): { oy: number; oz: number; phi: number; t: number } {
  const [, oy, oz] = toPatient(seg, 0, 0, seg.h0);
  return { oy, oz, phi: seg.phi + Math.atan(seg.slope), t: seg.t0 + seg.h0 };
}

const LESION_LEVEL: LevelName = 'L1';

/** The chain from S1 up, before it is placed in patient coordinates. */
function buildUnplaced(specs: readonly LevelSpec[]): { levels: Level[]; segments: Segment[] } {
  const levels: Level[] = [];
  const segments: Segment[] = [];
  let frame = { oy: 0, oz: 0, phi: (SACRAL_TILT_DEG * Math.PI) / 180, t: 0 };
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i] as LevelSpec;
    // S1 is placed below the chain start: its top is the chain origin.
    const posteriorWall = POSTERIOR_WALL_FRACTION * spec.ra;
    const slope = (spec.hp - spec.ha) / (posteriorWall + spec.ra);
    const h0 = spec.ha + slope * spec.ra;
    if (i === 0) {
      const s1 = makeSegment('body', 0, frame.oy + h0 * Math.sin(frame.phi), frame.oz - h0 * Math.cos(frame.phi), frame.phi, h0, slope, -h0);
      segments.push(s1);
      levels.push({ spec, segment: s1, posteriorWall, canalCentre: posteriorWall + 2 + spec.canalRa });
    } else {
      const below = specs[i - 1] as LevelSpec;
      const disc = spec.discBelow ?? [8, 6];
      const r = (below.ra + spec.ra) / 2;
      const dSlope = (disc[1] - disc[0]) / (POSTERIOR_WALL_FRACTION * r + r);
      segments.push(makeSegment('disc', i, frame.oy, frame.oz, frame.phi, disc[0] + dSlope * r, dSlope, frame.t));
      frame = nextFrame(segments[segments.length - 1] as Segment);
      const body = makeSegment('body', i, frame.oy, frame.oz, frame.phi, h0, slope, frame.t);
      segments.push(body);
      levels.push({ spec, segment: body, posteriorWall, canalCentre: posteriorWall + 2 + spec.canalRa });
      frame = nextFrame(body);
    }
  }
  return { levels, segments };
}

function shift(seg: Segment, dy: number, dz: number): Segment {
  return { ...seg, oy: seg.oy + dy, oz: seg.oz + dz };
}

function bodyCentreLocal(level: Level): { a: number; s: number } {
  const a = (level.posteriorWall - level.spec.ra) / 2;
  const seg = level.segment;
  return { a, s: (seg.h0 + seg.slope * a) / 2 };
}

/** How a phantom differs from the baseline sample (the follow-up: more collapse, a new lesion, same pelvis). */
export interface PhantomVariant {
  /** Anterior height of the lesion level's body (mm); the baseline's is LEVEL_SPECS' 15.5. */
  readonly lesionAnteriorHeightMm?: number;
  /** Keep S1 where this placement put it (the pelvis does not move when L1 collapses further). */
  readonly placement?: { readonly dy: number; readonly dz: number };
  readonly otherLyticBodies?: readonly { readonly level: LevelName; readonly shape: Ellipsoid }[];
  readonly lesionDescription?: string;
}

const BASELINE_LESION_DESCRIPTION = 'Lytic metastasis of the left posterolateral body and left pedicle with anterior wedge collapse and a small left anterolateral epidural component deforming the thecal sac without cord contact';

/**
 * Builds a phantom. With no variant: the baseline sample, placed with L1's centre at z = 0 (head +z) and the
 * mean body centre at y = 0 (the numbers every baseline file is made of: keep this path unchanged).
 */
export function buildPhantom(variant: PhantomVariant = {}): PhantomModel {
  const ha = variant.lesionAnteriorHeightMm;
  const specs = ha === undefined ? LEVEL_SPECS : LEVEL_SPECS.map((l) => (l.name === LESION_LEVEL ? { ...l, ha } : l));
  const raw = buildUnplaced(specs);
  const lesionIndex = raw.levels.findIndex((l) => l.spec.name === LESION_LEVEL);
  const centreOf = (l: Level): Vec3 => {
    const c = bodyCentreLocal(l);
    return toPatient(l.segment, 0, c.a, c.s);
  };
  const rawCentres = raw.levels.map(centreOf);
  const dz = variant.placement?.dz ?? -((rawCentres[lesionIndex] as Vec3)[2]);
  const dy = variant.placement?.dy ?? -rawCentres.reduce((sum, c) => sum + c[1], 0) / rawCentres.length;
  const segments = raw.segments.map((s) => shift(s, dy, dz));
  const levels: Level[] = raw.levels.map((l) => ({ ...l, segment: shift(l.segment, dy, dz) }));
  const discL1L2 = segments.find((s) => s.kind === 'disc' && s.level === lesionIndex) as Segment;
  const conusTipT = discL1L2.t0 + discL1L2.h0 / 2;
  const otherLyticBodies = (variant.otherLyticBodies ?? []).map((o) => ({ level: levels.findIndex((l) => l.spec.name === o.level), shape: o.shape }));
  const geometry = describe(levels, lesionIndex, discL1L2, variant.lesionDescription ?? BASELINE_LESION_DESCRIPTION);
  return { levels, segments, conusTipT, lesionLevel: lesionIndex, otherLyticBodies, placement: { dy, dz }, geometry };
}

function describe(levels: readonly Level[], lesionIndex: number, discL1L2: Segment, description: string): PhantomGeometry {
  const geometryOf = (l: Level): LevelGeometry => {
    const seg = l.segment;
    const c = bodyCentreLocal(l);
    const top = (a: number): number => seg.h0 + seg.slope * a;
    const origin = toPatient(seg, 0, 0, 0);
    const sub = (p: Vec3, q: Vec3): Vec3 => [p[0] - q[0], p[1] - q[1], p[2] - q[2]];
    return {
      name: l.spec.name,
      centre: toPatient(seg, 0, c.a, c.s),
      axis: sub(toPatient(seg, 0, 0, 1), origin),
      posteriorDirection: sub(toPatient(seg, 0, 1, 0), origin),
      inferiorEndplateCentre: toPatient(seg, 0, c.a, 0),
      superiorEndplateCentre: toPatient(seg, 0, c.a, top(c.a)),
      heightsMm: { anterior: top(-l.spec.ra), middle: top(c.a), posterior: top(l.posteriorWall) },
      halfWidthMm: l.spec.rx,
      halfDepthMm: l.spec.ra,
      canalCentre: toPatient(seg, 0, l.canalCentre, top(l.canalCentre) / 2),
      anteriorWallA: -l.spec.ra,
      posteriorWallA: l.posteriorWall,
    };
  };
  const all = levels.map(geometryOf);
  const lesionLevel = levels[lesionIndex] as Level;
  const lesionGeom = all[lesionIndex] as LevelGeometry;
  const above = all[lesionIndex + 1] as LevelGeometry;
  const below = all[lesionIndex - 1] as LevelGeometry;
  const reference = (above.heightsMm.anterior + below.heightsMm.anterior) / 2;
  const loss = 100 * (1 - lesionGeom.heightsMm.anterior / reference);
  const genant = loss < 20 ? 0 : loss < 25 ? 1 : loss <= 40 ? 2 : 3;
  const shape = lesionShape(lesionLevel);
  const seg = lesionLevel.segment;
  return {
    // S1 is only partly modelled and scanned: the labelled levels are T10–L5.
    levels: all.filter((g) => g.name !== 'S1'),
    lesion: {
      level: lesionLevel.spec.name,
      kind: 'lytic',
      side: 'left',
      description,
      centre: toPatient(seg, shape.body.x, shape.body.a, shape.body.s),
      pedicleCentre: toPatient(seg, pedicleGeometry(lesionLevel).x, pedicleGeometry(lesionLevel).aMid, pedicleGeometry(lesionLevel).s),
      anteriorHeightLossPct: loss,
      referenceAnteriorHeightMm: reference,
      genantGrade: genant,
      epidural: { centre: toPatient(seg, shape.epidural.x, shape.epidural.a, shape.epidural.s), escc: '1b' },
    },
    conusTip: toPatient(discL1L2, 0, levels[lesionIndex]?.canalCentre ?? 0, discL1L2.h0 / 2),
    conusLevel: 'L1-L2',
  };
}

export interface Ellipsoid { readonly x: number; readonly a: number; readonly s: number; readonly rx: number; readonly ra: number; readonly rs: number }

/** Lesion components in the lesion level's frame: lytic body part (left posterolateral) and the epidural mass. */
export function lesionShape(level: Level): { body: Ellipsoid; epidural: Ellipsoid } {
  const pw = level.posteriorWall;
  const mid = level.segment.h0 / 2;
  return {
    body: { x: 8, a: pw - 9, s: mid, rx: 11, ra: 10, rs: 8 },
    epidural: { x: 6.5, a: pw + 2.5, s: mid + 1, rx: 5.5, ra: 3.2, rs: 8 },
  };
}

/** Pedicle (right one mirrored): centred at x, spanning a in [a0, a1], elliptic in (x, s). */
export function pedicleGeometry(level: Level): { x: number; rx: number; s: number; rs: number; a0: number; a1: number; aMid: number } {
  const lumbar = level.spec.name.startsWith('L') || level.spec.name === 'S1';
  const rx = lumbar ? 4.5 : 3.5;
  const h = level.segment.h0;
  const a0 = level.posteriorWall - 4;
  const a1 = level.canalCentre + 2;
  return { x: level.spec.canalRx + rx - 0.5, rx, s: 0.58 * h, rs: 0.27 * h, a0, a1, aMid: (a0 + a1) / 2 };
}

/** The phantom, built once (pure and deterministic). */
export const PHANTOM: PhantomModel = buildPhantom();

/** The known geometry tests and the app rely on. */
export const PHANTOM_GEOMETRY: PhantomGeometry = PHANTOM.geometry;
