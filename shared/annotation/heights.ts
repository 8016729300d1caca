/**
 * Measurement assists for collapse (docs/clinical-rules.md §3): the stored point pairs turned into heights, handed to
 * the geometry library's height-loss rule. Derived on demand, never stored, so a moved handle cannot leave a stale
 * percentage behind.
 */
import { computeHeightLoss, heightsFromPoints, vec3 } from '../geometry/index';
import type { EndplatePoints, HeightLossResult, BodyHeights as GeometryHeights } from '../geometry/index';
import type { BodyHeights, LpsPoint, Measurement } from './schema';

export type HeightsMeasurement = Extract<Measurement, { kind: 'vertebral-heights' }>;

const point = (p: LpsPoint) => vec3(p[0], p[1], p[2]);
const pair = (segment: readonly [LpsPoint, LpsPoint]): EndplatePoints => [point(segment[0]), point(segment[1])];

function heights(body: BodyHeights): GeometryHeights {
  return heightsFromPoints({ anterior: pair(body.anterior), middle: pair(body.middle), posterior: pair(body.posterior) });
}

/** % loss, suggested collapse, Genant grade and borderline flag, or why they cannot be computed. */
export function assessHeights(m: HeightsMeasurement): HeightLossResult {
  // The reader picks the nearest *normal* bodies as references, so none is marked abnormal here.
  const reference = (body: BodyHeights | null) => (body ? { label: body.level, heights: heights(body), abnormal: false } : null);
  return computeHeightLoss({ index: heights(m.index), above: reference(m.above), below: reference(m.below) });
}
