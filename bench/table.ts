// A plain aligned text table (no colours, no box drawing: it pastes into Markdown and logs unchanged).
export interface Row {
  readonly measure: string;
  readonly ours: number;
  readonly reference: number | undefined;
  readonly unit: string;
  readonly referenceName: string;
  /** Whether lower-or-equal-to-reference is a target for this row (false: informational). */
  readonly targeted: boolean;
  /** Frame rates: met when ours ≥ reference (default: met when ours ≤ reference). */
  readonly higherIsBetter?: boolean;
}

const HEADERS = ['measure', 'ours', 'reference', 'ref. tool', 'ours/ref', 'target met?'] as const;

function fmt(value: number, unit: string): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

export function tableCells(rows: readonly Row[]): string[][] {
  return rows.map((r) => {
    const ratio = r.reference === undefined || r.reference <= 0 ? undefined : r.ours / r.reference;
    const ok = ratio === undefined ? false : r.higherIsBetter === true ? ratio >= 1 : ratio <= 1;
    const met = !r.targeted || ratio === undefined ? '—' : ok ? 'yes' : 'NO';
    return [
      r.measure,
      fmt(r.ours, r.unit),
      r.reference === undefined ? '—' : fmt(r.reference, r.unit),
      r.referenceName,
      ratio === undefined ? '—' : ratio.toFixed(2),
      met,
    ];
  });
}

/** Lines of the table, columns padded (text left, figures right). */
export function formatTable(rows: readonly Row[]): string[] {
  const cells = [HEADERS.slice() as string[], ...tableCells(rows)];
  const widths = HEADERS.map((_, c) => Math.max(...cells.map((row) => (row[c] ?? '').length)));
  const right = new Set([1, 2, 4]);
  const line = (row: readonly string[]): string =>
    row.map((cell, c) => (right.has(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))).join('  ').trimEnd();
  return [line(cells[0] ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)];
}

/** The same rows as a Markdown table (for docs/benchmarks.md). */
export function markdownTable(rows: readonly Row[]): string[] {
  const cells = tableCells(rows);
  return [`| ${HEADERS.join(' | ')} |`, `|${HEADERS.map((_, c) => ([1, 2, 4].includes(c) ? '---:' : '---')).join('|')}|`, ...cells.map((r) => `| ${r.join(' | ')} |`)];
}
