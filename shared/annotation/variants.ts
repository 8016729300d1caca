import { isTransitionalAnatomy } from '../spine/index';
import type { AnnotationDocument } from './schema';

/** Transitional anatomy: a non-standard count (shared/spine) or a Castellvi lumbosacral transitional vertebra. */
export function isTransitional(spine: AnnotationDocument['spine']): boolean {
  return isTransitionalAnatomy(spine.variants) || spine.variants.castellvi !== null;
}
