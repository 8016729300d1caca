/**
 * Window/level presets and the "auto" window. Values are in modality units (HU for CT).
 *
 * Presets follow common radiology practice (Radiopaedia, "Windowing (CT)": brain W80 L40, soft tissue W400 L40
 * (W350-400, L20-60), lung W1500 L-600, bone W1800 L400). For bone we use W1800 L400 rather than W2000 L300:
 * with L400 the cortex and trabecular bone of a vertebral body (roughly 200-1000 HU) sit in the middle of the
 * window, which is where lytic and sclerotic metastases are judged.
 */
export interface Voi {
  readonly windowWidth: number;
  readonly windowCenter: number;
}

export type PresetId = 'default' | 'soft-tissue' | 'bone' | 'lung' | 'brain';

export interface VoiPreset {
  readonly id: PresetId;
  readonly label: string;
  /** null = the image's own window (file values, or the histogram window when the file has none). */
  readonly voi: Voi | null;
}

export const VOI_PRESETS: readonly VoiPreset[] = [
  { id: 'default', label: 'Auto / file', voi: null },
  { id: 'soft-tissue', label: 'Soft tissue', voi: { windowWidth: 400, windowCenter: 40 } },
  { id: 'bone', label: 'Bone', voi: { windowWidth: 1800, windowCenter: 400 } },
  { id: 'lung', label: 'Lung', voi: { windowWidth: 1500, windowCenter: -600 } },
  { id: 'brain', label: 'Brain', voi: { windowWidth: 80, windowCenter: 40 } },
];

export function presetById(id: PresetId): VoiPreset {
  const preset = VOI_PRESETS.find((p) => p.id === id);
  if (preset === undefined) throw new Error(`unknown preset ${id}`);
  return preset;
}

/** Smallest window width we allow: 1 modality unit (a zero or negative width has no meaning). */
export const MIN_WINDOW_WIDTH = 1;

export const clampVoi = (voi: Voi): Voi => ({
  windowWidth: Math.max(MIN_WINDOW_WIDTH, voi.windowWidth),
  windowCenter: voi.windowCenter,
});

/** Reads typed or plain numeric arrays: what decoders hand us. */
export type PixelArray = ArrayLike<number>;

/**
 * Auto window from the histogram of modality values: the 1st to 99th percentile (robust to a few hot pixels and
 * to the zero-filled background of MR). Sampled with a stride so a 1024x1024 image costs about 64k reads.
 * Returns null for an empty image.
 */
export function histogramVoi(pixels: PixelArray, slope = 1, intercept = 0, maxSamples = 65536): Voi | null {
  const n = pixels.length;
  if (n === 0) return null;
  const stride = Math.max(1, Math.floor(n / maxSamples));
  const samples: number[] = [];
  for (let i = 0; i < n; i += stride) {
    const v = pixels[i];
    if (v !== undefined && Number.isFinite(v)) samples.push(v * slope + intercept);
  }
  if (samples.length === 0) return null;
  samples.sort((a, b) => a - b);
  const at = (q: number): number => samples[Math.min(samples.length - 1, Math.max(0, Math.round(q * (samples.length - 1))))] ?? 0;
  let low = at(0.01);
  let high = at(0.99);
  if (high - low < MIN_WINDOW_WIDTH) {
    low = samples[0] ?? 0;
    high = samples[samples.length - 1] ?? low;
  }
  const width = Math.max(MIN_WINDOW_WIDTH, high - low);
  return { windowWidth: width, windowCenter: low + width / 2 };
}

/** The image's initial window: the file's first WindowCenter/Width when valid, else the histogram window. */
export function initialVoi(
  file: { readonly windowCenter: number | null; readonly windowWidth: number | null },
  pixels: PixelArray,
  slope: number,
  intercept: number,
): Voi {
  if (file.windowCenter !== null && file.windowWidth !== null && Number.isFinite(file.windowCenter) && file.windowWidth >= MIN_WINDOW_WIDTH) {
    return { windowWidth: file.windowWidth, windowCenter: file.windowCenter };
  }
  return histogramVoi(pixels, slope, intercept) ?? { windowWidth: 256, windowCenter: 128 };
}

export const formatVoi = (voi: Voi): string => `W ${Math.round(voi.windowWidth)} L ${Math.round(voi.windowCenter)}`;
