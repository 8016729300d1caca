/**
 * Any SR content tree as plain indented text: how a structured report from another program is shown (read-only)
 * when it cannot be restored as a reading. One line per content item, "Concept: value", children indented two
 * spaces; relationships other than CONTAINS are named in brackets so the structure stays readable.
 */
import type { Code } from './content';
import type { ReadSr, ReadSrItem } from './read';

const meaningOf = (code: Code | null | undefined): string => (code === null || code === undefined ? '' : code.meaning || code.value);

function formatNumber(item: ReadSrItem): string {
  const n = item.num;
  if (n === undefined || n.value === null) return '(no value)';
  const unit = n.unit === null ? '' : n.unit.value === '1' || n.unit.value === '{score}' ? '' : ` ${n.unit.value}`;
  return `${n.value}${unit}`;
}

/** DA / TM / DT in readable form: 20250601 → 2025-06-01, 083000 → 08:30:00. */
function formatDateTime(value: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?/.exec(value);
  if (m === null || value.length === 6) {
    const t = /^(\d{2})(\d{2})(\d{2})?/.exec(value);
    return t === null ? value : `${t[1]}:${t[2]}${t[3] !== undefined ? `:${t[3]}` : ''}`;
  }
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  return m[4] === undefined ? date : `${date} ${m[4]}:${m[5] ?? '00'}${m[6] !== undefined ? `:${m[6]}` : ''}`;
}

/** The value of one item in words ('' for a container). */
export function srItemValue(item: ReadSrItem): string {
  switch (item.valueType) {
    case 'TEXT': return item.text ?? '';
    case 'CODE': return meaningOf(item.code);
    case 'NUM': return formatNumber(item);
    case 'PNAME': return (item.personName ?? '').split('^').filter((p) => p !== '').reverse().join(' ');
    case 'UIDREF': return item.uid ?? '';
    case 'DATE': case 'TIME': case 'DATETIME': return formatDateTime(item.dateTime ?? '');
    case 'SCOORD': case 'SCOORD3D': {
      const g = item.graphic;
      return g === undefined ? '' : `${g.type.toLowerCase()} at ${g.data.map((v) => Math.round(v * 10) / 10).join(', ')}`;
    }
    case 'IMAGE': case 'COMPOSITE': case 'WAVEFORM': {
      const r = item.reference;
      if (r === undefined) return '';
      return `${item.valueType.toLowerCase()} ${r.sopInstanceUID}${r.frames.length > 0 ? ` frame ${r.frames.join(', ')}` : ''}`;
    }
    default: return '';
  }
}

const QUIET = new Set(['', 'CONTAINS']);

function lines(item: ReadSrItem, depth: number, out: string[]): void {
  const indent = '  '.repeat(depth);
  // An item without a value type points at another item of the tree (by-reference relationship).
  const value = item.valueType === '' ? '(refers to another item of this report)' : srItemValue(item);
  const concept = meaningOf(item.concept) || item.valueType.toLowerCase();
  const relation = QUIET.has(item.relationship) ? '' : `[${item.relationship.toLowerCase()}] `;
  const head = concept === '' ? `${relation}${value}` : `${relation}${concept}${value !== '' ? `: ${value}` : item.valueType === 'CONTAINER' ? '' : ':'}`;
  // A text of several lines keeps its lines, each under the item.
  out.push(head.split(/\r\n|\r|\n/).map((l, i) => (i === 0 ? `${indent}${l}` : `${indent}    ${l}`)).join('\n'));
  for (const child of item.children) lines(child, depth + 1, out);
}

/** The content tree from `item` down, one item a line. */
export function renderSrTree(item: ReadSrItem): string {
  const out: string[] = [];
  lines(item, 0, out);
  return out.join('\n');
}

/** A whole SR as text: who and what it is about, its status, then its content. */
export function renderSrText(sr: ReadSr): string {
  const head = [
    `${meaningOf(sr.root.concept) || 'Structured report'} (${sr.sopClassName})`,
    `Patient: ${sr.patientName.split('^').filter((p) => p !== '').reverse().join(' ') || 'not recorded'}${sr.patientId !== '' ? `, ID ${sr.patientId}` : ''}`,
    `Study: ${sr.studyDescription || 'no description'}${sr.studyDate !== '' ? `, ${formatDateTime(sr.studyDate)}` : ''}`,
    `Written: ${sr.contentDate !== '' ? formatDateTime(sr.contentDate + sr.contentTime.slice(0, 6)) : 'date not recorded'}${sr.manufacturer !== '' ? ` by ${sr.manufacturer}` : ''}`,
    `Status: ${[sr.completionFlag, sr.verificationFlag].filter((f) => f !== '').map((f) => f.toLowerCase()).join(', ') || 'not recorded'}`,
    ...sr.verifyingObservers.map((o) => `Verified by ${o.name.split('^').filter((p) => p !== '').reverse().join(' ')}${o.organization !== '' ? ` (${o.organization})` : ''}${o.dateTime !== '' ? ` on ${formatDateTime(o.dateTime)}` : ''}`),
  ];
  const body: string[] = [];
  for (const child of sr.root.children) lines(child, 0, body);
  return [...head, '', ...body].join('\n');
}
