import * as cornerstone from 'cornerstone-core';
import { DEFAULT_CACHE_BYTES, ImageSource } from '../loader/image-source';
import { withOpaqueGreyRender } from './opaque-grey-render';

/**
 * The one place cornerstone-core is set up (it touches `window` at import, so only renderer code imports this).
 * Idempotent: React StrictMode and hot reload may call it again. Every scheme the viewer uses is registered as a
 * cornerstone image loader forwarding to our ImageSource, so cornerstone.loadImage works too; the viewports call
 * the ImageSource directly and own caching (our byte-budget LRU; cornerstone.s own cache is never filled).
 */
export const SCHEMES = ['spine', 'reformat', 'synthetic'] as const;

let source: ImageSource | null = null;

export function bootstrapCornerstone(): ImageSource {
  if (source !== null) return source;
  const created = new ImageSource(DEFAULT_CACHE_BYTES, withOpaqueGreyRender);
  for (const scheme of SCHEMES) {
    cornerstone.registerImageLoader(scheme, (imageId: string) => ({ promise: created.load(imageId) }));
  }
  source = created;
  return created;
}

export { cornerstone };
