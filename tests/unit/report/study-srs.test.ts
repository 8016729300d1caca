// report:study-srs on a real index: a study folder with the sample images, the SR this app wrote of a reading, and an
// SR of the same study from another program (a different template, no reading record). Ours comes back as its
// reading; the other as text with the note; nothing of another study is listed.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudyIndex } from '@shared/dicom/index-model';
import { buildComprehensiveSr } from '@shared/dicom/sr/index';
import { writePart10 } from '@shared/dicom/write/index';
import { FOREIGN_SR_NOTE } from '@shared/report/restore-reading';
import { SAMPLE_UIDS } from '@shared/sample';
import { ensureSampleStudy } from '../../../src-main/services/sample-study';
import { browserDataDir, sampleStudyDir } from '../../../src-main/services/app-paths';
import { produceReport } from '../../../src-main/services/report/produce';
import { studySrs } from '../../../src-main/services/report/study-srs';
import { indexSources } from '../../../src-main/services/study-index/indexer';
import type { StudySessions } from '../../../src-main/services/study-session';
import { sampleDocument, sampleStudyInfo } from '../../support/sample-document';

const PYDICOM_SR = '/usr/lib/python3/dist-packages/pydicom/data/test_files/test-SR.dcm';
let dir: string;
let index: StudyIndex;

/** The two calls studySrs makes, over a real index: only files the index holds are read. */
function sessions(): StudySessions {
  const byId = new Map(index.patients.flatMap((p) => p.studies.flatMap((s) => s.series.flatMap((se) => se.objects.map((o) => [o.id, o.file] as const)))));
  return {
    getIndex: async () => index,
    readInstance: async (_session: string, id: string) => {
      const ref = index.files[byId.get(id) ?? -1];
      if (ref === undefined || !('path' in ref)) throw new Error('not in the index');
      return new Uint8Array(readFileSync(ref.path));
    },
  } as unknown as StudySessions;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'study-srs-'));
  const sample = await ensureSampleStudy(sampleStudyDir(browserDataDir()));
  sample.files.forEach((file, i) => copyFileSync(file, join(dir, `${i}-${basename(file)}`)));
  const doc = { ...sampleDocument(), reader: { name: 'Dr Archived Reader' } };
  const produced = await produceReport({ studyPaths: [dir], document: doc, loadNotes: [], want: { pdf: false, sr: true, encapsulatedPdf: false, deidentifiedImages: false } });
  writeFileSync(join(dir, 'ours.dcm'), produced.sr ?? new Uint8Array());
  // Another program's SR of the same study: a plain text report, no reading record.
  const other = { seriesInstanceUID: '2.25.41', sopInstanceUID: '2.25.42', seriesNumber: 50, instanceNumber: 1, contentDate: '20250602', contentTime: '090000', manufacturer: 'Other Vendor', softwareVersion: '1', seriesDescription: 'Dictated report' };
  writeFileSync(join(dir, 'other.dcm'), writePart10(buildComprehensiveSr({
    study: sampleStudyInfo(),
    instance: other,
    content: [{ relationship: 'CONTAINS', type: 'TEXT', concept: { value: '121071', scheme: 'DCM', meaning: 'Finding' }, text: 'Lytic lesion of L1.' }],
    evidence: [],
  })));
  copyFileSync(PYDICOM_SR, join(dir, 'another-study.dcm'));
  index = await indexSources([dir]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('report:study-srs', () => {
  it('our SR as its reading, the other as text with the note, another study not listed', async () => {
    const found = await studySrs(sessions(), 's', SAMPLE_UIDS.study);
    expect(found.readings.map((r) => r.document.reader.name)).toEqual(['Dr Archived Reader']);
    expect(found.readings[0]?.document.lesions).toEqual(sampleDocument().lesions);
    expect(found.others).toEqual([{ sopInstanceUID: '2.25.42', note: FOREIGN_SR_NOTE, text: expect.stringContaining('Finding: Lytic lesion of L1.') }]);
  });

  it('a study without SRs has none', async () => {
    expect(await studySrs(sessions(), 's', '2.25.999')).toEqual({ readings: [], others: [] });
  });
});
