// Radiosensitivity to conventional radiotherapy by primary histology (NOMS "O"; docs/clinical-rules.md §5).
// The table is the default; callers may pass their own (it is configurable), and the reader may override per study.

import type { RuleRow } from './citations';

export const RADIOSENSITIVITIES = ['sensitive', 'resistant'] as const;
export type Radiosensitivity = (typeof RADIOSENSITIVITIES)[number];

export type HistologyRow = RuleRow & {
  readonly value: string;
  /** null: not in the table, unknown until the reader chooses. */
  readonly radiosensitivity: Radiosensitivity | null;
};

/** The default table is a project default (it is configurable), not a published table: every row says so. */
const laufer = {
  citation: 'laufer2013',
  kind: 'design',
  reason: 'Default table from the design seed (configurable); this class is attributed to Laufer 2013 (clinical-rules §5 O, confidence M).',
} as const;
const seedOnly = {
  citation: 'designSeed',
  kind: 'design',
  reason: "Default table from the design seed (configurable); the class of this histology is the seed's, not taken from Laufer 2013.",
} as const;
const unlisted = {
  citation: 'designSeed',
  kind: 'design',
  reason: 'Default table from the design seed: no default class here, so radiosensitivity is unknown until the reader chooses.',
} as const;

export const HISTOLOGIES = [
  { value: 'lymphoma', label: 'Lymphoma', radiosensitivity: 'sensitive', ...laufer },
  { value: 'myeloma', label: 'Myeloma / plasmacytoma', radiosensitivity: 'sensitive', ...laufer },
  { value: 'seminoma_germ_cell', label: 'Seminoma / germ-cell', radiosensitivity: 'sensitive', ...laufer },
  { value: 'breast', label: 'Breast', radiosensitivity: 'sensitive', ...laufer },
  { value: 'prostate', label: 'Prostate', radiosensitivity: 'sensitive', ...laufer },
  { value: 'ovarian', label: 'Ovarian', radiosensitivity: 'sensitive', ...seedOnly },
  { value: 'neuroendocrine', label: 'Neuroendocrine', radiosensitivity: 'sensitive', ...seedOnly },
  { value: 'small_cell_lung', label: 'Small-cell lung', radiosensitivity: 'sensitive', ...seedOnly },
  { value: 'renal_cell', label: 'Renal cell', radiosensitivity: 'resistant', ...laufer },
  { value: 'thyroid', label: 'Thyroid', radiosensitivity: 'resistant', ...laufer },
  { value: 'hepatocellular', label: 'Hepatocellular', radiosensitivity: 'resistant', ...laufer },
  { value: 'colorectal', label: 'Colorectal', radiosensitivity: 'resistant', ...laufer },
  { value: 'non_small_cell_lung', label: 'Non-small-cell lung', radiosensitivity: 'resistant', ...laufer },
  { value: 'sarcoma', label: 'Sarcoma', radiosensitivity: 'resistant', ...laufer },
  { value: 'melanoma', label: 'Melanoma', radiosensitivity: 'resistant', ...laufer },
  { value: 'other', label: 'Other histology', radiosensitivity: null, ...unlisted },
  { value: 'unknown', label: 'Histology unknown', radiosensitivity: null, ...unlisted },
] as const satisfies readonly HistologyRow[];

export type Histology = (typeof HISTOLOGIES)[number]['value'];

export type RadiosensitivityTable = Readonly<Partial<Record<Histology, Radiosensitivity | null>>>;

/** The default table as a lookup, so a deployment can swap or amend it without touching the code. */
export const DEFAULT_RADIOSENSITIVITY: RadiosensitivityTable = Object.fromEntries(
  HISTOLOGIES.map((r) => [r.value, r.radiosensitivity]),
);

export interface RadiosensitivityResult {
  value: Radiosensitivity | null;
  source: 'reader' | 'table';
}

export function radiosensitivityOf(
  histology: Histology,
  override: Radiosensitivity | null,
  table: RadiosensitivityTable = DEFAULT_RADIOSENSITIVITY,
): RadiosensitivityResult {
  if (override !== null) return { value: override, source: 'reader' };
  return { value: table[histology] ?? null, source: 'table' };
}
