// Citations as data, so every rule row can name its source and a test can check that it exists
// (docs/style.md §4, awell-score). Confidence: H = two or more independent sources close to the primary paper; M = one
// good secondary source (docs/clinical-rules.md). Nothing below M is implemented.

export type Confidence = 'H' | 'M';

/**
 * Where a rule row's content comes from:
 * - `published`: the row restates a table or rule of its cited (primary) publication;
 * - `convention`: ours, where the literature is silent or sources disagree (docs/clinical-rules.md CONVENTION); the
 *   citation is the publication the convention extends;
 * - `design`: taken from the project's design seed (the NOMS decision table, the default radiosensitivity table, the
 *   flags), not restated from a primary table; the citation is the primary publication where one exists.
 * Every row that is not `published` says why (`reason`), so the reader can be shown that it is ours.
 */
export type RuleKind = 'published' | 'convention' | 'design';
export const RULE_KINDS = ['published', 'convention', 'design'] as const satisfies readonly RuleKind[];

export interface Citation {
  readonly text: string;
  readonly doi?: string;
  readonly confidence: Confidence;
}

export const CITATIONS = {
  fisher2010: {
    text: 'Fisher CG et al. A novel classification system for spinal instability in neoplastic disease. Spine 2010;35(22):E1221-9.',
    doi: '10.1097/BRS.0b013e3181e16ae2',
    confidence: 'H',
  },
  fourney2011: {
    text: 'Fourney DR et al. Spinal Instability Neoplastic Score: an analysis of reliability and validity. J Clin Oncol 2011;29:3072-7.',
    confidence: 'H',
  },
  rdes21: {
    text: 'ACR/RSNA common data element set RDES21 (spinal instability): components may be recorded as indeterminate/unknown.',
    confidence: 'M',
  },
  sdsgManual: {
    text: 'Spinal Deformity Study Group radiographic measurement manual (T1 = first rib-bearing vertebra; L1 = first below the last rib-bearing one).',
    confidence: 'M',
  },
  castellvi1984: {
    text: 'Castellvi AE et al. Lumbosacral transitional vertebrae and their relationship with lumbar extradural defects. Spine 1984;9:493-5.',
    confidence: 'M',
  },
  genant1993: {
    text: 'Genant HK et al. Vertebral fracture assessment using a semiquantitative technique. J Bone Miner Res 1993;8:1137-48.',
    confidence: 'H',
  },
  buckens2013: {
    text: 'Buckens CF et al. Intra and interobserver reliability and agreement of semiquantitative vertebral fracture assessment on chest CT. PLoS One 2013;8:e71204.',
    confidence: 'M',
  },
  bilsky2010: {
    text: 'Bilsky MH et al. Reliability analysis of the epidural spinal cord compression scale. J Neurosurg Spine 2010;13:324-8.',
    confidence: 'H',
  },
  laufer2013: {
    text: 'Laufer I et al. The NOMS framework: approach to the treatment of spinal metastatic tumors. Oncologist 2013;18:744-51.',
    doi: '10.1634/theoncologist.2012-0293',
    confidence: 'M',
  },
  designSeed: {
    text: 'Project design seed: "How doctors choose treatment (NOMS)" table and spinal-metastases page (flags, radiosensitivity defaults).',
    confidence: 'M',
  },
  tokuhashi2005: {
    text: 'Tokuhashi Y et al. A revised scoring system for preoperative evaluation of metastatic spine tumor prognosis. Spine 2005;30:2186-91.',
    confidence: 'H',
  },
  tomita2001: {
    text: 'Tomita K et al. Surgical strategy for spinal metastases. Spine 2001;26:298-306.',
    confidence: 'M',
  },
  leithner2008: {
    text: 'Leithner A et al. Predictive value of seven preoperative prognostic scoring systems for spinal metastases. Eur Spine J 2008;17:1488-95.',
    confidence: 'H',
  },
  costelloe2010: {
    text: 'Costelloe CM et al. Cancer response criteria and bone metastases: RECIST 1.1, MDA and PERCIST. J Cancer 2010;1:80-92.',
    confidence: 'M',
  },
} as const satisfies Record<string, Citation>;

export type CitationId = keyof typeof CITATIONS;

export function isCitationId(id: string): id is CitationId {
  return Object.prototype.hasOwnProperty.call(CITATIONS, id);
}

/** The common shape of every rule row in the scoring tables: a published row, or one of ours that says why. */
export type RuleRow =
  | { readonly label: string; readonly citation: CitationId; readonly kind: 'published'; readonly reason?: never }
  | { readonly label: string; readonly citation: CitationId; readonly kind: 'convention' | 'design'; readonly reason: string };

/** An option of a scored item: its contract value, label and points. */
export type PointRow<V extends string = string> = RuleRow & {
  readonly value: V;
  readonly points: number;
};

/** A band of a total, inclusive bounds. */
export type BandRow<B extends string = string> = RuleRow & {
  readonly band: B;
  readonly min: number;
  readonly max: number;
};

export function pointsOf<V extends string>(rows: readonly PointRow<V>[], value: V): number {
  const row = rows.find((r) => r.value === value);
  if (row === undefined) throw new Error(`no rule row for ${value}`);
  return row.points;
}

export function bandOf<B extends string>(rows: readonly BandRow<B>[], total: number): B | null {
  return rows.find((r) => total >= r.min && total <= r.max)?.band ?? null;
}
