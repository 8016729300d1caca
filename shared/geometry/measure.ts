import { fail, ok } from './result';
import type { GeometryResult } from './result';
import { degrees, mm, radians, toDegrees } from './units';
import type { Degrees, ImagePoint, Mm, Vec3 } from './units';
import { cross, dot, norm, sub } from './vec3';

/**
 * Where a length's millimetres come from. 'PixelSpacing' is patient-plane calibration; 'ImagerPixelSpacing' is
 * detector-plane (projection radiographs: magnified, the report should say so); 'uncalibrated' gives pixels only.
 */
export type Calibration =
  | { readonly source: 'PixelSpacing' | 'ImagerPixelSpacing'; readonly rowSpacing: Mm; readonly columnSpacing: Mm }
  | { readonly source: 'uncalibrated' };

export interface LengthMeasurement {
  readonly source: Calibration['source'];
  /** Null when uncalibrated: never present a pixel count as millimetres. */
  readonly mm: Mm | null;
  /** Euclidean length in pixel units (column and row steps counted equally). */
  readonly pixels: number;
}

/** Length between two points of one image. Column steps use columnSpacing (PixelSpacing[1]), row steps rowSpacing ([0]). */
export function measureLength(a: ImagePoint, b: ImagePoint, calibration: Calibration): LengthMeasurement {
  const dc = b.column - a.column;
  const dr = b.row - a.row;
  const pixels = Math.hypot(dc, dr);
  if (calibration.source === 'uncalibrated') return { source: calibration.source, mm: null, pixels };
  return { source: calibration.source, mm: mm(Math.hypot(dc * calibration.columnSpacing, dr * calibration.rowSpacing)), pixels };
}

/** A segment (or the line through it) in patient space. Convert drawn image points with imageToPatient first. */
export interface Segment {
  readonly start: Vec3;
  readonly end: Vec3;
}

const direction = (s: Segment): Vec3 => sub(s.end, s.start);
const ZERO_LENGTH_MM = 1e-9;
/** Signed angles smaller than this are floating-point noise, far below any reading precision. */
const NEUTRAL_DEGREES = 1e-9;

/** Unsigned angle between the directions of two segments, [0, 180] degrees: atan2(|a x b|, a.b). */
export function angleBetweenSegments(a: Segment, b: Segment): GeometryResult<Degrees> {
  const u = direction(a);
  const v = direction(b);
  if (norm(u) < ZERO_LENGTH_MM || norm(v) < ZERO_LENGTH_MM) return fail('a segment has zero length');
  return ok(toDegrees(radians(Math.atan2(norm(cross(u, v)), dot(u, v)))));
}

/**
 * Cobb angle between two lines: the acute angle, [0, 90] degrees, independent of the direction each line was
 * drawn in: atan2(|a x b|, |a.b|). Parallel and antiparallel lines give exactly 0; never NaN.
 */
export function cobbAngle(a: Segment, b: Segment): GeometryResult<Degrees> {
  const u = direction(a);
  const v = direction(b);
  if (norm(u) < ZERO_LENGTH_MM || norm(v) < ZERO_LENGTH_MM) return fail('a line has zero length');
  return ok(toDegrees(radians(Math.atan2(norm(cross(u, v)), Math.abs(dot(u, v))))));
}

/**
 * Sagittal-plane coordinates used by the signed measurements: a = anterior (-y in LPS), h = head (+z).
 * Points are projected orthographically onto the patient's sagittal plane (x is ignored), which is exact on a
 * true sagittal image and the standard lateral-view projection otherwise.
 */
const sagittal = (p: Vec3): { a: number; h: number } => ({ a: -p[1], h: p[2] });

export interface SegmentalKyphosis {
  /** Signed angle: positive = kyphosis, negative = lordosis, in (-180, 180); realistic values are within ±90. */
  readonly angle: Degrees;
  readonly kind: 'kyphosis' | 'lordosis' | 'neutral';
  /** The endplate lines used, as given (so the report can say which endplates were measured). */
  readonly upperEndplate: Segment;
  readonly lowerEndplate: Segment;
}

/**
 * Signed segmental (or regional) kyphosis angle between the cranial endplate line (e.g. superior endplate of
 * the vertebra above) and the caudal one (e.g. inferior endplate of the vertebra below).
 * CONVENTION: in the patient's sagittal plane with axes anterior (a) and head (h), each endplate is directed
 * posterior-to-anterior (drawing direction does not matter) and its tilt is the angle from the anterior axis
 * towards the head. Angle = tilt(lower) - tilt(upper), computed as atan2(cross, dot) of the two directions.
 * Positive when the endplates converge anteriorly (wedge open posteriorly) = kyphosis; negative when they
 * diverge anteriorly = lordosis; parallel = 0 ('neutral', |angle| < 1e-9 degrees).
 * Fails when an endplate has no anterior-posterior extent in the sagittal projection.
 */
export function segmentalKyphosis(upperEndplate: Segment, lowerEndplate: Segment): GeometryResult<SegmentalKyphosis> {
  const toAnterior = (s: Segment): { a: number; h: number } | null => {
    const p = sagittal(s.start);
    const q = sagittal(s.end);
    const da = q.a - p.a;
    const dh = q.h - p.h;
    if (Math.abs(da) < ZERO_LENGTH_MM) return null;
    return da > 0 ? { a: da, h: dh } : { a: -da, h: -dh };
  };
  const u = toAnterior(upperEndplate);
  const l = toAnterior(lowerEndplate);
  if (u === null || l === null) return fail('an endplate line has no anterior-posterior extent in the sagittal plane');
  const raw = toDegrees(radians(Math.atan2(u.a * l.h - u.h * l.a, u.a * l.a + u.h * l.h)));
  // Parallel endplates can come out as ±1e-15 from rounding: snap that noise to exactly 0 ('neutral').
  const angle = Math.abs(raw) < NEUTRAL_DEGREES ? degrees(0) : raw;
  const kind = angle > 0 ? 'kyphosis' : angle < 0 ? 'lordosis' : 'neutral';
  return ok({ angle, kind, upperEndplate, lowerEndplate });
}

export interface Translation {
  /** Signed offset: positive = the upper vertebra is displaced anteriorly (anterolisthesis), negative = posteriorly. */
  readonly offset: Mm;
  readonly upperPosteriorWall: Segment;
  readonly lowerPosteriorWall: Segment;
}

/**
 * Sagittal translation of a vertebra relative to the one below.
 * CONVENTION: in the patient's sagittal plane (as segmentalKyphosis), take the postero-inferior corner of the
 * upper vertebra (the more caudal end of its posterior wall line) and measure its perpendicular distance to the
 * line through the lower vertebra's posterior wall, signed positive anteriorly.
 */
export function sagittalTranslation(upperPosteriorWall: Segment, lowerPosteriorWall: Segment): GeometryResult<Translation> {
  const us = sagittal(upperPosteriorWall.start);
  const ue = sagittal(upperPosteriorWall.end);
  const corner = us.h <= ue.h ? us : ue;
  const ls = sagittal(lowerPosteriorWall.start);
  const le = sagittal(lowerPosteriorWall.end);
  let da = le.a - ls.a;
  let dh = le.h - ls.h;
  const length = Math.hypot(da, dh);
  if (length < ZERO_LENGTH_MM) return fail('the lower posterior wall line has zero length in the sagittal plane');
  if (Math.abs(dh) < ZERO_LENGTH_MM) return fail('the lower posterior wall line is horizontal: no anterior direction across it');
  // Direct the wall line head-wards; its perpendicular (h, -a)/|.| then points anteriorly.
  if (dh < 0) {
    da = -da;
    dh = -dh;
  }
  const offset = ((corner.a - ls.a) * dh - (corner.h - ls.h) * da) / length;
  return ok({ offset: mm(offset), upperPosteriorWall, lowerPosteriorWall });
}
