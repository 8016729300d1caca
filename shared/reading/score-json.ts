/**
 * What `cli score` does with parsed JSON: a scoring-contract input is validated and scored as it is; an annotation
 * document is loaded (migrated, repaired) and goes through the one derivation (derive.ts), exactly as the app's
 * panel and report do, so a draft with an unplaced lesion is scored for everything else and the lesion is listed
 * as not scored.
 */
import { isAnnotationDocumentJson } from '../annotation/is-document';
import { loadDocument } from '../annotation/load';
import { parseScoringInput, scoreStudy } from '../scoring/index';
import type { ScoringOptions, ScoringOutput } from '../scoring/index';
import type { Problem } from '../validation/parse';
import { deriveReading, unscoredLesions } from './derive';
import type { DerivedReading } from './derive';

export type ScoreJsonResult =
  | {
      readonly ok: true;
      readonly output: ScoringOutput;
      /** Set when the input was an annotation document. */
      readonly reading: DerivedReading | null;
      /** Lesions of a document that are not scored yet, and values filled while loading/projecting. */
      readonly notes: readonly Problem[];
    }
  | { readonly ok: false; readonly problems: readonly Problem[] };

export function scoreJson(json: unknown, options: ScoringOptions = {}): ScoreJsonResult {
  if (!isAnnotationDocumentJson(json)) {
    const parsed = parseScoringInput(json);
    return parsed.ok ? { ok: true, output: scoreStudy(parsed.value, options), reading: null, notes: [] } : parsed;
  }
  const loaded = loadDocument(json);
  if (!loaded.ok) {
    return { ok: false, problems: loaded.problems.map((p) => ({ path: p.path, message: `${p.message} (annotation document ${loaded.reason})` })) };
  }
  const reading = deriveReading(loaded.document, options);
  const skipped = unscoredLesions(reading).map((l) => ({ path: `lesions[${l.index}]`, message: `lesion ${l.id}: ${l.message}: not scored` }));
  return { ok: true, output: reading.output, reading, notes: [...loaded.problems, ...reading.notes, ...skipped] };
}
