// Key images without a window: decode the frame, apply the modality rescale and the window (the reader's, else the
// file's first, else the frame's range), burn in the overlays (level labels, lesion marker, measurement lines)
// at 2× so text and lines stay sharp in the PDF, and encode a PNG.
import type { AnnotationDocument, LpsPoint, Measurement } from '@shared/annotation/schema';
import { decodeFrame } from '@shared/dicom/decode/decode-frame';
import { applyRescale, readRescale } from '@shared/dicom/decode/modality-lut';
import { parseDicomBytes } from '@shared/dicom/decode/parse';
import { applyWindow, readWindows, windowForRange } from '@shared/dicom/decode/voi';
import type { VoiWindow } from '@shared/dicom/decode/voi';
import type { KeyImageChoice } from '@shared/report/key-images';
import { lesionPoint, projectToPixel } from '@shared/report/key-images';
import type { SeriesInfo, StudyInfo } from '@shared/report/study-info';
import { findInstance } from '@shared/report/study-info';
import { inflateRawNode, nodeCodecs } from '../codecs-node';
import { encodePng } from './png';
import { createRaster, drawCircle, drawCross, drawLabel, drawLine } from './raster';
import type { Raster } from './raster';

/** Output pixels per image pixel. */
const SCALE = 2;
/** Overlays within this distance of the image plane are drawn (mm): about one vertebral half-height. */
const PLANE_TOLERANCE_MM = 8;

const YELLOW = [255, 214, 0] as const;
const RED = [255, 40, 40] as const;
const GREEN = [60, 230, 90] as const;

export interface RenderedKeyImage {
  readonly id: string;
  readonly png: Uint8Array;
  readonly width: number;
  readonly height: number;
}

function greyscale(pixels: ArrayLike<number>, rows: number, columns: number, samples: number, map: (v: number) => number): Raster {
  const r = createRaster(columns * SCALE, rows * SCALE);
  for (let y = 0; y < rows * SCALE; y++) {
    const sy = Math.floor(y / SCALE);
    for (let x = 0; x < columns * SCALE; x++) {
      const sx = Math.floor(x / SCALE);
      const at = (y * columns * SCALE + x) * 4;
      const base = (sy * columns + sx) * samples;
      if (samples >= 3) {
        r.rgba[at] = pixels[base] ?? 0;
        r.rgba[at + 1] = pixels[base + 1] ?? 0;
        r.rgba[at + 2] = pixels[base + 2] ?? 0;
      } else {
        const g = map(pixels[base] ?? 0);
        r.rgba[at] = g;
        r.rgba[at + 1] = g;
        r.rgba[at + 2] = g;
      }
      r.rgba[at + 3] = 255;
    }
  }
  return r;
}

function measurementSegments(m: Measurement): Array<readonly [LpsPoint, LpsPoint]> {
  switch (m.kind) {
    case 'vertebral-heights':
      return [m.index, m.above, m.below].flatMap((b) => (b === null ? [] : [b.anterior, b.middle, b.posterior]));
    case 'length': case 'translation': case 'arrow':
      return [m.points];
    case 'angle':
      return [[m.points[0], m.points[1]], [m.points[1], m.points[2]]];
    case 'cobb':
      return [[m.points[0], m.points[1]], [m.points[2], m.points[3]]];
    case 'text':
      return [];
  }
}

function drawOverlays(r: Raster, choice: KeyImageChoice, doc: AnnotationDocument, series: SeriesInfo, study: StudyInfo): void {
  const found = findInstance(study, choice.sopInstanceUID, choice.frame);
  if (found === null) return;
  const at = (p: readonly [number, number, number]): { x: number; y: number; near: boolean } | null => {
    const q = projectToPixel(series, found.instance, p);
    // Pixel centres: pixel (c, r) covers [c·S, (c+1)·S) in the scaled raster.
    return q === null ? null : { x: (q.column + 0.5) * SCALE, y: (q.row + 0.5) * SCALE, near: Math.abs(q.distanceMm) <= PLANE_TOLERANCE_MM };
  };
  if (choice.overlays.measurements) {
    for (const m of doc.measurements) {
      for (const [a, b] of measurementSegments(m)) {
        const pa = at(a);
        const pb = at(b);
        if (pa !== null && pb !== null && pa.near && pb.near) drawLine(r, pa.x, pa.y, pb.x, pb.y, GREEN, 2);
      }
    }
  }
  if (choice.overlays.lesions) {
    for (const lesion of doc.lesions) {
      const point = lesionPoint(doc, lesion.levels);
      const p = point === null ? null : at(point);
      if (p !== null && p.near) drawCircle(r, p.x, p.y, 16 * SCALE, RED, 3);
    }
  }
  if (choice.overlays.labels) {
    for (const label of doc.labels) {
      const p = at(label.point);
      if (p === null || !p.near) continue;
      drawCross(r, p.x, p.y, 4 * SCALE, YELLOW, 2);
      drawLabel(r, p.x + 7 * SCALE, p.y - 7, label.label, YELLOW, 2);
    }
  }
}

/** Renders each key image; images the study cannot provide are skipped (the report lists them without a picture). */
export async function renderKeyImages(
  choices: readonly KeyImageChoice[],
  doc: AnnotationDocument,
  study: StudyInfo,
  readBytes: (sopInstanceUID: string, frame: number) => Promise<Uint8Array | null>,
): Promise<RenderedKeyImage[]> {
  const codecs = await nodeCodecs();
  const out: RenderedKeyImage[] = [];
  for (const choice of choices) {
    const found = findInstance(study, choice.sopInstanceUID, choice.frame);
    const bytes = await readBytes(choice.sopInstanceUID, choice.frame);
    if (found === null || bytes === null) continue;
    const parsed = await parseDicomBytes(bytes, { inflateRaw: inflateRawNode });
    const frame = await decodeFrame(parsed, choice.frame, codecs);
    const rescale = readRescale(parsed.dataSet);
    const lo = applyRescale(frame.minValue, rescale);
    const hi = applyRescale(frame.maxValue, rescale);
    const window: VoiWindow = choice.window !== undefined
      ? { ...choice.window, function: 'LINEAR' }
      : (readWindows(parsed.dataSet)[0] ?? windowForRange(Math.min(lo, hi), Math.max(lo, hi)));
    const invert = frame.photometricInterpretation === 'MONOCHROME1';
    const map = (stored: number): number => {
      const g = Math.round(applyWindow(applyRescale(stored, rescale), window));
      return invert ? 255 - g : g;
    };
    const raster = greyscale(frame.pixels, frame.rows, frame.columns, frame.samplesPerPixel, map);
    drawOverlays(raster, choice, doc, found.series, study);
    out.push({ id: choice.id, png: encodePng(raster.rgba, raster.width, raster.height), width: raster.width, height: raster.height });
  }
  return out;
}
