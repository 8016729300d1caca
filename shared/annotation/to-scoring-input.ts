/**
 * One entry point for anything that wants a scoring input from JSON (the CLI's `score`, the app): a contract input
 * is validated as it is; an annotation document is loaded (migrated, repaired), projected, then validated.
 */
import type { Problem } from '../validation/parse';
import { parseScoringInput } from '../scoring/index';
import type { ScoringInput } from '../scoring/index';
import { isAnnotationDocumentJson } from './is-document';
import { loadDocument } from './load';
import { projectToScoring } from './project-to-scoring';

export type ScoringInputResult =
  | { readonly ok: true; readonly value: ScoringInput; readonly notes: readonly Problem[] }
  | { readonly ok: false; readonly problems: Problem[] };

export function scoringInputFromJson(json: unknown): ScoringInputResult {
  if (!isAnnotationDocumentJson(json)) {
    const parsed = parseScoringInput(json);
    return parsed.ok ? { ok: true, value: parsed.value, notes: [] } : parsed;
  }
  const loaded = loadDocument(json);
  if (!loaded.ok) {
    return { ok: false, problems: loaded.problems.map((p) => ({ path: p.path, message: `${p.message} (annotation document ${loaded.reason})` })) };
  }
  const projection = projectToScoring(loaded.document);
  const parsed = parseScoringInput(projection.input);
  // Lesion indices are the same in document and projection, so contract paths point at the right lesion.
  return parsed.ok ? { ok: true, value: parsed.value, notes: [...loaded.problems, ...projection.notes] } : parsed;
}
