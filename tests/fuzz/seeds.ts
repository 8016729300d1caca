// The files the fuzzer mutates: one real corpus file per transfer syntax (the smallest well-formed one), read in
// place from ../shared/data (never copied).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DICOM_DATA } from '../support/shared-data';

export interface SeedFile {
  readonly name: string;
  readonly syntax: string;
  readonly bytes: Uint8Array;
}

const CORPUS = join(DICOM_DATA, 'corpus');
const MAX_SEED_BYTES = 1_500_000;

export function seedFiles(): SeedFile[] {
  const [header, ...rows] = readFileSync(join(CORPUS, 'INDEX.tsv'), 'utf8').split('\n').filter((l) => l.trim() !== '');
  const cols = (header ?? '').split('\t');
  const cell = (cells: string[], name: string): string => cells[cols.indexOf(name)] ?? '';
  const smallest = new Map<string, { path: string; size: number }>();
  for (const line of rows) {
    const cells = line.split('\t');
    const size = Number(cell(cells, 'size_bytes'));
    const syntax = cell(cells, 'transfer_syntax_uid');
    if (cell(cells, 'dcmdump_rc') !== '0' || syntax === '' || !(size < MAX_SEED_BYTES)) continue;
    const best = smallest.get(syntax);
    if (best === undefined || size < best.size) smallest.set(syntax, { path: cell(cells, 'path'), size });
  }
  return [...smallest.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([syntax, { path }]) => ({ name: path, syntax, bytes: new Uint8Array(readFileSync(join(CORPUS, path))) }));
}
