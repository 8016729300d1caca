import { planeFromDicom } from '../geometry/image-plane';
import type { ImagePlane } from '../geometry/image-plane';
import type { FrameGeometry } from './header';
import { frameId } from './instance-id';
import type { IndexedObject } from './indexed-object';
import type { Instance } from './index-model';

/** One displayable image: a single-frame object, or one frame of a multi-frame object. */
export interface FrameItem {
  readonly object: IndexedObject;
  readonly instance: Instance;
  readonly imageOrientationPatient?: number[];
  readonly pixelSpacing?: number[];
  readonly sliceThickness?: number;
  readonly spacingBetweenSlices?: number;
  /** Present when position, orientation and size make a valid plane. */
  readonly plane?: ImagePlane;
  /** Why geometry that is present could not be used. */
  readonly planeError?: string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const asVec3 = (v: number[] | undefined): [number, number, number] | undefined =>
  v && v.length === 3 ? [v[0] ?? 0, v[1] ?? 0, v[2] ?? 0] : undefined;

function buildInstance(object: IndexedObject, frame: number | undefined, g: FrameGeometry): Instance {
  const h = object.header;
  const inst: Mutable<Instance> = {
    id: frame === undefined ? object.id : frameId(object.id, frame),
    file: object.file,
    frame,
    sopInstanceUid: h.sopInstanceUid,
    instanceNumber: h.instanceNumber,
    acquisitionNumber: h.acquisitionNumber,
    imagePositionPatient: asVec3(g.imagePositionPatient ?? h.imagePositionPatient),
    sliceLocation: frame === undefined ? h.sliceLocation : undefined,
    transferSyntaxUid: h.transferSyntaxUid,
    bitsAllocated: h.bitsAllocated,
    bitsStored: h.bitsStored,
    pixelRepresentation: h.pixelRepresentation,
    samplesPerPixel: h.samplesPerPixel,
    photometricInterpretation: h.photometricInterpretation,
    numberOfFrames: h.numberOfFrames > 1 ? h.numberOfFrames : undefined,
    rescaleSlope: g.rescaleSlope ?? h.rescaleSlope,
    rescaleIntercept: g.rescaleIntercept ?? h.rescaleIntercept,
    rescaleType: h.rescaleType,
    windowCenter: g.windowCenter ?? h.windowCenter,
    windowWidth: g.windowWidth ?? h.windowWidth,
  };
  for (const key of Object.keys(inst) as (keyof Instance)[]) if (inst[key] === undefined) delete inst[key];
  return inst;
}

function frameItem(object: IndexedObject, frame: number | undefined, g: FrameGeometry): FrameItem {
  const h = object.header;
  const instance = buildInstance(object, frame, g);
  const iop = g.imageOrientationPatient ?? h.imageOrientationPatient;
  const spacing = g.pixelSpacing ?? h.pixelSpacing;
  const item: Mutable<FrameItem> = { object, instance };
  if (iop) item.imageOrientationPatient = iop;
  if (spacing) item.pixelSpacing = spacing;
  const thickness = g.sliceThickness ?? h.sliceThickness;
  const between = g.spacingBetweenSlices ?? h.spacingBetweenSlices;
  if (thickness !== undefined) item.sliceThickness = thickness;
  if (between !== undefined) item.spacingBetweenSlices = between;
  const ipp = instance.imagePositionPatient;
  if (ipp && iop && h.rows !== undefined && h.columns !== undefined) {
    // Orientation and ordering do not need the spacing; a missing one is stood in for by 1 mm (flagged on the stack).
    const built = planeFromDicom({
      imagePositionPatient: ipp,
      imageOrientationPatient: iop,
      pixelSpacing: spacing ?? [1, 1],
      rows: h.rows,
      columns: h.columns,
    });
    if (built.ok) item.plane = built.value;
    else item.planeError = built.reason;
  }
  return item;
}

// An object's frames depend on nothing but the object, and a growing series is grouped again on each
// 'series-ready' publish and once more for the final index: the items (instance, validated plane) are made once
// per object. Objects are never changed after indexing; a derived-UID copy is a new object, so a new entry.
const expanded = new WeakMap<IndexedObject, readonly FrameItem[]>();

/** Expands an image object into its frames (multi-frame objects into one item per frame). Do not mutate the result. */
export function expandFrames(object: IndexedObject): readonly FrameItem[] {
  const known = expanded.get(object);
  if (known !== undefined) return known;
  const h = object.header;
  const out: FrameItem[] = [];
  if (h.numberOfFrames <= 1) out.push(frameItem(object, undefined, h.frames?.[0] ?? {}));
  else for (let f = 0; f < h.numberOfFrames; f++) out.push(frameItem(object, f, h.frames?.[f] ?? {}));
  expanded.set(object, out);
  return out;
}
