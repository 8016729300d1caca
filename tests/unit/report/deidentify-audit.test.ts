// De-identification audit: every output of a de-identified export (text, HTML, PDF text, JSON, SR and
// Encapsulated PDF as dcmdump sees them, plus their raw bytes) is searched for the original identifiers; so are
// de-identified copies of real images (several encodings) and of the images a CLI report run references, which must
// also keep their pixels, gain no dciodvfy error and be the images the SR of the same run points at.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveReading } from '@shared/reading/derive';
import {
  buildReport, chooseKeyImages, deidentifyDocument, deidentifyStudyInfo, identifiersOf, pdfFooterTemplate, pdfHeaderTemplate,
  identifierPattern, remapUid, renderReportHtml, renderReportText, deidentifyImage,
} from '@shared/report/index';
import { dispatch } from '../../../src-main/cli/dispatch';
import { ensureSampleStudy } from '../../../src-main/services/sample-study';
import { browserDataDir, sampleStudyDir } from '../../../src-main/services/app-paths';
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
    const reading = deriveReading(original);
    const keyImages = chooseKeyImages(doc, info);
    const model = buildReport({ document: doc, study: info, reading, keyImages, deidentified: true });
    const html = renderReportHtml(model);
    const text = renderReportText(model);
    const json = exportDocumentJson(doc);
    const pdf = await htmlToPdf(html, { page: 'A4', headerTemplate: pdfHeaderTemplate(model), footerTemplate: pdfFooterTemplate(model) });
    const now = new Date('2025-06-01T08:00:00Z');
    const sr = exportStructuredReport({ model, document: doc, study: info, now });
    const epdf = exportEncapsulatedPdf({ model, document: doc, study: info, now, pdf, sources: sr.evidence });
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

// ---- De-identified copies of the images themselves ----------------------------------------------------------------

/**
 * For each [original, copy] pair, pydicom reports: the original's identifying strings (names, IDs, dates, UIDs other
 * than the standard's own, institution, descriptions), the copy's private tags (there must be none), dated elements with a
 * value, whether the pixel data bytes are identical and whether both decode to the same array.
 */
const PAIR_AUDIT = `
import sys, json, pydicom
ID_KEYWORDS = {'PatientID', 'OtherPatientIDs', 'InstitutionName', 'InstitutionAddress', 'InstitutionalDepartmentName',
  'AccessionNumber', 'StudyID', 'StudyDescription', 'SeriesDescription', 'StationName', 'DeviceSerialNumber',
  'ProtocolName', 'ImageComments', 'PerformedProcedureStepDescription', 'RequestedProcedureDescription',
  'AdditionalPatientHistory', 'PatientAddress', 'MedicalRecordLocator'}
def strings(ds, out, private_out=None):
  for el in ds:
    if el.VR == 'SQ':
      for item in el.value: strings(item, out, private_out)
      continue
    if el.tag.is_private and private_out is not None: private_out.append(str(el.tag))
    vals = el.value if isinstance(el.value, pydicom.multival.MultiValue) else [el.value]
    for v in vals:
      if v is None or isinstance(v, (bytes, bytearray)): continue
      s = str(v).strip()
      if len(s) < 4: continue
      # The implementation class UID names the writing software, not the patient or study.
      if el.VR == 'UI' and not s.startswith('1.2.840.10008.') and el.keyword != 'ImplementationClassUID': out.add(s)
      elif el.VR in ('PN', 'DA', 'DT'): out.add(s)
      elif el.keyword in ID_KEYWORDS: out.add(s)
def dated(ds, out):
  for el in ds:
    if el.VR == 'SQ':
      for item in el.value: dated(item, out)
    elif el.VR in ('DA', 'DT', 'TM') and el.value not in (None, ''): out.append(el.keyword)
def decoded_same(a, b):
  try:
    import numpy
    return bool(numpy.array_equal(a.pixel_array, b.pixel_array))
  except Exception as e:
    return 'not decodable here: ' + type(e).__name__
result = []
for orig_path, copy_path in json.load(open(sys.argv[1])):
  a = pydicom.dcmread(orig_path); b = pydicom.dcmread(copy_path)
  forbidden = set(); strings(a, forbidden); strings(a.file_meta, forbidden)
  private = []; strings(b, set(), private)
  d = []; dated(b, d)
  result.append({'copy': copy_path, 'forbidden': sorted(forbidden), 'private': private, 'dated': d,
    'rawSame': a.PixelData == b.PixelData, 'decodedSame': decoded_same(a, b),
    'removed': str(b.get('PatientIdentityRemoved', '')), 'method': [c.CodeValue for c in b.get('DeidentificationMethodCodeSequence', [])]})
print(json.dumps(result))
`;

interface PairAudit {
  copy: string;
  forbidden: string[];
  private: string[];
  dated: string[];
  rawSame: boolean;
  decodedSame: boolean | string;
  removed: string;
  method: string[];
}

const dciodvfyErrors = (path: string): Set<string> => {
  const v = spawnSync('dciodvfy', [path], { encoding: 'utf8' });
  return new Set(`${v.stdout}${v.stderr}`.split('\n').filter((l) => l.startsWith('Error')));
};

/** Audits copies against their originals; returns the problems found (empty when clean). */
function auditPairs(pairs: Array<[string, string]>, alsoForbidden: readonly string[] = []): { problems: string[]; audits: PairAudit[] } {
  const list = join(OUT, 'pairs.json');
  writeFileSync(list, JSON.stringify(pairs));
  const audits = JSON.parse(execFileSync('/usr/bin/python3', ['-c', PAIR_AUDIT, list], { encoding: 'utf8', maxBuffer: 64 << 20 })) as PairAudit[];
  const problems: string[] = [];
  audits.forEach((a, i) => {
    const [original, copy] = pairs[i] ?? ['', ''];
    const dump = execFileSync('dcmdump', ['+L', copy], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const bytes = readFileSync(copy).toString('latin1');
    for (const id of [...a.forbidden, ...alsoForbidden]) if (dump.includes(id) || bytes.includes(id)) problems.push(`${copy}: holds "${id}"`);
    if (a.private.length > 0) problems.push(`${copy}: private tags ${a.private.join(' ')}`);
    if (a.dated.length > 0) problems.push(`${copy}: dates/times kept in ${a.dated.join(' ')}`);
    if (!a.rawSame) problems.push(`${copy}: pixel data bytes differ`);
    if (a.decodedSame !== true && !(typeof a.decodedSame === 'string' && a.decodedSame.startsWith('not decodable'))) problems.push(`${copy}: decoded pixels differ`);
    if (a.removed !== 'YES' || !a.method.includes('113100')) problems.push(`${copy}: PatientIdentityRemoved/method code missing`);
    const before = dciodvfyErrors(original);
    const added = [...dciodvfyErrors(copy)].filter((l) => !before.has(l));
    if (added.length > 0) problems.push(`${copy}: new dciodvfy errors: ${added.join(' | ')}`);
  });
  return { problems, audits };
}

const DATA = resolve(__dirname, '../../../../shared/data/dicom');
const CT_IMAGES = join(DATA, 'corpus/cornerstoneWADOImageLoader/testImages');

describe('de-identified image copies', () => {
  it('real files in several encodings: no identifier, no private tag, no date left; same pixels; no new dciodvfy error', () => {
    const dir = join(OUT, 'images-real');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const originals = [
      join(DATA, 'spine/lumbar-mr-axial-t2/IM01.dcm'), // implicit VR little endian, real GE MR
      join(DATA, 'spine/thoracolumbar-ct/axial/IM0001.dcm'),
      ...['LittleEndianImplicitTransferSyntax_1.2.840.10008.1.2', 'JPEGProcess1TransferSyntax_1.2.840.10008.1.2.4.50', 'JPEGProcess14SV1TransferSyntax_1.2.840.10008.1.2.4.70', 'RLELosslessTransferSyntax_1.2.840.10008.1.2.5', 'JPEG2000LosslessOnlyTransferSyntax_1.2.840.10008.1.2.4.90', 'JPEGLSLosslessTransferSyntax_1.2.840.10008.1.2.4.80']
        .map((s) => join(CT_IMAGES, `CTImage.dcm_${s}.dcm`)),
    ];
    const salt = 'image-audit';
    const pairs: Array<[string, string]> = originals.map((path, i) => {
      const copy = deidentifyImage(new Uint8Array(readFileSync(path)), { salt });
      const out = join(dir, `${i}-${copy.sopInstanceUID}.dcm`);
      writeFileSync(out, copy.bytes);
      // Encapsulated pixel data keeps its transfer syntax; implicit VR becomes explicit.
      expect(copy.transferSyntaxUID).toBe(/Implicit|IM01|IM0001/.test(path) && !/JPEG|RLE/.test(path) ? '1.2.840.10008.1.2.1' : /_(1\.2\.840\.10008\.[\d.]+)\.dcm$/.exec(path)?.[1]);
      return [path, out];
    });
    const { problems, audits } = auditPairs(pairs);
    expect(problems).toEqual([]);
    // The audit looked for something: each original had names/dates/UIDs to lose.
    for (const a of audits) expect(a.forbidden.length).toBeGreaterThan(2);
    // Decoded, not just byte-compared, wherever pydicom has a decoder here (native, RLE, JPEG via GDCM).
    expect(audits.filter((a) => a.decodedSame === true).length).toBeGreaterThanOrEqual(4);
    // Refused with a reason rather than half-done.
    expect(() => deidentifyImage(new Uint8Array(readFileSync(join(CT_IMAGES, 'CTImage.dcm_BigEndianExplicitTransferSyntax_1.2.840.10008.1.2.2.dcm'))), { salt })).toThrow(/big endian/);
  });

  it('cli report --deidentify-images: copies of the referenced images that the SR and JSON of the same run point at', async () => {
    const dir = join(OUT, 'images-cli');
    rmSync(dir, { recursive: true, force: true });
    const docPath = join(OUT, 'cli-document.json');
    writeFileSync(docPath, JSON.stringify(sampleDocument()));
    const salt = 'cli-image-audit';
    const io = { out: '', err: '', readFile: (p: string) => Promise.resolve(readFileSync(p, 'utf8')), readStdin: () => Promise.resolve(''), stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
    const code = await dispatch(['report', '--study', 'sample', '--annotations', docPath, '--deidentify-salt', salt, '--sr', join(OUT, 'cli-sr.dcm'), '--json', join(OUT, 'cli-doc.json'), '--deidentify-images', dir], io);
    expect(io.err).toMatch(/\d+ de-identified images? in /);
    expect(code).toBe(0);
    const copies = readdirSync(dir).map((f) => join(dir, f));
    const { files } = await ensureSampleStudy(sampleStudyDir(browserDataDir()));
    // Pair each copy with its original through the run's own UID mapping.
    const sops = JSON.parse(execFileSync('/usr/bin/python3', ['-c', 'import sys, json, pydicom\nprint(json.dumps([str(pydicom.dcmread(f, stop_before_pixels=True).SOPInstanceUID) for f in sys.argv[1:]]))', ...files], { encoding: 'utf8', maxBuffer: 64 << 20 })) as string[];
    const byNewUid = new Map(files.map((f, i) => [remapUid(sops[i] ?? '', { salt }), f]));
    const pairs = copies.map((c): [string, string] => [byNewUid.get(/([\d.]+)\.dcm$/.exec(c)?.[1] ?? '') ?? 'missing', c]);
    expect(pairs.filter(([o]) => o === 'missing')).toEqual([]);
    // Every image the document references, plus the proposed key images.
    const doc = sampleDocument();
    const referenced = new Set([...doc.labels.map((l) => l.sourceInstance.sopInstanceUID), ...doc.measurements.map((m) => m.sourceInstance.sopInstanceUID)]);
    for (const sop of referenced) expect(copies.map((c) => c.includes(remapUid(sop, { salt })))).toContain(true);

    const { problems } = auditPairs(pairs, ['PHANTOM^SPINE', 'SYNTHETIC-0001', SAMPLE_UIDS.study, SAMPLE_UIDS.mrSeries, SAMPLE_UIDS.ctSeries, SAMPLE_UIDS.frameOfReference]);
    expect(problems).toEqual([]);

    // The SR's image references and study, the JSON's study, and the copies agree.
    const srDump = execFileSync('dcmdump', ['+L', join(OUT, 'cli-sr.dcm')], { encoding: 'utf8' });
    const srRefs = new Set([...srDump.matchAll(/\(0008,1155\) UI \[([\d.]+)\]/g)].map((m) => m[1]));
    const copyUids = new Set(copies.map((c) => /([\d.]+)\.dcm$/.exec(c)?.[1]));
    expect(srRefs.size).toBeGreaterThan(0);
    for (const ref of srRefs) expect(copyUids.has(ref)).toBe(true);
    const newStudy = remapUid(SAMPLE_UIDS.study, { salt });
    expect(JSON.parse(readFileSync(join(OUT, 'cli-doc.json'), 'utf8')).studyInstanceUID).toBe(newStudy);
    const srPatientId = /\(0010,0020\) LO \[([^\]]*)\]/.exec(srDump)?.[1];
    for (const c of copies) {
      const dump = execFileSync('dcmdump', ['+L', c], { encoding: 'utf8' });
      expect(dump).toContain(`(0020,000d) UI [${newStudy}]`);
      expect(dump).toContain(`(0010,0020) LO [${srPatientId}]`);
    }
  });
});
