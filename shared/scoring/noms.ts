// NOMS — neurologic, oncologic, mechanical, systemic (Laufer 2013; docs/clinical-rules.md §5). The decision table is
// data; unknown inputs are enumerated so the report can list every pathway they allow, each with its conditions.

import type { RuleRow } from './citations';
import type { EsccResult } from './escc';
import type { Radiosensitivity } from './radiosensitivity';
import { SINS_BANDS, sinsBandOfRange } from './sins';
import type { SinsBand } from './sins';

export type Neurologic = 'low' | 'high' | 'unknown';
export type Oncologic = Radiosensitivity | 'unknown';
export type Mechanical = SinsBand | 'unknown';
/** The answers to "can the patient tolerate surgery" that the decision table distinguishes. */
export const SURGERY_TOLERANCE = ['yes', 'no'] as const;
export type Systemic = (typeof SURGERY_TOLERANCE)[number] | 'unknown';
/** The reader's call on a SINS 7–12 lesion, which decides M in the decision table. */
export const JUDGEMENTS = ['stable', 'unstable'] as const;
export type Judgement = (typeof JUDGEMENTS)[number];

export const PATHWAYS = [
  'cEBRT',
  'stabilization+cEBRT',
  'SBRT',
  'stabilization+SBRT',
  'separation+SBRT',
  'cEBRT+supportive',
  'decompression+stabilization+SBRT',
  'limited-stabilization+cEBRT',
] as const;
export type Pathway = (typeof PATHWAYS)[number];

export type NomsRow = RuleRow & {
  readonly n: 'low' | 'high';
  readonly o: Radiosensitivity;
  readonly m: Judgement;
  readonly s: 'yes' | 'no' | 'any';
  readonly pathway: Pathway;
};

/**
 * The decision table is the design seed's ("How doctors choose treatment (NOMS)"), written after the NOMS framework
 * of Laufer 2013; its cells are the seed's reading, not a table restated from the paper.
 */
const seed = {
  citation: 'laufer2013',
  kind: 'design',
  reason: 'Decision table from the design seed ("How doctors choose treatment (NOMS)"), after the framework of Laufer 2013; the cells are not restated from a published table.',
} as const;

export const NOMS_DECISIONS = [
  { n: 'low', o: 'sensitive', m: 'stable', s: 'any', pathway: 'cEBRT', label: 'Conventional external-beam radiotherapy', ...seed },
  { n: 'low', o: 'sensitive', m: 'unstable', s: 'any', pathway: 'stabilization+cEBRT', label: 'Stabilization first, then cEBRT', ...seed },
  { n: 'low', o: 'resistant', m: 'stable', s: 'any', pathway: 'SBRT', label: 'Stereotactic body radiotherapy', ...seed },
  { n: 'low', o: 'resistant', m: 'unstable', s: 'any', pathway: 'stabilization+SBRT', label: 'Stabilization first, then SBRT', ...seed },
  { n: 'high', o: 'sensitive', m: 'stable', s: 'any', pathway: 'cEBRT', label: 'Conventional external-beam radiotherapy', ...seed },
  { n: 'high', o: 'sensitive', m: 'unstable', s: 'any', pathway: 'stabilization+cEBRT', label: 'Stabilization first, then cEBRT', ...seed },
  { n: 'high', o: 'resistant', m: 'stable', s: 'yes', pathway: 'separation+SBRT', label: 'Decompression (often separation surgery) ± stabilization, then SBRT', ...seed },
  { n: 'high', o: 'resistant', m: 'stable', s: 'no', pathway: 'cEBRT+supportive', label: 'cEBRT and symptom-focused care', ...seed },
  { n: 'high', o: 'resistant', m: 'unstable', s: 'yes', pathway: 'decompression+stabilization+SBRT', label: 'Decompression and stabilization, then SBRT', ...seed },
  { n: 'high', o: 'resistant', m: 'unstable', s: 'no', pathway: 'limited-stabilization+cEBRT', label: 'Limited stabilization when possible, then cEBRT', ...seed },
] as const satisfies readonly NomsRow[];

export const NOMS_NEUROLOGIC_RULE = {
  label: 'N high if ESCC 2/3, cord signal change or myelopathy; unknown ESCC or myelopathy (without a high sign) → unknown',
  citation: 'laufer2013',
  kind: 'published',
} as const satisfies RuleRow;

export const NOMS_MECHANICAL_RULE = {
  label: "M from the SINS band; 7–12 → the reader's judgement, both pathways without it; a range straddling bands → unknown",
  citation: 'laufer2013',
  kind: 'convention',
  reason: "Laufer 2013 takes M from SINS and leaves 7–12 to clinical judgement; showing the pathway for both judgements when the reader has not given one, and M unknown for a range straddling bands, is our choice.",
} as const satisfies RuleRow;

/** How unknown inputs are handled by scoreNoms (every pathway they allow, each with its conditions). */
export const NOMS_UNKNOWN_INPUT = {
  label: 'An input the decision table needs that is unknown gives no single pathway: every pathway the unknowns allow is listed with the conditions that lead to it',
  citation: 'laufer2013',
  kind: 'convention',
  reason: 'The framework assumes every input is known; listing the alternatives is our choice.',
} as const satisfies RuleRow;

export interface NeurologicInput {
  readonly escc: EsccResult;
  readonly cordSignalChange: boolean;
  readonly myelopathy: boolean | 'unknown';
}

export function neurologicOf(input: NeurologicInput): Neurologic {
  if (input.escc.category === 'high' || input.cordSignalChange || input.myelopathy === true) return 'high';
  if (input.escc.category === null || input.myelopathy === 'unknown') return 'unknown';
  return 'low';
}

/** The mechanical label shown: the SINS band when the whole range lies in one, else unknown. */
export function mechanicalOf(range: readonly [number, number]): Mechanical {
  return sinsBandOfRange(range) ?? 'unknown';
}

/** What M can be for the decision table, over every total the range allows (judgement applies only in 7–12). */
export function mechanicalDomain(range: readonly [number, number], judgement: Judgement | null): Judgement[] {
  const out = new Set<Judgement>();
  for (const row of SINS_BANDS) {
    if (row.max < range[0] || row.min > range[1]) continue;
    if (row.band === 'stable') out.add('stable');
    else if (row.band === 'unstable') out.add('unstable');
    else if (judgement !== null) out.add(judgement);
    else {
      out.add('stable');
      out.add('unstable');
    }
  }
  return (['stable', 'unstable'] as const).filter((m) => out.has(m));
}

export function pathwayFor(n: 'low' | 'high', o: Radiosensitivity, m: Judgement, s: 'yes' | 'no'): Pathway {
  const row = NOMS_DECISIONS.find((r) => r.n === n && r.o === o && r.m === m && (r.s === 'any' || r.s === s));
  if (row === undefined) throw new Error(`NOMS table has no row for ${n}/${o}/${m}/${s}`);
  return row.pathway;
}

export interface AlternativeCondition {
  neurologic?: 'low' | 'high';
  oncologic?: Radiosensitivity;
  mechanical?: Judgement;
  systemic?: 'yes' | 'no';
}

export interface Alternative {
  if: AlternativeCondition;
  pathway: Pathway;
}

export interface NomsResult {
  neurologic: Neurologic;
  oncologic: Oncologic;
  mechanical: Mechanical;
  systemic: Systemic;
  pathway: Pathway | null;
  alternatives: Alternative[];
}

export interface NomsInput {
  readonly neurologic: Neurologic;
  readonly oncologic: Oncologic;
  readonly sinsRange: readonly [number, number];
  readonly judgement: Judgement | null;
  readonly systemic: Systemic;
}

type Dim = keyof AlternativeCondition;
const DIMS: readonly Dim[] = ['neurologic', 'oncologic', 'mechanical', 'systemic'];
type Assignment = { neurologic: 'low' | 'high'; oncologic: Radiosensitivity; mechanical: Judgement; systemic: 'yes' | 'no' };

function domainsOf(input: NomsInput): Record<Dim, readonly string[]> {
  return {
    neurologic: input.neurologic === 'unknown' ? ['low', 'high'] : [input.neurologic],
    oncologic: input.oncologic === 'unknown' ? ['sensitive', 'resistant'] : [input.oncologic],
    mechanical: mechanicalDomain(input.sinsRange, input.judgement),
    systemic: input.systemic === 'unknown' ? ['yes', 'no'] : [input.systemic],
  };
}

/** Every combination of the inputs' possible values, in a stable order (low, sensitive, stable, yes first). */
function enumerate(domains: Record<Dim, readonly string[]>): Assignment[] {
  let combos: Array<Record<string, string>> = [{}];
  for (const dim of DIMS) combos = combos.flatMap((c) => domains[dim].map((v) => ({ ...c, [dim]: v })));
  return combos as Assignment[];
}

export function scoreNoms(input: NomsInput): NomsResult {
  const domains = domainsOf(input);
  const cases = enumerate(domains).map((a) => ({
    a,
    pathway: pathwayFor(a.neurologic, a.oncologic, a.mechanical, a.systemic),
  }));
  const distinct = [...new Set(cases.map((c) => c.pathway))];
  const base = {
    neurologic: input.neurologic,
    oncologic: input.oncologic,
    mechanical: mechanicalOf(input.sinsRange),
    systemic: input.systemic,
  };
  if (distinct.length === 1) return { ...base, pathway: distinct[0] ?? null, alternatives: [] };
  const free = DIMS.filter((d) => domains[d].length > 1);
  return { ...base, pathway: null, alternatives: summarize(cases, free) };
}

/** The set of pathways a result allows: its pathway, or those of its alternatives. */
export function possiblePathways(result: Pick<NomsResult, 'pathway' | 'alternatives'>): Pathway[] {
  if (result.pathway !== null) return [result.pathway];
  return [...new Set(result.alternatives.map((a) => a.pathway))];
}

// --- summarizing the enumeration -------------------------------------------------------------------------------
// Each case fixes every free (unknown) input. Cases with the same pathway that differ in one input and cover both
// of its values are merged (that input does not matter there), repeatedly, then the fewest merged conditions that
// cover each pathway's cases are kept. So `if` names exactly the unknowns a pathway depends on.

interface Implicant {
  readonly cond: Partial<Record<Dim, string>>;
  readonly pathway: Pathway;
  readonly covers: ReadonlySet<number>;
}

const key = (i: Implicant): string => `${i.pathway}|${DIMS.map((d) => i.cond[d] ?? '*').join(',')}`;

function mergeable(a: Implicant, b: Implicant, free: readonly Dim[]): Dim | null {
  if (a.pathway !== b.pathway) return null;
  let diff: Dim | null = null;
  for (const d of free) {
    if (a.cond[d] === b.cond[d]) continue;
    if (a.cond[d] === undefined || b.cond[d] === undefined || diff !== null) return null;
    diff = d;
  }
  return diff;
}

function primeImplicants(start: Implicant[], free: readonly Dim[]): Implicant[] {
  const primes = new Map<string, Implicant>();
  let layer = start;
  while (layer.length > 0) {
    const next = new Map<string, Implicant>();
    const merged = new Set<string>();
    for (let i = 0; i < layer.length; i += 1) {
      for (let j = i + 1; j < layer.length; j += 1) {
        const a = layer[i];
        const b = layer[j];
        if (a === undefined || b === undefined) continue;
        const dim = mergeable(a, b, free);
        if (dim === null) continue;
        const cond = { ...a.cond };
        delete cond[dim];
        const m: Implicant = { cond, pathway: a.pathway, covers: new Set([...a.covers, ...b.covers]) };
        next.set(key(m), m);
        merged.add(key(a));
        merged.add(key(b));
      }
    }
    for (const imp of layer) if (!merged.has(key(imp))) primes.set(key(imp), imp);
    layer = [...next.values()];
  }
  return [...primes.values()];
}

/** Smallest set of implicants covering `target` (tables are tiny: at most 16 cases). */
function minimalCover(candidates: Implicant[], target: ReadonlySet<number>): Implicant[] {
  const n = candidates.length;
  let best: Implicant[] = candidates;
  for (let mask = 1; mask < 1 << n; mask += 1) {
    const chosen = candidates.filter((_, i) => (mask & (1 << i)) !== 0);
    if (chosen.length >= best.length) continue;
    const covered = new Set(chosen.flatMap((c) => [...c.covers]));
    if ([...target].every((t) => covered.has(t))) best = chosen;
  }
  return best;
}

function summarize(cases: ReadonlyArray<{ a: Assignment; pathway: Pathway }>, free: readonly Dim[]): Alternative[] {
  const start: Implicant[] = cases.map((c, index) => ({
    cond: Object.fromEntries(free.map((d) => [d, c.a[d]])),
    pathway: c.pathway,
    covers: new Set([index]),
  }));
  const primes = primeImplicants(start, free);
  const chosen: Implicant[] = [];
  for (const pathway of new Set(cases.map((c) => c.pathway))) {
    const target = new Set(start.filter((s) => s.pathway === pathway).flatMap((s) => [...s.covers]));
    chosen.push(...minimalCover(primes.filter((p) => p.pathway === pathway), target));
  }
  const first = (i: Implicant): number => Math.min(...i.covers);
  chosen.sort((x, y) => first(x) - first(y) || Object.keys(x.cond).length - Object.keys(y.cond).length);
  return chosen.map((i) => ({ if: i.cond as AlternativeCondition, pathway: i.pathway }));
}
