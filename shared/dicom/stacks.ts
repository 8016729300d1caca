import { classifyPlane } from '../geometry/orientation';
import { planeNormal } from '../geometry/image-plane';
import type { ImagePlane } from '../geometry/image-plane';
import { checkRegularVolume, positionAlong, sortByPosition, splitIntoStacks } from '../geometry/stack';
import type { FrameItem } from './frames';
import type { Instance, SeriesOrientation, Stack } from './index-model';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Deterministic base order before geometry: InstanceNumber, then frame, then file path. */
export function byInstanceNumber(a: FrameItem, b: FrameItem): number {
  const ia = a.instance.instanceNumber ?? Number.POSITIVE_INFINITY;
  const ib = b.instance.instanceNumber ?? Number.POSITIVE_INFINITY;
  if (ia !== ib) return ia < ib ? -1 : 1;
  const fa = a.instance.frame ?? 0;
  const fb = b.instance.frame ?? 0;
  if (fa !== fb) return fa - fb;
  return a.object.label < b.object.label ? -1 : a.object.label > b.object.label ? 1 : 0;
}

const planeOf = (item: FrameItem): ImagePlane => item.plane as ImagePlane;

function commonStackFields(items: FrameItem[], id: string): Mutable<Stack> {
  const first = items[0];
  const h = first?.object.header;
  const stack: Mutable<Stack> = {
    id,
    orientation: 'unknown',
    pixelSpacingSource: h?.pixelSpacingSource ?? 'none',
    sortedBy: 'file-order',
    regularVolume: false,
    instances: [],
  };
  if (h?.rows !== undefined) stack.rows = h.rows;
  if (h?.columns !== undefined) stack.columns = h.columns;
  const spacing = first?.pixelSpacing;
  if (spacing && spacing.length >= 2) stack.pixelSpacing = [spacing[0] ?? 0, spacing[1] ?? 0];
  if (first?.sliceThickness !== undefined) stack.sliceThickness = first.sliceThickness;
  if (first?.spacingBetweenSlices !== undefined) stack.spacingBetweenSlices = first.spacingBetweenSlices;
  if (h?.frameOfReferenceUid !== undefined) stack.frameOfReferenceUid = h.frameOfReferenceUid;
  return stack;
}

/** A stack of images with valid planes: classified, ordered along the normal, checked for regularity. */
function geometricStack(items: FrameItem[], id: string): Stack {
  const sorted = sortByPosition([...items].sort(byInstanceNumber), planeOf);
  const stack = commonStackFields(sorted, id);
  const first = sorted[0];
  if (first?.plane) {
    const normal = planeNormal(first.plane);
    stack.orientation = classifyPlane(first.plane).orientation;
    stack.imageOrientationPatient = [...first.plane.rowCosine, ...first.plane.columnCosine].map(noNegativeZero);
    stack.normal = [noNegativeZero(normal[0]), noNegativeZero(normal[1]), noNegativeZero(normal[2])];
    stack.sortedBy = 'position';
    stack.instances = sorted.map((item): Instance => ({ ...item.instance, position: round(positionAlong(planeOf(item), normal)) }));
  }
  const volume = checkRegularVolume(sorted.map(planeOf));
  stack.regularVolume = volume.regular;
  if (volume.regular) stack.sliceSpacing = round(volume.sliceSpacing);
  else stack.regularReason = volume.reason;
  if (volume.regular && stack.pixelSpacingSource === 'none') {
    stack.regularVolume = false;
    stack.regularReason = 'no PixelSpacing: distances in the slice plane are unknown';
  }
  return stack;
}

/** Images without usable geometry: grouped by matrix size, ordered by InstanceNumber (then file). */
function nonGeometricStack(items: FrameItem[], id: string): Stack {
  const sorted = [...items].sort(byInstanceNumber);
  const stack = commonStackFields(sorted, id);
  stack.sortedBy = sorted.some((i) => i.instance.instanceNumber !== undefined) ? 'instance-number' : 'file-order';
  stack.regularReason = 'no usable ImagePositionPatient/ImageOrientationPatient';
  const iop = sorted[0]?.imageOrientationPatient;
  if (iop && iop.length === 6) stack.imageOrientationPatient = iop;
  stack.instances = sorted.map((i) => i.instance);
  return stack;
}

// -0 does not survive JSON: normalise it so the index is the same before and after serialisation.
const noNegativeZero = (value: number): number => value + 0;
// Positions are for display and sorting checks: micrometre precision keeps the JSON short.
const round = (value: number): number => noNegativeZero(Math.round(value * 1000) / 1000);

/**
 * Splits one series' images into coherent stacks (same orientation, matrix and pixel spacing; geometry library),
 * each ordered by position along its normal. Images without geometry form stacks per matrix size.
 * Stacks are listed in the order of their lowest InstanceNumber.
 */
export function buildStacks(items: ReadonlyArray<FrameItem>, seriesKey: string): Stack[] {
  const ordered = [...items].sort(byInstanceNumber);
  const withPlane = ordered.filter((i) => i.plane !== undefined);
  const without = ordered.filter((i) => i.plane === undefined);
  const groups: { geometric: boolean; items: FrameItem[] }[] = [
    ...splitIntoStacks(withPlane, planeOf).map((g) => ({ geometric: true, items: g })),
    ...groupBySize(without).map((g) => ({ geometric: false, items: g })),
  ];
  const firstIndex = (g: { items: FrameItem[] }): number => ordered.indexOf(g.items[0] as FrameItem);
  groups.sort((a, b) => firstIndex(a) - firstIndex(b));
  return groups.map((g, n) => (g.geometric ? geometricStack(g.items, `${seriesKey}#${n}`) : nonGeometricStack(g.items, `${seriesKey}#${n}`)));
}

function groupBySize(items: FrameItem[]): FrameItem[][] {
  const bySize = new Map<string, FrameItem[]>();
  for (const item of items) {
    const key = `${item.object.header.rows ?? '?'}x${item.object.header.columns ?? '?'}`;
    const list = bySize.get(key);
    if (list) list.push(item);
    else bySize.set(key, [item]);
  }
  return [...bySize.values()];
}

/** The series orientation: the stacks' common orientation, 'mixed' when they differ, 'unknown' without stacks. */
export function seriesOrientation(stacks: ReadonlyArray<Stack>): SeriesOrientation {
  const kinds = new Set(stacks.map((s) => s.orientation));
  if (kinds.size === 0) return 'unknown';
  if (kinds.size === 1) return [...kinds][0] ?? 'unknown';
  return 'mixed';
}
