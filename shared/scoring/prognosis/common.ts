// Shared shapes for the prognosis scores: each is computed only when all of its inputs are present; otherwise it
// returns null with the reason (never an exception), and the output leaves it out.

import type { RuleRow } from '../citations';

export interface ScoreValue<B extends string> {
  total: number;
  band: B;
}

export type Computed<B extends string> =
  | { value: ScoreValue<B>; reason: null }
  | { value: null; reason: string };

/** Points for a count or measure falling in [min, max] (inclusive). */
export type RangeRow = RuleRow & {
  readonly min: number;
  readonly max: number;
  readonly points: number;
};

export function rangePoints(rows: readonly RangeRow[], value: number): number | null {
  return rows.find((r) => value >= r.min && value <= r.max)?.points ?? null;
}

export function missing(names: readonly string[]): { value: null; reason: string } {
  return { value: null, reason: `missing ${names.join(', ')}` };
}

/** The names of the required inputs that are absent (undefined or null). */
export function absent<T extends object>(input: T, names: ReadonlyArray<keyof T & string>): string[] {
  return names.filter((n) => input[n] === undefined || input[n] === null);
}
