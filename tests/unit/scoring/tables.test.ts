// Every rule row names a citation that exists and says whether it is published or our convention.

import { describe, expect, it } from 'vitest';
import { CITATIONS, RULE_TABLES, isCitationId } from '@shared/scoring/index';

const rows = RULE_TABLES.flatMap((table) => table.rows.map((row, i) => [`${table.name}[${i}] ${row.label}`, row] as const));

describe('rule rows', () => {
  it('there are tables and rows', () => {
    expect(RULE_TABLES.length).toBeGreaterThan(20);
    expect(rows.length).toBeGreaterThan(80);
  });

  it.each(rows)('%s', (_name, row) => {
    expect(isCitationId(row.citation)).toBe(true);
    expect(['published', 'convention']).toContain(row.kind);
    expect(row.label.length).toBeGreaterThan(0);
  });
});

describe('citations', () => {
  it.each(Object.entries(CITATIONS))('%s has text and a confidence of H or M', (_id, citation) => {
    expect(citation.text.length).toBeGreaterThan(10);
    expect(['H', 'M']).toContain(citation.confidence);
  });

  it('carries the DOIs the rules give', () => {
    expect(CITATIONS.fisher2010.doi).toBe('10.1097/BRS.0b013e3181e16ae2');
    expect(CITATIONS.laufer2013.doi).toBe('10.1634/theoncologist.2012-0293');
  });
});
