/**
 * Proposing every vertebral level from the levels the reader is sure of, by classical image analysis (no model).
 *
 * Why this way: consecutive vertebrae look alike on a sagittal image (a body between two discs, the canal behind),
 * whatever the modality, so the next vertebra is where the image around the last one repeats, one vertebral
 * period further along the spine. Normalised cross-correlation is blind to the modality's grey scale (CT: bright
 * bone; T1/T2 MR: bodies and discs of differing signal) and places each level at the same anatomical point as the
 * anchor (body centre, or wherever the reader put it), turned with the spine's curve.
 *
 * Steps:
 * 1. A slab image in the anchor's sagittal plane (1 mm pixels), each pixel the mean over a band across the slices
 *    (so a spine that curves out of one slice is still seen), taken from the stack in patient space: a sagittal
 *    series or an axial volume alike.
 * 2. From each confirmed label, step to the next vertebra up and down: search one vertebral period away (0.75 to
 *    1.3 periods, a little across, a few degrees of turn) for the patch that best matches the last vertebra's.
 *    The search window excludes two periods, so a level is never skipped; the period follows the spine.
 *    The first period is the better of one wide search each way from the label.
 * 3. Stop where the field of view ends, or where nothing matches well (no vertebra like the last: fusion,
 *    hardware, the sacrum), and say so. Confidence is the match quality, never above the link before it.
 * 4. Move each proposal along its axis to the anchor's own fraction of the way between its two discs (vertebrae
 *    change height, and a collapsed one would otherwise carry its offset on to every level beyond it).
 * 5. Name the levels by the patient's count (T13/L6 variants respected), and warn when the names depend on a count
 *    this series cannot show (the lowest rib, the lumbosacral junction), or when the image contradicts the count.
 * 6. Where the spine leaves the slab's slices (a tilted patient, a scoliosis), count again on a slab that follows it:
 *    each vertebra's left-right centre is where its profile across the slices best mirrors itself, and a straight
 *    course is fitted through those centres robustly; each proposal sits beside that course as the anchor sits.
 * Limits: the course is a straight line (a tilt or a gentle curve, not an S-shaped scoliosis); a collapsed vertebra
 * can shift the levels beyond it along the spine by a few millimetres; ribs are not looked for, so T12 against T13
 * is always left to the reader's count.
 */
import { add, dot, planeNormal, scale, sub, vec3 } from '../geometry';
import type { ImagePlane, Vec3 } from '../geometry';
import { levelSequence, segmentOf } from './levels';
import type { SpineCounts } from './levels';

/** A stack of parallel images and their modality values (rescaled), row-major, one array per plane. */
export interface ProposalStack {
  readonly planes: readonly ImagePlane[];
  readonly pixels: ReadonlyArray<ArrayLike<number>>;
}

export type CountingMethod = 'whole-spine-localizer' | 'partial' | 'unknown';

export interface LevelPoint {
  readonly level: string;
  readonly point: Vec3;
}

export interface ProposeLevelsInput {
  readonly stack: ProposalStack;
  /** DICOM Modality of the series (CT: discs are darker than bone; otherwise the image says which way). */
  readonly modality?: string;
  /** The labels the reader placed or confirmed (at least one), in the stack's frame of reference. */
  readonly anchors: readonly LevelPoint[];
  readonly counts: SpineCounts;
  readonly countingMethod: CountingMethod;
  /** Levels to propose down to at most (default S1: fused sacral segments have no disc to count by). */
  readonly lowest?: string;
}

export interface ProposedLevel {
  readonly level: string;
  readonly point: Vec3;
  /** 0..1: how well this vertebra matched the one before it, never above the confidence of that one. */
  readonly confidence: number;
  /** The confirmed label it was counted from. */
  readonly countedFrom: string;
}

export type ProposalWarningCode =
  | 'field-of-view' // the image ends: nothing proposed beyond
  | 'image-lost' // no vertebra like the last one: fusion, hardware, artefact, or the end of the column
  | 'count-unreferenced' // names depend on a count this series cannot show
  | 'extra-mobile-segment' // a disc and a vertebra below S1: lumbarised S1 (L6) or a count off by one
  | 'no-lumbosacral-disc' // no vertebra like the last lumbar found below it: the sacrum, or a sacralised one
  | 'anchors-disagree'; // counting between two confirmed labels finds another number of vertebrae

export interface ProposalWarning {
  readonly code: ProposalWarningCode;
  readonly message: string;
  /** The level the warning is about (the last proposed before a stop, the level named by an uncertain count). */
  readonly level?: string;
}

export type ProposeLevelsResult =
  | { readonly ok: true; readonly levels: readonly ProposedLevel[]; readonly warnings: readonly ProposalWarning[]; readonly periodMm: number }
  | { readonly ok: false; readonly reason: string };

/** Slab pixel size (mm) and the band across the slices averaged into each pixel (mm either side). */
const PIXEL_MM = 1;
const BAND_MM = 6;
const BAND_SAMPLES = 5;
/** How far the slab reaches from the anchor (mm): across the spine, and along it. */
const ACROSS_REACH_MM = 140;
const ALONG_REACH_MM = 500;
/** Template half sizes (mm) and sampling step within it. */
const TEMPLATE_ACROSS_MM = 22;
const TEMPLATE_STEP_MM = 1.5;
/** First step: the period is unknown, search this range (mm), cervical to lower lumbar. */
const FIRST_STEP_MM: readonly [number, number] = [14, 52];
/** No vertebra is shorter than this (mm, body and disc: C3-C7 are about 16 mm). */
const MIN_STEP_MM = 12;
/** Later steps: this fraction of the running period. */
const STEP_RANGE: readonly [number, number] = [0.75, 1.3];
const ACROSS_SEARCH_MM = 7;
/** Largest turn between consecutive vertebrae (degrees); the lumbosacral angle is larger. */
const MAX_TURN_DEG = 10.5;
const MAX_TURN_SACRUM_DEG = 24.5;
/** A match below this correlation is no vertebra like the last; at or above GOOD it is fully confident. */
const MATCH_MIN = 0.45;
const MATCH_GOOD = 0.8;
/** Candidate patches with more of their pixels outside the image than this are not compared. */
const MAX_OUTSIDE = 0.3;

// ---- sampling the stack in patient space ----

type Sampler = (x: number, y: number, z: number) => number;

/** Trilinear (bilinear in plane, linear between slices) sampler; NaN outside the stack. Allocates nothing per call. */
function stackSampler(stack: ProposalStack): Sampler {
  const normal = planeNormal(stack.planes[0] as ImagePlane);
  // Slices in ascending position along the normal, each with what bilinear sampling needs as plain numbers.
  const slices = stack.planes
    .map((plane, i) => ({
      position: dot(plane.imagePositionPatient, normal),
      ox: plane.imagePositionPatient[0], oy: plane.imagePositionPatient[1], oz: plane.imagePositionPatient[2],
      rx: plane.rowCosine[0] / plane.columnSpacing, ry: plane.rowCosine[1] / plane.columnSpacing, rz: plane.rowCosine[2] / plane.columnSpacing,
      cx: plane.columnCosine[0] / plane.rowSpacing, cy: plane.columnCosine[1] / plane.rowSpacing, cz: plane.columnCosine[2] / plane.rowSpacing,
      rows: plane.rows, columns: plane.columns,
      data: stack.pixels[i] as ArrayLike<number>,
    }))
    .sort((a, b) => a.position - b.position);
  const n = slices.length;
  const positions = slices.map((s) => s.position);
  const first = positions[0] as number;
  const last = positions[n - 1] as number;
  const half = n > 1 ? (last - first) / (n - 1) / 2 : 1.5;
  const [nx, ny, nz] = normal;
  const inPlane = (i: number, x: number, y: number, z: number): number => {
    const s = slices[i] as (typeof slices)[number];
    const dx = x - s.ox; const dy = y - s.oy; const dz = z - s.oz;
    const c = dx * s.rx + dy * s.ry + dz * s.rz;
    const r = dx * s.cx + dy * s.cy + dz * s.cz;
    if (c < -0.5 || r < -0.5 || c > s.columns - 0.5 || r > s.rows - 0.5) return Number.NaN;
    const cc = c < 0 ? 0 : c > s.columns - 1 ? s.columns - 1 : c;
    const rr = r < 0 ? 0 : r > s.rows - 1 ? s.rows - 1 : r;
    const c0 = Math.min(Math.floor(cc), Math.max(0, s.columns - 2));
    const r0 = Math.min(Math.floor(rr), Math.max(0, s.rows - 2));
    const c1 = Math.min(c0 + 1, s.columns - 1);
    const r1 = Math.min(r0 + 1, s.rows - 1);
    const fc = cc - c0;
    const fr = rr - r0;
    const d = s.data;
    const w = s.columns;
    const top = (d[r0 * w + c0] as number) * (1 - fc) + (d[r0 * w + c1] as number) * fc;
    const bottom = (d[r1 * w + c0] as number) * (1 - fc) + (d[r1 * w + c1] as number) * fc;
    return top * (1 - fr) + bottom * fr;
  };
  return (x, y, z) => {
    const t = x * nx + y * ny + z * nz;
    if (t < first - half || t > last + half) return Number.NaN;
    if (t <= first) return inPlane(0, x, y, z);
    if (t >= last) return inPlane(n - 1, x, y, z);
    let a = 0;
    let b = n - 1;
    while (b - a > 1) {
      const m = (a + b) >> 1;
      if ((positions[m] as number) <= t) a = m;
      else b = m;
    }
    const pa = positions[a] as number;
    const f = (t - pa) / ((positions[b] as number) - pa || 1);
    const va = inPlane(a, x, y, z);
    if (f === 0) return va;
    return va * (1 - f) + inPlane(b, x, y, z) * f;
  };
}

// ---- the slab image ----

interface Slab {
  readonly data: Float32Array;
  readonly width: number; // across (posterior +)
  readonly height: number; // along (superior +), row 0 lowest
  /** Slab pixel of the anchor. */
  readonly u0: number;
  readonly w0: number;
  readonly origin: Vec3;
  readonly across: Vec3;
  readonly along: Vec3;
  readonly lateral: Vec3;
  /** Where the spine's midline lies across the slices (mm along `lateral`) at each height `w`: the slab follows it. */
  readonly course: (w: number) => number;
}

const FLAT = (): number => 0;

/** The sagittal frame: the stack's own plane when it is sagittal(-ish), else the patient's sagittal. */
function sagittalFrame(plane: ImagePlane): { across: Vec3; along: Vec3; lateral: Vec3 } {
  const n = planeNormal(plane);
  if (Math.abs(n[0]) >= Math.abs(n[1]) && Math.abs(n[0]) >= Math.abs(n[2])) {
    // Row/column cosines of a sagittal image: one runs front-back, the other head-foot.
    const r = plane.rowCosine;
    const c = plane.columnCosine;
    const rowIsAcross = Math.abs(r[1]) >= Math.abs(c[1]);
    let across = rowIsAcross ? r : c;
    let along = rowIsAcross ? c : r;
    if (across[1] < 0) across = scale(across, -1);
    if (along[2] < 0) along = scale(along, -1);
    return { across, along, lateral: n };
  }
  return { across: vec3(0, 1, 0), along: vec3(0, 0, 1), lateral: vec3(1, 0, 0) };
}

function buildSlab(stack: ProposalStack, anchor: Vec3, sample: Sampler, course: (w: number) => number = FLAT): Slab {
  const { across, along, lateral } = sagittalFrame(stack.planes[0] as ImagePlane);
  // Extent: the stack's corners seen in this frame, limited to the reach around the anchor.
  let uMin = Infinity; let uMax = -Infinity; let wMin = Infinity; let wMax = -Infinity;
  for (const plane of [stack.planes[0], stack.planes[stack.planes.length - 1]]) {
    if (plane === undefined) continue;
    for (const [c, r] of [[0, 0], [plane.columns - 1, 0], [0, plane.rows - 1], [plane.columns - 1, plane.rows - 1]] as const) {
      const p = add(plane.imagePositionPatient, add(scale(plane.rowCosine, c * plane.columnSpacing), scale(plane.columnCosine, r * plane.rowSpacing)));
      const d = sub(p, anchor);
      uMin = Math.min(uMin, dot(d, across)); uMax = Math.max(uMax, dot(d, across));
      wMin = Math.min(wMin, dot(d, along)); wMax = Math.max(wMax, dot(d, along));
    }
  }
  uMin = Math.max(uMin, -ACROSS_REACH_MM); uMax = Math.min(uMax, ACROSS_REACH_MM);
  wMin = Math.max(wMin, -ALONG_REACH_MM); wMax = Math.min(wMax, ALONG_REACH_MM);
  const u0 = Math.ceil(-uMin / PIXEL_MM);
  const w0 = Math.ceil(-wMin / PIXEL_MM);
  const width = Math.max(1, u0 + Math.floor(uMax / PIXEL_MM) + 1);
  const height = Math.max(1, w0 + Math.floor(wMax / PIXEL_MM) + 1);
  const data = new Float32Array(width * height);
  const offsets = Array.from({ length: BAND_SAMPLES }, (_, k) => -BAND_MM + (2 * BAND_MM * k) / (BAND_SAMPLES - 1));
  for (let j = 0; j < height; j++) {
    const rowBase = add(add(anchor, scale(along, (j - w0) * PIXEL_MM)), scale(lateral, course((j - w0) * PIXEL_MM)));
    for (let i = 0; i < width; i++) {
      const k = (i - u0) * PIXEL_MM;
      const px = rowBase[0] + across[0] * k;
      const py = rowBase[1] + across[1] * k;
      const pz = rowBase[2] + across[2] * k;
      let sum = 0;
      let count = 0;
      for (const o of offsets) {
        const v = sample(px + lateral[0] * o, py + lateral[1] * o, pz + lateral[2] * o);
        if (!Number.isNaN(v)) { sum += v; count++; }
      }
      // A pixel seen in under half the band is outside the image (the stack ends across the slices).
      data[j * width + i] = count * 2 > offsets.length ? sum / count : Number.NaN;
    }
  }
  return { data, width, height, u0, w0, origin: anchor, across, along, lateral, course };
}

function slabAt(slab: Slab, u: number, w: number): number {
  const x = u / PIXEL_MM + slab.u0;
  const y = w / PIXEL_MM + slab.w0;
  if (x < 0 || y < 0 || x > slab.width - 1 || y > slab.height - 1) return Number.NaN;
  const x0 = Math.min(Math.floor(x), slab.width - 2 < 0 ? 0 : slab.width - 2);
  const y0 = Math.min(Math.floor(y), slab.height - 2 < 0 ? 0 : slab.height - 2);
  const fx = x - x0;
  const fy = y - y0;
  const d = slab.data;
  const i = y0 * slab.width + x0;
  const a = d[i] ?? Number.NaN;
  const b = d[i + 1] ?? a;
  const c = d[i + slab.width] ?? a;
  const e = d[i + slab.width + 1] ?? c;
  return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + e * fx) * fy;
}

// ---- matching one vertebra to the next ----

/** Where a vertebra is in the slab (mm from the anchor) and which way its axis points (radians from `along`). */
interface Pose {
  readonly u: number;
  readonly w: number;
  readonly angle: number;
}

interface Template {
  readonly offsets: Float32Array; // (across, along) pairs in the vertebra's own frame
  readonly values: Float32Array; // NaN outside the image
}

function templateOffsets(halfAlong: number, step: number): Float32Array {
  const out: number[] = [];
  for (let a = -halfAlong; a <= halfAlong + 1e-9; a += step) {
    for (let c = -TEMPLATE_ACROSS_MM; c <= TEMPLATE_ACROSS_MM + 1e-9; c += step) out.push(c, a);
  }
  return Float32Array.from(out);
}

/** Samples the patch at a pose (NaN where outside the image); null when too much of it lies outside. */
function patchAt(slab: Slab, offsets: Float32Array, pose: Pose, out: Float32Array): Float32Array | null {
  const cos = Math.cos(pose.angle);
  const sin = Math.sin(pose.angle);
  const n = offsets.length / 2;
  let outside = 0;
  for (let k = 0; k < n; k++) {
    const c = offsets[2 * k] as number;
    const a = offsets[2 * k + 1] as number;
    // the vertebra's across axis is `across` turned by angle; its along axis `along` turned likewise
    const v = slabAt(slab, pose.u + c * cos - a * sin, pose.w + c * sin + a * cos);
    out[k] = v;
    if (Number.isNaN(v)) outside++;
  }
  return outside > MAX_OUTSIDE * n ? null : out;
}

/**
 * Correlation of a patch with the template over the pixels both show (a vertebra cut by the edge of the field of
 * view is compared on what is left of it); -1 when they share too little.
 */
function correlation(patch: Float32Array, template: Float32Array): number {
  let n = 0; let sp = 0; let st = 0; let spp = 0; let stt = 0; let spt = 0;
  for (let k = 0; k < patch.length; k++) {
    const p = patch[k] as number;
    const t = template[k] as number;
    if (Number.isNaN(p) || Number.isNaN(t)) continue;
    n++; sp += p; st += t; spp += p * p; stt += t * t; spt += p * t;
  }
  if (n < (1 - MAX_OUTSIDE) * patch.length) return -1;
  const vp = spp - (sp * sp) / n;
  const vt = stt - (st * st) / n;
  if (!(vp > 0) || !(vt > 0)) return -1;
  return (spt - (sp * st) / n) / Math.sqrt(vp * vt);
}

function makeTemplate(slab: Slab, pose: Pose, halfAlong: number, step: number): Template | null {
  const offsets = templateOffsets(halfAlong, step);
  const values = patchAt(slab, offsets, pose, new Float32Array(offsets.length / 2));
  return values === null ? null : { offsets, values };
}

interface Match {
  readonly pose: Pose;
  readonly score: number;
  readonly step: number;
}

type StepOutcome = { readonly kind: 'match'; readonly match: Match } | { readonly kind: 'outside' } | { readonly kind: 'lost'; readonly best: number };

interface SearchGrid {
  readonly steps: readonly number[];
  readonly shifts: readonly number[];
  readonly turns: readonly number[]; // degrees
}

const range = (from: number, to: number, by: number): number[] => {
  const out: number[] = [];
  for (let v = from; v <= to + 1e-9; v += by) out.push(v);
  return out;
};

/** Every pose of the grid scored against the template; the best per step, and whether any patch was inside. */
function scoreGrid(slab: Slab, template: Template, from: Pose, heading: number, direction: 1 | -1, grid: SearchGrid): { perStep: Match[]; anyInside: boolean } {
  const buffer = new Float32Array(template.values.length);
  const cos = Math.cos(heading);
  const sin = Math.sin(heading);
  const perStep: Match[] = [];
  let anyInside = false;
  for (const step of grid.steps) {
    let best: Match | null = null;
    const a = direction * step;
    for (const shift of grid.shifts) {
      const u = from.u + shift * cos - a * sin;
      const w = from.w + shift * sin + a * cos;
      for (const turn of grid.turns) {
        const pose: Pose = { u, w, angle: from.angle + (turn * Math.PI) / 180 };
        // The vertebra's point itself must be on the image (a patch may be cut by its edge).
        if (Number.isNaN(slabAt(slab, u, w))) continue;
        const patch = patchAt(slab, template.offsets, pose, buffer);
        if (patch === null) continue;
        anyInside = true;
        const s = correlation(patch, template.values);
        if (best === null || s > best.score) best = { pose, score: s, step };
      }
    }
    if (best !== null) perStep.push(best);
  }
  return { perStep, anyInside };
}

const COARSE = { step: 2, shift: 2, turn: 3.5, sampling: 3 } as const;

/**
 * The best match one period up (direction +1) or down (-1) from `from`: a coarse search over the whole window,
 * then a fine one around its best pose (the fine template samples every 1.5 mm).
 */
function stepOnce(slab: Slab, coarse: Template, fine: Template, from: Pose, heading: number, direction: 1 | -1, window: readonly [number, number], maxTurn: number, nearest: boolean): StepOutcome {
  const turns = range(-maxTurn, maxTurn, COARSE.turn);
  const { perStep, anyInside } = scoreGrid(slab, coarse, from, heading, direction, {
    steps: range(window[0], window[1], COARSE.step),
    shifts: range(-ACROSS_SEARCH_MM, ACROSS_SEARCH_MM, COARSE.shift),
    turns,
  });
  if (!anyInside || perStep.length === 0) return { kind: 'outside' };
  let best = perStep.reduce((m, p) => (p.score > m.score ? p : m));
  // On the first step (period unknown) a vertebra two periods away can match about as well as the next one: take
  // the nearest local maximum that is nearly as good as the best.
  if (nearest) {
    // A true peak: inside the window, above both neighbours, and risen from a dip before it (near the start the
    // patch still overlaps itself, which correlates without being a vertebra).
    let dip = Infinity;
    for (let i = 0; i < perStep.length; i++) {
      const s = perStep[i] as Match;
      dip = Math.min(dip, s.score);
      const left = perStep[i - 1]?.score;
      const right = perStep[i + 1]?.score;
      if (left === undefined || right === undefined) continue;
      if (s.score >= left && s.score >= right && s.score - dip >= 0.15 && s.score >= 0.85 * best.score && s.score >= MATCH_MIN) {
        best = s;
        break;
      }
    }
  }
  // Fine search around the coarse best, in the coarse pose's frame.
  const base = best.pose;
  const fromCos = Math.cos(heading);
  const fromSin = Math.sin(heading);
  const du = base.u - from.u;
  const dw = base.w - from.w;
  const baseShift = du * fromCos + dw * fromSin;
  const baseStep = direction * (-du * fromSin + dw * fromCos);
  const baseTurn = ((base.angle - from.angle) * 180) / Math.PI;
  const refined = scoreGrid(slab, fine, from, heading, direction, {
    steps: range(Math.max(MIN_STEP_MM, baseStep - COARSE.step), baseStep + COARSE.step, 0.5),
    shifts: range(baseShift - COARSE.shift, baseShift + COARSE.shift, 0.5),
    turns: range(baseTurn - COARSE.turn, baseTurn + COARSE.turn, 1.75),
  }).perStep;
  const match = refined.length > 0 ? refined.reduce((m, p) => (p.score > m.score ? p : m)) : best;
  if (match.score < MATCH_MIN) return { kind: 'lost', best: match.score };
  return { kind: 'match', match };
}

/** The confidence of a proposal the image itself puts in doubt (a possible L6 named S1). */
const DOUBTFUL = 0.3;

const confidenceOf = (score: number): number => Math.min(1, Math.max(0, (score - MATCH_MIN) / (MATCH_GOOD - MATCH_MIN)));
const round2 = (v: number): number => Math.round(v * 100) / 100;

interface ChainLink {
  readonly index: number; // in the level sequence
  readonly pose: Pose;
  readonly confidence: number;
}

interface ChainEnd {
  readonly links: ChainLink[];
  readonly stop: 'outside' | 'lost' | 'limit' | 'reached';
  /** The correlation of the best match one step beyond the limit, if any (for the lumbosacral check). */
  readonly beyond: number | null;
  readonly period: number;
}

/** Counts vertebrae from `start` in one direction until the image ends, nothing matches, or `limit` is reached. */
function chain(slab: Slab, sequence: readonly string[], start: Pose, startIndex: number, direction: 1 | -1, firstPeriod: number | null, stopIndex: number, lookBeyond: boolean): ChainEnd {
  const links: ChainLink[] = [];
  let pose = start;
  let period = firstPeriod;
  let confidence = 1;
  let index = startIndex;
  const halfAlong = (p: number | null): number => (p === null ? 18 : Math.min(22, Math.max(10, 0.6 * p)));
  // Unknown period: one wide search each way from the start; the better match sets it (on the side where the
  // column ends, or past the last vertebra, a poor match at a spurious step would mislead the whole chain).
  if (period === null) {
    const coarse = makeTemplate(slab, start, halfAlong(null), COARSE.sampling);
    const fine = makeTemplate(slab, start, halfAlong(null), TEMPLATE_STEP_MM);
    if (coarse === null || fine === null) return { links, stop: 'outside', beyond: null, period: 0 };
    const tries = ([1, -1] as const).map((d) => stepOnce(slab, coarse, fine, start, start.angle, d, FIRST_STEP_MM, MAX_TURN_DEG, true));
    const best = tries.filter((t): t is Extract<StepOutcome, { kind: 'match' }> => t.kind === 'match').sort((a, b) => b.match.score - a.match.score)[0];
    if (best !== undefined) period = best.match.step;
  }
  // The sequence runs cranial to caudal: going up (direction +1) lowers the index.
  while (true) {
    const next = index - direction;
    const beyondLimit = direction === 1 ? next < stopIndex : next > stopIndex;
    if (beyondLimit && !lookBeyond) return { links, stop: 'limit', beyond: null, period: period ?? 0 };
    const coarse = makeTemplate(slab, pose, halfAlong(period), COARSE.sampling);
    const fine = makeTemplate(slab, pose, halfAlong(period), TEMPLATE_STEP_MM);
    if (coarse === null || fine === null) return { links, stop: 'outside', beyond: null, period: period ?? 0 };
    const window: readonly [number, number] = period === null ? FIRST_STEP_MM : [Math.max(MIN_STEP_MM, STEP_RANGE[0] * period), STEP_RANGE[1] * period];
    // The sacrum turns back from L5 far more than one vertebra from the next.
    const maxTurn = sequence[next] === 'S1' ? MAX_TURN_SACRUM_DEG : MAX_TURN_DEG;
    // Step along the spine's own course (the chord from the vertebra before), the patch turned as matched.
    const previous = links.length >= 2 ? (links[links.length - 2] as ChainLink).pose : links.length === 1 ? start : null;
    const heading = previous === null ? pose.angle : Math.atan2(-direction * (pose.u - previous.u), direction * (pose.w - previous.w));
    const outcome = stepOnce(slab, coarse, fine, pose, heading, direction, window, maxTurn, period === null);
    if (beyondLimit) {
      return { links, stop: 'limit', beyond: outcome.kind === 'match' ? outcome.match.score : null, period: period ?? 0 };
    }
    if (outcome.kind !== 'match') return { links, stop: outcome.kind, beyond: null, period: period ?? 0 };
    const { match } = outcome;
    confidence = Math.min(confidence, confidenceOf(match.score));
    period = period === null ? match.step : 0.5 * period + 0.5 * match.step;
    pose = match.pose;
    index = next;
    links.push({ index, pose, confidence });
    if (index === 0) return { links, stop: 'reached', beyond: null, period };
  }
}

/** A pose's point in patient space, `lateral` mm beside the spine's course at its height (the anchor's own offset). */
function poseToPatient(slab: Slab, pose: Pose, lateral: number): Vec3 {
  return add(slab.origin, add(scale(slab.across, pose.u), add(scale(slab.along, pose.w), scale(slab.lateral, lateral + slab.course(pose.w)))));
}

// ---- following the spine across the slices ----

/** Lateral profile: half width (mm), the centre's search range (mm), and the stretch compared either side (mm). */
const PROFILE_HALF_MM = 32;
const CENTRE_SEARCH_MM = 14;
const SYMMETRY_REACH_MM = 16;
/**
 * A course is followed only when it drifts this far over the vertebrae found (three quarters of the band a flat slab
 * averages, which sees a smaller drift well enough), and they sit this close to it (mm, median).
 */
const COURSE_MIN_DRIFT_MM = 0.75 * BAND_MM;
const COURSE_MAX_SPREAD_MM = 1;

/**
 * Where the vertebra at `point` is centred across the slices (mm along `lateral` from the point), or null when the
 * image does not say. A vertebral body is left-right symmetric whatever the modality's grey scale, so the centre is
 * where the profile across it best matches its own mirror image.
 */
function lateralCentre(sample: Sampler, slab: Slab, point: Vec3): number | null {
  const profile: number[] = [];
  for (let t = -PROFILE_HALF_MM; t <= PROFILE_HALF_MM; t++) {
    let sum = 0;
    let count = 0;
    for (const a of [-6, -3, 0, 3, 6]) {
      for (const b of [-4, 0, 4]) {
        const q = add(point, add(scale(slab.lateral, t), add(scale(slab.across, a), scale(slab.along, b))));
        const v = sample(q[0], q[1], q[2]);
        if (!Number.isNaN(v)) { sum += v; count++; }
      }
    }
    profile.push(count > 0 ? sum / count : Number.NaN);
  }
  const at = (t: number): number => {
    const x = t + PROFILE_HALF_MM;
    const i = Math.floor(x);
    const f = x - i;
    const a = profile[i] ?? Number.NaN;
    return f === 0 ? a : a * (1 - f) + (profile[i + 1] ?? Number.NaN) * f;
  };
  let best: { c: number; score: number } | null = null;
  for (let c = -CENTRE_SEARCH_MM; c <= CENTRE_SEARCH_MM; c += 0.5) {
    let diff = 0;
    let spread = 0;
    let n = 0;
    let mean = 0;
    const pairs: [number, number][] = [];
    for (let t = 1; t <= SYMMETRY_REACH_MM; t++) {
      const l = at(c - t);
      const r = at(c + t);
      if (Number.isNaN(l) || Number.isNaN(r)) continue;
      pairs.push([l, r]);
      mean += l + r;
    }
    if (pairs.length < SYMMETRY_REACH_MM * 0.75) continue;
    mean /= 2 * pairs.length;
    for (const [l, r] of pairs) {
      diff += (l - r) ** 2;
      spread += (l - mean) ** 2 + (r - mean) ** 2;
      n++;
    }
    if (!(spread > 0) || n === 0) continue;
    const score = 1 - diff / spread;
    if (best === null || score > best.score) best = { c, score };
  }
  // A poor mirror (no structure, or the edge of the image) says nothing.
  return best !== null && best.score > 0.5 ? best.c : null;
}

/**
 * The spine's course across the slices, from the vertebrae found on a flat slab, relative to the slab's origin (the
 * first anchor stays where the reader put it): a straight line fitted robustly (Theil-Sen: the median of the pairwise
 * slopes), so a lesion that makes one body lopsided, or a collapsed one, does not bend it. Null when fewer than four
 * vertebrae say where they are centred, or the course stays within a millimetre of flat over the vertebrae found.
 */
function courseThrough(sample: Sampler, slab: Slab, vertebrae: readonly Found[]): ((w: number) => number) | null {
  const centres = vertebrae
    .map((v) => ({ w: v.pose.w, c: lateralCentre(sample, slab, poseToPatient(slab, v.pose, 0)) }))
    .filter((x): x is { w: number; c: number } => x.c !== null);
  if (centres.length < 4) return null;
  const slopes: number[] = [];
  for (let i = 0; i < centres.length; i++) {
    for (let j = i + 1; j < centres.length; j++) {
      const a = centres[i] as { w: number; c: number };
      const b = centres[j] as { w: number; c: number };
      if (Math.abs(b.w - a.w) > 1) slopes.push((b.c - a.c) / (b.w - a.w));
    }
  }
  if (slopes.length === 0) return null;
  const slope = medianOf(slopes);
  const offset = medianOf(centres.map((k) => k.c - slope * k.w));
  const spread = medianOf(centres.map((k) => Math.abs(k.c - slope * k.w - offset)));
  const span = Math.max(...centres.map((k) => Math.abs(k.w)));
  // Centres that scatter about the line (a real body is not a perfect mirror) do not support a course: stay flat.
  if (Math.abs(slope) * span < COURSE_MIN_DRIFT_MM || spread > COURSE_MAX_SPREAD_MM) return null;
  return (w) => slope * w;
}

const medianOf = (values: readonly number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

interface Found {
  readonly index: number;
  readonly pose: Pose;
  readonly lateral: number;
  readonly confidence: number;
  readonly from: string;
}

/** Half width (mm) of the band across the spine averaged into the profile between two vertebrae. */
const DISC_BAND_MM = 2;

/**
 * Where the disc lies on the way from one vertebra's point to the next (slab mm), or null when the image does not
 * show it. The disc is the stretch that differs most from the bone around it (darker on CT, brighter on T2, darker
 * on T1): the centre of the run around the largest smoothed departure from the way's median.
 */
function discAlong(slab: Slab, modality: string | undefined, a: Pose, b: Pose, offset: number): number | null {
  const du = b.u - a.u;
  const dw = b.w - a.w;
  const length = Math.hypot(du, dw);
  if (!(length > 4)) return null;
  const eu = -dw / length; // across the chord
  const ew = du / length;
  const step = 0.5;
  const n = Math.floor(length / step) + 1;
  const profile = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = (i * step) / length;
    let sum = 0;
    let count = 0;
    for (let c = offset - DISC_BAND_MM; c <= offset + DISC_BAND_MM; c += 1.5) {
      const v = slabAt(slab, a.u + du * t + eu * c, a.w + dw * t + ew * c);
      if (!Number.isNaN(v)) { sum += v; count++; }
    }
    if (count === 0) return null;
    profile[i] = sum / count;
  }
  const sorted = Array.from(profile).sort((x, y) => x - y);
  const median = sorted[Math.floor(n / 2)] as number;
  // Smoothed over 4 mm so that thin endplate cortex (bright on CT, dark on MR) blurs into the bone around it.
  const radius = Math.max(1, Math.round(2 / step));
  const smooth = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    let count = 0;
    for (let k = Math.max(0, i - radius); k <= Math.min(n - 1, i + radius); k++) { sum += profile[k] as number; count++; }
    smooth[i] = sum / count - median;
  }
  // The disc's sign: darker than bone on CT; on MR whichever departure covers more of the way (T2 bright, T1 dark).
  const runOf = (sign: 1 | -1): { lo: number; hi: number; area: number; peak: number } | null => {
    let peak = 0;
    for (let i = 1; i < n; i++) if (sign * (smooth[i] as number) > sign * (smooth[peak] as number)) peak = i;
    const top = sign * (smooth[peak] as number);
    if (!(top > 0)) return null;
    let lo = peak;
    let hi = peak;
    while (lo > 0 && sign * (smooth[lo - 1] as number) >= 0.5 * top) lo--;
    while (hi < n - 1 && sign * (smooth[hi + 1] as number) >= 0.5 * top) hi++;
    let area = 0;
    for (let i = lo; i <= hi; i++) area += sign * (smooth[i] as number);
    return { lo, hi, area, peak };
  };
  const dark = runOf(-1);
  const bright = modality === 'CT' ? null : runOf(1);
  const run = dark === null ? bright : bright === null ? dark : bright.area > dark.area ? bright : dark;
  if (run === null) return null;
  const sign = run === dark ? -1 : 1;
  let weight = 0;
  let moment = 0;
  for (let i = run.lo; i <= run.hi; i++) { weight += sign * (smooth[i] as number); moment += sign * (smooth[i] as number) * i; }
  return ((moment / weight) * step) / length;
}

/** Lines parallel to the way between two vertebrae (mm across it): the median disc position over them. */
const DISC_LINES_MM = [-12, -6, 0, 6, 12];

/**
 * Where the disc lies on the way from one vertebra's point to the next (slab mm), or null when the image does not
 * show it: the median over parallel lines, so that a line running in the canal or outside the body does not count.
 */
function discBetween(slab: Slab, modality: string | undefined, a: Pose, b: Pose): { u: number; w: number } | null {
  const ts = DISC_LINES_MM.map((o) => discAlong(slab, modality, a, b, o)).filter((t): t is number => t !== null).sort((x, y) => x - y);
  if (ts.length < 3) return null;
  const t = ts[Math.floor(ts.length / 2)] as number;
  return { u: a.u + (b.u - a.u) * t, w: a.w + (b.w - a.w) * t };
}

/**
 * Places each proposed vertebra at the anchor's own height within its body: the anchor lies a fraction f of the
 * way from the disc below it to the disc above; each proposal is moved along its axis to the same fraction between
 * its own discs. Why: vertebrae change height along the spine, and a collapsed one matches its neighbour's patch
 * off-centre; template matching alone would carry that offset on to every level beyond it.
 */
function placeBetweenDiscs(slab: Slab, modality: string | undefined, vertebrae: readonly Found[], anchorIndices: ReadonlySet<number>, period: number): Found[] {
  const n = vertebrae.length;
  // Discs are looked for only between two vertebrae the image showed (a guessed vertebra beyond the last one can lie
  // in the sacrum or outside the body, and the disc found there would be wrong).
  const discAbove: ({ u: number; w: number } | null)[] = [];
  const discBelow: ({ u: number; w: number } | null)[] = [];
  for (let i = 0; i < n; i++) {
    const v = vertebrae[i] as Found;
    const up = vertebrae[i - 1];
    const down = vertebrae[i + 1];
    discAbove.push(up !== undefined && up.index === v.index - 1 ? discBetween(slab, modality, v.pose, up.pose) : null);
    discBelow.push(down !== undefined && down.index === v.index + 1 ? discBetween(slab, modality, v.pose, down.pose) : null);
  }
  // The last vertebra of a run has one disc the image showed; the other is taken one step (its distance from
  // the vertebra before) beyond that disc, along the way from it through the vertebra.
  const discsOf = (i: number): { above: { u: number; w: number } | null; below: { u: number; w: number } | null } => {
    const v = vertebrae[i] as Found;
    const a = discAbove[i] ?? null;
    const b = discBelow[i] ?? null;
    if ((a === null) === (b === null)) return { above: a, below: b };
    const known = (a ?? b) as { u: number; w: number };
    const neighbour = (a !== null ? vertebrae[i - 1] : vertebrae[i + 1]) as Found;
    const stepLength = Math.hypot(neighbour.pose.u - v.pose.u, neighbour.pose.w - v.pose.w);
    const du = v.pose.u - known.u;
    const dw = v.pose.w - known.w;
    const d = Math.hypot(du, dw);
    if (!(d > 0)) return { above: a, below: b };
    const other = { u: known.u + (du / d) * stepLength, w: known.w + (dw / d) * stepLength };
    return a !== null ? { above: a, below: other } : { above: other, below: b };
  };
  const fractionOf = (i: number): number | null => {
    const v = vertebrae[i] as Found;
    const { above: a, below: b } = discsOf(i);
    if (a === null || b === null) return null;
    const au = a.u - b.u;
    const aw = a.w - b.w;
    const len2 = au * au + aw * aw;
    if (!(len2 > 0)) return null;
    return ((v.pose.u - b.u) * au + (v.pose.w - b.w) * aw) / len2;
  };
  const anchorFraction = new Map<string, number>();
  vertebrae.forEach((v, i) => {
    if (!anchorIndices.has(v.index)) return;
    const f = fractionOf(i);
    if (f !== null && f > -0.25 && f < 1.25) anchorFraction.set(v.from, f);
  });
  return vertebrae.map((v, i) => {
    if (anchorIndices.has(v.index)) return v;
    const target = anchorFraction.get(v.from);
    const own = fractionOf(i);
    const { above: a, below: b } = discsOf(i);
    if (target === undefined || own === null || a === null || b === null) return v;
    // A sensible body: its discs 0.5 to 1.5 periods apart; else the matched point stands.
    const span = Math.hypot(a.u - b.u, a.w - b.w);
    if (period > 0 && (span < 0.5 * period || span > 1.5 * period)) return v;
    const shift = target - own;
    // A large move means a disc was not where it was looked for: the matched point stands.
    if (Math.abs(shift) * span > 0.2 * period) return v;
    return { ...v, pose: { ...v.pose, u: v.pose.u + shift * (a.u - b.u), w: v.pose.w + shift * (a.w - b.w) } };
  });
}

interface CountContext {
  readonly modality: string | undefined;
  readonly counts: SpineCounts;
  readonly sequence: readonly string[];
  readonly lowestIndex: number;
  /** The reader's labels, cranial first, with their index in `sequence`. */
  readonly anchors: readonly (LevelPoint & { readonly index: number })[];
}

/** Counts from every anchor up and down on one slab: the vertebrae found (anchors included), and what to say. */
function countOnSlab(slab: Slab, { modality, counts, sequence, lowestIndex, anchors }: CountContext): { vertebrae: Found[]; warnings: ProposalWarning[]; periodMm: number } {
  const top = anchors[0] as (typeof anchors)[number];
  const poseOf = (p: Vec3): { pose: Pose; lateral: number } => {
    const d = sub(p, slab.origin);
    const w = dot(d, slab.along);
    return { pose: { u: dot(d, slab.across), w, angle: 0 }, lateral: dot(d, slab.lateral) - slab.course(w) };
  };
  const found: Found[] = [];
  const warnings: ProposalWarning[] = [];
  const periods: number[] = [];
  const confirmed = new Set(anchors.map((a) => a.level));
  const add1 = (links: readonly ChainLink[], from: string, lateral: number): void => {
    for (const l of links) {
      const level = sequence[l.index] as string;
      if (confirmed.has(level) || found.some((p) => p.index === l.index)) continue;
      found.push({ index: l.index, pose: l.pose, lateral, confidence: l.confidence, from });
    }
  };
  const stopWarning = (end: ChainEnd, last: string, direction: 1 | -1): void => {
    const side = direction === 1 ? 'above' : 'below';
    if (end.stop === 'outside') {
      warnings.push({ code: 'field-of-view', level: last, message: `The image ends ${side} ${last}: no level is proposed ${side} it.` });
    } else if (end.stop === 'lost') {
      warnings.push({ code: 'image-lost', level: last, message: `${side === 'above' ? 'Above' : 'Below'} ${last} the image shows no vertebra like the one before (fusion, hardware, artefact or the end of the column): no level is proposed ${side} it.` });
    }
  };

  // Upward from the most cranial label.
  const topPose = poseOf(top.point);
  const up = chain(slab, sequence, topPose.pose, top.index, 1, null, 0, false);
  add1(up.links, top.level, topPose.lateral);
  if (up.period > 0) periods.push(up.period);
  stopWarning(up, up.links.length > 0 ? (sequence[(up.links[up.links.length - 1] as ChainLink).index] as string) : top.level, 1);

  // Between consecutive labels: count down from the upper one and check the lower one is where the count says.
  for (let k = 0; k + 1 < anchors.length; k++) {
    const a = anchors[k] as (typeof anchors)[number];
    const b = anchors[k + 1] as (typeof anchors)[number];
    if (b.index === a.index) continue;
    const start = poseOf(a.point);
    const down = chain(slab, sequence, start.pose, a.index, -1, null, b.index, false);
    const reachedB = down.links.find((l) => l.index === b.index);
    const expected = poseOf(b.point).pose;
    const period = down.period > 0 ? down.period : 30;
    if (reachedB === undefined || Math.hypot(reachedB.pose.u - expected.u, reachedB.pose.w - expected.w) > 0.5 * period) {
      // Find how many vertebrae the image shows between them, to say so plainly.
      const along = Math.hypot(expected.u - start.pose.u, expected.w - start.pose.w);
      const shown = Math.round(along / period);
      warnings.push({
        code: 'anchors-disagree',
        level: b.level,
        message: `Counting down from ${a.level}, the image shows about ${shown} vertebra${shown === 1 ? '' : 'e'} to the ${b.level} label, where the names need ${b.index - a.index}: check both labels and the count.`,
      });
    }
    add1(down.links.filter((l) => l.index < b.index), a.level, start.lateral);
    if (down.period > 0) periods.push(down.period);
  }

  // Downward from the most caudal label, to the lowest level proposed (S1).
  const bottom = anchors[anchors.length - 1] as (typeof anchors)[number];
  const bottomPose = poseOf(bottom.point);
  if (bottom.index < lowestIndex) {
    const down = chain(slab, sequence, bottomPose.pose, bottom.index, -1, null, lowestIndex, true);
    add1(down.links, bottom.level, bottomPose.lateral);
    if (down.period > 0) periods.push(down.period);
    const lastIndex = down.links.length > 0 ? (down.links[down.links.length - 1] as ChainLink).index : bottom.index;
    const last = sequence[lastIndex] as string;
    const lastLumbar = `L${counts.lumbarCount}`;
    if (down.stop === 'limit' && down.beyond !== null && down.beyond >= MATCH_GOOD - 0.1 && last === 'S1') {
      warnings.push({
        code: 'extra-mobile-segment',
        level: 'S1',
        message: `Below the vertebra counted as S1 the image shows another disc and a vertebra like it: S1 may be a lumbarised vertebra (L6), or the count is off by one. Check the count (counting method, lowest rib) and record the variant before confirming.`,
      });
    } else if (last === lastLumbar && down.stop !== 'outside') {
      warnings.push({
        code: 'no-lumbosacral-disc',
        level: lastLumbar,
        message: `Below ${lastLumbar} no vertebra like it is found, so S1 is not proposed: usual where the sacrum begins, but a sacralised ${lastLumbar} (one lumbar vertebra fewer) looks the same here. Check the lumbosacral junction and record any variant (Castellvi) before confirming.`,
      });
    } else if (down.stop !== 'limit') {
      stopWarning(down, last, -1);
    }
  }

  const periodMm = periods.length > 0 ? periods.reduce((sum, p) => sum + p, 0) / periods.length : 0;
  const vertebrae = [
    ...anchors.map((a) => ({ index: a.index, pose: poseOf(a.point).pose, lateral: poseOf(a.point).lateral, confidence: 1, from: a.level })),
    ...found,
  ].sort((a, b) => a.index - b.index);
  return { vertebrae: placeBetweenDiscs(slab, modality, vertebrae, new Set(anchors.map((a) => a.index)), periodMm), warnings, periodMm };
}

/**
 * Proposes the levels above and below the reader's labels on one stack. Confirmed labels are never re-proposed;
 * counting between two of them checks that the image shows as many vertebrae as their names say.
 */
export function proposeLevels(input: ProposeLevelsInput): ProposeLevelsResult {
  const { stack, counts } = input;
  if (stack.planes.length === 0 || stack.planes.length !== stack.pixels.length) return { ok: false, reason: 'the series has no images to look at' };
  if (input.anchors.length === 0) return { ok: false, reason: 'place one level you are sure of first' };
  const sequence = levelSequence(counts);
  const lowestIndex = sequence.indexOf(input.lowest ?? 'S1');
  const anchors = [...input.anchors]
    .map((a) => ({ ...a, index: sequence.indexOf(a.level) }))
    .sort((a, b) => a.index - b.index);
  const missing = anchors.find((a) => a.index < 0);
  if (missing !== undefined) {
    return { ok: false, reason: `${missing.level} does not exist with ${counts.thoracicCount} thoracic and ${counts.lumbarCount} lumbar vertebrae: correct the count or the label` };
  }
  const top = anchors[0] as (typeof anchors)[number];
  const sample = stackSampler(stack);
  const flat = buildSlab(stack, top.point, sample);
  const topOnSlab = sub(top.point, flat.origin);
  if (Number.isNaN(slabAt(flat, dot(topOnSlab, flat.across), dot(topOnSlab, flat.along)))) {
    return { ok: false, reason: `the ${top.level} label is outside this series` };
  }
  const context: CountContext = { modality: input.modality, counts, sequence, lowestIndex, anchors };
  // Counted once on a flat slab; where the spine leaves the slices it was counted on, once more along its course.
  let slab = flat;
  let counted = countOnSlab(flat, context);
  const course = courseThrough(sample, flat, counted.vertebrae);
  if (course !== null) {
    slab = buildSlab(stack, top.point, sample, course);
    counted = countOnSlab(slab, context);
  }
  const { vertebrae: refined, warnings, periodMm } = counted;
  const confirmed = new Set(anchors.map((a) => a.level));
  const proposed: ProposedLevel[] = refined
    .filter((v) => !confirmed.has(sequence[v.index] as string))
    .map((v) => ({ level: sequence[v.index] as string, point: roundPoint(poseToPatient(slab, v.pose, v.lateral)), confidence: round2(v.confidence), countedFrom: v.from }))
    // A vertebra whose name the image puts in doubt is proposed, but at low confidence (shown as such).
    .map((p) => (p.level === 'S1' && warnings.some((w) => w.code === 'extra-mobile-segment') ? { ...p, confidence: Math.min(p.confidence, DOUBTFUL) } : p));

  // Names that depend on a count this series does not show.
  const all = [...anchors.map((a) => a.level), ...proposed.map((p) => p.level)];
  const segments = new Set(all.map((l) => segmentOf(l)));
  if (input.countingMethod !== 'whole-spine-localizer') {
    const crossesThoracolumbar = segments.has('T') && segments.has('L');
    const crossesLumbosacral = segments.has('L') && segments.has('S');
    if (crossesThoracolumbar || crossesLumbosacral) {
      const named = proposed.filter((p) => (crossesThoracolumbar && (segmentOf(p.level) === 'T' || segmentOf(p.level) === 'L')) || (crossesLumbosacral && segmentOf(p.level) === 'S'));
      const junctions = [crossesThoracolumbar ? 'the lowest rib-bearing vertebra (T12, or a 13th thoracic vertebra)' : null, crossesLumbosacral ? 'the number of lumbar vertebrae (4, 5 or 6)' : null].filter((j) => j !== null).join(' and ');
      warnings.push({
        code: 'count-unreferenced',
        ...(named[0] !== undefined ? { level: named[0].level } : {}),
        message: `These levels are counted from ${anchors.map((a) => a.level).join(', ')} on this series only, assuming ${counts.thoracicCount} thoracic and ${counts.lumbarCount} lumbar vertebrae; ${junctions} cannot be confirmed here. Set the counting method and check the count before confirming.`,
      });
    }
  }

  return { ok: true, levels: proposed, warnings, periodMm: round2(periodMm) };
}

const roundPoint = (p: Vec3): Vec3 => vec3(round2(p[0]), round2(p[1]), round2(p[2]));
