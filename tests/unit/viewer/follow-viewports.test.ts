import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StudyIndex } from '@shared/dicom/index-model';
import { indexSources } from '../../../src-main/services/study-index/indexer';
import { readHeader } from '../../../src-main/services/study-index/read-header';
import { studiesFromIndex } from '../../../src-renderer/viewer/ingest/from-index';
import { followViewports, type ViewportPlace } from '../../../src-renderer/viewer/ingest/follow-viewports';
import { initialViewerState, viewerReducer } from '../../../src-renderer/viewer/model/viewer-state';
import type { ViewerSeries, ViewerStudy } from '../../../src-renderer/viewer/types';
import { LUMBAR_MR, THORACOLUMBAR_CT } from '../dicom-index/data';

/** The index of `paths` as if only the files `keep` accepts had been read yet (same paths, so the same ids). */
function indexOnly(paths: string[], keep: (name: string) => boolean): Promise<StudyIndex> {
  return indexSources(paths, {
    readHeader: async (source, options) => (keep(basename(source.label)) ? readHeader(source, options) : { kind: 'skipped', bytesRead: 0 }),
  });
}

// The MR's 12 slices interleave four blocks (IOPs) by InstanceNumber; blocks 3 and 4 are IM04–06 and IM10–12.
const lastTwoBlocks = (name: string): boolean => ['IM04', 'IM05', 'IM06', 'IM10', 'IM11', 'IM12'].some((n) => name.startsWith(n));

const seriesOf = (studies: readonly ViewerStudy[]): Map<string, ViewerSeries> => new Map(studies.flatMap((s) => s.series.map((x) => [x.key, x] as const)));

/** Every (series, slice) of the partial catalogue, followed into the final one, must show the same image. */
function expectEveryImageFollowed(partial: readonly ViewerStudy[], final: readonly ViewerStudy[]): number {
  const before = seriesOf(partial);
  const after = seriesOf(final);
  let moved = 0;
  for (const series of before.values()) {
    series.instances.forEach((instance, sliceIndex) => {
      const place: ViewportPlace = { seriesKey: series.key, sliceIndex };
      const moves = followViewports([place], (key) => before.get(key), final);
      const now = moves[0] ?? { seriesKey: series.key, sliceIndex };
      if (moves.length > 0) moved++;
      expect(after.get(now.seriesKey)?.instances[now.sliceIndex]?.imageId, `${series.key}[${sliceIndex}]`).toBe(instance.imageId);
    });
  }
  return moved;
}

describe('viewports follow their image when the partial index is replaced', () => {
  it('the real lumbar MR: two of four blocks first, the stacks renumber (#0 → #2) and each viewport keeps its image', async () => {
    const paths = [LUMBAR_MR];
    const partial = studiesFromIndex(await indexOnly(paths, lastTwoBlocks));
    const final = studiesFromIndex(await indexSources(paths));
    expect(partial[0]?.series.map((s) => s.instances.length)).toEqual([3, 3]);
    expect(final[0]?.series.map((s) => s.instances.length)).toEqual([3, 3, 3, 3]);
    // The partial #0 is a different block than the final #0: its key alone would show the wrong images.
    const partialFirst = partial[0]?.series[0];
    const finalFirst = final[0]?.series[0];
    expect(partialFirst?.key).toBe(finalFirst?.key);
    expect(partialFirst?.instances[0]?.imageId).not.toBe(finalFirst?.instances[0]?.imageId);
    expect(expectEveryImageFollowed(partial, final)).toBe(6);
  });

  it('the real thoracolumbar CT: every other axial slice first; slices are inserted around the one on screen', async () => {
    const paths = [join(THORACOLUMBAR_CT, 'axial')];
    const partial = studiesFromIndex(await indexOnly(paths, (name) => Number(/\d+/u.exec(name)?.[0]) % 2 === 0));
    const final = studiesFromIndex(await indexSources(paths));
    expect(partial[0]?.series[0]?.instances).toHaveLength(56);
    expect(final[0]?.series[0]?.instances).toHaveLength(112);
    // Only a slice that stays at the same index (none here, or the very first) keeps its place unchanged.
    expect(expectEveryImageFollowed(partial, final)).toBeGreaterThanOrEqual(55);
  });

  it('the reducer moves series and slice but keeps zoom, pan and window; unknown images stay put', async () => {
    const paths = [LUMBAR_MR];
    const partial = studiesFromIndex(await indexOnly(paths, lastTwoBlocks));
    const final = studiesFromIndex(await indexSources(paths));
    const before = seriesOf(partial);
    const key = partial[0]?.series[1]?.key ?? '';
    let state = initialViewerState();
    state = viewerReducer(state, { type: 'assign', viewport: 0, seriesKey: key, sliceIndex: 2 });
    state = viewerReducer(state, { type: 'scale', viewport: 0, scale: 2.5 });
    state = viewerReducer(state, { type: 'translate', viewport: 0, translation: { x: 4, y: -3 } });
    state = viewerReducer(state, { type: 'voi', viewport: 0, voi: { windowWidth: 400, windowCenter: 200 }, preset: 'custom' });
    const imageId = before.get(key)?.instances[2]?.imageId;
    const moves = followViewports(state.viewports, (k) => before.get(k), final);
    expect(moves).toHaveLength(1);
    for (const move of moves) state = viewerReducer(state, { type: 'follow', ...move });
    const vp = state.viewports[0];
    expect(seriesOf(final).get(vp?.seriesKey ?? '')?.instances[vp?.sliceIndex ?? -1]?.imageId).toBe(imageId);
    expect(vp).toMatchObject({ scale: 2.5, translation: { x: 4, y: -3 }, voi: { windowWidth: 400, windowCenter: 200 }, preset: 'custom' });
    // A viewport on a series the catalogue does not know (a reformat) or on nothing is left alone.
    expect(followViewports([{ seriesKey: 'reformat:x', sliceIndex: 0 }, { seriesKey: null, sliceIndex: 0 }], (k) => before.get(k), final)).toEqual([]);
  });

  it('a viewport still on the slice the viewer chose goes to the grown stack\'s middle; one the reader scrolled keeps its image', async () => {
    const paths = [join(THORACOLUMBAR_CT, 'axial')];
    // The first 40 files by name: a partial stack that covers one end of the final one.
    const partial = studiesFromIndex(await indexOnly(paths, (name) => Number(/\d+/u.exec(name)?.[0]) <= 40));
    const final = studiesFromIndex(await indexSources(paths));
    const before = seriesOf(partial);
    const series = partial[0]?.series[0];
    const key = series?.key ?? '';
    const partialMiddle = Math.floor((series?.instances.length ?? 0) / 2);
    const finalCount = final[0]?.series[0]?.instances.length ?? 0;
    expect(finalCount).toBeGreaterThan((series?.instances.length ?? 0) * 2);
    let state = initialViewerState();
    state = viewerReducer(state, { type: 'hang', hanging: { layout: '1x2', viewports: [key, key], reformatCandidate: null }, initialSlice: () => partialMiddle });
    expect(state.viewports.slice(0, 2).map((v) => v.centred)).toEqual([true, true]);
    state = viewerReducer(state, { type: 'slice', viewport: 1, index: partialMiddle + 3, count: series?.instances.length ?? 0 });
    expect(state.viewports[1]?.centred).toBe(false);
    const scrolledImage = before.get(key)?.instances[partialMiddle + 3]?.imageId;
    for (const move of followViewports(state.viewports, (k) => before.get(k), final)) state = viewerReducer(state, { type: 'follow', ...move });
    const [untouched, scrolled] = state.viewports;
    expect(untouched).toMatchObject({ sliceIndex: Math.floor(finalCount / 2), centred: true });
    expect(seriesOf(final).get(scrolled?.seriesKey ?? '')?.instances[scrolled?.sliceIndex ?? -1]?.imageId).toBe(scrolledImage);
  });
});
