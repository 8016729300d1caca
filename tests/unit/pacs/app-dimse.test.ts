// A DIMSE node in the app (issue 13): the same pacs:* channels against Orthanc's DICOM port: C-ECHO as the
// connection test, C-FIND for studies and series, C-GET of the whole study into the study cache.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PacsRetrieveProgress } from '@shared/ipc/pacs-schemas';
import { dicomwebNode, storeInstances } from '../../../src-main/services/pacs';
import { pacsService } from '../../../src-main/services/pacs-app/pacs-channels';
import { environmentKeeper } from '../../../src-main/services/pacs-app/secrets';
import { indexSources } from '../../../src-main/services/study-index/indexer';
import { freePort, startOrthanc } from '../../support/orthanc';
import type { RunningOrthanc } from '../../support/orthanc';
import { allSeries, lumbarFiles, tempDir } from '../dicom-index/data';

describe('a DIMSE node in the app, against Orthanc', () => {
  let orthanc: RunningOrthanc;
  let mrUid = '';
  let nodeId = '';
  const data = tempDir('pacs-dimse-app');
  const cacheDir = join(data.path, 'cache');
  const events: PacsRetrieveProgress[] = [];
  const h = pacsService({ dataDir: data.path, keeper: environmentKeeper({}), cacheDir, emit: (p) => events.push(p) }).handlers;

  beforeAll(async () => {
    // Orthanc answers C-FIND and C-GET only for AE titles it knows: ours is registered.
    orthanc = await startOrthanc({ modalities: { SPINEMET: await freePort() } });
    await storeInstances(await dicomwebNode({ baseUrl: orthanc.dicomWebUrl }), lumbarFiles());
    mrUid = (await indexSources(lumbarFiles())).patients[0]?.studies[0]?.uid ?? '';
    const saved = await h['pacs:save-node']({ node: { kind: 'dimse', name: 'Orthanc DIMSE', calledAet: orthanc.dicomAet, host: '127.0.0.1', port: orthanc.dicomPort, callingAet: 'SPINEMET', tls: false } });
    if (saved.status !== 'saved') throw new Error(saved.message);
    nodeId = saved.id;
  });
  afterAll(async () => {
    await orthanc?.stop();
    data.remove();
  });

  it('C-ECHO, C-FIND of studies and series, C-GET of the study into the cache', async () => {
    expect(await h['pacs:test-node']({ id: nodeId })).toEqual({ status: 'ok', message: `The PACS at ${orthanc.dicomAet}@127.0.0.1:${orthanc.dicomPort} answered.` });
    const found = await h['pacs:find']({ id: nodeId, query: { modality: 'MR' } });
    expect(found).toMatchObject({ status: 'found', studies: [{ studyInstanceUid: mrUid, cached: false }] });
    expect(await h['pacs:series']({ id: nodeId, studyUid: mrUid })).toMatchObject({ status: 'found', series: [{ modality: 'MR' }] });
    const started = await h['pacs:retrieve']({ id: nodeId, studyUid: mrUid });
    if (started.status !== 'started') throw new Error(JSON.stringify(started));
    let last: PacsRetrieveProgress | undefined;
    for (;;) {
      last = events.filter((e) => e.retrievalId === started.retrievalId).at(-1);
      if (last !== undefined && last.state !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(last).toMatchObject({ state: 'done', folder: join(cacheDir, mrUid), objects: 12 });
    expect(allSeries(await indexSources([join(cacheDir, mrUid)])).map((s) => s.instanceCount)).toEqual([12]);
    expect(readdirSync(cacheDir)).toEqual([mrUid]);
  });
});
