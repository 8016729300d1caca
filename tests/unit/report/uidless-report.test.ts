// `cli report --sr --encapsulated-pdf` on a real study whose files have no UIDs (built at run time): both outputs
// pass dciodvfy with 0 errors, carry the study's derived identity as StudyInstanceUID (valid, the same in both, the
// one the index gives), and the SR references the annotated images by their derived SOP Instance UIDs. The same for
// de-identified outputs and the de-identified copies of the images.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidUid } from '@shared/dicom/write/uid';
import type { StudyIndex } from '@shared/dicom/index-model';
import { dispatch } from '../../../src-main/cli/dispatch';
import type { CliIo } from '../../../src-main/cli/io';
import { indexSources } from '../../../src-main/services/study-index/indexer';
import { documentOnStudy, findStudy } from '../../support/document-on-index';
import { makeUidlessStudies } from '../../support/uidless-studies';
import type { UidlessStudies } from '../../support/uidless-studies';
import { dciodvfyFindings, PYTHON, run } from '../dicom-write/external-tools';

async function cli(args: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const io: CliIo = {
    readFile: (path: string) => Promise.resolve(execFileSync('cat', [path], { encoding: 'utf8' })),
    readStdin: () => Promise.resolve(''),
    stdout: () => undefined,
    stderr: (t: string) => {
      err += t;
    },
  };
  const code = await dispatch(args, io);
  return { code, err };
}

interface DicomSummary {
  study: string;
  series: string;
  sop: string;
  evidence: string[];
  evidenceSeries: string[];
  contentImages: string[];
  patient: string;
}

/** pydicom's reading of an output: UIDs, the evidence list and every IMAGE item of the content tree. */
function summary(file: string): DicomSummary {
  const script = [
    'import json, sys, pydicom',
    'ds = pydicom.dcmread(sys.argv[1])',
    'ev = [i for s in list(ds.get("CurrentRequestedProcedureEvidenceSequence", [])) + list(ds.get("SourceInstanceSequence", [])) for i in ([s] if "ReferencedSOPInstanceUID" in s else [r for se in s.get("ReferencedSeriesSequence", []) for r in se.ReferencedSOPSequence])]',
    'evs = [se.SeriesInstanceUID for s in ds.get("CurrentRequestedProcedureEvidenceSequence", []) for se in s.get("ReferencedSeriesSequence", [])]',
    'imgs = []',
    'def walk(items):',
    '    for it in items:',
    '        if it.get("ValueType") == "IMAGE": imgs.extend(r.ReferencedSOPInstanceUID for r in it.ReferencedSOPSequence)',
    '        walk(it.get("ContentSequence", []))',
    'walk(ds.get("ContentSequence", []))',
    'print(json.dumps({"study": ds.StudyInstanceUID, "series": ds.SeriesInstanceUID, "sop": ds.SOPInstanceUID, "evidence": [r.ReferencedSOPInstanceUID for r in ev], "evidenceSeries": evs, "contentImages": imgs, "patient": str(ds.PatientName)}))',
  ].join('\n');
  const r = run(PYTHON, ['-c', script, file]);
  if (r.status !== 0) throw new Error(`pydicom could not read ${file} (install Debian's python3-pydicom): ${r.stderr}`);
  return JSON.parse(r.stdout) as DicomSummary;
}

function dciodvfyErrors(file: string): string[] {
  const v = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
  if (v.error) throw new Error('dciodvfy is not installed (apt-get install dicom3tools)');
  return dciodvfyFindings({ status: v.status, stdout: v.stdout, stderr: v.stderr }).errors;
}

let data: UidlessStudies;
let out: string;
let index: StudyIndex;
beforeAll(async () => {
  data = makeUidlessStudies();
  out = mkdtempSync(join(tmpdir(), 'uidless-report-'));
  index = await indexSources([data.root]);
});
afterAll(() => {
  data.remove();
  rmSync(out, { recursive: true, force: true });
});

describe('cli report on a study whose files have no UIDs', () => {
  const cases = [
    { name: 'identified', patient: 'OTHER^BETA', deidentify: false },
    { name: 'de-identified, with image copies', patient: 'OTHER^ALPHA', deidentify: true },
  ];
  it.each(cases)('$name: SR and encapsulated PDF pass dciodvfy, share a valid study UID and reference the images', async ({ name, patient, deidentify }) => {
    const { patient: p, study } = findStudy(index, patient);
    expect(study.uidDerived).toBe(true);
    const doc = documentOnStudy(p, study);
    expect(doc.labels.length).toBeGreaterThan(1);
    const dir = join(out, name.replace(/\W+/g, '-'));
    const docPath = join(out, `${name.replace(/\W+/g, '-')}.json`);
    writeFileSync(docPath, JSON.stringify(doc));
    const sr = join(dir, 'out-sr.dcm');
    const pdf = join(dir, 'out-pdf.dcm');
    const images = join(dir, 'images');
    const text = join(dir, 'report.txt');
    const args = ['report', '--study', data.root, '--annotations', docPath, '--sr', sr, '--encapsulated-pdf', pdf, '--text', text];
    const result = await cli(deidentify ? [...args, '--deidentify-images', images, '--deidentify-salt', 'test-salt'] : args);
    expect(result.err).toMatch(/wrote/);
    expect(result.code).toBe(0);

    const files = deidentify ? [sr, pdf, ...readdirSync(images).map((f) => join(images, f))] : [sr, pdf];
    for (const file of files) expect(dciodvfyErrors(file), file).toEqual([]);

    // The report says how the study and its images are identified.
    const words = execFileSync('cat', [text], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(words).toContain('The files carry no valid StudyInstanceUID');
    const referencedCount = new Set(doc.labels.map((l) => l.sourceInstance.sopInstanceUID)).size;
    expect(words).toContain(referencedCount === 1 ? '1 referenced image has no SOP Instance UID in its file' : `${referencedCount} referenced images have no SOP Instance UID in their files`);

    const s = summary(sr);
    const e = summary(pdf);
    expect(isValidUid(s.study)).toBe(true);
    expect(e.study).toBe(s.study);
    if (!deidentify) expect(s.study).toBe(study.uid);
    else expect(s.study).not.toBe(study.uid);
    // The annotated images, by their derived UIDs (remapped when de-identified), in the evidence and the content tree.
    const referenced = new Set(doc.labels.map((l) => l.sourceInstance.sopInstanceUID));
    expect(s.evidence).toHaveLength(referenced.size);
    expect(new Set(s.contentImages)).toEqual(new Set(s.evidence));
    for (const uid of [...s.evidence, ...s.evidenceSeries]) expect(isValidUid(uid), uid).toBe(true);
    if (!deidentify) expect(new Set(s.evidence)).toEqual(referenced);
    // The encapsulated PDF names the same images as its source.
    expect(new Set(e.evidence)).toEqual(new Set(s.evidence));
    if (deidentify) {
      const copies = files.slice(2).map(summary);
      expect(copies.length).toBeGreaterThan(0);
      for (const c of copies) {
        expect(c.study).toBe(s.study);
        expect(c.patient).not.toContain('ALPHA');
      }
      expect(new Set(copies.map((c) => c.sop))).toEqual(new Set(s.evidence));
    }
  });
});
