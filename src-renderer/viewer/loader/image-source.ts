import type { Image } from 'cornerstone-core';
import { ByteLruCache } from '../cache/lru';
import type { LruStats } from '../cache/lru';
import { buildCornerstoneImage } from './build-image';
import type { PixelSpacingPair } from './build-image';
import type { FrameProvider } from './types';

/** 1 GiB by default: about 2,000 CT slices of 512x512x16 bit, enough for a thoracolumbar study plus reformats. */
export const DEFAULT_CACHE_BYTES = 1024 * 1024 * 1024;

export const schemeOf = (imageId: string): string => imageId.slice(0, Math.max(0, imageId.indexOf(':')));

/**
 * Loads images by imageId through per-scheme frame providers, with one byte-budgeted LRU for all of them and
 * de-duplication of concurrent requests (scrolling and prefetch ask for the same slice). Pure of cornerstone at
 * run time: cornerstone registration happens in the bootstrap, which forwards to `load`.
 */
export class ImageSource {
  private readonly providers = new Map<string, FrameProvider>();
  private readonly cache: ByteLruCache<Image>;
  private readonly inflight = new Map<string, Promise<Image>>();
  private spacingOf: (imageId: string) => PixelSpacingPair | null = () => null;

  /** `prepare`: a last touch on every image built (the bootstrap sets cornerstone's renderer for grey images). */
  constructor(
    budgetBytes = DEFAULT_CACHE_BYTES,
    private readonly prepare: (image: Image) => void = () => undefined,
  ) {
    this.cache = new ByteLruCache<Image>(budgetBytes);
  }

  setProvider(scheme: string, provider: FrameProvider): void {
    this.providers.set(scheme, provider);
  }

  hasProvider(scheme: string): boolean {
    return this.providers.has(scheme);
  }

  /** Pixel spacing for an imageId, from the catalogue (the frame itself carries none). */
  setSpacingLookup(lookup: (imageId: string) => PixelSpacingPair | null): void {
    this.spacingOf = lookup;
  }

  setBudget(bytes: number): void {
    this.cache.setBudget(bytes);
  }

  stats(): LruStats {
    return this.cache.stats();
  }

  /** The cached image, without loading (lets scrolling display synchronously when it can); marks it recently used. */
  peek(imageId: string): Image | undefined {
    return this.cache.get(imageId);
  }

  /** The cached image without touching recency or hit counts (safe to call while rendering, any number of times). */
  peekQuiet(imageId: string): Image | undefined {
    return this.cache.peek(imageId);
  }

  isCached(imageId: string): boolean {
    return this.cache.has(imageId);
  }

  load(imageId: string): Promise<Image> {
    const cached = this.cache.get(imageId);
    if (cached !== undefined) return Promise.resolve(cached);
    const pending = this.inflight.get(imageId);
    if (pending !== undefined) return pending;
    const provider = this.providers.get(schemeOf(imageId));
    if (provider === undefined) return Promise.reject(new Error(`no image provider for "${schemeOf(imageId)}" (imageId ${imageId})`));
    const promise = provider(imageId)
      .then((frame) => {
        const image = buildCornerstoneImage(imageId, frame, this.spacingOf(imageId));
        this.prepare(image);
        this.cache.set(imageId, image, image.sizeInBytes);
        return image;
      })
      .finally(() => this.inflight.delete(imageId));
    this.inflight.set(imageId, promise);
    return promise;
  }

  /** Forgets cached images of one scheme+prefix (a recomputed reformat). */
  evictPrefix(prefix: string): void {
    for (const key of this.cache.keys()) if (key.startsWith(prefix)) this.cache.delete(key);
  }
}
