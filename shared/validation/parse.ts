import type { z } from 'zod';

/** One problem with an untrusted value, as `path: message` (path in JS notation, e.g. `lesions[0].collapse`). */
export interface Problem {
  readonly path: string;
  readonly message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * Parses an untrusted value. Accepts only `unknown` so that an `any` can never slip through unchecked
 * (callers holding an `any` must say so with a cast).
 */
export function parseUnknown<S extends z.ZodType>(schema: S, value: unknown): ParseResult<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
  };
}

export function formatProblems(problems: ReadonlyArray<Problem>): string[] {
  return problems.map((p) => `${p.path}: ${p.message}`);
}
