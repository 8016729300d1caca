// De-identification audit: every output of a de-identified export (text, HTML, PDF text, JSON, SR and
// Encapsulated PDF as dcmdump sees them, plus their raw bytes) is searched for the original identifiers.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectToScoring } from '@shared/annotation/project-to-scoring';
import { parseScoringInput, scoreStudy } from '@shared/scoring/index';
import {
  buildReport, chooseKeyImages, deidentifyDocument, deidentifyStudyInfo, identifiersOf, pdfFooterTemplate, pdfHeaderTemplate,
  identifierPattern, remapUid, renderReportHtml, renderReportText,
} from '@shared/report/index';
import { SAMPLE_UIDS } from '@shared/sample';
import { htmlToPdf } from '../../../src-main/services/report/pdf-chromium';
import { exportEncapsulatedPdf, exportStructuredReport } from '../../../src-main/services/report/export-dicom';
import { exportDocumentJson } from '../../../src-main/services/report/export-json';
import { sampleDocument, sampleStudyInfo } from '../../support/sample-document';

const OUT = resolve(__dirname, '../../output/report/deid-audit');

const IDENTIFIED = {
  patientName: 'DOE^JANE',
  patientId: 'MRN-778899',
  patientBirthDate: '19610405',
  studyDate: '20240312',
  accessionNumber: 'ACC-55120',
  institutionName: 'St Example Hospital',
  referringPhysician: 'WHO^REFERRER',
  studyId: 'ST-4411',
};

describe('de-identified export audit', () => {
  it('no output holds an original identifier or UID; remapped UIDs agree across outputs', async () => {
    mkdirSync(OUT, { recursive: true });
    const study = sampleStudyInfo(IDENTIFIED);
    const original = sampleDocument();
    original.report.impression = 'Compared with the outside study of Jane Doe (MRN-778899), St Example Hospital.';
    const salt = 'audit-salt';
    const doc = deidentifyDocument(original, study, { salt });
    const info = deidentifyStudyInfo(study, { salt });
    const projection = projectToScoring(doc);
    const parsed = parseScoringInput(projection.input);
    if (!parsed.ok) throw new Error('document does not score');
    const scores = scoreStudy(parsed.value);
    const keyImages = chooseKeyImages(doc, info);
    const model = buildReport({ document: doc, study: info, scores, keyImages, deidentified: true });
    const html = renderReportHtml(model);
    const text = renderReportText(model);
    const json = exportDocumentJson(doc);
    const pdf = await htmlToPdf(html, { page: 'A4', headerTemplate: pdfHeaderTemplate(model), footerTemplate: pdfFooterTemplate(model) });
    const now = new Date('2025-06-01T08:00:00Z');
    const sr = exportStructuredReport({ model, document: doc, scores, study: info, now });
    const epdf = exportEncapsulatedPdf({ model, document: doc, scores, study: info, now, pdf, sources: sr.evidence });
    const files = { 'report.pdf': pdf, 'report.txt': text, 'report.html': html, 'document.json': json, 'sr.dcm': sr.bytes, 'epdf.dcm': epdf };
    for (const [name, data] of Object.entries(files)) writeFileSync(join(OUT, name), data);

    const outputs: Record<string, string> = {
      text,
      html,
      json,
      pdfText: execFileSync('pdftotext', [join(OUT, 'report.pdf'), '-'], { encoding: 'utf8' }),
      srDump: execFileSync('dcmdump', ['+L', '-M', join(OUT, 'sr.dcm')], { encoding: 'utf8' }),
      epdfDump: execFileSync('dcmdump', ['+L', '-M', join(OUT, 'epdf.dcm')], { encoding: 'utf8' }),
      srBytes: Buffer.from(sr.bytes).toString('latin1'),
      epdfBytes: Buffer.from(epdf).toString('latin1'),
    };
    const forbidden = [
      ...identifiersOf(study, original),
      '2024-03-12', '1961-04-05', 'Jane Doe',
      SAMPLE_UIDS.study, SAMPLE_UIDS.mrSeries, SAMPLE_UIDS.frameOfReference,
      ...study.series.flatMap((s) => s.instances.map((i) => i.sopInstanceUID)),
    ];
    expect(forbidden).toEqual(expect.arrayContaining(['DOE^JANE', 'MRN-778899', '19610405', '20240312', 'ACC-55120', 'St Example Hospital', 'ST-4411', 'Dr Sample Reader']));
    const found: string[] = [];
    for (const [name, content] of Object.entries(outputs)) {
      for (const id of forbidden) if (identifierPattern(id).test(content)) found.push(`${name}: ${id}`);
    }
    expect(found).toEqual([]);

    // One mapping across outputs: the SR and the JSON name the same (remapped) study and instances.
    const newStudy = remapUid(SAMPLE_UIDS.study, { salt });
    expect(JSON.parse(json).studyInstanceUID).toBe(newStudy);
    expect(outputs.srDump).toContain(newStudy);
    expect(outputs.epdfDump).toContain(newStudy);
    const labelSop = doc.labels[0]?.sourceInstance.sopInstanceUID ?? '';
    expect(outputs.srDump).toContain(labelSop);
    expect(outputs.srDump).toContain('(0012,0062) CS [YES]');
    expect(outputs.pdfText).toContain('DEID-');
    expect(outputs.pdfText).toContain('[removed]');
  });
});
