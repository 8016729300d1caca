/**
 * Which images the report shows: the reader's key images when there are any, otherwise one sagittal and one axial
 * image per lesion through the lesion's level (its label point), proposed automatically. Plus the image-plane
 * projection the overlay drawing needs. Pure: geometry comes from the study info.
 */
import type { AnnotationDocument, LpsPoint } from '../annotation/schema';
import type { InstanceInfo, SeriesInfo, StudyInfo } from './study-info';
import { findInstance } from './study-info';

export interface KeyImageChoice {
  readonly id: string;
  readonly seriesInstanceUID: string;
  readonly sopInstanceUID: string;
  readonly frame: number;
  readonly caption: string;
  readonly chosenBy: 'reader' | 'proposed';
  /** Window from the viewer state, when the reader chose the image with one. */
  readonly window?: { readonly center: number; readonly width: number };
  readonly overlays: { readonly labels: boolean; readonly lesions: boolean; readonly measurements: boolean };
  /** The lesion this image shows: only its mark is drawn (absent: every lesion on the image). */
  readonly lesionId?: string;
  /** The part of the image the reader framed (zoom and pan), in image points (pixel centres at integers). */
  readonly region?: ImageRegion;
}

export interface ImageRegion {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** A key image's width in the report's figure units (CSS px of the figure, before the figure's print scaling). */
export const KEY_IMAGE_WIDTH = 400;
/** Picture pixels per figure unit: the image is resampled at twice the figure's units, for print. */
export const KEY_IMAGE_PIXELS_PER_UNIT = 2;

/** A region recorded in a key image's viewState by "Add view" (regionX0…regionY1), when it is whole and sane. */
export function regionFromViewState(viewState: Readonly<Record<string, unknown>>): ImageRegion | undefined {
  const [x0, y0, x1, y1] = ['regionX0', 'regionY0', 'regionX1', 'regionY1'].map((k) => viewState[k]);
  if (typeof x0 !== 'number' || typeof y0 !== 'number' || typeof x1 !== 'number' || typeof y1 !== 'number') return undefined;
  return x1 - x0 >= 4 && y1 - y0 >= 4 ? { x0, y0, x1, y1 } : undefined;
}

/**
 * Where a key image comes from and how big it is: the framed region (else the whole image) and the figure size
 * that keeps its millimetre proportions, KEY_IMAGE_WIDTH wide (narrower for a tall image, at most 1.3 times as high).
 */
export function keyImageFrame(choice: KeyImageChoice, series: SeriesInfo, rows: number, columns: number): { region: ImageRegion; width: number; height: number } {
  const region = choice.region ?? { x0: -0.5, y0: -0.5, x1: columns - 0.5, y1: rows - 0.5 };
  const [rowSpacing, columnSpacing] = series.pixelSpacing ?? [1, 1];
  const ratio = ((region.y1 - region.y0) * rowSpacing) / ((region.x1 - region.x0) * columnSpacing);
  const maxHeight = KEY_IMAGE_WIDTH * 1.3;
  const width = ratio * KEY_IMAGE_WIDTH > maxHeight ? Math.round(maxHeight / ratio) : KEY_IMAGE_WIDTH;
  return { region, width, height: Math.max(16, Math.round(width * ratio)) };
}

type V3 = readonly [number, number, number];
const dot = (a: V3, b: V3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const sub = (a: V3, b: V3): V3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const cross = (a: V3, b: V3): V3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];

function cosines(series: SeriesInfo): { row: V3; column: V3 } | null {
  const o = series.imageOrientationPatient;
  if (o === undefined || o.length !== 6) return null;
  return { row: [o[0] ?? 0, o[1] ?? 0, o[2] ?? 0], column: [o[3] ?? 0, o[4] ?? 0, o[5] ?? 0] };
}

/** Patient point → fractional pixel (column, row) on an instance, or null without geometry. */
export function projectToPixel(series: SeriesInfo, instance: InstanceInfo, point: V3): { column: number; row: number; distanceMm: number } | null {
  const c = cosines(series);
  const origin = instance.imagePositionPatient;
  const spacing = series.pixelSpacing;
  if (c === null || origin === undefined || spacing === undefined) return null;
  const d = sub(point, origin);
  return { column: dot(d, c.row) / spacing[1], row: dot(d, c.column) / spacing[0], distanceMm: dot(d, cross(c.row, c.column)) };
}

/** The instance of a series whose plane is nearest to the point. */
export function nearestInstance(series: SeriesInfo, point: V3): InstanceInfo | null {
  let best: InstanceInfo | null = null;
  let bestDistance = Infinity;
  for (const instance of series.instances) {
    const p = projectToPixel(series, instance, point);
    if (p === null) continue;
    if (Math.abs(p.distanceMm) < bestDistance) {
      bestDistance = Math.abs(p.distanceMm);
      best = instance;
    }
  }
  return best;
}

/** Where a lesion is: the label point of its middle level (the document keeps lesions by level). */
export function lesionPoint(doc: AnnotationDocument, levels: readonly string[]): LpsPoint | null {
  const middle = levels[Math.floor((levels.length - 1) / 2)];
  const label = doc.labels.find((l) => l.label === middle) ?? doc.labels.find((l) => levels.includes(l.label));
  return label?.point ?? null;
}

function readerWindow(viewState: Readonly<Record<string, unknown>>): { center: number; width: number } | undefined {
  const center = viewState['windowCenter'];
  const width = viewState['windowWidth'];
  return typeof center === 'number' && typeof width === 'number' && width > 0 ? { center, width } : undefined;
}

export function chooseKeyImages(doc: AnnotationDocument, study: StudyInfo): KeyImageChoice[] {
  if (doc.report.keyImages.length > 0) {
    return doc.report.keyImages.map((k) => {
      const w = readerWindow(k.viewState);
      const lesionId = k.viewState['lesionId'];
      const region = regionFromViewState(k.viewState);
      return {
        id: k.id,
        seriesInstanceUID: k.seriesInstanceUID,
        sopInstanceUID: k.instance.sopInstanceUID,
        frame: k.instance.frame,
        caption: k.caption || 'Key image',
        chosenBy: 'reader' as const,
        ...(w !== undefined ? { window: w } : {}),
        overlays: k.overlays,
        ...(typeof lesionId === 'string' ? { lesionId } : {}),
        ...(region !== undefined ? { region } : {}),
      };
    });
  }
  const out: KeyImageChoice[] = [];
  const all = { labels: true, lesions: true, measurements: true };
  for (const lesion of doc.lesions) {
    const point = lesionPoint(doc, lesion.levels);
    if (point === null) continue;
    const where = lesion.levels.join('–');
    // Prefer the series the reader annotated on, then any series of that orientation.
    const annotated = doc.labels.map((l) => findInstance(study, l.sourceInstance.sopInstanceUID, l.sourceInstance.frame)?.series.uid);
    for (const orientation of ['sagittal', 'axial'] as const) {
      const candidates = study.series.filter((s) => s.orientation === orientation);
      const series = candidates.find((s) => annotated.includes(s.uid)) ?? candidates[0];
      if (series === undefined) continue;
      const instance = nearestInstance(series, point);
      if (instance === null) continue;
      out.push({
        id: `auto-${lesion.id}-${orientation}`,
        seriesInstanceUID: series.uid,
        sopInstanceUID: instance.sopInstanceUID,
        frame: instance.frame,
        caption: `${where} lesion, ${orientation} ${series.modality}`,
        chosenBy: 'proposed',
        overlays: all,
        lesionId: lesion.id,
      });
    }
  }
  return out;
}
