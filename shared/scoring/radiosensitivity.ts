// Radiosensitivity to conventional radiotherapy by primary histology (NOMS "O"; clinical-rules.md §5).
// The table is the default; callers may pass their own (it is configurable), and the reader may override per study.

import type { RuleRow } from './citations';

export type Radiosensitivity = 'sensitive' | 'resistant';

export interface HistologyRow extends RuleRow {
  readonly value: string;
  /** null: not in the table, unknown until the reader chooses. */
  readonly radiosensitivity: Radiosensitivity | null;
}

export const HISTOLOGIES = [
  { value: 'lymphoma', label: 'Lymphoma', radiosensitivity: 'sensitive', citation: 'laufer2013', kind: 'published' },
  { value: 'myeloma', label: 'Myeloma / plasmacytoma', radiosensitivity: 'sensitive', citation: 'laufer2013', kind: 'published' },
  { value: 'seminoma_germ_cell', label: 'Seminoma / germ-cell', radiosensitivity: 'sensitive', citation: 'laufer2013', kind: 'published' },
  { value: 'breast', label: 'Breast', radiosensitivity: 'sensitive', citation: 'laufer2013', kind: 'published' },
  { value: 'prostate', label: 'Prostate', radiosensitivity: 'sensitive', citation: 'laufer2013', kind: 'published' },
  { value: 'ovarian', label: 'Ovarian', radiosensitivity: 'sensitive', citation: 'designSeed', kind: 'published' },
  { value: 'neuroendocrine', label: 'Neuroendocrine', radiosensitivity: 'sensitive', citation: 'designSeed', kind: 'published' },
  { value: 'small_cell_lung', label: 'Small-cell lung', radiosensitivity: 'sensitive', citation: 'designSeed', kind: 'published' },
  { value: 'renal_cell', label: 'Renal cell', radiosensitivity: 'resistant', citation: 'laufer2013', kind: 'published' },
  { value: 'thyroid', label: 'Thyroid', radiosensitivity: 'resistant', citation: 'laufer2013', kind: 'published' },
  { value: 'hepatocellular', label: 'Hepatocellular', radiosensitivity: 'resistant', citation: 'laufer2013', kind: 'published' },
  { value: 'colorectal', label: 'Colorectal', radiosensitivity: 'resistant', citation: 'laufer2013', kind: 'published' },
  { value: 'non_small_cell_lung', label: 'Non-small-cell lung', radiosensitivity: 'resistant', citation: 'laufer2013', kind: 'published' },
  { value: 'sarcoma', label: 'Sarcoma', radiosensitivity: 'resistant', citation: 'laufer2013', kind: 'published' },
  { value: 'melanoma', label: 'Melanoma', radiosensitivity: 'resistant', citation: 'laufer2013', kind: 'published' },
  { value: 'other', label: 'Other histology', radiosensitivity: null, citation: 'designSeed', kind: 'convention' },
  { value: 'unknown', label: 'Histology unknown', radiosensitivity: null, citation: 'designSeed', kind: 'convention' },
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
