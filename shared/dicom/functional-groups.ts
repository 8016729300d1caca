import type { DataSet } from 'dicom-parser';
import { firstItem, items, number, numbers } from './dataset-values';
import { TAG } from './tags';

/** The geometry of one frame, from the enhanced multi-frame functional groups (PS3.3 C.7.6.16). */
export interface FrameGeometry {
  readonly imagePositionPatient?: number[];
  readonly imageOrientationPatient?: number[];
  readonly pixelSpacing?: number[];
  readonly sliceThickness?: number;
  readonly spacingBetweenSlices?: number;
  readonly rescaleSlope?: number;
  readonly rescaleIntercept?: number;
  readonly windowCenter?: number[];
  readonly windowWidth?: number[];
}

function fromGroup(group: DataSet | undefined): FrameGeometry {
  if (group === undefined) return {};
  const position = firstItem(group, TAG.planePositionSequence);
  const orientation = firstItem(group, TAG.planeOrientationSequence);
  const measures = firstItem(group, TAG.pixelMeasuresSequence);
  const transform = firstItem(group, TAG.pixelValueTransformationSequence);
  const voi = firstItem(group, TAG.frameVoiLutSequence);
  const out: { -readonly [K in keyof FrameGeometry]: FrameGeometry[K] } = {};
  const ipp = position && numbers(position, TAG.imagePositionPatient);
  const iop = orientation && numbers(orientation, TAG.imageOrientationPatient);
  if (ipp) out.imagePositionPatient = ipp;
  if (iop) out.imageOrientationPatient = iop;
  if (measures) {
    const spacing = numbers(measures, TAG.pixelSpacing);
    const thickness = number(measures, TAG.sliceThickness);
    const between = number(measures, TAG.spacingBetweenSlices);
    if (spacing) out.pixelSpacing = spacing;
    if (thickness !== undefined) out.sliceThickness = thickness;
    if (between !== undefined) out.spacingBetweenSlices = between;
  }
  if (transform) {
    const slope = number(transform, TAG.rescaleSlope);
    const intercept = number(transform, TAG.rescaleIntercept);
    if (slope !== undefined) out.rescaleSlope = slope;
    if (intercept !== undefined) out.rescaleIntercept = intercept;
  }
  if (voi) {
    const centre = numbers(voi, TAG.windowCenter);
    const width = numbers(voi, TAG.windowWidth);
    if (centre) out.windowCenter = centre;
    if (width) out.windowWidth = width;
  }
  return out;
}

/** Values shared by all frames (Shared Functional Groups), or empty when the object has none. */
export function sharedFrameValues(ds: DataSet): FrameGeometry {
  return fromGroup(firstItem(ds, TAG.sharedFunctionalGroups));
}

/**
 * Per-frame geometry: each frame's own group overrides the shared group, attribute by attribute (the standard
 * puts a macro in one or the other). Returns undefined when the object has no per-frame groups (classic objects).
 */
export function perFrameGeometry(ds: DataSet): FrameGeometry[] | undefined {
  const perFrame = items(ds, TAG.perFrameFunctionalGroups);
  if (perFrame.length === 0) return undefined;
  const shared = sharedFrameValues(ds);
  return perFrame.map((group) => ({ ...shared, ...fromGroup(group) }));
}
