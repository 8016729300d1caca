// Transitional anatomy: which studies and levels depend on a non-standard count, and how the report names them
// (docs/clinical-rules.md §1; Castellvi et al., Spine 1984 for lumbosacral transitional vertebrae).

import type { RuleRow } from '../scoring/citations';
import { STANDARD_COUNTS } from './levels';
import type { SpineCounts } from './levels';

const castellvi = { citation: 'castellvi1984', kind: 'published' } as const;

/** Castellvi types of a lumbosacral transitional vertebra (recorded by the reader, named in the report). */
export const CASTELLVI_TYPES = [
  { value: 'Ia', label: 'Type Ia: dysplastic transverse process (≥ 19 mm craniocaudal), unilateral', ...castellvi },
  { value: 'Ib', label: 'Type Ib: dysplastic transverse processes, bilateral', ...castellvi },
  { value: 'IIa', label: 'Type IIa: incomplete lumbarization/sacralization (enlarged transverse process forming a joint with the sacrum), unilateral', ...castellvi },
  { value: 'IIb', label: 'Type IIb: incomplete lumbarization/sacralization, bilateral', ...castellvi },
  { value: 'IIIa', label: 'Type IIIa: complete lumbarization/sacralization (transverse process fused with the sacrum), unilateral', ...castellvi },
  { value: 'IIIb', label: 'Type IIIb: complete lumbarization/sacralization, bilateral', ...castellvi },
  { value: 'IV', label: 'Type IV: mixed, type II on one side and type III on the other', ...castellvi },
] as const satisfies ReadonlyArray<RuleRow & { readonly value: string }>;
export type CastellviType = (typeof CASTELLVI_TYPES)[number]['value'];

export function isTransitionalAnatomy(counts: SpineCounts): boolean {
  return counts.thoracicCount !== STANDARD_COUNTS.thoracicCount || counts.lumbarCount !== STANDARD_COUNTS.lumbarCount;
}

/**
 * A level whose SINS region depends on the non-standard count (scoring contract, `transitional_level`):
 * T13, or the last lumbar vertebra when the patient does not have five.
 */
export function isTransitionalLevel(level: string, counts: SpineCounts): boolean {
  if (level === 'T13') return counts.thoracicCount === 13;
  return counts.lumbarCount !== STANDARD_COUNTS.lumbarCount && level === `L${counts.lumbarCount}`;
}

/** The label as the report prints it, naming the variant where the count makes one (e.g. `L6 (lumbarized S1)`). */
export function displayLevelName(level: string, counts: SpineCounts): string {
  if (level === 'T13' && counts.thoracicCount === 13) return 'T13 (supernumerary thoracic)';
  if (level === 'L6' && counts.lumbarCount === 6) return 'L6 (lumbarized S1)';
  if (level === 'S1' && counts.lumbarCount === 4) return 'S1 (sacralized L5)';
  return level;
}

/** One sentence per variant for the report's study section; empty for a standard 12/5 spine. */
export function describeVariants(counts: SpineCounts): string[] {
  const out: string[] = [];
  if (counts.thoracicCount === 13) out.push('13 thoracic vertebrae (T13 present)');
  if (counts.thoracicCount === 11) out.push('11 thoracic vertebrae');
  if (counts.lumbarCount === 6) out.push('6 lumbar vertebrae: L6 (lumbarized S1)');
  if (counts.lumbarCount === 4) out.push('4 lumbar vertebrae: sacralized L5');
  return out;
}
