// Every rule row names a citation that exists, says where it comes from (published, our convention, or the design
// seed), and says why when it is not published; and the kind and citation of every row match the list below, which
// was reviewed row by row against docs/clinical-rules.md (CONVENTION and "design seed" there are not `published` here).

import { describe, expect, it } from 'vitest';
import { CITATIONS, RULE_KINDS, RULE_TABLES, isCitationId } from '@shared/scoring/index';
import type { RuleRow } from '@shared/scoring/index';

/** A row's name within its table: its histology (for a mapping from it), value, band, code, grade, Bauer item, NOMS cell, range, or index. */
function rowKey(row: RuleRow, index: number): string {
  const r = row as unknown as Record<string, unknown>;
  if ('histology' in r) return String(r['histology']);
  if ('value' in r) return String(r['value']);
  if ('band' in r) return String(r['band']);
  if ('code' in r) return String(r['code']);
  if ('grade' in r) return `grade ${String(r['grade'])}`;
  if ('input' in r) return String(r['input']);
  if ('pathway' in r) return `${String(r['n'])}/${String(r['o'])}/${String(r['m'])}/${String(r['s'])}`;
  if ('min' in r) return `${String(r['min'])}..${String(r['max'])}`;
  return `#${index}`;
}

/** Every histology of the radiosensitivity table but "other" and "unknown": the Bauer primary questions answer each. */
const NAMED_HISTOLOGIES = [
  'lymphoma', 'myeloma', 'seminoma_germ_cell', 'breast', 'prostate', 'ovarian', 'neuroendocrine', 'small_cell_lung', 'renal_cell', 'thyroid',
  'hepatocellular', 'colorectal', 'non_small_cell_lung', 'sarcoma', 'melanoma',
];

const P = (citation: string) => `published ${citation}`;
const C = (citation: string) => `convention ${citation}`;
const D = (citation: string) => `design ${citation}`;

/** The reviewed provenance of every row: `kind citation`. */
const REVIEWED: Record<string, Record<string, string>> = {
  'sins.location': { junctional: P('fisher2010'), mobile: P('fisher2010'), semi_rigid: P('fisher2010'), rigid: P('fisher2010') },
  'sins.pain': { mechanical: P('fisher2010'), occasional: P('fisher2010'), none: P('fisher2010') },
  'sins.boneLesion': { lytic: P('fisher2010'), mixed: P('fisher2010'), blastic: P('fisher2010') },
  'sins.alignment': { subluxation: P('fisher2010'), deformity: P('fisher2010'), normal: P('fisher2010') },
  'sins.collapse': { gt50: P('fisher2010'), lt50: P('fisher2010'), involved_gt50: P('fisher2010'), none: P('fisher2010') },
  'sins.posterolateral': { bilateral: P('fisher2010'), unilateral: P('fisher2010'), none: P('fisher2010') },
  'sins.bands': { stable: P('fisher2010'), indeterminate: P('fisher2010'), unstable: P('fisher2010') },
  'sins.rules': {
    '#0': P('fisher2010'), // SINS ≥ 7: surgical consultation
    '#1': C('fisher2010'), // multi-level: highest-scoring region
    '#2': C('rdes21'), // unknown component: range, band only within one band
    '#3': C('fisher2010'), // junctions with transitional anatomy
  },
  'spine.castellvi': {
    Ia: P('castellvi1984'), Ib: P('castellvi1984'), IIa: P('castellvi1984'), IIb: P('castellvi1984'),
    IIIa: P('castellvi1984'), IIIb: P('castellvi1984'), IV: P('castellvi1984'),
  },
  'collapse.heightLoss': { '#0': C('genant1993') }, // expected height from the nearest normal neighbours
  'collapse.suggestion': { none: C('genant1993'), lt50: C('fisher2010'), gt50: C('fisher2010') },
  'collapse.genant': { 'grade 0': P('genant1993'), 'grade 1': C('genant1993'), 'grade 2': C('genant1993'), 'grade 3': P('genant1993') },
  'escc.grades': { '0': P('bilsky2010'), '1a': P('bilsky2010'), '1b': P('bilsky2010'), '1c': C('bilsky2010'), '2': P('bilsky2010'), '3': P('bilsky2010') },
  'escc.rules': { '#0': C('bilsky2010') }, // cauda equina by analogy
  'noms.decisions': {
    'low/sensitive/stable/any': D('laufer2013'),
    'low/sensitive/unstable/any': D('laufer2013'),
    'low/resistant/stable/any': D('laufer2013'),
    'low/resistant/unstable/any': D('laufer2013'),
    'high/sensitive/stable/any': D('laufer2013'),
    'high/sensitive/unstable/any': D('laufer2013'),
    'high/resistant/stable/yes': D('laufer2013'),
    'high/resistant/stable/no': D('laufer2013'),
    'high/resistant/unstable/yes': D('laufer2013'),
    'high/resistant/unstable/no': D('laufer2013'),
  },
  'noms.rules': {
    '#0': P('laufer2013'), // N from ESCC and myelopathy / cord signal change
    '#1': C('laufer2013'), // M from SINS, both judgements without one
    '#2': C('laufer2013'), // unknown inputs: every pathway they allow
  },
  radiosensitivity: {
    lymphoma: D('laufer2013'), myeloma: D('laufer2013'), seminoma_germ_cell: D('laufer2013'), breast: D('laufer2013'),
    prostate: D('laufer2013'), ovarian: D('designSeed'), neuroendocrine: D('designSeed'), small_cell_lung: D('designSeed'),
    renal_cell: D('laufer2013'), thyroid: D('laufer2013'), hepatocellular: D('laufer2013'), colorectal: D('laufer2013'),
    non_small_cell_lung: D('laufer2013'), sarcoma: D('laufer2013'), melanoma: D('laufer2013'), other: D('designSeed'),
    unknown: D('designSeed'),
  },
  'flags.lesion': {
    augmentation_candidate: D('designSeed'),
    collapse_borderline: C('buckens2013'),
    escc_1c_indeterminate: C('bilsky2010'),
    location_not_scored: C('fisher2010'),
    transitional_level: C('castellvi1984'),
  },
  'flags.patient': { mscc_emergency: D('designSeed'), paralysis_over_48h: D('designSeed'), transitional_anatomy: P('sdsgManual') },
  'tokuhashi.kps': { '0..40': C('tokuhashi2005'), '50..70': P('tokuhashi2005'), '80..100': P('tokuhashi2005') },
  'tokuhashi.extraspinalBone': { '3..Infinity': P('tokuhashi2005'), '1..2': P('tokuhashi2005'), '0..0': P('tokuhashi2005') },
  'tokuhashi.vertebral': { '3..Infinity': P('tokuhashi2005'), '2..2': P('tokuhashi2005'), '1..1': P('tokuhashi2005') },
  'tokuhashi.visceral': { unremovable: P('tokuhashi2005'), removable: P('tokuhashi2005'), none: P('tokuhashi2005') },
  'tokuhashi.primary': {
    lung_osteosarcoma_stomach_bladder_oesophagus_pancreas: P('tokuhashi2005'),
    liver_gallbladder_unidentified: P('tokuhashi2005'),
    other: P('tokuhashi2005'),
    kidney_uterus: P('tokuhashi2005'),
    rectum: P('tokuhashi2005'),
    thyroid_breast_prostate_carcinoid: P('tokuhashi2005'),
  },
  'tokuhashi.frankel': { A: P('tokuhashi2005'), B: P('tokuhashi2005'), C: P('tokuhashi2005'), D: P('tokuhashi2005'), E: P('tokuhashi2005') },
  'tokuhashi.bands': { under_6_months: P('tokuhashi2005'), '6_months_or_more': P('tokuhashi2005'), '1_year_or_more': P('tokuhashi2005') },
  'tomita.primaryGrowth': { slow: P('tomita2001'), moderate: P('tomita2001'), rapid: P('tomita2001') },
  'tomita.visceral': { none: P('tomita2001'), treatable: P('tomita2001'), untreatable: P('tomita2001') },
  'tomita.bone': { solitary: P('tomita2001'), multiple: P('tomita2001') },
  'tomita.bands': {
    wide_or_marginal_excision: P('tomita2001'),
    marginal_or_intralesional_excision: P('tomita2001'),
    palliative_surgery: P('tomita2001'),
    supportive_care: P('tomita2001'),
  },
  'bauer.items': { visceralMetastases: P('leithner2008'), lungPrimary: P('leithner2008'), favourablePrimary: P('leithner2008'), solitarySkeletal: P('leithner2008') },
  'bauer.bands': { supportive_care: P('leithner2008'), short_term_palliation: P('leithner2008'), mid_term_local_control: P('leithner2008') },
  'context.tokuhashiPrimary': {
    breast: P('tokuhashi2005'), prostate: P('tokuhashi2005'), thyroid: P('tokuhashi2005'), renal_cell: P('tokuhashi2005'), hepatocellular: P('tokuhashi2005'),
    small_cell_lung: P('tokuhashi2005'), non_small_cell_lung: P('tokuhashi2005'),
    lymphoma: C('tokuhashi2005'), myeloma: C('tokuhashi2005'), seminoma_germ_cell: C('tokuhashi2005'), ovarian: C('tokuhashi2005'), melanoma: C('tokuhashi2005'),
  },
  'context.tomitaGrowth': {
    breast: P('tomita2001'), thyroid: P('tomita2001'), prostate: C('tomita2001'), renal_cell: P('tomita2001'), hepatocellular: P('tomita2001'),
    colorectal: P('tomita2001'), small_cell_lung: P('tomita2001'), non_small_cell_lung: P('tomita2001'),
  },
  'context.bauerLung': Object.fromEntries(NAMED_HISTOLOGIES.map((h) => [h, P('leithner2008')])),
  'context.bauerFavourable': Object.fromEntries(NAMED_HISTOLOGIES.map((h) => [h, P('leithner2008')])),
  'context.visceral': { none: C('leithner2008'), present: C('leithner2008') },
  progression: {
    '#0': C('costelloe2010'), '#1': C('costelloe2010'), '#2': C('genant1993'), '#3': C('fisher2010'), '#4': C('bilsky2010'), '#5': C('fisher2010'),
    '#6': D('laufer2013'),
  },
};

const rows = RULE_TABLES.flatMap((table) =>
  table.rows.map((row, i) => [`${table.name}[${rowKey(row, i)}] ${row.label}`, table.name, rowKey(row, i), row] as const),
);

describe('rule rows', () => {
  it('there are tables and rows', () => {
    expect(RULE_TABLES.length).toBeGreaterThan(30);
    expect(rows.length).toBeGreaterThan(130);
  });

  it('table names are unique, and row names unique within each table', () => {
    expect(new Set(RULE_TABLES.map((t) => t.name)).size).toBe(RULE_TABLES.length);
    expect(new Set(rows.map(([, table, key]) => `${table}|${key}`)).size).toBe(rows.length);
  });

  it.each(rows)('%s', (_name, _table, _key, row) => {
    expect(isCitationId(row.citation)).toBe(true);
    expect(RULE_KINDS).toContain(row.kind);
    expect(row.label.length).toBeGreaterThan(0);
    // A row that is ours says why; a published row has nothing to explain.
    if (row.kind === 'published') expect(row.reason).toBeUndefined();
    else expect(row.reason.length).toBeGreaterThan(20);
  });
});

describe('reviewed provenance', () => {
  it('lists exactly the tables and rows there are', () => {
    const actual = rows.map(([, table, key]) => `${table}|${key}`).sort();
    const reviewed = Object.entries(REVIEWED).flatMap(([table, keys]) => Object.keys(keys).map((k) => `${table}|${k}`)).sort();
    expect(actual).toEqual(reviewed);
  });

  it.each(rows)('%s', (_name, table, key, row) => {
    expect(`${row.kind} ${row.citation}`).toBe(REVIEWED[table]?.[key]);
  });

  it('the design seed is never cited as published, and every CONVENTION of docs/clinical-rules.md has a convention row', () => {
    expect(rows.filter(([, , , row]) => row.citation === 'designSeed' && row.kind === 'published')).toEqual([]);
    const conventions = rows.filter(([, , , row]) => row.kind === 'convention').map(([, table, key]) => `${table}|${key}`);
    for (const expected of [
      'sins.rules|#1', // multi-level location
      'sins.rules|#3', // variant junctions
      'collapse.suggestion|gt50', // exactly 50% collapse
      'collapse.heightLoss|#0', // height-loss method
      'collapse.genant|grade 1', // Genant shared edges
      'collapse.genant|grade 2',
      'escc.rules|#0', // cauda equina by analogy
    ]) {
      expect(conventions).toContain(expected);
    }
  });
});

describe('citations', () => {
  it.each(Object.entries(CITATIONS))('%s has text and a confidence of H or M', (_id, citation) => {
    expect(citation.text.length).toBeGreaterThan(10);
    expect(['H', 'M']).toContain(citation.confidence);
  });

  it('carries the DOIs the rules give', () => {
    expect(CITATIONS.fisher2010.doi).toBe('10.1097/BRS.0b013e3181e16ae2');
    expect(CITATIONS.laufer2013.doi).toBe('10.1634/theoncologist.2012-0293');
  });

  it('every citation is cited by some row, except the SINS reliability study (context only)', () => {
    const used = new Set(rows.map(([, , , row]) => row.citation));
    expect(Object.keys(CITATIONS).filter((id) => !used.has(id as keyof typeof CITATIONS))).toEqual(['fourney2011']);
  });
});
