// What a comparison of two readings of one patient (a prior study and the current one) calls a change, as rule rows.
// The comparison itself (shared/reading/compare.ts) applies these rows to two derived readings; it never rescores
// anything: each side's scores are that reading's own.

import type { RuleRow } from './citations';

export type ProgressionRuleId = 'new-lesion' | 'not-seen' | 'collapse-measured' | 'collapse-category' | 'escc-grade' | 'sins-band' | 'noms-pathway';

export type ProgressionRow = RuleRow & { readonly id: ProgressionRuleId };

/** Measured height loss must rise by at least this many percentage points to be called progression. */
export const MEASURED_COLLAPSE_STEP = 10;

export const PROGRESSION_RULES = [
  {
    id: 'new-lesion',
    label: 'A lesion on the current study at levels with no lesion on the prior study is a new lesion (progression)',
    citation: 'costelloe2010',
    kind: 'convention',
    reason: 'The MDA criteria count a new bone lesion as progression; matching lesions by a shared level, and calling one new rather than missed on the prior study, are our choices for the reader to confirm.',
  },
  {
    id: 'not-seen',
    label: 'A lesion on the prior study at levels with no lesion on the current study is "not recorded on the current study", never called a response',
    citation: 'costelloe2010',
    kind: 'convention',
    reason: 'A treated bone metastasis may heal with sclerosis and stay visible, or be left unrecorded; response is the reader’s judgement, not a difference of two readings.',
  },
  {
    id: 'collapse-measured',
    label: `Measured vertebral body height loss higher by ${MEASURED_COLLAPSE_STEP} percentage points or more: collapse progressed`,
    citation: 'genant1993',
    kind: 'convention',
    reason: 'Semiquantitative grades are about 20–25 points wide and readers differ by several points (Buckens 2013); a 10-point step as the least change reported as progression is our choice.',
  },
  {
    id: 'collapse-category',
    label: 'SINS collapse category scoring higher (none 0, > 50% of the body involved without collapse 1, collapse < 50% 2, collapse > 50% 3): collapse progressed',
    citation: 'fisher2010',
    kind: 'convention',
    reason: 'Fisher 2010 scores the categories; reading a higher-scoring category on the later study as progression is our choice.',
  },
  {
    id: 'escc-grade',
    label: 'ESCC grade higher (0 < 1a < 1b < 1c < 2 < 3): epidural disease progressed; grade 2 or 3 is high grade',
    citation: 'bilsky2010',
    kind: 'convention',
    reason: 'Bilsky 2010 defines the grades and the high-grade threshold; reading a higher grade on the later study as progression is our choice.',
  },
  {
    id: 'sins-band',
    label: 'SINS band higher (stable < indeterminate < unstable): instability progressed',
    citation: 'fisher2010',
    kind: 'convention',
    reason: 'Fisher 2010 defines the bands; reading a higher band on the later study as progression is our choice.',
  },
  {
    id: 'noms-pathway',
    label: 'A different NOMS pathway for the same lesion is reported as a change of pathway',
    citation: 'laufer2013',
    kind: 'design',
    reason: 'The pathway follows from the lesion’s N, O, M and S on each study (the design seed’s NOMS table); a change is reported, never judged.',
  },
] as const satisfies readonly ProgressionRow[];
