// One clinical vocabulary: every enum of the annotation document, found by walking its schema, is audited here.
// A clinical enum must equal its rule table (plus `unknown` where the document lets the reader leave it open) and
// the scoring contract's enum for the same field; a document-only enum (no rule table) is listed with the reason.
// A new enum in schema.ts fails the first test until it is added below.

import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { AnnotationDocumentSchema, KpsSchema, LEVEL_LABEL_PATTERN, PatientSchema } from '@shared/annotation/schema';
import {
  BAUER_ITEMS,
  ESCC_GRADES,
  HISTOLOGIES,
  NOMS_DECISIONS,
  SINS_ALIGNMENT,
  SINS_BONE_LESION,
  SINS_COLLAPSE,
  SINS_PAIN,
  SINS_POSTEROLATERAL,
  TOKUHASHI_FRANKEL,
  TOKUHASHI_PRIMARY,
  TOKUHASHI_VISCERAL,
  TOMITA_BONE,
  TOMITA_PRIMARY_GROWTH,
  TOKUHASHI_KPS,
  TOMITA_VISCERAL,
  VISCERAL_ANSWERS,
  rangePoints,
  scoringInputSchema,
} from '@shared/scoring/index';
import { ALL_LEVELS, LUMBAR_COUNTS, THORACIC_COUNTS } from '@shared/spine/levels';
import { CASTELLVI_TYPES } from '@shared/spine/variants';

type Value = string | number;

interface Def {
  readonly type: string;
  readonly entries?: Record<string, Value>;
  readonly values?: readonly Value[];
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly innerType?: z.ZodType;
  readonly items?: readonly z.ZodType[];
  readonly rest?: z.ZodType | null;
  readonly keyType?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly out?: z.ZodType;
  readonly left?: z.ZodType;
  readonly right?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const LEAVES = new Set(['string', 'number', 'boolean', 'null', 'undefined', 'unknown', 'any', 'bigint', 'date', 'nan']);

/** Every enum (and union of literals given as one literal) of a schema, by path: `a.b`, `list[]`, `map{}`. */
function enumsOf(schema: z.ZodType, path = '', out = new Map<string, Value[]>()): Map<string, Value[]> {
  const def = defOf(schema);
  const add = (values: readonly Value[]) => {
    const known = out.get(path);
    if (known !== undefined && JSON.stringify(known) !== JSON.stringify(values)) throw new Error(`${path}: two different enums`);
    out.set(path, [...values]);
  };
  const at = (key: string) => (path === '' ? key : `${path}.${key}`);
  switch (def.type) {
    case 'enum':
      add(Object.values(def.entries ?? {}));
      break;
    case 'literal':
      if ((def.values ?? []).length > 1) add(def.values ?? []);
      break;
    case 'object':
      for (const [key, child] of Object.entries(def.shape ?? {})) enumsOf(child, at(key), out);
      break;
    case 'array':
      if (def.element) enumsOf(def.element, `${path}[]`, out);
      break;
    case 'union':
      for (const option of def.options ?? []) enumsOf(option, path, out);
      break;
    case 'tuple':
      (def.items ?? []).forEach((item, i) => enumsOf(item, `${path}[${i}]`, out));
      if (def.rest) enumsOf(def.rest, `${path}[…]`, out);
      break;
    case 'record':
      if (def.keyType) enumsOf(def.keyType, `${path}{key}`, out);
      if (def.valueType) enumsOf(def.valueType, `${path}{}`, out);
      break;
    case 'pipe':
      if (def.in) enumsOf(def.in, path, out);
      if (def.out) enumsOf(def.out, path, out);
      break;
    case 'intersection':
      if (def.left) enumsOf(def.left, path, out);
      if (def.right) enumsOf(def.right, path, out);
      break;
    case 'nullable':
    case 'optional':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      if (def.innerType) enumsOf(def.innerType, path, out);
      break;
    default:
      // A construct the walker does not know could hide an enum: say so rather than pass.
      if (!LEAVES.has(def.type)) throw new Error(`${path}: cannot walk a ${def.type}`);
  }
  return out;
}

const values = <V extends Value>(rows: ReadonlyArray<{ readonly value: V }>): V[] => rows.map((r) => r.value);
const withUnknown = (list: readonly Value[]): Value[] => [...list, 'unknown'];
const distinct = (list: readonly Value[]): Value[] => [...new Set(list)];

interface Audit {
  /** The document's values, from the rule table (or written out, for a document-only enum). */
  readonly document: readonly Value[];
  /** The scoring contract's field and its values, when the contract has the field. */
  readonly contract?: { readonly path: string; readonly values: readonly Value[] };
  /** Where the values come from; a document-only enum says why it has no rule table. */
  readonly source: string;
}

const sins = (rows: ReadonlyArray<{ readonly value: string }>, field: string): Audit => ({
  document: withUnknown(values(rows)),
  contract: { path: `lesions[].${field}`, values: withUnknown(values(rows)) },
  source: `sins.${field} rows + unknown`,
});

const AUDIT: Record<string, Audit> = {
  // ---- clinical enums: from the rule tables ----
  'lesions[].pain': sins(SINS_PAIN, 'pain'),
  'lesions[].boneLesion': sins(SINS_BONE_LESION, 'boneLesion'),
  'lesions[].alignment.value': { ...sins(SINS_ALIGNMENT, 'alignment'), source: 'sins.alignment rows + unknown' },
  'lesions[].collapse.value': { ...sins(SINS_COLLAPSE, 'collapse'), source: 'sins.collapse rows + unknown' },
  'lesions[].posterolateral': sins(SINS_POSTEROLATERAL, 'posterolateral'),
  'lesions[].escc': {
    document: withUnknown(values(ESCC_GRADES)),
    contract: { path: 'lesions[].escc', values: withUnknown(values(ESCC_GRADES)) },
    source: 'escc.grades rows + unknown',
  },
  'lesions[].instabilityJudgement': {
    document: withUnknown(distinct(NOMS_DECISIONS.map((r) => r.m))),
    contract: { path: 'lesions[].instabilityJudgement', values: distinct(NOMS_DECISIONS.map((r) => r.m)) },
    source: 'the M column of noms.decisions; unknown is the contract null (not judged)',
  },
  'patient.histology': {
    document: values(HISTOLOGIES),
    contract: { path: 'patient.histology', values: values(HISTOLOGIES) },
    source: 'radiosensitivity rows (other and unknown are rows)',
  },
  'patient.radiosensitivityOverride': {
    document: distinct(HISTOLOGIES.flatMap((r) => (r.radiosensitivity === null ? [] : [r.radiosensitivity]))),
    contract: { path: 'patient.radiosensitivity', values: distinct(NOMS_DECISIONS.map((r) => r.o)) },
    source: 'the classes of the radiosensitivity rows = the O column of noms.decisions; null = from the table',
  },
  'patient.canTolerateSurgery': {
    document: withUnknown(distinct(NOMS_DECISIONS.flatMap((r) => (r.s === 'any' ? [] : [r.s])))),
    contract: { path: 'patient.canTolerateSurgery', values: withUnknown(distinct(NOMS_DECISIONS.flatMap((r) => (r.s === 'any' ? [] : [r.s])))) },
    source: 'the S column of noms.decisions + unknown',
  },
  'patient.frankel': {
    document: withUnknown(values(TOKUHASHI_FRANKEL)),
    contract: { path: 'patient.prognosis.frankel', values: values(TOKUHASHI_FRANKEL) },
    source: 'tokuhashi.frankel rows + unknown',
  },
  'patient.prognosis.visceral': { document: withUnknown(values(VISCERAL_ANSWERS)), source: 'context.visceral rows + unknown (the one question; not in the contract)' },
  'patient.prognosis.visceralMetastases': {
    document: withUnknown(values(TOKUHASHI_VISCERAL)),
    contract: { path: 'patient.prognosis.visceralMetastases', values: values(TOKUHASHI_VISCERAL) },
    source: 'tokuhashi.visceral rows + unknown',
  },
  'patient.prognosis.tokuhashiPrimary': {
    document: withUnknown(values(TOKUHASHI_PRIMARY)),
    contract: { path: 'patient.prognosis.tokuhashiPrimary', values: values(TOKUHASHI_PRIMARY) },
    source: 'tokuhashi.primary rows + unknown',
  },
  'patient.prognosis.tomitaPrimaryGrowth': {
    document: withUnknown(values(TOMITA_PRIMARY_GROWTH)),
    contract: { path: 'patient.prognosis.tomitaPrimaryGrowth', values: values(TOMITA_PRIMARY_GROWTH) },
    source: 'tomita.primaryGrowth rows + unknown',
  },
  'patient.prognosis.tomitaVisceral': {
    document: withUnknown(values(TOMITA_VISCERAL)),
    contract: { path: 'patient.prognosis.tomitaVisceral', values: values(TOMITA_VISCERAL) },
    source: 'tomita.visceral rows + unknown',
  },
  'patient.prognosis.boneMetastases': {
    document: withUnknown(values(TOMITA_BONE)),
    contract: { path: 'patient.prognosis.boneMetastases', values: values(TOMITA_BONE) },
    source: 'tomita.bone rows + unknown',
  },
  'spine.variants.castellvi': { document: values(CASTELLVI_TYPES), source: 'spine.castellvi rows (not in the contract)' },
  'spine.variants.thoracicCount': {
    document: [...THORACIC_COUNTS],
    contract: { path: 'spine.thoracicCount', values: [...THORACIC_COUNTS] },
    source: 'spine/levels THORACIC_COUNTS (the counts the region rules cover)',
  },
  'spine.variants.lumbarCount': {
    document: [...LUMBAR_COUNTS],
    contract: { path: 'spine.lumbarCount', values: [...LUMBAR_COUNTS] },
    source: 'spine/levels LUMBAR_COUNTS (the counts the region rules cover)',
  },
  // ---- document-only: no rule table, nothing is scored from them ----
  'spine.countingMethod': { document: ['whole-spine-localizer', 'partial', 'unknown'], source: 'document-only: how the reader counted (docs/clinical-rules.md §1 asks the UI to make it explicit); not scored' },
  'patient.asia': { document: ['A', 'B', 'C', 'D', 'E', 'unknown'], source: 'document-only: ASIA impairment scale (ISNCSCI), context for the report; no score uses it' },
  'patient.ambulatory': { document: ['ambulatory', 'ambulatory-with-aid', 'non-ambulatory', 'unknown'], source: 'document-only: context for the report; no score uses it' },
  'lesions[].alignment.source': { document: ['reader', 'measurement-confirmed', 'measurement-overridden'], source: 'document-only: where a choice came from (report provenance)' },
  'lesions[].collapse.source': { document: ['reader', 'measurement-confirmed', 'measurement-overridden'], source: 'document-only: where a choice came from (report provenance)' },
  'measurements[].calibration': { document: ['PixelSpacing', 'ImagerPixelSpacing', 'none', 'unknown'], source: 'document-only: where a length\'s millimetres come from (DICOM attributes)' },
  'measurements[].purpose': { document: ['segmental-kyphosis', 'cobb'], source: 'document-only: which tool drew an angle' },
  'measurements[].upperEndplate.surface': { document: ['superior', 'inferior'], source: 'document-only: anatomy of the endplate used' },
  'measurements[].lowerEndplate.surface': { document: ['superior', 'inferior'], source: 'document-only: anatomy of the endplate used' },
  'report.impressionSource': { document: ['proposed', 'accepted', 'edited'], source: 'document-only: whether the impression is the proposal, accepted, or the reader\'s words' },
  'signoff.state': { document: ['draft', 'final', 'amended'], source: 'document-only: the reading\'s sign-off state (report status, SR flags)' },
  'signoff.signatures[].kind': { document: ['final', 'addendum'], source: 'document-only: a first signature or an addendum\'s' },
};

// A superseded signed version holds the same content shape as the document: its enums are the content's, audited once.
const documentEnums = new Map([...enumsOf(AnnotationDocumentSchema as unknown as z.ZodType)].filter(([path]) => !path.startsWith('signoff.previous[].content.')));
const contractEnums = enumsOf(scoringInputSchema as unknown as z.ZodType);
const sorted = (list: readonly Value[]) => [...list].map(String).sort();

describe('the annotation document\'s vocabulary', () => {
  it('every enum of the document is audited, and every audited enum exists', () => {
    expect([...documentEnums.keys()].sort()).toEqual(Object.keys(AUDIT).sort());
  });

  it.each(Object.entries(AUDIT))('%s', (path, audit) => {
    expect(sorted(documentEnums.get(path) ?? [])).toEqual(sorted(audit.document));
    if (audit.contract !== undefined) {
      expect(sorted(contractEnums.get(audit.contract.path) ?? []), `contract ${audit.contract.path}`).toEqual(sorted(audit.contract.values));
      // The pair: the document holds the contract's values, and at most `unknown` besides.
      const extra = sorted(audit.document).filter((v) => !sorted(audit.contract?.values ?? []).includes(v));
      const missing = sorted(audit.contract.values).filter((v) => !sorted(audit.document).includes(v));
      expect(missing).toEqual([]);
      expect(extra.filter((v) => v !== 'unknown')).toEqual([]);
    }
    expect(audit.source.length).toBeGreaterThan(10);
  });

  it('every enum of the contract is paired with one of the document', () => {
    const paired = new Set([
      ...Object.values(AUDIT).flatMap((a) => (a.contract ? [a.contract.path] : [])),
      // The document checks labels with LEVEL_LABEL_PATTERN (below), the contract with an enum of the same labels.
      'lesions[].levels[]',
    ]);
    expect([...contractEnums.keys()].filter((p) => !paired.has(p))).toEqual([]);
  });
});

describe('level labels', () => {
  const candidates = [
    ...['C', 'T', 'L', 'S'].flatMap((s) => Array.from({ length: 16 }, (_, i) => `${s}${i}`)),
    'Co', 'CO', 'co', 'C', 'T', 'L', 'S', 'T01', ' T1', 'T1 ', 'L1L2', '', 'Co1',
  ];
  it('LEVEL_LABEL_PATTERN accepts exactly the labels of the longest count, which the contract accepts', () => {
    expect(candidates.filter((c) => LEVEL_LABEL_PATTERN.test(c)).sort()).toEqual([...ALL_LEVELS].sort());
    expect(sorted(contractEnums.get('lesions[].levels[]') ?? [])).toEqual([...ALL_LEVELS].sort());
  });
});

describe('other shared vocabulary', () => {
  /** Past optional/nullable/default wrappers. */
  const unwrap = (schema: z.ZodType): z.ZodType => {
    let node = schema;
    for (let inner = defOf(node).innerType; inner !== undefined; inner = defOf(node).innerType) node = inner;
    return node;
  };
  /** The field names of the object at `path`. */
  const shapeKeys = (schema: z.ZodType, path: readonly string[]): string[] => {
    let node = unwrap(schema);
    for (const key of path) {
      const child = defOf(node).shape?.[key];
      if (child === undefined) throw new Error(`no field ${key}`);
      node = unwrap(child);
    }
    return Object.keys(defOf(node).shape ?? {}).sort();
  };

  it('the Bauer items of the document and of the contract are the rows of bauer.items', () => {
    const items = BAUER_ITEMS.map((i) => i.input).sort();
    expect(shapeKeys(PatientSchema as unknown as z.ZodType, ['prognosis', 'bauer'])).toEqual(items);
    expect(shapeKeys(scoringInputSchema as unknown as z.ZodType, ['patient', 'prognosis', 'bauer'])).toEqual(items);
  });

  it('every KPS the document accepts falls in exactly one tokuhashi.kps row, and no other value is accepted', () => {
    const accepted = Array.from({ length: 121 }, (_, i) => i - 10).filter((kps) => KpsSchema.safeParse(kps).success);
    expect(accepted).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    for (const kps of accepted) expect(TOKUHASHI_KPS.filter((r) => kps >= r.min && kps <= r.max), `KPS ${kps}`).toHaveLength(1);
    expect(accepted.map((kps) => rangePoints(TOKUHASHI_KPS, kps))).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2]);
  });
});
