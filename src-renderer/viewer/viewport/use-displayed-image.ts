import { useEffect, useRef, useState } from 'react';
import type { Image } from 'cornerstone-core';
import { useViewerServices } from '../context';
import type { ViewerSeries } from '../types';
import { imageErrorMessage } from '@shared/dicom/problem-messages';

/** How many slices either side of the current one are decoded ahead while scrolling. */
export const PREFETCH_RADIUS = 12;
const PREFETCH_CONCURRENCY = 3;

/**
 * The image for (series, slice): a cached image is returned in the same render as the slice change (scrolling a
 * cached stack renders once per slice, no state round trip); otherwise the previous image stays up until the new
 * one arrives, and a late result for a slice the user has already left is dropped. Neighbours are prefetched
 * nearest first, a few at a time, so decoding (in the pool's workers) never queues ahead of what the user is
 * looking at.
 */
export function useDisplayedImage(viewport: number, series: ViewerSeries | undefined, sliceIndex: number): Image | null {
  const { images, store } = useViewerServices();
  const imageId = series?.instances[sliceIndex]?.imageId ?? null;
  // The last image that arrived by loading (normally in the cache then, but not if it exceeds the whole budget).
  const [arrived, setArrived] = useState<Image | null>(null);
  const shown = useRef<Image | null>(null);
  const cached = imageId === null ? undefined : images.peekQuiet(imageId);
  const image = imageId === null ? null : (cached ?? (arrived?.imageId === imageId ? arrived : shown.current));

  useEffect(() => {
    shown.current = image;
  });

  useEffect(() => {
    if (imageId === null) {
      store.setRuntime(viewport, { imageId: null, loading: false, error: null, errorDetail: null });
      return;
    }
    if (images.peek(imageId) !== undefined) {
      // peek (not peekQuiet): marks it recently used for the LRU.
      store.setRuntime(viewport, { loading: false, error: null, errorDetail: null });
      return;
    }
    let current = true;
    store.setRuntime(viewport, { loading: true });
    images.load(imageId).then(
      (loaded) => {
        if (!current) return;
        setArrived(loaded);
        store.setRuntime(viewport, { loading: false, error: null, errorDetail: null });
      },
      (error: unknown) => {
        if (!current) return;
        const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
        const plain = imageErrorMessage(code, error instanceof Error ? error.message : String(error));
        store.setRuntime(viewport, { loading: false, error: plain.sentence, errorDetail: plain.detail });
      },
    );
    return () => {
      current = false;
    };
  }, [imageId, images, store, viewport]);

  useEffect(() => {
    if (series === undefined) return;
    let cancelled = false;
    const order: string[] = [];
    for (let d = 1; d <= PREFETCH_RADIUS; d++) {
      for (const i of [sliceIndex + d, sliceIndex - d]) {
        const id = series.instances[i]?.imageId;
        if (id !== undefined && !images.isCached(id)) order.push(id);
      }
    }
    const next = async (): Promise<void> => {
      while (!cancelled) {
        const id = order.shift();
        if (id === undefined) return;
        await images.load(id).catch(() => undefined); // a failed neighbour shows its error when visited
      }
    };
    // Wait a frame so a fast scroll does not start prefetches it will cancel at once.
    const timer = window.setTimeout(() => {
      for (let k = 0; k < PREFETCH_CONCURRENCY; k++) void next();
    }, 30);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [series, sliceIndex, images]);

  return image;
}
