// `import-sr` in process: our SR (written by the report's own builders) is restored into the document it came from;
// another program's SR is printed as text with the note and exit 2; bad input is one plain line, exit 2.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildComprehensiveSr } from '@shared/dicom/sr/index';
import { writePart10 } from '@shared/dicom/write/index';
import { deriveReading } from '@shared/reading/derive';
import { buildReport } from '@shared/report/model';
import { SR_SCHEMES, buildSrContent } from '@shared/report/sr-content';
import { runImportSr } from '../../../src-main/cli/commands/import-sr';
import type { CliIo } from '../../../src-main/cli/io';
import { sampleDocument, sampleStudyInfo } from '../../support/sample-document';
import { DICOM_DATA } from '../../support/shared-data';

const PYDICOM_SR = '/usr/lib/python3/dist-packages/pydicom/data/test_files/test-SR.dcm';
const dir = mkdtempSync(join(tmpdir(), 'import-sr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeIo() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { readFile: async () => '', readStdin: async () => '', stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

function ourSr(): string {
  const doc = sampleDocument();
  const study = sampleStudyInfo();
  const model = buildReport({ document: doc, study, reading: deriveReading(doc) });
  const content = buildSrContent(model, doc, study);
  const instance = { seriesInstanceUID: '2.25.31', sopInstanceUID: '2.25.32', seriesNumber: 9001, instanceNumber: 1, contentDate: '20250601', contentTime: '080000', manufacturer: 'spine-met-annotator', softwareVersion: 'test', seriesDescription: 'test' };
  const file = join(dir, 'ours.dcm');
  writeFileSync(file, writePart10(buildComprehensiveSr({ study, instance, content: content.items, evidence: content.evidence, localSchemes: SR_SCHEMES })));
  return file;
}

describe('cli import-sr', () => {
  it('restores our SR into the document it was written from (0600), exit 0', async () => {
    const out = join(dir, 'doc.json');
    const { io, stderr } = fakeIo();
    expect(await runImportSr([ourSr(), '--out', out], io)).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(sampleDocument());
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(stderr()).toMatch(/^restored the draft reading \(.*; 1 lesion, \d+ level labels, \d+ measurements?\) into /);
  });

  it("another program's SR: its text on stdout, the note on stderr, nothing written, exit 2", async () => {
    const out = join(dir, 'foreign.json');
    const { io, stdout, stderr } = fakeIo();
    expect(await runImportSr([PYDICOM_SR, '--out', out], io)).toBe(2);
    expect(stdout()).toMatch(/^Diagnosis \(Comprehensive SR Storage\)\n/);
    expect(stderr()).toMatch(/was not written by this app, so the reading cannot be restored from it/);
    expect(() => statSync(out)).toThrow();
  });

  it.each<[string, () => string[], RegExp]>([
    ['no file', () => ['--out', join(dir, 'x.json')], /^the SR file is required/],
    ['no --out', () => [PYDICOM_SR], /^--out is required/],
    ['missing file', () => [join(dir, 'nope.dcm'), '--out', join(dir, 'x.json')], /nope\.dcm: no such file$/m],
    ['not DICOM', () => { const f = join(dir, 'text.dcm'); writeFileSync(f, 'hello'); return [f, '--out', join(dir, 'x.json')]; }, /text\.dcm: The file is not a DICOM file\.$/m],
    ['an image, not an SR', () => [ctImage(), '--out', join(dir, 'x.json')], /The file is not a structured report \(it is CT Image Storage\)\./],
  ])('%s: one plain line, exit 2', async (_name, args, message) => {
    const { io, stderr } = fakeIo();
    expect(await runImportSr(args(), io)).toBe(2);
    expect(stderr()).toMatch(message);
  });
});

function ctImage(): string {
  const axial = join(DICOM_DATA, 'spine/thoracolumbar-ct/axial');
  return join(axial, readdirSync(axial).filter((f) => !f.startsWith('.')).sort()[0] ?? '');
}
