import type { PixelSource, ViewerStudy } from '../viewer';
import { fetchPixelSource } from '../study/pixel-source';

/** The prior's images: its session (for the pixels) and its study as the viewer shows it. */
export interface PriorImages {
  readonly sessionId: string;
  readonly studies: readonly ViewerStudy[];
}

/**
 * The open study and its prior as one catalogue for the viewer. The two sessions stay separate in main (one patient
 * identity each, never merged): each image is fetched from the session that indexed it (instance ids are hashes of
 * the file reference, so the two sessions' ids do not meet).
 */
export function withPriorImages(studies: readonly ViewerStudy[], own: PixelSource, prior: PriorImages | null): { studies: readonly ViewerStudy[]; pixelSource: PixelSource } {
  if (prior === null) return { studies, pixelSource: own };
  const theirs = fetchPixelSource(prior.sessionId);
  const priorIds = new Set(prior.studies.flatMap((s) => s.series.flatMap((series) => series.instances.flatMap((i) => (i.source === undefined ? [] : [i.source.instanceId])))));
  const keys = new Set(studies.map((s) => s.key));
  return {
    studies: [...studies, ...prior.studies.filter((s) => !keys.has(s.key))],
    pixelSource: { fetchInstance: (instanceId, signal) => (priorIds.has(instanceId) ? theirs : own).fetchInstance(instanceId, signal) },
  };
}
