// What a clinician reads is in clinical words: for a table of documents (the scored sample, a draft with every answer
// left unknown, a draft with an unplaced lesion, the real thoracolumbar CT with one scored lesion), the report text,
// the report HTML (what the preview shows and the PDF prints), the SR content and the live scores panel carry no
// program identifier: no snake_case value, no dotted or indexed document path, no reference to the project's own
// documents or the scoring contract, no "1 lesions"/"1 files", and each caveat once. The real CT's PDF is checked
// the same way through pdftotext.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnotationDocument } from '@shared/annotation/schema';
import { defaultLesion } from '@shared/annotation/defaults';
import { deriveReading } from '@shared/reading/derive';
import { produceReport } from '../../../src-main/services/report/produce';
import { ensureSampleStudy } from '../../../src-main/services/sample-study';
import { browserDataDir, sampleStudyDir } from '../../../src-main/services/app-paths';
import { indexSources } from '../../../src-main/services/study-index/indexer';
import { panelModel } from '../../../src-renderer/reading/scores/panel-model';
import { documentOnStudy } from '../../support/document-on-index';
import { sampleDocument } from '../../support/sample-document';
import { DICOM_DATA } from '../../support/shared-data';

const CT = join(DICOM_DATA, 'spine/thoracolumbar-ct');

/** What a reader sees of a text: tags and entities of the HTML gone, whitespace collapsed. */
const words = (s: string): string => s.replace(/<style[\s\S]*?<\/style>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/&[a-z#0-9]+;/g, ' ').replace(/\s+/g, ' ');

/** Program language a clinician must never read, each with why. */
const FORBIDDEN: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b[a-z]+(?:_[a-z0-9]+)+\b/, 'snake_case value'],
  [/\b\d+_[a-z]+(?:_[a-z]+)*\b/, 'snake_case band code'],
  [/\b[a-z]+[A-Z]\w*\.[a-z]\w*/, 'dotted path'],
  [/\b(?:patient|lesions|prognosis|emergency|bauer)\.\w+/, 'document path'],
  [/\[\d+\]/, 'array index'],
  [/clinical-rules/i, 'project document'],
  [/\bcontract\b/i, 'scoring contract'],
  [/\bCONVENTION\b/, 'project marker'],
  [/(?<![\d.])1 (?:lesions|files|images|series|levels|measurements|key images)\b/, 'plural after 1'],
  [/\(s\)/, 'plural hedged with (s)'],
  [/not assessed: not assessed/, 'repeated words'],
  [/\b[a-zA-Z-]+\+[a-zA-Z+-]+\b/, 'NOMS pathway code (stabilization+SBRT)'],
];

function programLanguage(text: string): string[] {
  return FORBIDDEN.flatMap(([pattern, why]) => {
    const m = pattern.exec(text);
    return m === null ? [] : [`${why}: "${text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40)}"`];
  });
}

/** A sentence that appears more than once is a repeated caveat (table rows such as "not assessed" are not sentences). */
function repeatedSentences(text: string): string[] {
  const seen = new Map<string, number>();
  for (const s of text.split(/(?<=\.)\s+|\n/).map((x) => x.trim()).filter((x) => x.length > 60)) seen.set(s, (seen.get(s) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([s]) => s);
}

function unknownDraft(): AnnotationDocument {
  const doc = sampleDocument();
  doc.lesions = doc.lesions.map((l) => ({ ...defaultLesion(l.id, l.levels) }));
  const p = doc.patient;
  doc.patient = {
    ...p,
    histology: 'unknown',
    myelopathy: 'unknown',
    emergency: { rapidWeaknessProgression: 'unknown', newInabilityToWalk: 'unknown', newBladderDysfunction: 'unknown', bilateralSymptoms: 'unknown', completeParalysisHours: null },
  };
  return doc;
}

function unplacedDraft(): AnnotationDocument {
  const doc = sampleDocument();
  doc.lesions = [{ ...defaultLesion('les-2', []), escc: '3' }, ...doc.lesions];
  return doc;
}

let out: string;
let ctDocument: AnnotationDocument;
beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'clinical-language-'));
  const index = await indexSources([CT]);
  const patient = index.patients[0];
  const study = patient?.studies[0];
  if (patient === undefined || study === undefined) throw new Error('the thoracolumbar CT did not index');
  ctDocument = documentOnStudy(patient, study);
  const lesion = ctDocument.lesions[0];
  if (lesion !== undefined) ctDocument.lesions = [{ ...lesion, collapse: { value: 'lt50', source: 'reader' }, posterolateral: 'unilateral', alignment: { value: 'normal', source: 'reader', measurementIds: [] } }];
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

const cases: ReadonlyArray<{ name: string; study: () => string; doc: () => AnnotationDocument; pdf?: boolean }> = [
  { name: 'scored sample', study: () => 'sample', doc: sampleDocument },
  { name: 'draft with every answer unknown', study: () => 'sample', doc: unknownDraft },
  { name: 'draft with an unplaced lesion', study: () => 'sample', doc: unplacedDraft },
  { name: 'real thoracolumbar CT, one scored lesion', study: () => CT, doc: () => ctDocument, pdf: true },
];

describe('clinical language in every output', () => {
  it.each(cases)('$name: text, HTML, SR and panel carry no program identifier and no repeated caveat', async ({ name, study, doc, pdf }) => {
    const slug = name.replace(/\W+/g, '-');
    const document = doc();
    const o = (f: string): string => join(out, `${slug}-${f}`);
    const paths = study();
    const result = await produceReport({
      studyPaths: paths === 'sample' ? (await ensureSampleStudy(sampleStudyDir(browserDataDir()))).files : [paths],
      document,
      loadNotes: [],
      want: { pdf: pdf === true, sr: true, encapsulatedPdf: false, deidentifiedImages: false },
    });
    writeFileSync(o('sr.dcm'), result.sr ?? new Uint8Array());
    const sr = execFileSync('dcmdump', ['+L', '-M', o('sr.dcm')], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => /\((0040,a160|0040,a124|0008,0104)\)/i.test(l))
      .map((l) => /\[(.*)\]/.exec(l)?.[1] ?? '')
      .join('\n');
    if (result.pdf !== undefined) writeFileSync(o('report.pdf'), result.pdf);
    const panel = panelModel(deriveReading(document));
    const outputs: Record<string, string> = {
      text: result.text,
      html: words(result.html),
      sr,
      panel: JSON.stringify(panel.lesions.map((l) => (l.status === 'scored' ? { ...l, flags: l.flags.map((f) => f.label), components: l.components.map((c) => `${c.label} ${c.points}`) } : l)).map(({ id: _id, ...rest }) => rest)) + panel.prognosis.map((p) => `${p.name}: ${p.text}`).join('\n'),
      ...(pdf === true ? { pdf: execFileSync('pdftotext', ['-layout', o('report.pdf'), '-'], { encoding: 'utf8' }) } : {}),
    };
    if (process.env['DUMP_LANGUAGE'] !== undefined) for (const [k, v] of Object.entries(outputs)) writeFileSync(join(process.env['DUMP_LANGUAGE'], `${slug}-${k}.txt`), v);
    const found = Object.entries(outputs).flatMap(([where, text]) => programLanguage(where === 'panel' ? text.replace(/"\w+":/g, '') : text).map((f) => `${where}: ${f}`));
    expect(found).toEqual([]);
    const repeated = Object.entries(outputs).filter(([where]) => where !== 'panel' && where !== 'sr').flatMap(([where, text]) => repeatedSentences(words(text)).map((s) => `${where}: ${s}`));
    expect(repeated).toEqual([]);
  });
});
