import { isRecord } from './json';
import { ANNOTATION_KIND } from './schema';

/**
 * True when a JSON value claims to be an annotation document (any version, even a newer one: load.ts then says
 * which). A scoring-contract input can never match: the contract's strict top level has no `kind`.
 */
export function isAnnotationDocumentJson(value: unknown): boolean {
  return isRecord(value) && value['kind'] === ANNOTATION_KIND && typeof value['version'] === 'number';
}
