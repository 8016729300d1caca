/**
 * Outcome of a geometry computation that can legitimately fail on real data (bad headers, parallel planes,
 * different frames of reference). Failures carry a human-readable reason and are never thrown.
 */
export type GeometryResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

export const ok = <T>(value: T): GeometryResult<T> => ({ ok: true, value });
export const fail = <T = never>(reason: string): GeometryResult<T> => ({ ok: false, reason });
