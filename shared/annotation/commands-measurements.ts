import { z } from 'zod';
import { AnnotationCommandError, defineCommand, findById, removeById, replaceById } from './command-kit';
import { claimId, NewId } from './ids';
import { isRecord } from './json';
import type { AnnotationDocument, LpsPoint, Measurement } from './schema';
import { BODY_ROLES, BodyHeightsSchema, HEIGHT_NAMES, LpsPointSchema, MeasurementSchema, MAX_TEXT } from './schema';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type NewMeasurement = DistributiveOmit<Measurement, 'id'>;

/** Which handle a drag moves: a point of a point-list measurement, or one end of a body height. */
export const HandleRefSchema = z.union([
  z.strictObject({ point: z.number().int().min(0) }),
  z.strictObject({ body: z.enum(BODY_ROLES), height: z.enum(HEIGHT_NAMES), end: z.union([z.literal(0), z.literal(1)]) }),
]);
export type HandleRef = z.infer<typeof HandleRefSchema>;

function validMeasurement(value: unknown): Measurement {
  const parsed = MeasurementSchema.safeParse(value);
  if (!parsed.success) throw new AnnotationCommandError('invalid-args', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

function moveHandle(m: Measurement, handle: HandleRef, point: LpsPoint): Measurement {
  if ('point' in handle) {
    if (m.kind === 'vertebral-heights' || handle.point >= m.points.length) {
      throw new AnnotationCommandError('not-applicable', `measurement ${m.id} has no point ${handle.point}`);
    }
    return validMeasurement({ ...m, points: m.points.map((p, i) => (i === handle.point ? point : p)) });
  }
  if (m.kind !== 'vertebral-heights') throw new AnnotationCommandError('not-applicable', `measurement ${m.id} has no body heights`);
  const body = m[handle.body];
  if (!body) throw new AnnotationCommandError('not-applicable', `measurement ${m.id} has no ${handle.body} ${handle.height} height`);
  const segment = body[handle.height];
  const moved: [LpsPoint, LpsPoint] = handle.end === 0 ? [point, segment[1]] : [segment[0], point];
  return { ...m, [handle.body]: { ...body, [handle.height]: moved } };
}

/** Lesions keep their categorical choice when its measurement goes; only the link (and the claim) is dropped. */
function unlinkMeasurement(doc: AnnotationDocument, id: string): AnnotationDocument['lesions'] {
  return doc.lesions.map((lesion) => {
    let out = lesion;
    if (lesion.collapse.measurementId === id) out = { ...out, collapse: { value: lesion.collapse.value, source: 'reader' } };
    if (lesion.alignment.measurementIds.includes(id)) {
      const measurementIds = lesion.alignment.measurementIds.filter((m) => m !== id);
      out = { ...out, alignment: { ...out.alignment, measurementIds, source: measurementIds.length === 0 ? 'reader' : out.alignment.source } };
    }
    return out;
  });
}

export const measurementCommands = {
  addMeasurement: defineCommand({
    undo: 'now',
    args: z.strictObject({ id: NewId.optional(), measurement: z.custom<NewMeasurement>(isRecord, 'expected a measurement object') }),
    apply: (doc, { id, measurement }) => ({
      ...doc,
      measurements: [...doc.measurements, validMeasurement({ ...measurement, id: claimId('measurement', id, doc.measurements) })],
    }),
  }),
  moveMeasurementHandle: defineCommand({
    undo: 'on-release',
    args: z.strictObject({ id: z.string(), handle: HandleRefSchema, point: LpsPointSchema }),
    apply: (doc, { id, handle, point }) => ({
      ...doc,
      measurements: replaceById(doc.measurements, id, 'measurement', (m) => moveHandle(m, handle, point)),
    }),
  }),
  /** Sets or clears the reference body above or below (null: no normal body there). */
  setReferenceBody: defineCommand({
    undo: 'now',
    args: z.strictObject({ id: z.string(), body: z.enum(['above', 'below']), heights: BodyHeightsSchema.nullable() }),
    apply: (doc, { id, body, heights }) => ({
      ...doc,
      measurements: replaceById(doc.measurements, id, 'measurement', (m) => {
        if (m.kind !== 'vertebral-heights') throw new AnnotationCommandError('not-applicable', `measurement ${id} has no body heights`);
        return { ...m, [body]: heights };
      }),
    }),
  }),
  setMeasurementText: defineCommand({
    undo: 'now',
    args: z.strictObject({ id: z.string(), field: z.enum(['note', 'text']), text: z.string().max(MAX_TEXT) }),
    apply: (doc, { id, field, text }) => ({
      ...doc,
      measurements: replaceById(doc.measurements, id, 'measurement', (m) => {
        if (field === 'text' && m.kind !== 'arrow' && m.kind !== 'text') {
          throw new AnnotationCommandError('not-applicable', `a ${m.kind} measurement has no text`);
        }
        return { ...m, [field]: text };
      }),
    }),
  }),
  deleteMeasurement: defineCommand({
    undo: 'now',
    args: z.strictObject({ id: z.string() }),
    apply: (doc, { id }) => {
      findById(doc.measurements, id, 'measurement');
      return { ...doc, measurements: removeById(doc.measurements, id, 'measurement'), lesions: unlinkMeasurement(doc, id) };
    },
  }),
};
