// The DICOMweb client against a real Orthanc (orthanc + orthanc-dicomweb): the lumbar MR sent over STOW-RS, found
// again over QIDO-RS by each search key, retrieved over WADO-RS into a study cache that indexes to the same study,
// series and instances; then the credential refusals, in our words and without the secret.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileRefLabel } from '@shared/dicom/index-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dicomwebNode, PacsError, retrieveStudy, searchSeries, searchStudies, storeInstances } from '../../../src-main/services/pacs';
import type { DicomwebNode, StudyQuery } from '../../../src-main/services/pacs';
import { indexSources } from '../../../src-main/services/study-index/indexer';
import { startOrthanc } from '../../support/orthanc';
import type { RunningOrthanc } from '../../support/orthanc';
import { allSeries, LUMBAR_MR, lumbarFiles, tempDir } from '../dicom-index/data';

const sopUids = (index: Awaited<ReturnType<typeof indexSources>>): string[] =>
  allSeries(index).flatMap((s) => s.stacks.flatMap((k) => k.instances.map((i) => i.sopInstanceUid ?? ''))).sort();

/** The PacsError a promise rejects with (any other outcome fails the test). */
async function refusal(promise: Promise<unknown>): Promise<PacsError> {
  const outcome = await promise.then(() => undefined, (error: unknown) => error);
  expect(outcome).toBeInstanceOf(PacsError);
  return outcome as PacsError;
}

describe('DICOMweb client against Orthanc', () => {
  let orthanc: RunningOrthanc;
  let node: DicomwebNode;
  let original: Awaited<ReturnType<typeof indexSources>>;
  let studyUid: string;

  beforeAll(async () => {
    orthanc = await startOrthanc();
    node = await dicomwebNode({ baseUrl: orthanc.dicomWebUrl });
    original = await indexSources([LUMBAR_MR]);
    studyUid = original.patients[0]?.studies[0]?.uid ?? '';
  });
  afterAll(async () => {
    await orthanc?.stop();
  });

  it('sends the lumbar MR over STOW-RS and reports each object stored', async () => {
    const result = await storeInstances(node, lumbarFiles(), { studyInstanceUid: studyUid });
    expect(result.httpStatus).toBe(200);
    expect(result.objects.map((o) => o.status)).toEqual(Array(12).fill('stored'));
    expect(result.objects.map((o) => o.sopInstanceUid).sort()).toEqual(sopUids(original));
    // Orthanc's own REST API agrees: one study of 12 instances.
    expect(await orthanc.rest('/statistics')).toMatchObject({ CountStudies: 1, CountInstances: 12 });
  });

  const queries: ReadonlyArray<{ name: string; query: StudyQuery; found: boolean }> = [
    { name: 'patient name with a trailing wildcard', query: { patientName: 'ANON^LUMB*' }, found: true },
    { name: 'patient name with ? and *', query: { patientName: 'AN?N*' }, found: true },
    { name: 'another patient name', query: { patientName: 'SMITH*' }, found: false },
    { name: 'patient ID', query: { patientId: 'SPINE-MR-0001' }, found: true },
    { name: 'study date', query: { studyDate: '20120101' }, found: true },
    { name: 'study date range', query: { studyDate: '20110101-20121231' }, found: true },
    { name: 'open-ended date range', query: { studyDate: '20130101-' }, found: false },
    { name: 'modality MR', query: { modality: 'MR' }, found: true },
    { name: 'modality CT', query: { modality: 'CT' }, found: false },
    { name: 'accession number', query: { accessionNumber: 'NO-SUCH-ACCESSION' }, found: false },
  ];
  it.each(queries)('finds the study over QIDO-RS by $name (found: $found)', async ({ query, found }) => {
    const studies = await searchStudies(node, query);
    expect(studies.map((s) => s.studyInstanceUid)).toEqual(found ? [studyUid] : []);
    if (found) {
      expect(studies[0]).toMatchObject({ patientName: 'ANON^LUMBAR_MR', patientId: 'SPINE-MR-0001', studyDate: '20120101', modalities: ['MR'], instanceCount: 12 });
    }
  });

  it("lists the study's series over QIDO-RS", async () => {
    const series = await searchSeries(node, studyUid);
    expect(series.map((s) => [s.seriesInstanceUid, s.modality, s.instanceCount])).toEqual(allSeries(original).map((s) => [s.uid, 'MR', 12]));
  });

  it('retrieves the study over WADO-RS into a private cache folder that indexes to the same study', async () => {
    const cache = tempDir('pacs-cache');
    try {
      const progress: number[] = [];
      const retrieved = await retrieveStudy(node, studyUid, cache.path, { onProgress: (p) => progress.push(p.objects) });
      expect(retrieved.files).toHaveLength(12);
      expect(progress.at(-1)).toBe(12);
      expect(statSync(retrieved.folder).mode & 0o777).toBe(0o700);
      expect(retrieved.files.map((f) => statSync(f).mode & 0o777)).toEqual(Array(12).fill(0o600));
      // Only the study's folder is left: no partial folder.
      expect(readdirSync(cache.path)).toEqual([studyUid]);
      const sizes = retrieved.files.map((f) => statSync(f).size);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(retrieved.bytes);
      const index = await indexSources([retrieved.folder]);
      expect(index.problems).toEqual([]);
      expect(index.patients.flatMap((p) => p.studies.map((s) => s.uid))).toEqual([studyUid]);
      expect(allSeries(index).map((s) => s.uid)).toEqual(allSeries(original).map((s) => s.uid));
      expect(sopUids(index)).toEqual(sopUids(original));
      // transfer-syntax=* gives the stored files back byte for byte as sent (pixel data included).
      const bytesBySop = (i: typeof index): Map<string, string> => new Map(allSeries(i).flatMap((s) => s.stacks.flatMap((k) => k.instances.map((n) => [n.sopInstanceUid ?? '', readFileSync(fileRefLabel(i.files[n.file]!)).toString('base64')] as const))));
      expect(bytesBySop(index)).toEqual(bytesBySop(original));
    } finally {
      cache.remove();
    }
  });

  it("reports a per-object failure: an object sent into another study's StudyInstanceUID is refused", async () => {
    const result = await storeInstances(node, lumbarFiles().slice(0, 1), { studyInstanceUid: '1.2.826.0.1.3680043.8.498.99' });
    expect(result.httpStatus).toBe(409);
    const im01 = allSeries(original).flatMap((s) => s.stacks.flatMap((k) => k.instances)).find((n) => fileRefLabel(original.files[n.file]!).endsWith('IM01.dcm'));
    // The reason code is the server's choice (Orthanc 1.10 says 0110, processing failure).
    expect(result.objects).toHaveLength(1);
    expect(result.objects[0]).toMatchObject({ sopInstanceUid: im01?.sopInstanceUid, sopClassUid: '1.2.840.10008.5.1.4.1.1.4', status: 'failed', reason: expect.stringMatching(/^[0-9A-F]{4}$/) });
    expect(await orthanc.rest('/statistics')).toMatchObject({ CountStudies: 1, CountInstances: 12 });
  });

  it('says plainly that a study is not on the PACS, and leaves no folder', async () => {
    const cache = tempDir('pacs-missing');
    try {
      const error = await refusal(retrieveStudy(node, '1.2.3.4.5.6.7', cache.path));
      expect(error.code).toBe('not-found');
      expect(readdirSync(cache.path)).toEqual([]);
    } finally {
      cache.remove();
    }
  });
});

describe('the Orthanc the tests need', () => {
  const missing = [
    { name: 'the server', options: { binary: '/nonexistent/Orthanc' } },
    { name: 'the DICOMweb plugin', options: { plugin: '/nonexistent/libOrthancDicomWeb.so' } },
  ];
  it.each(missing)('missing $name fails the test with the Debian packages to install (never a skip)', async ({ options }) => {
    await expect(startOrthanc(options)).rejects.toThrow(/install the Debian packages orthanc orthanc-dicomweb/);
  });
});

describe('DICOMweb client against an Orthanc that asks for credentials', () => {
  const PASSWORD = 'correct-horse-battery-staple';
  const WRONG = 'Tr0ub4dor&3-wrong';
  let orthanc: RunningOrthanc;
  beforeAll(async () => {
    orthanc = await startOrthanc({ users: { reader: PASSWORD } });
  });
  afterAll(async () => {
    await orthanc?.stop();
  });

  it('searches with the right password', async () => {
    const node = await dicomwebNode({ baseUrl: orthanc.dicomWebUrl, auth: { kind: 'basic', user: 'reader', password: PASSWORD } });
    expect(await searchStudies(node, { patientName: '*' })).toEqual([]);
  });

  const refusals = [
    { name: 'a wrong password', auth: { kind: 'basic', user: 'reader', password: WRONG } as const, message: /^The PACS refused the credentials/, secret: WRONG },
    { name: 'a wrong bearer token', auth: { kind: 'bearer', token: WRONG } as const, message: /^The PACS refused the credentials/, secret: WRONG },
    { name: 'no credentials', auth: { kind: 'none' } as const, message: /asks for credentials and none were given/, secret: PASSWORD },
  ];
  it.each(refusals)('refuses $name in plain words, without the secret', async ({ auth, message, secret }) => {
    const node = await dicomwebNode({ baseUrl: orthanc.dicomWebUrl, auth });
    const cache = tempDir('pacs-auth');
    const attempts = [() => searchStudies(node, { patientName: '*' }), () => storeInstances(node, lumbarFiles().slice(0, 2)), () => retrieveStudy(node, '1.2.3', cache.path)];
    for (const attempt of attempts) {
      const error = await refusal(attempt());
      expect(error.code).toBe('refused-credentials');
      expect(error.message).toMatch(message);
      const shown = `${error.message} ${String(error.stack)} ${JSON.stringify(error)}`;
      expect(shown).not.toContain(secret);
      expect(shown).not.toContain(Buffer.from(`reader:${secret}`).toString('base64'));
    }
    cache.remove();
  });
});
