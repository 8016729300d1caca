import { z } from 'zod';
import { AnnotationCommandError, defineCommand, findById, removeById, replaceById } from './command-kit';
import { claimId, NewId } from './ids';
import type { AnnotationDocument, LevelLabelRecord } from './schema';
import { CountingMethodSchema, InstanceRefSchema, LevelLabelSchema, LpsPointSchema, VariantsSchema } from './schema';

const NewLabelSchema = z.strictObject({
  id: NewId.optional(),
  label: LevelLabelSchema,
  point: LpsPointSchema,
  frameOfReferenceUID: z.string().min(1).max(64),
  sourceInstance: InstanceRefSchema,
  proposed: z.boolean().default(false),
  confidence: z.number().min(0).max(1).optional(),
});

function assertLabelFree(doc: AnnotationDocument, label: string, exceptId?: string): void {
  if (doc.labels.some((l) => l.label === label && l.id !== exceptId)) {
    throw new AnnotationCommandError('conflict', `level ${label} is already labelled`);
  }
}

function appendLabels(doc: AnnotationDocument, labels: ReadonlyArray<z.output<typeof NewLabelSchema>>): AnnotationDocument {
  const all: LevelLabelRecord[] = [...doc.labels];
  for (const { id, ...label } of labels) {
    const claimed = claimId('label', id, all);
    assertLabelFree({ ...doc, labels: all }, label.label);
    all.push({ id: claimed, ...label });
  }
  return { ...doc, labels: all };
}

export const labelCommands = {
  addLabel: defineCommand({ undo: 'now', args: NewLabelSchema, apply: (doc, args) => appendLabels(doc, [args]) }),
  /** Labels interpolated/propagated by geometry arrive as one step, all marked proposed. */
  addProposedLabels: defineCommand({
    undo: 'now',
    args: z.strictObject({ labels: z.array(NewLabelSchema.omit({ proposed: true })).min(1) }),
    apply: (doc, { labels }) => appendLabels(doc, labels.map((l) => ({ ...l, proposed: true }))),
  }),
  /**
   * Dispatched on every pointer move of a drag; history commits the drag as one step on release. A proposal the
   * reader drags is the reader's placement from then on: confirmed, with no proposer's confidence (issue 17: moving
   * a label re-proposes the rest around it, as confirming does).
   */
  moveLabel: defineCommand({
    undo: 'on-release',
    args: z.strictObject({ id: z.string(), point: LpsPointSchema }),
    apply: (doc, { id, point }) => ({
      ...doc,
      labels: replaceById(doc.labels, id, 'label', ({ confidence: _dropped, ...l }) => ({ ...l, point, proposed: false })),
    }),
  }),
  renameLabel: defineCommand({
    undo: 'now',
    args: z.strictObject({ id: z.string(), label: LevelLabelSchema }),
    apply: (doc, { id, label }) => {
      findById(doc.labels, id, 'label');
      assertLabelFree(doc, label, id);
      return { ...doc, labels: replaceById(doc.labels, id, 'label', (l) => ({ ...l, label })) };
    },
  }),
  deleteLabel: defineCommand({
    undo: 'now',
    args: z.strictObject({ id: z.string() }),
    apply: (doc, { id }) => ({ ...doc, labels: removeById(doc.labels, id, 'label') }),
  }),
  /** Confirms the given proposed labels, or all of them when `ids` is omitted. */
  confirmProposedLabels: defineCommand({
    undo: 'now',
    args: z.strictObject({ ids: z.array(z.string()).optional() }),
    apply: (doc, { ids }) => {
      ids?.forEach((id) => findById(doc.labels, id, 'label'));
      const wanted = ids ? new Set(ids) : null;
      if (!doc.labels.some((l) => l.proposed && (wanted === null || wanted.has(l.id)))) return doc;
      return { ...doc, labels: doc.labels.map((l) => (l.proposed && (wanted === null || wanted.has(l.id)) ? { ...l, proposed: false } : l)) };
    },
  }),
  setCountingMethod: defineCommand({
    undo: 'now',
    args: z.strictObject({ method: CountingMethodSchema }),
    apply: (doc, { method }) => (doc.spine.countingMethod === method ? doc : { ...doc, spine: { ...doc.spine, countingMethod: method } }),
  }),
  setVariants: defineCommand({
    undo: 'now',
    args: VariantsSchema.partial(),
    apply: (doc, changes) => {
      const { thoracicCount, lumbarCount, castellvi } = doc.spine.variants;
      // Explicit fallbacks: an `undefined` in the partial must never erase a count.
      const variants = {
        thoracicCount: changes.thoracicCount ?? thoracicCount,
        lumbarCount: changes.lumbarCount ?? lumbarCount,
        castellvi: changes.castellvi === undefined ? castellvi : changes.castellvi,
      };
      return { ...doc, spine: { ...doc.spine, variants } };
    },
  }),
};
