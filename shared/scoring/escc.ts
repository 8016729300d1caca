// ESCC — epidural spinal cord compression grade (Bilsky 2010; docs/clinical-rules.md §4). Grades are strings:
// `1a` is not `1`.

import type { RuleRow } from './citations';

export type EsccCategory = 'low' | 'high';

export type EsccRow = RuleRow & {
  readonly value: string;
  readonly category: EsccCategory;
  readonly indeterminate: boolean;
};

export const ESCC_GRADES = [
  { value: '0', label: 'Bone only', category: 'low', indeterminate: false, citation: 'bilsky2010', kind: 'published' },
  { value: '1a', label: 'Epidural, thecal sac not deformed', category: 'low', indeterminate: false, citation: 'bilsky2010', kind: 'published' },
  { value: '1b', label: 'Thecal sac deformed, cord not touched', category: 'low', indeterminate: false, citation: 'bilsky2010', kind: 'published' },
  { value: '1c', label: 'Thecal sac deformed, cord abutted but not compressed', category: 'low', indeterminate: true, citation: 'bilsky2010', kind: 'convention', reason: "The grade is Bilsky 2010's; sources disagree on whether 1c is low or high grade: counting it low grade and flagging it indeterminate is our choice." },
  { value: '2', label: 'Cord compressed, CSF visible around it', category: 'high', indeterminate: false, citation: 'bilsky2010', kind: 'published' },
  { value: '3', label: 'Cord compressed, no CSF visible', category: 'high', indeterminate: false, citation: 'bilsky2010', kind: 'published' },
] as const satisfies readonly EsccRow[];

/** Below the conus (the reader marks "cauda equina"); the report words it (report/wording.ts). */
export const ESCC_CAUDA_EQUINA = {
  label: 'Below the conus (cauda equina) the grade is applied by analogy, and the report says so',
  citation: 'bilsky2010',
  kind: 'convention',
  reason: 'The scale is defined on the spinal cord and was validated on cervical and thoracic cases; applying it to the cauda equina by analogy is our choice.',
} as const satisfies RuleRow;

export type EsccGrade = (typeof ESCC_GRADES)[number]['value'] | 'unknown';

export interface EsccResult {
  grade: EsccGrade;
  category: EsccCategory | null;
  indeterminate: boolean;
}

export function scoreEscc(grade: EsccGrade): EsccResult {
  const row = ESCC_GRADES.find((r) => r.value === grade);
  if (row === undefined) return { grade, category: null, indeterminate: false };
  return { grade, category: row.category, indeterminate: row.indeterminate };
}
