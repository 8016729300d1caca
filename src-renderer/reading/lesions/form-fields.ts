/**
 * The lesion form as data (pure): every field is a radio group; every option has a one-key shortcut that is unique
 * within its field, and every field offers 'unknown' on `u` (the default: nothing is assumed for the reader).
 * Option labels and points come from the scoring tables, so the form cannot drift from what is scored.
 */
import type { Lesion } from '@shared/annotation';
import { ESCC_GRADES, SINS_ALIGNMENT, SINS_BONE_LESION, SINS_COLLAPSE, SINS_PAIN, SINS_POSTEROLATERAL } from '@shared/scoring';

export type FormValue = string;

export interface FormOption {
  readonly value: FormValue;
  readonly label: string;
  readonly key: string;
  /** SINS points, when the option is a SINS component. */
  readonly points?: number;
  /** Longer definition shown with the option (ESCC grades). */
  readonly definition?: string;
}

export type FormFieldId = 'pain' | 'boneLesion' | 'collapse' | 'alignment' | 'posterolateral' | 'escc' | 'cordSignalChange' | 'caudaEquina' | 'instabilityJudgement';

export interface FormField {
  readonly id: FormFieldId;
  readonly legend: string;
  readonly hint?: string;
  readonly options: readonly FormOption[];
}

const UNKNOWN: FormOption = { value: 'unknown', label: 'Unknown', key: 'u' };

function sins<V extends string>(rows: ReadonlyArray<{ value: V; label: string; points: number }>, keys: Record<V, string>): FormOption[] {
  return [...rows.map((r) => ({ value: r.value, label: r.label, key: keys[r.value], points: r.points })), UNKNOWN];
}

export const LESION_FORM: readonly FormField[] = [
  {
    id: 'pain',
    legend: 'Pain (SINS)',
    hint: 'Clinical: ask the patient or the referrer. Never inferred from the images.',
    options: sins(SINS_PAIN, { mechanical: 'm', occasional: 'o', none: 'n' }),
  },
  { id: 'boneLesion', legend: 'Bone lesion', options: sins(SINS_BONE_LESION, { lytic: 'l', mixed: 'x', blastic: 'b' }) },
  {
    id: 'collapse',
    legend: 'Vertebral body collapse',
    hint: 'Measure with the height tool to get a suggestion; your choice is recorded next to the measurement.',
    options: sins(SINS_COLLAPSE, { gt50: 'g', lt50: 'l', involved_gt50: 'i', none: 'n' }),
  },
  { id: 'alignment', legend: 'Alignment', options: sins(SINS_ALIGNMENT, { subluxation: 's', deformity: 'd', normal: 'n' }) },
  { id: 'posterolateral', legend: 'Posterolateral involvement', options: sins(SINS_POSTEROLATERAL, { bilateral: 'b', unilateral: '1', none: 'n' }) },
  {
    id: 'escc',
    legend: 'ESCC grade (Bilsky)',
    options: [
      ...ESCC_GRADES.map((g) => ({ value: g.value, label: g.value, key: g.value === '0' ? '0' : g.value.length === 2 ? g.value.charAt(1) : g.value, definition: g.label })),
      UNKNOWN,
    ],
  },
  { id: 'cordSignalChange', legend: 'Cord signal change', options: [{ value: 'true', label: 'Yes', key: 'y' }, { value: 'false', label: 'No', key: 'n' }, UNKNOWN] },
  {
    id: 'caudaEquina',
    legend: 'Below the conus (cauda equina)',
    hint: 'Below the conus the ESCC grade applies by analogy; the report says so.',
    options: [{ value: 'true', label: 'Yes', key: 'y' }, { value: 'false', label: 'No', key: 'n' }, UNKNOWN],
  },
  {
    id: 'instabilityJudgement',
    legend: 'Your instability judgement (used for SINS 7–12)',
    options: [{ value: 'stable', label: 'Stable', key: 's' }, { value: 'unstable', label: 'Unstable', key: 'i' }, UNKNOWN],
  },
];

/** The option a key selects in a field, or null. */
export function optionForKey(field: FormField, key: string): FormOption | null {
  const k = key.toLowerCase();
  return field.options.find((o) => o.key === k) ?? null;
}

/** The form value of a lesion's field (booleans and choice objects flattened to the option value). */
export function formValue(lesion: Lesion, id: FormFieldId): FormValue {
  const v = lesion[id];
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'object') return v.value;
  return v;
}

/** The updateLesion value for an option: choice objects keep their links, booleans are real booleans. */
export function fieldUpdate(lesion: Lesion, id: FormFieldId, value: FormValue): unknown {
  if (id === 'cordSignalChange' || id === 'caudaEquina') return value === 'unknown' ? 'unknown' : value === 'true';
  // A collapse or alignment typed by the reader is the reader's choice; the measurement link (if any) is kept.
  if (id === 'collapse') {
    const link = lesion.collapse.measurementId;
    return { value, source: link === undefined ? 'reader' : 'measurement-overridden', ...(link !== undefined ? { measurementId: link } : {}) };
  }
  if (id === 'alignment') return { ...lesion.alignment, value, source: 'reader' };
  return value;
}
