/**
 * Ids are derived from the document itself (`les-3` follows the highest existing `les-N`), so commands stay pure and
 * deterministic: no clock, no random source, and the same edit replayed gives the same id.
 */
export const ID_PREFIX = { label: 'lbl', lesion: 'les', measurement: 'msr', keyImage: 'key' } as const;
export type IdKind = keyof typeof ID_PREFIX;

export function nextId(kind: IdKind, existing: Iterable<{ readonly id: string }>): string {
  const prefix = ID_PREFIX[kind];
  const pattern = new RegExp(`^${prefix}-(\\d+)$`);
  let max = 0;
  for (const item of existing) {
    const match = pattern.exec(item.id);
    if (match?.[1] !== undefined) max = Math.max(max, Number(match[1]));
  }
  return `${prefix}-${max + 1}`;
}

/** Returns `id` unchanged if free, otherwise `id-2`, `id-3`… (used by load.ts to repair duplicate ids). */
export function uniqueId(id: string, taken: ReadonlySet<string>): string {
  if (!taken.has(id)) return id;
  for (let n = 2; ; n += 1) {
    const candidate = `${id}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
