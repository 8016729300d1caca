import { z } from 'zod';
import { AnnotationCommandError, defineCommand, findById, removeById, replaceById } from './command-kit';
import { defaultLesion } from './defaults';
import { assessHeights } from './heights';
import { claimId, NewId } from './ids';
import type { AnnotationDocument, Lesion } from './schema';
import { CollapseValueSchema, LesionSchema, LevelLabelSchema } from './schema';

/** Fields the reader edits one at a time; `id` is not editable. */
export const LESION_FIELDS = [
  'levels', 'pain', 'boneLesion', 'alignment', 'collapse', 'posterolateral', 'escc', 'cordSignalChange', 'caudaEquina',
  'instabilityJudgement', 'note',
] as const satisfies ReadonlyArray<Exclude<keyof Lesion, 'id'>>;
export type LesionField = (typeof LESION_FIELDS)[number];

function heightsMeasurement(doc: AnnotationDocument, id: string) {
  const measurement = findById(doc.measurements, id, 'measurement');
  if (measurement.kind !== 'vertebral-heights') {
    throw new AnnotationCommandError('not-applicable', `measurement ${id} is a ${measurement.kind}, not vertebral heights`);
  }
  return measurement;
}

export const lesionCommands = {
  addLesion: defineCommand({
    undo: 'now',
    args: z.strictObject({ id: NewId.optional(), levels: z.array(LevelLabelSchema).default([]) }),
    apply: (doc, { id, levels }) => ({ ...doc, lesions: [...doc.lesions, defaultLesion(claimId('lesion', id, doc.lesions), levels)] }),
  }),
  /** One field of one lesion; the value is checked against that field's schema. */
  updateLesion: defineCommand({
    undo: 'now',
    args: z.strictObject({ id: z.string(), field: z.enum(LESION_FIELDS), value: z.unknown() }),
    apply: (doc, { id, field, value }) => {
      const parsed = LesionSchema.shape[field].safeParse(value);
      if (!parsed.success) {
        throw new AnnotationCommandError('invalid-args', `lesion ${field}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
      }
      if (field === 'collapse' && parsed.data !== null && typeof parsed.data === 'object' && 'measurementId' in parsed.data) {
        const link = parsed.data.measurementId;
        if (link !== undefined) heightsMeasurement(doc, link);
      }
      return { ...doc, lesions: replaceById(doc.lesions, id, 'lesion', (lesion) => ({ ...lesion, [field]: parsed.data })) };
    },
  }),
  /**
   * The reader's collapse choice next to a height measurement: the record says whether it agrees with the
   * measurement's suggestion (confirmed) or not (overridden), and keeps the link.
   */
  chooseCollapseWithMeasurement: defineCommand({
    undo: 'now',
    args: z.strictObject({ lesionId: z.string(), measurementId: z.string(), value: CollapseValueSchema }),
    apply: (doc, { lesionId, measurementId, value }) => {
      const assessment = assessHeights(heightsMeasurement(doc, measurementId));
      if (!assessment.computable) throw new AnnotationCommandError('not-applicable', `measurement ${measurementId}: ${assessment.reason}`);
      const source = assessment.suggestedCollapse === value ? 'measurement-confirmed' : 'measurement-overridden';
      return {
        ...doc,
        lesions: replaceById(doc.lesions, lesionId, 'lesion', (lesion) => ({ ...lesion, collapse: { value, source, measurementId } })),
      };
    },
  }),
  /** A whole lesion taken from another reading (a second opinion): one undo step, a new id in this document. */
  adoptLesion: defineCommand({
    undo: 'now',
    args: z.strictObject({ id: NewId.optional(), lesion: LesionSchema.omit({ id: true }) }),
    apply: (doc, { id, lesion }) => {
      // The other reading's measurements are not this document's: links to them are dropped, the choice stays the reader's.
      const collapse = { value: lesion.collapse.value, source: 'reader' as const };
      const alignment = { value: lesion.alignment.value, source: 'reader' as const, measurementIds: [] };
      return { ...doc, lesions: [...doc.lesions, { ...lesion, collapse, alignment, id: claimId('lesion', id, doc.lesions) }] };
    },
  }),
  deleteLesion: defineCommand({
    undo: 'now',
    args: z.strictObject({ id: z.string() }),
    apply: (doc, { id }) => ({ ...doc, lesions: removeById(doc.lesions, id, 'lesion') }),
  }),
};
