import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { SAMPLE_UIDS } from '../../shared/sample';
import { DraftStore } from '../../src-main/services/draft-store/index';
import { ensureSampleStudy } from '../../src-main/services/sample-study';
import { browserDataDir, sampleStudyDir } from '../../src-main/services/app-paths';
import { produceReport } from '../../src-main/services/report/produce';
import { buildComprehensiveSr } from '../../shared/dicom/sr/index';
import { writePart10 } from '../../shared/dicom/write/index';
import { deriveReading } from '../../shared/reading/derive';
import { buildReport } from '../../shared/report/model';
import { buildSrContent } from '../../shared/report/sr-content';
import { startE2eHost, type E2eHost } from '../support/e2e-host';
import { sampleDocument, sampleStudyInfo } from '../support/sample-document';
import { collectProblems, cspViolations, recordCspViolations, scrollAndClick, waitForImages } from '../support/viewer-page';

// Issue 13, item 5, in the app (browser mode): a study folder holding the sample images and the SR this app wrote of
// an earlier reading; the reader has a different draft of the same study. The Report column offers "Restore reading
// from SR", says a draft exists and asks; replacing restores the SR's reading (its reader, its ESCC grade, its note)
// and sets the draft aside, not deleted.
const projectDir = join(import.meta.dirname, '..', '..');
const outDir = join(projectDir, 'tests', 'output', 'e2e-restore-sr');
const studyDir = join(outDir, 'study');
const draftsDir = join(outDir, 'drafts');

const PYDICOM_SR = '/usr/lib/python3/dist-packages/pydicom/data/test_files/test-SR.dcm';
let app: E2eHost;

/** Our SR of a reading of another study (same patient): restorable, but not into the open study. */
function otherStudySr(): Uint8Array {
  const doc = { ...sampleDocument(), studyInstanceUID: '2.25.310000000000000000000000000000077' };
  const study = { ...sampleStudyInfo(), studyInstanceUID: doc.studyInstanceUID };
  const content = buildSrContent(buildReport({ document: doc, study, reading: deriveReading(doc) }), doc, study);
  const instance = { seriesInstanceUID: '2.25.51', sopInstanceUID: '2.25.52', seriesNumber: 9001, instanceNumber: 1, contentDate: '20250601', contentTime: '080000', manufacturer: 'spine-met-annotator', softwareVersion: 'test', seriesDescription: 'test' };
  return writePart10(buildComprehensiveSr({ study, instance, content: content.items, evidence: content.evidence }));
}

/** The archived reading: another reader, ESCC 2, its own note (the draft has the sample's 1b). */
function archivedReading() {
  const doc = sampleDocument();
  doc.reader = { name: 'Dr Archived Reader' };
  doc.lesions = doc.lesions.map((l) => ({ ...l, escc: '2' as const, note: 'Reading kept in the PACS as an SR.' }));
  return doc;
}

test.beforeAll(async () => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(studyDir, { recursive: true });
  // The sample's generated images (not the shared data), and the SR of the archived reading, in one folder.
  const sample = await ensureSampleStudy(sampleStudyDir(browserDataDir()));
  sample.files.forEach((file, i) => copyFileSync(file, join(studyDir, `${i}-${basename(file)}`)));
  const produced = await produceReport({ studyPaths: [studyDir], document: archivedReading(), loadNotes: [], want: { pdf: false, sr: true, encapsulatedPdf: false, deidentifiedImages: false } });
  if (produced.sr === undefined) throw new Error('no SR was produced');
  writeFileSync(join(studyDir, 'reading-sr.dcm'), produced.sr);
  writeFileSync(join(outDir, 'other-study-sr.dcm'), otherStudySr());
  // The host starts on this folder (as a restarted host reopens the last study).
  const lastStudyFile = join(outDir, 'last-study.json');
  writeFileSync(lastStudyFile, JSON.stringify({ version: 1, source: { kind: 'paths', paths: [studyDir] }, patientName: '', description: '', studyDate: '' }));
  const drafts = new DraftStore(draftsDir);
  await drafts.save(SAMPLE_UIDS.study, sampleDocument());
  app = await startE2eHost(drafts, { lastStudyFile });
});

test.afterAll(async () => {
  await app.close();
});

const readingDoc = (page: Page) => page.evaluate(() => window.__readingModel?.document() ?? null);

test('restore a reading from the study\'s SR: offered, a draft is named and kept aside, the SR\'s reading comes back', async ({ page }) => {
  const problems = collectProblems(page);
  await recordCspViolations(page);
  await page.goto(app.host.url);
  await page.getByTestId('resume-draft').click();
  await waitForImages(page);
  await expect.poll(async () => (await readingDoc(page))?.lesions[0]?.escc).toBe('1b');

  await page.getByRole('tab', { name: 'Report' }).click();
  const card = page.getByTestId('restore-sr');
  await expect(card).toContainText('A reading written by this app, saved');
  await expect(card).toContainText('Reader: Dr Archived Reader; 1 lesion');
  await scrollAndClick(card.getByRole('button', { name: 'Restore reading from SR' }));
  // A draft exists: said, and asked; nothing replaced yet.
  const ask = card.getByRole('alertdialog', { name: 'Replace the draft?' });
  await expect(ask).toContainText('This study already has a draft (1 lesion');
  expect((await readingDoc(page))?.lesions[0]?.escc).toBe('1b');
  await scrollAndClick(ask.getByRole('button', { name: "Replace the draft with the SR's reading" }));

  await expect(card.getByRole('status')).toContainText('Reading restored from the structured report of');
  await expect.poll(async () => (await readingDoc(page))?.lesions[0]?.escc).toBe('2');
  const restored = await readingDoc(page);
  expect(restored?.reader.name).toBe('Dr Archived Reader');
  expect(restored?.lesions[0]?.note).toBe('Reading kept in the PACS as an SR.');
  expect(restored?.labels).toEqual(archivedReading().labels);
  // The replaced draft is kept, set aside beside the drafts (never deleted).
  await expect.poll(() => readdirSync(draftsDir, { recursive: true }).map(String).filter((f) => /\.replaced-/.test(f)).length).toBe(1);

  // From disk: another program's SR is shown read-only as text with its note; our SR of another study is refused.
  const fromFile = card.getByLabel('Restore a reading from an SR file');
  await fromFile.setInputFiles(PYDICOM_SR);
  await expect(card.getByRole('alert')).toContainText('was not written by this app, so the reading cannot be restored from it');
  await expect(card.getByLabel('Structured report as text')).toContainText('Text Code: A mass of');
  await fromFile.setInputFiles(join(outDir, 'other-study-sr.dcm'));
  await expect(card.getByRole('alert')).toContainText('belongs to another study than the one open');
  expect((await readingDoc(page))?.lesions[0]?.escc).toBe('2');

  expect(await cspViolations(page)).toEqual([]);
  expect(problems).toEqual([]);
});
