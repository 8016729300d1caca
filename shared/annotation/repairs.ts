/**
 * What loading does with absurd values (docs/style.md §6: loading normalises and clamps). The rule of thumb:
 * - a clinical number out of its range becomes 'unknown' (never a guessed value: a clamped KPS would change a score);
 *   a KPS inside 0–100 but off the 10-step is rounded to the nearest 10 (a typing slip, reported);
 * - bookkeeping numbers (revision, paralysis hours below 0) are clamped;
 * - over-long free text is truncated to MAX_TEXT;
 * - anything else that fails the schema (bad coordinates, unknown enum values, wrong types) is not repaired: the
 *   document is `invalid` and the problems are listed.
 * Every repair is reported as a problem on the loaded document.
 */
import type { Problem } from '../validation/parse';
import { formatPath } from '../validation/parse';
import { MAX_TEXT } from './schema';

type PathPattern = ReadonlyArray<string | '*'>;
interface RepairRule {
  readonly path: PathPattern;
  /** Returns the replacement and why, or null when this rule cannot repair the value. */
  readonly repair: (value: unknown) => { value: unknown; message: string } | null;
}

const toUnknown = (range: string) => (value: unknown) =>
  value === 'unknown' ? null : { value: 'unknown', message: `${JSON.stringify(value)} is outside ${range}: set to unknown` };

const truncate = (value: unknown) =>
  typeof value === 'string' && value.length > MAX_TEXT
    ? { value: value.slice(0, MAX_TEXT), message: `text longer than ${MAX_TEXT} characters: truncated` }
    : null;

export const REPAIR_RULES: readonly RepairRule[] = [
  {
    path: ['patient', 'kps'],
    repair: (value) => {
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100) {
        return { value: Math.round(value / 10) * 10, message: `KPS ${value} is not a multiple of 10: rounded` };
      }
      return toUnknown('KPS 0–100')(value);
    },
  },
  { path: ['patient', 'ecog'], repair: toUnknown('ECOG 0–5') },
  { path: ['patient', 'prognosis', 'extraspinalBoneMetastases'], repair: toUnknown('a count ≥ 0') },
  { path: ['patient', 'prognosis', 'vertebralMetastases'], repair: toUnknown('a count 1–33') },
  {
    path: ['patient', 'emergency', 'completeParalysisHours'],
    repair: (value) => (typeof value === 'number' && value < 0 ? { value: null, message: 'negative hours: set to null' } : null),
  },
  {
    path: ['revision'],
    repair: (value) =>
      typeof value === 'number' && Number.isFinite(value)
        ? { value: Math.max(0, Math.floor(value)), message: `revision ${value} clamped` }
        : { value: 0, message: 'missing or non-numeric revision: set to 0' },
  },
  ...[
    ['patient', 'referringQuestion'],
    ['report', 'impression'],
    ['report', 'freeText'],
    ['report', 'keyImages', '*', 'caption'],
    ['lesions', '*', 'note'],
    ['measurements', '*', 'note'],
    ['measurements', '*', 'text'],
  ].map((path) => ({ path, repair: truncate })),
];

function matches(pattern: PathPattern, path: ReadonlyArray<PropertyKey>): boolean {
  return pattern.length === path.length && pattern.every((part, i) => (part === '*' ? typeof path[i] === 'number' : part === path[i]));
}

export function getAtPath(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** Returns a copy of `root` with `value` at `path`, cloning only the containers along the path. */
export function setAtPath(root: unknown, path: ReadonlyArray<PropertyKey>, value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (Array.isArray(root)) {
    const copy: unknown[] = [...root];
    copy[head as number] = setAtPath(root[head as number], rest, value);
    return copy;
  }
  const record = typeof root === 'object' && root !== null ? (root as Record<PropertyKey, unknown>) : {};
  return { ...record, [head]: setAtPath(record[head], rest, value) };
}

/** Tries to repair the value at `path`; returns null when no rule applies. */
export function repairAt(root: unknown, path: ReadonlyArray<PropertyKey>): { root: unknown; problem: Problem } | null {
  const rule = REPAIR_RULES.find((candidate) => matches(candidate.path, path));
  if (!rule) return null;
  const fixed = rule.repair(getAtPath(root, path));
  if (!fixed) return null;
  return { root: setAtPath(root, path, fixed.value), problem: { path: formatPath(path), message: fixed.message } };
}
