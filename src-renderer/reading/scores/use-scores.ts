import { useMemo } from 'react';
import type { AnnotationDocument } from '@shared/annotation';
import { deriveReading } from '@shared/reading/derive';
import type { DerivedReading } from '@shared/reading/derive';

/**
 * The live reading from the shared derivation only (shared/reading/derive.ts): the same function the report, the
 * exports and `cli score` use, so the panel cannot disagree with them. A lesion without a level yet is listed as not
 * scored; everything else is scored.
 */
export function useDerivedReading(doc: AnnotationDocument | null): DerivedReading | null {
  return useMemo(() => (doc === null ? null : deriveReading(doc)), [doc]);
}
