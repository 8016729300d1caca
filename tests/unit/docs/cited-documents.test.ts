// Every document the code cites is in the repository, with every section it names (issue 16): someone who clones
// the repository can read what a comment, a usage text or a test points to. A citation is a `*.md` path, or a
// hyphenated document name followed by a section (`clinical-rules §3` means docs/clinical-rules.md); a section is
// `§N`, which must be a heading `## §N …` of that document. `§N` alone refers to the document cited last in the same
// file (to the file itself in a Markdown file); `§` after `PS3.n` is the DICOM standard, not ours.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const SCANNED = ['shared', 'src-main', 'src-renderer', 'bench', 'scripts', 'tests', 'docs', 'README.md'];
const SKIPPED_DIRS = new Set(['node_modules', 'output', '.work', 'test-results']);
const TEXT_FILES = new Set(['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.md', '.py', '.html', '.css', '.json']);
/** This file spells the forbidden path in its cases. */
const SELF = relative(ROOT, import.meta.filename);

/** `*.md` names that are not documents of this repository, each with why (file, name). */
const NOT_OURS: ReadonlyArray<{ readonly file: string; readonly name: string; readonly why: string }> = [
  { file: 'shared/report/sr-content.ts', name: 'findingmodels/text/spine_instability_neuroplastic_score__sins_.md', why: 'a file of the hoodcm/oifm-definitions repository, cited as the source of a code' },
  { file: 'shared/report/sr-content.ts', name: 'epidural_spinal_cord_compression_scale__escc_.md', why: 'the same repository' },
  { file: 'bench/run.ts', name: 'last-run.md', why: 'a file the benchmark writes into bench/.work' },
];

interface Problem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** A document's section numbers (its `§N` headings), or null when the repository has no such file. */
type SectionsOf = (path: string) => ReadonlySet<number> | null;

const DOC_PATH = /(?<![\w./-])((?:\.{1,2}\/)*(?:[\w-]+\/)*[\w-]+\.md)\b/g;
const DOC_NAME = /(?<![\w./-])([a-z]+(?:-[a-z]+)+)(?=\s*§\d)/g;
/** One section after a document (maybe after its closing quote), or after the previous one: `, §4`, `–§4`, ` and §4`; a letter may follow (`§5 O`). */
const NEXT_SECTION = /^[`'"]?\s*(,|–|-|and)?\s*§(\d+)(?:\s+[A-Z](?![\w]))?/;
const OUTSIDE_PATH = /\.\.\/shared\/docs|(?<![\w./-])shared\/docs\//;
const DICOM_STANDARD = /PS3\.\d+/;

/** Where a cited path is: relative to the citing file when it starts with ./ or ../, else the root, the file's folder, or docs/. */
function locate(file: string, cited: string, exists: (path: string) => boolean): string | null {
  const candidates = cited.startsWith('.')
    ? [join(dirname(file), cited)]
    : [cited, join(dirname(file), cited), join('docs', cited)];
  return candidates.map((c) => relative('.', join('.', c))).find(exists) ?? null;
}

/** The problems of one file's text: missing documents, missing sections, references outside the repository. */
function checkCitations(file: string, text: string, sectionsOf: SectionsOf, notOurs: ReadonlySet<string> = new Set()): Problem[] {
  const problems: Problem[] = [];
  const exists = (path: string): boolean => sectionsOf(path) !== null;
  // In a Markdown document a bare § is one of its own sections; in code, one of the document cited last.
  const isDocument = file.endsWith('.md');
  let lastDocument: string | null = isDocument ? file : null;
  text.split('\n').forEach((content, index) => {
    const line = index + 1;
    const fail = (message: string): void => void problems.push({ file, line, message });
    if (OUTSIDE_PATH.test(content)) fail('cites a document outside the repository (shared/docs): cite docs/… instead');
    const cited: Array<{ readonly at: number; readonly end: number; readonly path: string | null; readonly shown: string }> = [];
    for (const m of content.matchAll(DOC_PATH)) {
      const name = m[1] ?? '';
      if (notOurs.has(name)) continue;
      const path = locate(file, name, exists);
      if (path === null) fail(`cites ${name}, which is not in the repository`);
      cited.push({ at: m.index, end: m.index + m[0].length, path, shown: name });
    }
    for (const m of content.matchAll(DOC_NAME)) {
      const name = m[1] ?? '';
      const path = join('docs', `${name}.md`);
      if (!exists(path)) fail(`cites ${name} §…, but docs/${name}.md is not in the repository`);
      cited.push({ at: m.index, end: m.index + m[0].length, path: exists(path) ? path : null, shown: name });
    }
    cited.sort((a, b) => a.at - b.at);
    const claimed = new Set<number>(); // positions of § already read as a document's sections
    const checkSection = (document: { path: string | null; shown: string }, n: number): void => {
      if (document.path === null) return;
      if (!sectionsOf(document.path)?.has(n)) fail(`cites ${document.shown} §${n}, which has no heading "§${n}"`);
    };
    for (const c of cited) {
      if (c.path !== null && !isDocument) lastDocument = c.path;
      let at = c.end;
      let previous: number | null = null;
      for (;;) {
        const m = NEXT_SECTION.exec(content.slice(at));
        if (m === null) break;
        const n = Number(m[2]);
        const low = (m[1] === '–' || m[1] === '-') && previous !== null ? previous + 1 : n;
        for (let k = low; k <= n; k += 1) checkSection(c, k);
        claimed.add(at + m[0].indexOf('§'));
        previous = n;
        at += m[0].length;
      }
    }
    for (const m of content.matchAll(/§(\d+)/g)) {
      if (claimed.has(m.index)) continue;
      if (DICOM_STANDARD.test(content.slice(0, m.index))) continue;
      const n = Number(m[1]);
      if (lastDocument === null) fail(`cites §${n} without naming a document`);
      else checkSection({ path: lastDocument, shown: lastDocument }, n);
    }
  });
  return problems;
}

function filesUnder(path: string): string[] {
  const full = join(ROOT, path);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return TEXT_FILES.has(extname(path)) ? [path] : [];
  return readdirSync(full).filter((name) => !SKIPPED_DIRS.has(name)).flatMap((name) => filesUnder(join(path, name)));
}

const sectionCache = new Map<string, ReadonlySet<number> | null>();
/** Section numbers of a file in the repository: its `#… §N` headings. */
function repositorySections(path: string): ReadonlySet<number> | null {
  if (!sectionCache.has(path)) {
    const full = join(ROOT, path);
    const found = existsSync(full) && statSync(full).isFile()
      ? new Set([...readFileSync(full, 'utf8').matchAll(/^#{1,6}\s+§(\d+)\b/gm)].map((m) => Number(m[1])))
      : null;
    sectionCache.set(path, found);
  }
  return sectionCache.get(path) ?? null;
}

describe('the checker', () => {
  const docs: Record<string, number[]> = { 'docs/clinical-rules.md': [1, 2, 3, 4, 5], 'docs/style.md': [1], 'README.md': [] };
  const sectionsOf: SectionsOf = (path) => (path in docs ? new Set(docs[path]) : null);
  const problemsOf = (file: string, text: string): string[] => checkCitations(file, text, sectionsOf).map((p) => `${p.line}: ${p.message}`);

  it.each([
    ['a cited document and section that exist', 'shared/a.ts', '// Levels (docs/clinical-rules.md §1).', []],
    ['a bare document name, resolved in docs/', 'shared/a.ts', '// see clinical-rules.md and style.md', []],
    ['a short name before a section', 'shared/a.ts', "reason: 'attributed to Laufer 2013 (clinical-rules §5 O, confidence M).'", []],
    ['a list and a range of sections', 'tests/a.test.ts', '// (docs/clinical-rules.md §1–§4; §2, §5)', []],
    ['a quoted document before its section', 'docs/style.md', 'the table (`docs/clinical-rules.md` §5)', []],
    ['a quoted document before a missing section', 'docs/style.md', 'the table (`docs/clinical-rules.md` §8)', ['1: cites docs/clinical-rules.md §8, which has no heading "§8"']],
    ['a document that is not there', 'src-main/a.ts', '// see docs/scoring-contract.md', ['1: cites docs/scoring-contract.md, which is not in the repository']],
    ['a section that is not there', 'shared/a.ts', '// docs/clinical-rules.md §2, §9', ['1: cites docs/clinical-rules.md §9, which has no heading "§9"']],
    ['a range reaching past the last section', 'shared/a.ts', '// docs/clinical-rules.md §4–§6', ['1: cites docs/clinical-rules.md §6, which has no heading "§6"']],
    ['a short name with no document', 'shared/a.ts', '// scoring-rules §1', ['1: cites scoring-rules §…, but docs/scoring-rules.md is not in the repository']],
    ['the folder outside the repository', 'shared/a.ts', '// the contract (../shared/docs/style.md)', ['1: cites a document outside the repository (shared/docs): cite docs/… instead', '1: cites ../shared/docs/style.md, which is not in the repository']],
    ['the outside folder without ../', 'src-main/a.ts', '// see shared/docs/clinical-rules.md §1', ['1: cites a document outside the repository (shared/docs): cite docs/… instead', '1: cites shared/docs/clinical-rules.md, which is not in the repository']],
    ['a later § belongs to the document cited last', 'shared/a.ts', '// docs/clinical-rules.md §1\nconst x = 1; // (§7, the window)', ['2: cites docs/clinical-rules.md §7, which has no heading "§7"']],
    ['§ with no document before it', 'shared/a.ts', '// borderline (§2)', ['1: cites §2 without naming a document']],
    ['a bare § in a document is its own section', 'docs/style.md', 'See README.md.\nAs said in §1 and §2.', ['2: cites docs/style.md §2, which has no heading "§2"']],
    ['the DICOM standard', 'shared/dicom/a.ts', '// Value representations (PS3.5 §6.2, §7.1.2).', []],
    ['a URL is not a citation', 'shared/a.ts', '// https://example.org/x/notes.md', []],
  ] as const)('%s', (_name, file, text, expected) => {
    expect(problemsOf(file, text)).toEqual(expected);
  });
});

describe('documents cited in the repository', () => {
  const files = SCANNED.flatMap(filesUnder).filter((f) => f !== SELF);
  const notOurs = (file: string): ReadonlySet<string> => new Set(NOT_OURS.filter((n) => n.file === file).map((n) => n.name));

  it('scans the code, the tests and the documents', () => {
    expect(files).toContain('shared/scoring/sins.ts');
    expect(files).toContain('src-main/cli/commands/score-usage.ts');
    expect(files).toContain('docs/clinical-rules.md');
    expect(files.some((f) => f.startsWith('tests/output/'))).toBe(false);
  });

  it('every cited document exists in the repository, with every section cited', () => {
    const problems = files.flatMap((file) =>
      checkCitations(file, readFileSync(join(ROOT, file), 'utf8'), repositorySections, notOurs(file)),
    );
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([]);
  });

  it('each name that is not ours is still cited where it is listed (no stale exceptions)', () => {
    const stale = NOT_OURS.filter((n) => !readFileSync(join(ROOT, n.file), 'utf8').includes(n.name));
    expect(stale).toEqual([]);
  });

  it('the sections the scoring code relies on are where it expects them', () => {
    const headings = readFileSync(join(ROOT, 'docs/clinical-rules.md'), 'utf8');
    for (const [n, subject] of [
      [1, 'levels'], [2, 'SINS'], [3, 'collapse'], [4, 'ESCC'], [5, 'NOMS'], [6, 'Flags'], [7, 'Prognosis'],
    ] as const) {
      expect(headings).toMatch(new RegExp(`^## §${n} .*${subject}`, 'm'));
    }
  });
});
