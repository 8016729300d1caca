// Helpers for the scoring tests: the shared vectors file and a "subset" comparison that checks only the fields
// present in the expected value.

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseScoringInput, possiblePathways, scoreStudy } from '@shared/scoring/index';
import type { ScoringOutput } from '@shared/scoring/index';

export const VECTORS_PATH = resolve(__dirname, '../../../..', 'shared/vectors/scoring-cases.json');

export interface VectorCase {
  name: string;
  input: unknown;
  expected: unknown;
}

export function loadVectors(): VectorCase[] {
  if (!existsSync(VECTORS_PATH)) {
    throw new Error(`scoring vectors not found: expected ${VECTORS_PATH} (the shared folder beside the repository)`);
  }
  const data: unknown = JSON.parse(readFileSync(VECTORS_PATH, 'utf8'));
  if (typeof data !== 'object' || data === null || !Array.isArray((data as { cases?: unknown }).cases)) {
    throw new Error(`${VECTORS_PATH}: expected an object with a "cases" array`);
  }
  return (data as { cases: VectorCase[] }).cases;
}

/** Parses and scores a raw input; throws with the problems if the input is invalid. */
export function scoreRaw(input: unknown): ScoringOutput {
  const parsed = parseScoringInput(input);
  if (!parsed.ok) throw new Error(`invalid input:\n${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`);
  return scoreStudy(parsed.value);
}

/** The output as plain JSON, with each lesion's NOMS carrying `possiblePathways` (the vectors' derived field). */
export function withPossiblePathways(output: ScoringOutput): unknown {
  const json = JSON.parse(JSON.stringify(output)) as { lesions: Array<{ noms: Record<string, unknown> }> };
  output.lesions.forEach((lesion, i) => {
    const target = json.lesions[i];
    if (target !== undefined) target.noms.possiblePathways = possiblePathways(lesion.noms);
  });
  return json;
}

/** Keys whose arrays are compared as sets. */
const SET_KEYS = new Set(['possiblePathways']);

/**
 * Differences between `actual` and `expected`, comparing only what `expected` holds: objects recursively by the
 * expected keys, arrays element by element (same length), `possiblePathways` as a set, scalars with `===`.
 */
export function subsetDiff(actual: unknown, expected: unknown, path = '', key = ''): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${JSON.stringify(actual)}`];
    if (SET_KEYS.has(key)) {
      const a = [...new Set(actual.map((v) => JSON.stringify(v)))].sort();
      const e = [...new Set(expected.map((v) => JSON.stringify(v)))].sort();
      return a.join(',') === e.join(',') ? [] : [`${path}: expected set {${e.join(', ')}}, got {${a.join(', ')}}`];
    }
    if (actual.length !== expected.length) {
      return [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
    }
    return expected.flatMap((e, i) => subsetDiff(actual[i], e, `${path}[${i}]`, key));
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) {
      return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    }
    const record = actual as Record<string, unknown>;
    return Object.entries(expected).flatMap(([k, e]) =>
      k in record ? subsetDiff(record[k], e, path === '' ? k : `${path}.${k}`, k) : [`${path === '' ? k : `${path}.${k}`}: missing`],
    );
  }
  return Object.is(actual, expected) ? [] : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

/** A raw lesion scoring 1 (T5 semi-rigid, everything else 0, ESCC 0), to be varied field by field. */
export function lesion(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'les-1',
    levels: ['T5'],
    pain: 'none',
    boneLesion: 'blastic',
    alignment: 'normal',
    collapse: 'none',
    posterolateral: 'none',
    escc: '0',
    ...overrides,
  };
}

/** A raw study with one lesion (breast primary unless overridden). */
export function study(
  lesionOverrides: Record<string, unknown> = {},
  patient: Record<string, unknown> = {},
  spine?: { thoracicCount: number; lumbarCount: number },
): Record<string, unknown> {
  return {
    ...(spine === undefined ? {} : { spine }),
    patient: { histology: 'breast', ...patient },
    lesions: [lesion(lesionOverrides)],
  };
}

/** Scores a one-lesion study and returns that lesion's output. */
export function scoreLesion(
  lesionOverrides: Record<string, unknown> = {},
  patient: Record<string, unknown> = {},
  spine?: { thoracicCount: number; lumbarCount: number },
) {
  const out = scoreRaw(study(lesionOverrides, patient, spine));
  const first = out.lesions[0];
  if (first === undefined) throw new Error('no lesion in output');
  return { lesion: first, patient: out.patient };
}
