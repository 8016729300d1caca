/**
 * The reading itself inside its SR, so the SR can be read back into the annotation document it was written from
 * (issue 13, item 5). The findings, scores and wording elsewhere in the SR are derived and worded for people; this
 * one container ("Reading record") holds what they were derived from: every field of the document, coded.
 *
 * Why schema-driven: the encoding and the decoding both walk the document's own schema (schema.ts), so a field added
 * to the document is carried by the SR without a second table to forget, and the two directions cannot disagree.
 * Mapping (all within the record container, codes in the local 99SPINEMET scheme unless said):
 * | document value              | SR content item                                                               |
 * |-----------------------------|-------------------------------------------------------------------------------|
 * | object                      | CONTAINER, concept = the field (code from its name, meaning in words)         |
 * | enum / string literal       | CODE, the value coded (findings: pain, ESCC grade, collapse, …)               |
 * | vertebral level             | CODE, the level as code value ("L1")                                          |
 * | boolean                     | CODE, SNOMED CT Yes (373066001) / No (373067005)                              |
 * | number                      | NUM (DS, and the exact FD Floating Point Value when DS cannot hold it)        |
 * | LPS point                   | CONTAINER of three NUM in mm (patient x, y, z), exact                         |
 * | text, time                  | TEXT (an empty text is left out: TEXT values are Type 1)                      |
 * | array / tuple               | the same concept repeated, in order                                           |
 * | record (view state)         | CONTAINER per entry: TEXT name + value                                        |
 * | absent / null / empty array | no item                                                                       |
 * Not carried: top-level fields outside the schema (plug-ins'), and nothing at all in a de-identified SR (its
 * record would name the patient and the original UIDs).
 */
import { z } from 'zod';
import type { Code, ReadSrItem, SrItem } from '../dicom/sr/index';
import { UCUM } from '../dicom/sr/index';
import type { AnnotationDocument } from '../annotation/schema';
import { AnnotationDocumentSchema, LevelLabelSchema, LpsPointSchema } from '../annotation/schema';
import { defOf } from '../validation/zod-def';
import type { Schema } from '../validation/zod-def';

/** sr-content.ts's LOCAL_SCHEME designator (not imported: sr-content imports this module). */
export const RECORD_SCHEME_DESIGNATOR = '99SPINEMET';
const local = (value: string, meaning: string): Code => ({ value, scheme: RECORD_SCHEME_DESIGNATOR, meaning });

export const READING_RECORD: Code = local('READING-RECORD', 'Reading record (to restore the reading)');
const YES: Code = { value: '373066001', scheme: 'SCT', meaning: 'Yes' };
const NO: Code = { value: '373067005', scheme: 'SCT', meaning: 'No' };
const NO_UNITS: Code = { value: '1', scheme: 'UCUM', meaning: 'no units' };
const AXES = [local('LPS-X', 'Patient x (towards the left)'), local('LPS-Y', 'Patient y (towards the back)'), local('LPS-Z', 'Patient z (towards the head)')] as const;
const ENTRY_NAME = local('ENTRY-NAME', 'Setting');
const ENTRY_VALUE = local('ENTRY-VALUE', 'Value');

/** "frameOfReferenceUID" → "Frame of reference UID"; "lt50" stays; "7_12" → "7 12" (words, never program language). */
export function inWords(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[\s_-]+/).filter((w) => w !== '');
  const text = words.map((w) => (/^[A-Z]{2,}$/.test(w) ? w : w.toLowerCase())).join(' ');
  return (text.charAt(0).toUpperCase() + text.slice(1)).slice(0, 64);
}

/** A code value (SH: 16 characters) for a name. */
const codeValue = (name: string): string => name.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 16) || 'EMPTY';

/** The concept of an object field; unique within its object (checked when the object is first met). */
const fieldConcept = (key: string): Code => local(codeValue(key), inWords(key));

/** Codes of a set of values (an enum's options): the value's code, made unique by its position when two collide. */
function valueCodes(values: readonly (string | number)[]): Map<string, Code> {
  const plain = values.map((v) => codeValue(String(v)));
  return new Map(values.map((v, i) => {
    const code = plain[i] ?? '';
    const unique = plain.indexOf(code) === plain.lastIndexOf(code) ? code : `${code.slice(0, 12)}-${i}`;
    return [String(v), local(unique, inWords(String(v)))];
  }));
}

// ---- the schema as the walker sees it (zod 4 definitions) ----

const shapeChecked = new WeakSet<object>();
function shapeOf(schema: Schema): Record<string, Schema> {
  const shape = defOf(schema).shape ?? {};
  if (!shapeChecked.has(shape)) {
    const codes = Object.keys(shape).map(codeValue);
    const twice = codes.find((c, i) => codes.indexOf(c) !== i);
    if (twice !== undefined) throw new Error(`reading record: two fields of one object share the code ${twice}`);
    shapeChecked.add(shape);
  }
  return shape;
}

const enumCodesCache = new WeakMap<object, Map<string, Code>>();
function codesOf(schema: Schema): Map<string, Code> {
  const d = defOf(schema);
  let codes = enumCodesCache.get(d);
  if (codes === undefined) {
    codes = valueCodes(d.type === 'enum' ? Object.values(d.entries ?? {}) : (d.values ?? []));
    enumCodesCache.set(d, codes);
  }
  return codes;
}

type Unrelated<T> = T extends unknown ? Omit<T, 'relationship'> : never;
const contains = (item: Unrelated<SrItem>): SrItem => ({ ...item, relationship: 'CONTAINS' }) as SrItem;

// ---- document → SR items ----
function encode(schema: Schema, value: unknown, concept: Code): SrItem[] {
  if (schema === LevelLabelSchema) return [contains({ type: 'CODE', concept, code: local(String(value), `${String(value)} vertebra`) })];
  if (schema === LpsPointSchema) {
    const point = value as readonly number[];
    return [contains({ type: 'CONTAINER', concept, children: AXES.map((axis, i) => contains({ type: 'NUM', concept: axis, value: point[i] ?? 0, unit: UCUM.mm })) })];
  }
  const d = defOf(schema);
  switch (d.type) {
    case 'optional':
    case 'nullable':
      return value === undefined || value === null ? [] : encode(d.innerType as Schema, value, concept);
    case 'pipe':
      return encode(d.in as Schema, value, concept);
    case 'null':
      return [];
    case 'string':
      return value === '' ? [] : [contains({ type: 'TEXT', concept, text: String(value) })];
    case 'number':
      return [contains({ type: 'NUM', concept, value: value as number, unit: NO_UNITS })];
    case 'boolean':
      return [contains({ type: 'CODE', concept, code: value === true ? YES : NO })];
    case 'enum':
    case 'literal': {
      if (typeof value === 'number') return [contains({ type: 'NUM', concept, value, unit: NO_UNITS })];
      const code = codesOf(schema).get(String(value));
      if (code === undefined) throw new Error(`reading record: ${String(value)} is not a value of ${concept.meaning}`);
      return [contains({ type: 'CODE', concept, code })];
    }
    case 'union': {
      const option = (d.options ?? []).find((o) => o.safeParse(value).success);
      if (option === undefined) throw new Error(`reading record: no form of ${concept.meaning} fits its value`);
      return encode(option, value, concept);
    }
    case 'object': {
      const record = value as Record<string, unknown>;
      const children = Object.entries(shapeOf(schema)).flatMap(([key, field]) => encode(field, record[key], fieldConcept(key)));
      return [contains({ type: 'CONTAINER', concept, children })];
    }
    case 'array':
    case 'tuple': {
      const list = value as readonly unknown[];
      return list.flatMap((v, i) => {
        const element = d.type === 'array' ? (d.element as Schema) : (d.items?.[i] as Schema);
        const out = encode(element, v, concept);
        if (out.length !== 1) throw new Error(`reading record: an element of ${concept.meaning} has no single item`);
        return out;
      });
    }
    case 'record':
      return Object.entries(value as Record<string, unknown>).map(([name, v]) => contains({
        type: 'CONTAINER',
        concept,
        children: [contains({ type: 'TEXT', concept: ENTRY_NAME, text: name }), ...encode(d.valueType as Schema, v, ENTRY_VALUE)],
      }));
    default:
      throw new Error(`reading record: cannot carry a ${d.type} (${concept.meaning})`);
  }
}

/** The reading record container of a document (the last section of its SR). */
export function readingRecordItem(doc: AnnotationDocument): SrItem {
  const [record] = encode(AnnotationDocumentSchema, doc, READING_RECORD);
  if (record === undefined) throw new Error('reading record: the document made no record');
  return record;
}

// ---- SR items → document ----
class Mismatch extends Error {}
const fail = (what: string): never => {
  throw new Mismatch(what);
};
const sameCode = (a: Code | null | undefined, b: Code): boolean => a !== null && a !== undefined && a.value === b.value && a.scheme === b.scheme;

/** One value from the items carrying it (several for an array); `undefined` means "left out". */
function decode(schema: Schema, found: readonly ReadSrItem[], what: string): unknown {
  if (schema === LevelLabelSchema) return found[0]?.code?.value ?? fail(what);
  if (schema === LpsPointSchema) {
    const item = found[0] ?? fail(what);
    return AXES.map((axis) => item.children.find((c) => sameCode(c.concept, axis))?.num?.value ?? fail(what));
  }
  const d = defOf(schema);
  const first = found[0];
  switch (d.type) {
    case 'optional':
      return found.length === 0 ? undefined : decode(d.innerType as Schema, found, what);
    case 'nullable':
      return found.length === 0 ? null : decode(d.innerType as Schema, found, what);
    case 'pipe':
      return decode(d.in as Schema, found, what);
    case 'null':
      return found.length === 0 ? null : fail(what);
    case 'string':
      return first === undefined ? '' : first.valueType === 'TEXT' ? (first.text ?? '') : fail(what);
    case 'number':
      return first?.valueType === 'NUM' && typeof first.num?.value === 'number' ? first.num.value : fail(what);
    case 'boolean':
      return sameCode(first?.code, YES) ? true : sameCode(first?.code, NO) ? false : fail(what);
    case 'enum':
    case 'literal': {
      if (first?.valueType === 'NUM') return first.num?.value ?? fail(what);
      for (const [value, code] of codesOf(schema)) if (sameCode(first?.code, code)) return value;
      return fail(what);
    }
    case 'union':
      // Nothing written is null where the union has null (an empty text is never written inside a union).
      if (found.length === 0 && (d.options ?? []).some((o) => defOf(o).type === 'null')) return null;
      for (const option of d.options ?? []) {
        try {
          const value = decode(option, found, what);
          if (option.safeParse(value).success) return value;
        } catch (e) {
          if (!(e instanceof Mismatch)) throw e;
        }
      }
      return fail(what);
    case 'object': {
      if (first?.valueType !== 'CONTAINER') return fail(what);
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(shapeOf(schema))) {
        const concept = fieldConcept(key);
        const value = decode(field, first.children.filter((c) => sameCode(c.concept, concept)), `${what} ${concept.meaning.toLowerCase()}`);
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
    case 'array':
      return found.map((item) => decode(d.element as Schema, [item], what));
    case 'tuple':
      return (d.items ?? []).map((element, i) => decode(element, found[i] === undefined ? [] : [found[i]], what));
    case 'record':
      return Object.fromEntries(found.map((entry) => {
        const name = entry.children.find((c) => sameCode(c.concept, ENTRY_NAME))?.text ?? fail(what);
        return [name, decode(d.valueType as Schema, entry.children.filter((c) => sameCode(c.concept, ENTRY_VALUE)), what)];
      }));
    default:
      return fail(what);
  }
}

/** The document's schema with any version (loadDocument then migrates an older record or refuses a newer one). */
const RECORD_READ_SCHEMA: Schema = AnnotationDocumentSchema.extend({ version: z.number().int() });

/** The record container among an SR's top-level items, if the SR has one. */
export function findReadingRecord(items: readonly ReadSrItem[]): ReadSrItem | undefined {
  return items.find((i) => i.valueType === 'CONTAINER' && sameCode(i.concept, READING_RECORD));
}

/**
 * The document a record holds, as plain JSON for loadDocument (which validates and migrates it), or the first
 * field that could not be read, in words. The version is read as written, so an older record migrates on load.
 */
export function documentFromRecord(record: ReadSrItem): { readonly ok: true; readonly value: Record<string, unknown> } | { readonly ok: false; readonly problem: string } {
  try {
    return { ok: true, value: decode(RECORD_READ_SCHEMA, [record], 'reading') as Record<string, unknown> };
  } catch (e) {
    if (e instanceof Mismatch) return { ok: false, problem: `the reading's ${e.message.replace(/^reading /, '')} could not be read` };
    throw e;
  }
}
