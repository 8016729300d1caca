// Key images without a window: decode the frame, apply the modality rescale and the window (the reader's, else the
// file's first, else the frame's range), resample the part of the image the reader framed (or the whole image)
// with bilinear interpolation as the viewer's canvas shows it, and lay the shared overlay glyphs over it
// (shared/overlay: the viewer draws the same ones). The result is an SVG — the picture as a PNG plus vector marks
// and text sized for the printed figure, so they stay small and sharp on a 3 mm CT as on a 0.5 mm one.
import type { AnnotationDocument } from '@shared/annotation/schema';
import { decodeFrame } from '@shared/dicom/decode/decode-frame';
import { applyRescale, readRescale } from '@shared/dicom/decode/modality-lut';
import { parseDicomBytes } from '@shared/dicom/decode/parse';
import { applyWindow, readWindows, windowForRange } from '@shared/dicom/decode/voi';
import type { VoiWindow } from '@shared/dicom/decode/voi';
import { keyImageSvg, OVERLAY_NEAR_MM, overlayGlyphs } from '@shared/overlay/index';
import type { OverlayLabel } from '@shared/overlay/index';
import type { KeyImageChoice } from '@shared/report/key-images';
import { KEY_IMAGE_PIXELS_PER_UNIT, keyImageFrame, projectToPixel } from '@shared/report/key-images';
import type { InstanceInfo, SeriesInfo, StudyInfo } from '@shared/report/study-info';
import { findInstance } from '@shared/report/study-info';
import { inflateRawNode, nodeCodecs } from '../codecs-node';
import { encodePng, pngDataUrl } from './png';


export interface RenderedKeyImage {
  readonly id: string;
  /** `data:image/svg+xml;base64,…` */
  readonly url: string;
  readonly width: number;
  readonly height: number;
}

/** Bilinear resampling of the framed region into width×height output pixels (grey via `map`, or RGB as stored). */
function resample(pixels: ArrayLike<number>, rows: number, columns: number, samples: number, map: (v: number) => number, region: { x0: number; y0: number; x1: number; y1: number }, width: number, height: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  const grey = samples >= 3 ? null : Float32Array.from({ length: rows * columns }, (_, i) => map(pixels[i * samples] ?? 0));
  const at = (x: number, y: number, c: number): number => {
    const cx = Math.min(columns - 1, Math.max(0, x));
    const cy = Math.min(rows - 1, Math.max(0, y));
    return grey !== null ? (grey[cy * columns + cx] ?? 0) : (pixels[(cy * columns + cx) * samples + c] ?? 0);
  };
  for (let oy = 0; oy < height; oy++) {
    // Output pixel centre -> image point (pixel centres at integers, as the viewer's image points).
    const iy = region.y0 + ((oy + 0.5) / height) * (region.y1 - region.y0);
    const y0 = Math.floor(iy);
    const fy = iy - y0;
    for (let ox = 0; ox < width; ox++) {
      const ix = region.x0 + ((ox + 0.5) / width) * (region.x1 - region.x0);
      const x0 = Math.floor(ix);
      const fx = ix - x0;
      const o = (oy * width + ox) * 4;
      for (let c = 0; c < 3; c++) {
        const top = at(x0, y0, c) * (1 - fx) + at(x0 + 1, y0, c) * fx;
        const bottom = at(x0, y0 + 1, c) * (1 - fx) + at(x0 + 1, y0 + 1, c) * fx;
        rgba[o + c] = Math.round(top * (1 - fy) + bottom * fy);
        if (grey !== null) {
          rgba[o + 1] = rgba[o] ?? 0;
          rgba[o + 2] = rgba[o] ?? 0;
          break;
        }
      }
      rgba[o + 3] = 255;
    }
  }
  return rgba;
}

/** The nearest labelled vertebra of an axial slice (its plane distance), as the viewer's level readout. */
function sliceLevel(labels: readonly OverlayLabel[], series: SeriesInfo, instance: InstanceInfo): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const l of labels) {
    const q = projectToPixel(series, instance, l.point);
    if (q !== null && Math.abs(q.distanceMm) < bestDistance) {
      bestDistance = Math.abs(q.distanceMm);
      best = l.label;
    }
  }
  return best;
}

/** The overlay of one key image, in its output pixels: the same glyphs the viewer draws, for this image's lesion only. */
export function keyImageGlyphs(choice: KeyImageChoice, doc: AnnotationDocument, series: SeriesInfo, instance: InstanceInfo, frame: ReturnType<typeof keyImageFrame>) {
  const { region, width, height } = frame;
  const labels: OverlayLabel[] = doc.labels
    .filter((l) => series.frameOfReferenceUID === undefined || l.frameOfReferenceUID === series.frameOfReferenceUID)
    .map((l) => ({ id: l.id, label: l.label, point: l.point }));
  const display = series.orientation === 'sagittal' || series.orientation === 'coronal' ? 'markers' : 'level-readout';
  const lesions = doc.lesions
    .map((l, i) => ({ id: l.id, number: i + 1, levels: l.levels }))
    .filter((l) => choice.lesionId === undefined || l.id === choice.lesionId);
  return overlayGlyphs({
    width,
    height,
    unit: 1,
    project: (p) => {
      const q = projectToPixel(series, instance, p);
      return q === null ? null : { x: ((q.column - region.x0) / (region.x1 - region.x0)) * width, y: ((q.row - region.y0) / (region.y1 - region.y0)) * height, distanceMm: q.distanceMm };
    },
    display,
    labels: choice.overlays.labels || choice.overlays.lesions ? labels : [],
    lesions: choice.overlays.lesions ? lesions : [],
    measurements: choice.overlays.measurements ? doc.measurements.filter((m) => series.frameOfReferenceUID === undefined || m.frameOfReferenceUID === series.frameOfReferenceUID) : [],
    sliceLevel: display === 'level-readout' ? sliceLevel(labels, series, instance) : null,
    nearMm: OVERLAY_NEAR_MM,
    farLabels: 'hidden',
    measurementLines: true,
    measurementText: true,
  });
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
      const g = applyWindow(applyRescale(stored, rescale), window);
      return invert ? 255 - g : g;
    };
    const framing = keyImageFrame(choice, found.series, frame.rows, frame.columns);
    // The picture at twice the figure's pixels, so the printed image is as sharp as the page allows.
    const scale = KEY_IMAGE_PIXELS_PER_UNIT;
    const rgba = resample(frame.pixels, frame.rows, frame.columns, frame.samplesPerPixel, map, framing.region, framing.width * scale, framing.height * scale);
    const png = encodePng(rgba, framing.width * scale, framing.height * scale);
    const { glyphs } = keyImageGlyphs(choice, doc, found.series, found.instance, framing);
    const svg = keyImageSvg(framing.width, framing.height, pngDataUrl(png), glyphs, 1);
    out.push({ id: choice.id, url: `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`, width: framing.width, height: framing.height });
  }
  return out;
}
