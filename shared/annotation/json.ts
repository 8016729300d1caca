/** Minimal helpers for walking untrusted JSON before it has been validated (migrations, repairs). */
export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Applies `fn` to each record in `value` if it is an array; other entries are kept as they are for the schema to report. */
export function mapRecords(value: unknown, fn: (record: JsonRecord) => JsonRecord): unknown {
  return Array.isArray(value) ? value.map((item: unknown) => (isRecord(item) ? fn(item) : item)) : value;
}
