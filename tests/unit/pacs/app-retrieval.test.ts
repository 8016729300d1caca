// The app's PACS channels against a real Orthanc (issue 13): the thoracolumbar CT (two series) sent there, found by
// the app's search, retrieved series by series into the study cache with the first series openable before the
// second arrives, opened again from the cache without the network; a cancelled retrieval leaves nothing in the
// cache; the cache's byte budget evicts the least recently used study and keeps the one being read.

import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PacsRetrieveProgress } from '@shared/ipc/pacs-schemas';
import { dicomwebNode, retrieveStudy, storeInstances } from '../../../src-main/services/pacs';
import { pacsService } from '../../../src-main/services/pacs-app/pacs-channels';
import { environmentKeeper } from '../../../src-main/services/pacs-app/secrets';
import { indexSources } from '../../../src-main/services/study-index/indexer';
import { startOrthanc } from '../../support/orthanc';
import type { RunningOrthanc } from '../../support/orthanc';
import { DICOM_DATA } from '../../support/shared-data';
import { allSeries, lumbarFiles, tempDir, THORACOLUMBAR_CT } from '../dicom-index/data';

const ONE_SLICE = join(DICOM_DATA, 'corpus/cornerstoneWADOImageLoader/testImages/CTImage.dcm_LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm');

const ctFiles = (): string[] => ['axial', 'sagittal'].flatMap((s) => readdirSync(join(THORACOLUMBAR_CT, s)).map((f) => join(THORACOLUMBAR_CT, s, f)));

/** A gate the test opens: holds the retrieval before its second series. */
function gate(): { wait: () => Promise<void>; open: () => void; reached: Promise<void> } {
  let open = (): void => undefined;
  let reach = (): void => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const reached = new Promise<void>((resolve) => (reach = resolve));
  return { wait: () => (reach(), opened), open, reached };
}

describe('PACS retrieval in the app, against Orthanc', () => {
  let orthanc: RunningOrthanc;
  let ctUid: string;
  let mrUid: string;
  let sliceUid: string;
  const data = tempDir('pacs-app');
  const cacheDir = join(data.path, 'cache');
  const events: PacsRetrieveProgress[] = [];
  let hold: ReturnType<typeof gate> | null = null;
  const service = pacsService({
    dataDir: data.path,
    keeper: environmentKeeper({}),
    cacheDir,
    // Every study is over this budget: what stays is what the cache must keep (the study retrieved, the one read).
    budgetBytes: 1,
    emit: (p) => events.push(p),
    beforeSeries: () => hold?.wait() ?? Promise.resolve(),
  });
  const h = service.handlers;
  let nodeId = '';

  /** The retrieval's last event once it ends. */
  const ended = async (retrievalId: string): Promise<PacsRetrieveProgress> => {
    for (;;) {
      const last = events.filter((e) => e.retrievalId === retrievalId).at(-1);
      if (last !== undefined && ['done', 'failed', 'cancelled'].includes(last.state)) return last;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const started = async (studyUid: string): Promise<string> => {
    const answer = await h['pacs:retrieve']({ id: nodeId, studyUid });
    if (answer.status !== 'started') throw new Error(`not started: ${JSON.stringify(answer)}`);
    return answer.retrievalId;
  };
  const cacheEntries = (): string[] => readdirSync(cacheDir).sort();

  beforeAll(async () => {
    orthanc = await startOrthanc();
    const node = await dicomwebNode({ baseUrl: orthanc.dicomWebUrl });
    const ct = await indexSources([THORACOLUMBAR_CT]);
    ctUid = ct.patients[0]?.studies[0]?.uid ?? '';
    const mr = await indexSources(lumbarFiles());
    mrUid = mr.patients[0]?.studies[0]?.uid ?? '';
    await storeInstances(node, ctFiles());
    await storeInstances(node, lumbarFiles());
    sliceUid = (await indexSources([ONE_SLICE])).patients[0]?.studies[0]?.uid ?? '';
    await storeInstances(node, [ONE_SLICE]);
    const saved = await h['pacs:save-node']({ node: { kind: 'dicomweb', name: 'Orthanc', baseUrl: orthanc.dicomWebUrl, auth: { kind: 'none' } } });
    if (saved.status !== 'saved') throw new Error(saved.message);
    nodeId = saved.id;
  });
  afterAll(async () => {
    hold?.open();
    service.retrievals.closeAll();
    await orthanc?.stop();
    data.remove();
  });

  it('tests the connection and finds the CT by modality, not cached yet, with its two series', async () => {
    expect(await h['pacs:test-node']({ id: nodeId })).toMatchObject({ status: 'ok' });
    const found = await h['pacs:find']({ id: nodeId, query: { modality: 'CT' } });
    expect(found).toMatchObject({ status: 'found', studies: expect.arrayContaining([expect.objectContaining({ studyInstanceUid: ctUid, cached: false })]) });
    expect(await h['pacs:series']({ id: nodeId, studyUid: ctUid })).toMatchObject({ status: 'found', series: [{ modality: 'CT' }, { modality: 'CT' }] });
  });

  it('a cancelled retrieval leaves no study and no partial folder in the cache', async () => {
    hold = gate();
    const id = await started(ctUid);
    await hold.reached;
    const first = events.find((e) => e.retrievalId === id && e.state === 'first-series');
    expect(first?.folder).toBeDefined();
    await h['pacs:cancel-retrieve']({ retrievalId: id });
    hold.open();
    expect(await ended(id)).toMatchObject({ state: 'cancelled', message: 'The retrieval was cancelled; nothing of it was kept in the study cache (the first series stays on screen until another study is opened).' });
    expect(cacheEntries()).toEqual([]);
    // The preview the reader may still be looking at is outside the cache, and goes when the next retrieval ends.
    expect(readdirSync(`${cacheDir}-preview`)).toHaveLength(1);
    hold = null;
  });

  it('retrieves series by series: the first series is openable while the second is held, the whole study lands in the cache', async () => {
    hold = gate();
    const id = await started(ctUid);
    await hold.reached;
    const first = events.find((e) => e.retrievalId === id && e.state === 'first-series');
    // The preview indexes to the study's first series alone, while the study folder does not exist yet.
    const preview = await indexSources([first?.folder ?? '']);
    expect(allSeries(preview).map((s) => s.instanceCount)).toEqual([first?.objects]);
    expect(preview.patients[0]?.studies[0]?.uid).toBe(ctUid);
    expect(cacheEntries()).not.toContain(ctUid);
    hold.open();
    hold = null;
    const done = await ended(id);
    expect(done).toMatchObject({ state: 'done', folder: join(cacheDir, ctUid), objects: 152, seriesDone: 2, seriesTotal: 2 });
    const whole = await indexSources([done.folder ?? '']);
    expect(allSeries(whole).map((s) => s.instanceCount).sort((a, b) => a - b)).toEqual([40, 112]);
    // Only this retrieval's preview is left (the cancelled one's went when this one ended); it is still readable.
    const previews = readdirSync(`${cacheDir}-preview`);
    expect(previews).toEqual([basename(first?.folder ?? '')]);
    expect(allSeries(await indexSources([first?.folder ?? ''])).map((s) => s.instanceCount)).toEqual([first?.objects]);
  });

  it('the search marks a study already in the cache', async () => {
    expect(await h['pacs:find']({ id: nodeId, query: { patientId: 'no-such-id' } })).toEqual({ status: 'found', studies: [] });
    const found = await h['pacs:find']({ id: nodeId, query: { modality: 'CT' } });
    expect(found).toMatchObject({ status: 'found', studies: expect.arrayContaining([expect.objectContaining({ studyInstanceUid: ctUid, cached: true })]) });
  });

  it('keeps the cache under its budget: the least recently used study goes, never the one being read', async () => {
    // The CT was read last: retrieving the MR keeps both, though both are over the budget.
    const mr = await started(mrUid);
    expect(await ended(mr)).toMatchObject({ state: 'done' });
    expect(cacheEntries().filter((e) => !e.startsWith('.'))).toEqual([ctUid, mrUid].sort());
    // The MR is read now: retrieving a third study (as a whole, the way DIMSE retrieves) evicts the CT, the least
    // recently used, and keeps the MR.
    const node = await dicomwebNode({ baseUrl: orthanc.dicomWebUrl });
    const slice = service.retrievals.startWhole(sliceUid, (cache, o) => retrieveStudy(node, sliceUid, cache, o));
    expect(await ended(slice)).toMatchObject({ state: 'done' });
    expect(cacheEntries().filter((e) => !e.startsWith('.'))).toEqual([mrUid, sliceUid].sort());
  });

  it('a study already cached opens without the network (Orthanc stopped); a search then fails in our words', async () => {
    await orthanc.stop();
    expect(await h['pacs:retrieve']({ id: nodeId, studyUid: mrUid })).toEqual({ status: 'cached', folder: join(cacheDir, mrUid) });
    const failed = await h['pacs:find']({ id: nodeId, query: { modality: 'CT' } });
    expect(failed).toMatchObject({ status: 'failed', message: expect.stringMatching(/refused the connection/) });
  });
});
