// JSON export: the annotation document itself (what re-imports into the same report), pretty-printed.
import type { AnnotationDocument } from '@shared/annotation/schema';
import { loadDocumentText } from '@shared/annotation/load';

export function exportDocumentJson(doc: AnnotationDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Re-import: the same loader the app uses, so a round trip is checked against the real path. */
export function importDocumentJson(text: string): AnnotationDocument {
  const loaded = loadDocumentText(text);
  if (!loaded.ok) throw new Error(`not an annotation document (${loaded.reason}): ${loaded.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return loaded.document;
}
