import { useMemo } from 'react';
import { projectToScoring } from '@shared/annotation';
import type { AnnotationDocument } from '@shared/annotation';
import { parseScoringInput, scoreStudy } from '@shared/scoring';
import type { ScoringOutput } from '@shared/scoring';
import type { Problem } from '@shared/validation/parse';

export type Scores = { readonly ok: true; readonly output: ScoringOutput; readonly notes: readonly Problem[] } | { readonly ok: false; readonly problems: readonly Problem[] };

/**
 * Scores from the shared core only: document -> contract projection -> validation -> scoreStudy, exactly the path
 * of `npm run cli -- score` on the same document. Lesions without a level yet are left out (the contract needs one)
 * and listed as notes.
 */
export function computeScores(doc: AnnotationDocument): Scores {
  const placed = { ...doc, lesions: doc.lesions.filter((l) => l.levels.length > 0) };
  const projection = projectToScoring(placed);
  const parsed = parseScoringInput(projection.input);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const skipped = doc.lesions.filter((l) => l.levels.length === 0).map((l) => ({ path: l.id, message: 'no level yet: not scored' }));
  return { ok: true, output: scoreStudy(parsed.value), notes: [...projection.notes, ...skipped] };
}

export function useScores(doc: AnnotationDocument | null): Scores | null {
  return useMemo(() => (doc === null ? null : computeScores(doc)), [doc]);
}
