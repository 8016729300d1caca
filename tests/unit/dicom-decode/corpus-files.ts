// The files the decode tests walk: every row of the shared corpus INDEX.tsv, then pydicom's test files.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** ../shared beside the repository (CI clones it there too). */
export const CORPUS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'shared', 'data', 'dicom', 'corpus');
export const PYDICOM_DIR = '/usr/lib/python3/dist-packages/pydicom/data/test_files';

export interface CorpusFile {
  readonly path: string;
  /** Short name for the table: "corpus:…" or "pydicom:…". */
  readonly label: string;
  /** From INDEX.tsv; undefined for pydicom's files. */
  readonly dcmdumpRc?: number;
  readonly indexedSyntax?: string;
}

/** Rows of the corpus index (tab-separated, header first). */
export function corpusIndex(): CorpusFile[] {
  const [header, ...rows] = readFileSync(join(CORPUS_DIR, 'INDEX.tsv'), 'utf8').split('\n').filter((l) => l.trim() !== '');
  const cols = (header ?? '').split('\t');
  const at = (name: string): number => cols.indexOf(name);
  return rows.map((line) => {
    const cells = line.split('\t');
    const rel = cells[at('path')] ?? '';
    const rc = cells[at('dcmdump_rc')];
    return {
      path: join(CORPUS_DIR, rel),
      label: `corpus:${rel.split('/').slice(-1)[0] ?? rel}`,
      dcmdumpRc: rc === undefined || rc === '' ? 0 : Number(rc),
      indexedSyntax: cells[at('transfer_syntax_uid')] ?? '',
    };
  });
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
}

export function pydicomFiles(): CorpusFile[] {
  return walk(PYDICOM_DIR).map((path) => ({ path, label: `pydicom:${relative(PYDICOM_DIR, path)}` }));
}

export function allFiles(): CorpusFile[] {
  return [...corpusIndex(), ...pydicomFiles()];
}

export function corpusPath(rel: string): string {
  return join(CORPUS_DIR, rel);
}
