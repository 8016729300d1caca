// `cli report` on the built-in sample study with the scored sample document: the PDF shows what `cli score` gives
// for the same document (levels, SINS total or range, band, pathway or alternatives, flags), the patient
// identification is on every page, pages are saved as PNGs to look at, the DICOM outputs pass dciodvfy and read
// back with pydicom, a de-identified run leaks nothing, and the exported JSON re-imports to the same report text.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli-io';
import { LESION_FLAGS, PATIENT_FLAGS, SINS_BANDS } from '@shared/scoring/index';
import type { ScoringOutput } from '@shared/scoring/index';
import { SAMPLE_UIDS } from '@shared/sample';
import { pathwayText } from '@shared/reading/wording';
import { defaultLesion } from '@shared/annotation/defaults';
import { applyCommand } from '@shared/annotation/commands';
import { INSTALLATION_SECRET_ENV } from '../../../src-main/services/installation-secret';
import { SAMPLE_READER, sampleDocument } from '../../support/sample-document';

const OUT = resolve(__dirname, '../../output/report/cli');


const cli = runCli;

const pdfText = (pdf: string, page?: number): string =>
  execFileSync('pdftotext', [...(page !== undefined ? ['-f', String(page), '-l', String(page)] : []), '-layout', pdf, '-'], { encoding: 'utf8' });
const pageCount = (pdf: string): number => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1] ?? 0);
/** pdftotext wraps lines; compare on collapsed whitespace. */
const flat = (s: string): string => s.replace(/\s+/g, ' ');

function documentVariant(name: string, emergency: boolean): string {
  const doc = sampleDocument();
  if (emergency) doc.patient.emergency.newInabilityToWalk = true;
  const path = join(OUT, `${name}.json`);
  writeFileSync(path, JSON.stringify(doc, null, 2));
  return path;
}

function expectScoresInPdf(text: string, scores: ScoringOutput): void {
  const t = flat(text);
  for (const lesion of scores.lesions) {
    for (const level of lesion.levels) expect(t).toContain(level);
    expect(t).toContain(lesion.sins.total !== null ? `SINS total ${lesion.sins.total}` : `SINS range ${lesion.sins.range[0]}–${lesion.sins.range[1]}`);
    if (lesion.sins.band !== null) expect(t).toContain(SINS_BANDS.find((b) => b.band === lesion.sins.band)?.label ?? '?');
    const pathways = lesion.noms.pathway !== null ? [lesion.noms.pathway] : lesion.noms.alternatives.map((a) => a.pathway);
    for (const p of pathways) expect(t).toContain(pathwayText(p));
    for (const f of lesion.flags) expect(t).toContain(LESION_FLAGS.find((x) => x.code === f)?.label ?? f);
  }
  // The emergency banner is set in capitals for prominence, so patient flags compare case-insensitively.
  for (const f of scores.patient.flags) expect(t.toLowerCase()).toContain((PATIENT_FLAGS.find((x) => x.code === f)?.label ?? f).toLowerCase());
}

describe('cli report on the sample study', () => {
  beforeAll(() => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    // --deidentify without a salt keys the pseudonyms by the installation secret: this test's own, never the user's.
    writeFileSync(join(OUT, 'installation-secret'), `${'5'.repeat(64)}\n`);
    process.env[INSTALLATION_SECRET_ENV] = join(OUT, 'installation-secret');
  });

  it('writes PDF, text, SR, Encapsulated PDF and JSON that agree with cli score', async () => {
    const docPath = documentVariant('emergency-document', true);
    const o = (name: string): string => join(OUT, name);
    const run = await cli(['report', '--study', 'sample', '--annotations', docPath, '--pdf', o('report.pdf'), '--text', o('report.txt'), '--sr', o('sr.dcm'), '--encapsulated-pdf', o('epdf.dcm'), '--json', o('export.json')]);
    expect(run.err).toMatch(/wrote/);
    expect(run.code).toBe(0);
    // Patient data at rest: every output is readable by its owner only.
    for (const name of ['report.pdf', 'report.txt', 'sr.dcm', 'epdf.dcm', 'export.json']) expect(statSync(o(name)).mode & 0o777, name).toBe(0o600);

    const score = await cli(['score', docPath]);
    expect(score.code).toBe(0);
    const scores = JSON.parse(score.out) as ScoringOutput;
    expect(scores.patient.flags).toContain('mscc_emergency');
    const text = pdfText(o('report.pdf'));
    expectScoresInPdf(text, scores);
    // The emergency banner comes before the findings.
    expect(flat(text).indexOf('EMERGENCY')).toBeLessThan(flat(text).indexOf('Findings'));

    // Patient identification on every page, page numbers in the footer.
    const pages = pageCount(o('report.pdf'));
    expect(pages).toBeGreaterThan(1);
    for (let n = 1; n <= pages; n++) {
      const page = pdfText(o('report.pdf'), n);
      expect(page).toContain('PHANTOM, SPINE');
      expect(page).toContain('SYNTHETIC-0001');
      expect(page).toContain(`Page ${n} of ${pages}`);
    }
    execFileSync('pdftoppm', ['-r', '80', '-png', o('report.pdf'), o('page')]);
    expect(readdirSync(OUT).filter((f) => /^page-\d+\.png$/.test(f)).length).toBe(pages);

    // DICOM: dciodvfy without errors, same study, new series, pydicom reads both.
    for (const file of ['sr.dcm', 'epdf.dcm']) {
      const v = spawnSync('dciodvfy', [o(file)], { encoding: 'utf8' });
      const lines = `${v.stdout}${v.stderr}`.split('\n');
      expect(lines.filter((l) => l.startsWith('Error'))).toEqual([]);
    }
    const py = execFileSync('/usr/bin/python3', ['-c', [
      'import sys, pydicom',
      'sr = pydicom.dcmread(sys.argv[1]); pdf = pydicom.dcmread(sys.argv[2])',
      'print(sr.SOPClassUID, sr.StudyInstanceUID, sr.SeriesInstanceUID, sr.ContentSequence[0].ValueType)',
      'print(pdf.SOPClassUID, pdf.StudyInstanceUID, pdf.SeriesInstanceUID, bytes(pdf.EncapsulatedDocument)[:5].decode())',
    ].join('\n'), o('sr.dcm'), o('epdf.dcm')], { encoding: 'utf8' }).trim().split('\n');
    const [srLine = '', pdfLine = ''] = py.map((l) => l.split(' '));
    expect(srLine[0]).toBe('1.2.840.10008.5.1.4.1.1.88.33');
    expect(pdfLine[0]).toBe('1.2.840.10008.5.1.4.1.1.104.1');
    expect(srLine[1]).toBe(SAMPLE_UIDS.study);
    expect(pdfLine[1]).toBe(SAMPLE_UIDS.study);
    expect([SAMPLE_UIDS.ctSeries, SAMPLE_UIDS.mrSeries]).not.toContain(srLine[2]);
    expect(pdfLine[3]).toBe('%PDF-');
    const dump = execFileSync('dcmdump', ['+L', o('sr.dcm')], { encoding: 'utf8' });
    expect(dump).toContain('SINS total');
    expect(dump).toContain('{score}');
    expect(dump).toContain('SCOORD');

    // JSON export re-imported gives the same report text.
    const again = await cli(['report', '--study', 'sample', '--annotations', o('export.json'), '--text', o('report-again.txt')]);
    expect(again.code).toBe(0);
    expect(readFileSync(o('report-again.txt'), 'utf8')).toBe(readFileSync(o('report.txt'), 'utf8'));
  });

  it('--deidentify leaves none of the sample identifiers or UIDs in any output', async () => {
    const docPath = documentVariant('document', false);
    const o = (name: string): string => join(OUT, `deid-${name}`);
    const run = await cli(['report', '--study', 'sample', '--annotations', docPath, '--deidentify', '--page', 'Letter', '--pdf', o('report.pdf'), '--text', o('report.txt'), '--sr', o('sr.dcm'), '--encapsulated-pdf', o('epdf.dcm'), '--json', o('export.json')]);
    expect(run.code).toBe(0);
    const outputs = {
      pdf: pdfText(o('report.pdf')),
      text: readFileSync(o('report.txt'), 'utf8'),
      json: readFileSync(o('export.json'), 'utf8'),
      sr: execFileSync('dcmdump', ['+L', '-M', o('sr.dcm')], { encoding: 'utf8' }),
      epdf: execFileSync('dcmdump', ['+L', '-M', o('epdf.dcm')], { encoding: 'utf8' }),
    };
    const forbidden = ['PHANTOM^SPINE', 'PHANTOM, SPINE', 'SYNTHETIC-0001', '20000101', '2000-01-01', 'PHANTOM1', 'Dr Sample Reader', SAMPLE_UIDS.study, SAMPLE_UIDS.mrSeries, SAMPLE_UIDS.ctSeries, SAMPLE_UIDS.frameOfReference, SAMPLE_UIDS.instance('mr', 11)];
    const found = Object.entries(outputs).flatMap(([name, content]) => forbidden.filter((f) => content.includes(f)).map((f) => `${name}: ${f}`));
    expect(found).toEqual([]);
    expect(outputs.pdf).toContain('DEIDENTIFIED');
    for (const file of ['sr.dcm', 'epdf.dcm']) {
      const v = spawnSync('dciodvfy', [o(file)], { encoding: 'utf8' });
      expect(`${v.stdout}${v.stderr}`.split('\n').filter((l) => l.startsWith('Error'))).toEqual([]);
    }
  });

  it('prints the reader and the status: a draft says plainly it is one; a signed reading says who signed it and when', async () => {
    const o = (f: string): string => join(OUT, `status-${f}`);
    writeFileSync(o('draft.json'), JSON.stringify(sampleDocument(), null, 2));
    const draft = await cli(['report', '--study', 'sample', '--annotations', o('draft.json'), '--text', o('draft.txt')]);
    expect(draft.code).toBe(0);
    expect(draft.err).toContain(`report: reader ${SAMPLE_READER}; DRAFT: Draft: not signed by the reader.\n`);
    expect(draft.err).toContain('report: This reading is not signed: every output is marked DRAFT.\n');
    expect(readFileSync(o('draft.txt'), 'utf8')).toMatch(/^Spinal metastases: structured imaging report \(draft\)\nSTATUS: DRAFT\./);

    const signed = applyCommand(sampleDocument(), { type: 'signReport', args: { signer: 'Dr Ann Smith', organization: 'St Example', now: '2025-06-01T09:15:00.000Z' } });
    writeFileSync(o('signed.json'), JSON.stringify(signed, null, 2));
    const final = await cli(['report', '--study', 'sample', '--annotations', o('signed.json'), '--text', o('signed.txt')]);
    expect(final.code).toBe(0);
    expect(final.err).toContain('report: reader Dr Ann Smith; FINAL: Final: signed by Dr Ann Smith (St Example), 2025-06-01 09:15 UTC.\n');
    expect(final.err).not.toContain('not signed');
    expect(readFileSync(o('signed.txt'), 'utf8')).toContain('STATUS: FINAL.\nFinal: signed by Dr Ann Smith (St Example), 2025-06-01 09:15 UTC.');
  });

  // Was: the whole report refused ("the document cannot be scored") for a lesion without a level.
  it('reports a draft with an unplaced lesion ahead of a placed one, naming it in the text, the SR and on stderr', async () => {
    const doc = sampleDocument();
    doc.lesions = [{ ...defaultLesion('les-2', []), escc: '3' }, ...doc.lesions];
    const docPath = join(OUT, 'draft.json');
    writeFileSync(docPath, JSON.stringify(doc, null, 2));
    const o = (f: string): string => join(OUT, `draft-${f}`);
    const run = await cli(['report', '--study', 'sample', '--annotations', docPath, '--text', o('report.txt'), '--sr', o('sr.dcm')]);
    expect(run.code).toBe(0);
    expect(run.err).toContain('report: lesion 1 (les-2): level not assigned: not scored\n');
    expect(run.err).toContain('report: 1 lesion, 1 not yet scored,');
    const text = readFileSync(o('report.txt'), 'utf8');
    expect(text).toContain('Lesion 1 (level not assigned): level not assigned: not scored.');
    expect(text).toContain('Lesion 2: L1: lytic lesion with <50% vertebral body collapse, unilateral posterolateral involvement; ESCC grade 1b (low grade).');
    expect(text).not.toContain('ESCC grade 3');
    const v = spawnSync('dciodvfy', [o('sr.dcm')], { encoding: 'utf8' });
    expect(`${v.stdout}${v.stderr}`.split('\n').filter((l) => l.startsWith('Error'))).toEqual([]);
    expect(execFileSync('dcmdump', ['+L', o('sr.dcm')], { encoding: 'utf8' })).toContain('Lesion 1 (level not assigned): level not assigned: not scored');
  });
});
