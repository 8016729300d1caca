import type { ViewerSeries, ViewerStudy } from '../types';

/** Which series and slice a viewport shows. */
export interface ViewportPlace {
  readonly seriesKey: string | null;
  readonly sliceIndex: number;
  /** The viewer chose this slice (the stack's middle) and the reader has not moved it. */
  readonly centred?: boolean;
}

/** A viewport whose image moved: show `seriesKey` at `sliceIndex` (the same image as before). */
export interface ViewportMove {
  readonly viewport: number;
  readonly seriesKey: string;
  readonly sliceIndex: number;
}

function locate(studies: readonly ViewerStudy[], imageId: string, preferredKey: string): { series: ViewerSeries; sliceIndex: number } | null {
  let found: { series: ViewerSeries; sliceIndex: number } | null = null;
  for (const study of studies) {
    for (const series of study.series) {
      const index = series.instances.findIndex((i) => i.imageId === imageId);
      if (index < 0) continue;
      if (series.key === preferredKey) return { series, sliceIndex: index };
      found ??= { series, sliceIndex: index };
    }
  }
  return found;
}

/**
 * While a study is still indexing its series grow: slices are inserted in geometric order before or after the one
 * on screen, and a series that splits into several stacks may renumber them (`<uid>#0` becomes `#1` when a block
 * with lower instance numbers arrives). Each viewport keeps showing the same image: it is looked up by imageId in
 * the new catalogue (its old series first). Viewports whose image is not in the new studies (a reformat, or an
 * image the final index dropped) stay as they are; a slice index past the end is clamped by the viewer.
 * A viewport still on the slice the viewer chose (`centred`: the middle of a partial stack) goes to the middle of
 * the grown stack instead: the reader never chose that slice, and the partial middle can lie far from the anatomy.
 */
export function followViewports(
  viewports: readonly ViewportPlace[],
  before: (seriesKey: string) => ViewerSeries | undefined,
  after: readonly ViewerStudy[],
): ViewportMove[] {
  const moves: ViewportMove[] = [];
  viewports.forEach((place, viewport) => {
    if (place.seriesKey === null) return;
    const imageId = before(place.seriesKey)?.instances[place.sliceIndex]?.imageId;
    if (imageId === undefined) return;
    const found = locate(after, imageId, place.seriesKey);
    if (found === null) return;
    const seriesKey = found.series.key;
    const sliceIndex = place.centred === true ? Math.floor(found.series.instances.length / 2) : found.sliceIndex;
    if (seriesKey === place.seriesKey && sliceIndex === place.sliceIndex) return;
    moves.push({ viewport, seriesKey, sliceIndex });
  });
  return moves;
}
