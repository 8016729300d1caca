// Random annotation documents from the document's own schema (every field, every enum value, nulls, empty and
// unicode text, full-precision coordinates), seeded so a failure names the document that made it.
import { defOf } from '@shared/validation/zod-def';
import type { Schema, ZodCheck, ZodDef } from '@shared/validation/zod-def';
import { AnnotationDocumentSchema, LevelLabelSchema } from '@shared/annotation/schema';
import { ALL_LEVELS } from '@shared/spine/levels';

type Rand = () => number;
type Check = ZodCheck;
type Def = ZodDef;
const checksOf = (d: Def): Check[] => (d.checks ?? []).map((c) => c._zod.def);

const pick = <T,>(r: Rand, values: readonly T[]): T => values[Math.floor(r() * values.length)] as T;
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

// Words a reader types, some beyond ASCII (é, ü, Cyrillic, CJK, an emoji), punctuation, line breaks inside.
const WORDS = ['lytic', 'L1', 'sclerotic', 'mixed', 'Müller', 'é', 'pain at night', 'ЖКТ', '椎体', '🙂', 'cord', '50%', 'T12–L1', '"quoted"', 'a\\b', 'x^y', 'line\nbreak', '<b>', '&', '0.5 mm'];

function randomText(r: Rand, max: number, nonEmpty: boolean): string {
  if (!nonEmpty && r() < 0.15) return '';
  const n = int(r, 1, 6);
  let text = Array.from({ length: n }, () => pick(r, WORDS)).join(' ');
  // Cut whole characters (an emoji is two UTF-16 units): a lone surrogate is not text.
  while (text.length > max) text = [...text].slice(0, -1).join('');
  // Free text is kept without leading or trailing white space (DICOM text values are padded with spaces).
  return text.trim() === '' ? 'x' : text.trim();
}

function randomIso(r: Rand): string {
  const d = new Date(Date.UTC(int(r, 2000, 2030), int(r, 0, 11), int(r, 1, 28), int(r, 0, 23), int(r, 0, 59), int(r, 0, 59), r() < 0.5 ? int(r, 0, 999) : 0));
  const iso = d.toISOString();
  return r() < 0.3 ? iso.replace('Z', '+02:00') : r() < 0.5 ? iso.replace(/\.\d{3}Z$/, 'Z') : iso;
}

function randomNumber(r: Rand, d: Def): number {
  let lo = -1e6;
  let hi = 1e6;
  let isInt = false;
  let step: number | undefined;
  for (const c of checksOf(d)) {
    if (c.check === 'greater_than' && c.value !== undefined) lo = c.value;
    if (c.check === 'less_than' && c.value !== undefined) hi = c.value;
    if (c.check === 'number_format' && c.format !== undefined && /int/.test(c.format)) isInt = true;
    if (c.check === 'multiple_of' && c.value !== undefined) step = c.value;
  }
  if (step !== undefined) return Math.ceil(lo / step) * step + step * int(r, 0, Math.floor((hi - lo) / step));
  if (isInt) return int(r, Math.max(lo, -1e6), Math.min(hi, 1e6));
  const v = lo + r() * (hi - lo);
  // Full doubles, and the short values a viewer rounds to.
  const choice = r();
  return choice < 0.5 ? v : choice < 0.8 ? Math.round(v * 100) / 100 : Math.round(v);
}

function generate(r: Rand, schema: Schema, inArray: boolean, key = ''): unknown {
  if (schema === LevelLabelSchema) return pick(r, ALL_LEVELS);
  // UIDs are UIDs (the SR writes the study's as UI); other text is anything a reader may type.
  if (/UID$|^uid$/.test(key) && defOf(schema).type === 'string') return `1.2.826.0.1.3680043.${int(r, 1, 99999)}.${int(r, 1, 999999999)}`;
  const d = defOf(schema);
  switch (d.type) {
    case 'optional': return r() < 0.3 ? undefined : generate(r, d.innerType as Schema, inArray, key);
    case 'nullable': return r() < 0.3 ? null : generate(r, d.innerType as Schema, inArray, key);
    case 'pipe': return generate(r, d.in as Schema, inArray, key);
    case 'null': return null;
    case 'string': {
      if (d.format === 'datetime') return randomIso(r);
      const checks = checksOf(d);
      const max = checks.find((c) => c.check === 'max_length')?.maximum ?? 200;
      const min = checks.find((c) => c.check === 'min_length')?.minimum ?? 0;
      return randomText(r, Math.min(max, 200), inArray || min > 0);
    }
    case 'number': return randomNumber(r, d);
    case 'boolean': return r() < 0.5;
    case 'enum': return pick(r, Object.values(d.entries ?? {}));
    case 'literal': return pick(r, d.values ?? []);
    case 'union': return generate(r, pick(r, d.options ?? []), inArray, key);
    case 'object': {
      for (let attempt = 0; attempt < 20; attempt++) {
        const out: Record<string, unknown> = {};
        for (const [key, field] of Object.entries(d.shape ?? {})) {
          const v = generate(r, field, false, key);
          if (v !== undefined) out[key] = v;
        }
        if (schema.safeParse(out).success) return out;
      }
      throw new Error('no valid object in 20 attempts');
    }
    case 'array': {
      const max = checksOf(d).find((c) => c.check === 'max_length')?.maximum ?? 4;
      // Mostly short lists (0–2), sometimes 3 or 4: long enough to order, small enough for 1,000 documents.
      const length = Math.min(max, Math.floor(r() * r() * 5));
      return Array.from({ length }, () => generate(r, d.element as Schema, true));
    }
    case 'tuple': return (d.items ?? []).map((item) => generate(r, item, true));
    case 'record': return Object.fromEntries(Array.from({ length: int(r, 0, 3) }, () => [pick(r, ['windowCenter', 'zoom', 'pan x', 'invert', 'fusion', 'Fenster']), generate(r, d.valueType as Schema, true)]));
    default: throw new Error(`random document: no generator for ${d.type}`);
  }
}

/** One random document (valid against the schema; ids as the generator made them, so some repeat). */
export function randomDocumentJson(r: Rand): Record<string, unknown> {
  return generate(r, AnnotationDocumentSchema, false) as Record<string, unknown>;
}
