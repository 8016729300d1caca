import { z } from 'zod';
import { AnnotationCommandError, defineCommand, removeById } from './command-kit';
import { claimId, NewId } from './ids';
import type { AnnotationDocument } from './schema';
import { KeyImageSchema, MAX_TEXT, PatientSchema } from './schema';

/**
 * Settable patient fields as dotted paths ('kps', 'emergency.newInabilityToWalk', 'prognosis.bauer.lungPrimary'),
 * each with its schema, read from PatientSchema so the two can never disagree.
 */
function leafSchemas(shape: Record<string, z.ZodType>, prefix: string, out: Map<string, z.ZodType>): Map<string, z.ZodType> {
  for (const [key, schema] of Object.entries(shape)) {
    if (schema instanceof z.ZodObject) leafSchemas(schema.shape, `${prefix}${key}.`, out);
    else out.set(`${prefix}${key}`, schema);
  }
  return out;
}
export const PATIENT_FIELDS: ReadonlyMap<string, z.ZodType> = leafSchemas(PatientSchema.shape, '', new Map());

function setPath(node: Readonly<Record<string, unknown>>, path: readonly string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined) return { ...node };
  const child = node[head];
  return { ...node, [head]: rest.length === 0 ? value : setPath(typeof child === 'object' && child !== null ? (child as Record<string, unknown>) : {}, rest, value) };
}

export const contextCommands = {
  setPatientField: defineCommand({
    undo: 'now',
    args: z.strictObject({ field: z.string(), value: z.unknown() }),
    apply: (doc, { field, value }) => {
      const schema = PATIENT_FIELDS.get(field);
      if (!schema) throw new AnnotationCommandError('invalid-args', `no patient field ${field}`);
      const parsed = schema.safeParse(value);
      if (!parsed.success) throw new AnnotationCommandError('invalid-args', `patient ${field}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
      let next = setPath(doc.patient, field.split('.'), parsed.data);
      // The finer visceral answers (Tokuhashi removable, Tomita treatable) belong to "present": a new answer to the one
      // visceral question sends them back to derived, in the same undo step.
      if (field === 'prognosis.visceral' && parsed.data !== doc.patient.prognosis.visceral) {
        next = setPath(setPath(next, ['prognosis', 'visceralMetastases'], null), ['prognosis', 'tomitaVisceral'], null);
      }
      // Re-validated as a whole so the returned document is typed without a cast.
      const patient = PatientSchema.parse(next);
      return { ...doc, patient };
    },
  }),
  setReportText: defineCommand({
    undo: 'now',
    args: z.strictObject({ field: z.enum(['impression', 'freeText']), text: z.string().max(MAX_TEXT) }),
    // Typing into the impression makes it the reader's own words (edited), whatever it was before.
    apply: (doc, { field, text }): AnnotationDocument => {
      if (doc.report[field] === text) return doc;
      return { ...doc, report: { ...doc.report, [field]: text, ...(field === 'impression' ? { impressionSource: 'edited' as const } : {}) } };
    },
  }),
  addKeyImage: defineCommand({
    undo: 'now',
    args: KeyImageSchema.omit({ id: true }).extend({ id: NewId.optional(), caption: z.string().max(MAX_TEXT).default('') }),
    apply: (doc, { id, ...keyImage }) => ({
      ...doc,
      report: { ...doc.report, keyImages: [...doc.report.keyImages, { id: claimId('keyImage', id, doc.report.keyImages), ...keyImage }] },
    }),
  }),
  removeKeyImage: defineCommand({
    undo: 'now',
    args: z.strictObject({ id: z.string() }),
    apply: (doc, { id }) => ({ ...doc, report: { ...doc.report, keyImages: removeById(doc.report.keyImages, id, 'key image') } }),
  }),
  setReader: defineCommand({
    undo: 'now',
    args: z.strictObject({ name: z.string().max(200) }),
    apply: (doc, { name }): AnnotationDocument => (doc.reader.name === name ? doc : { ...doc, reader: { name } }),
  }),
  /** Which build and rule set last touched the document: bookkeeping, so undo never reverts it. */
  stampSoftware: defineCommand({
    undo: 'never',
    whenSigned: true,
    args: z.strictObject({ appVersion: z.string().max(100), rulesVersion: z.string().max(100) }),
    apply: (doc, { appVersion, rulesVersion }) =>
      doc.appVersion === appVersion && doc.rulesVersion === rulesVersion ? doc : { ...doc, appVersion, rulesVersion },
  }),
};
