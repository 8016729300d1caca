// "Send to PACS" in the app (issue 13): a signed reading of the sample study, open in a study session, sent through
// the pacs:send-reading channel into the same study on a real Orthanc: SR, DOC and KO series join the one study.
// A draft is refused; a node that cannot be reached fails each object and keeps the files; once the node's address
// is corrected, "Retry" sends only what failed, and a second retry sends nothing.

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCommand } from '@shared/annotation/commands';
import { SAMPLE_UIDS } from '@shared/sample';
import { dicomwebNode, storeInstances } from '../../../src-main/services/pacs';
import { outboxDir } from '../../../src-main/services/pacs-app/send-channel';
import { pacsService } from '../../../src-main/services/pacs-app/pacs-channels';
import { environmentKeeper } from '../../../src-main/services/pacs-app/secrets';
import { ensureSampleStudy } from '../../../src-main/services/sample-study';
import { createStudySessions } from '../../../src-main/services/study-session';
import { freePort, startOrthanc } from '../../support/orthanc';
import type { RunningOrthanc } from '../../support/orthanc';
import { sampleDocument } from '../../support/sample-document';
import { tempDir } from '../dicom-index/data';

const projectDir = join(import.meta.dirname, '..', '..', '..');

/** Orthanc's own view: each study's UID and its series' modalities. */
async function orthancStudies(orthanc: RunningOrthanc): Promise<Array<{ uid: string; modalities: string[] }>> {
  const studies = (await orthanc.rest('/studies?expand')) as Array<{ ID: string; MainDicomTags: { StudyInstanceUID: string } }>;
  const out = [];
  for (const study of studies) {
    const series = (await orthanc.rest(`/studies/${study.ID}/series?expand`)) as Array<{ MainDicomTags: { Modality: string } }>;
    out.push({ uid: study.MainDicomTags.StudyInstanceUID, modalities: series.map((s) => s.MainDicomTags.Modality).sort() });
  }
  return out;
}

describe('Send to PACS from the app, against Orthanc', () => {
  const data = tempDir('pacs-send');
  let orthanc: RunningOrthanc;
  const studies = createStudySessions({ dataDir: data.path });
  const service = pacsService({ dataDir: data.path, keeper: environmentKeeper({}), emit: () => undefined, studies });
  const h = service.handlers;
  let sessionId = '';
  let nodeId = '';
  const draft = sampleDocument();
  const signed = applyCommand(draft, { type: 'signReport', args: { signer: 'Dr Ann Smith', organization: 'St Example Radiology', now: '2025-06-01T09:15:00.000Z' } });
  const request = (document: typeof draft) => ({ id: nodeId, sessionId, document, images: {}, page: 'A4' as const });

  beforeAll(async () => {
    orthanc = await startOrthanc();
    const sample = await ensureSampleStudy(join(data.path, 'sample-study'), { prebuilt: join(projectDir, 'out', 'sample-study') });
    await storeInstances(await dicomwebNode({ baseUrl: orthanc.dicomWebUrl }), sample.files);
    sessionId = studies.open([sample.dir]);
    await studies.getIndex(sessionId);
    // First a node nobody answers at: the send fails, the files stay.
    const saved = await h['pacs:save-node']({ node: { kind: 'dicomweb', name: 'Orthanc', baseUrl: `http://127.0.0.1:${await freePort()}/dicom-web/`, auth: { kind: 'none' } } });
    if (saved.status !== 'saved') throw new Error(saved.message);
    nodeId = saved.id;
  });
  afterAll(async () => {
    studies.closeAll();
    await orthanc?.stop();
    data.remove();
  });

  it('refuses a draft: only a signed report is sent', async () => {
    expect(await h['pacs:send-reading'](request(draft))).toEqual({ status: 'failed', message: 'Only a signed report is sent to the PACS: sign it first.' });
  });

  it('an unreachable node: every object failed, the files kept; the address corrected, Retry stores them into the one study', async () => {
    const first = await h['pacs:send-reading'](request(signed));
    if (first.status !== 'sent') throw new Error(first.message);
    expect(first.complete).toBe(false);
    expect(first.objects.map((o) => [o.kind, o.status])).toEqual([['sr', 'failed'], ['pdf', 'failed'], ['kos', 'failed']]);
    expect(first.objects[0]?.reason).toMatch(/refused the connection/);
    expect(first.folder.startsWith(outboxDir(data.path))).toBe(true);
    expect(readdirSync(first.folder).sort()).toEqual(['key-images.dcm', 'report-pdf.dcm', 'sr.dcm']);
    expect(await orthancStudies(orthanc)).toEqual([{ uid: SAMPLE_UIDS.study, modalities: expect.not.arrayContaining(['SR']) }]);

    await h['pacs:save-node']({ id: nodeId, node: { kind: 'dicomweb', name: 'Orthanc', baseUrl: orthanc.dicomWebUrl, auth: { kind: 'none' } } });
    const retried = await h['pacs:retry-send']({ sendId: first.sendId });
    expect(retried).toMatchObject({ status: 'sent', complete: true, objects: [{ kind: 'sr', status: 'stored' }, { kind: 'pdf', status: 'stored' }, { kind: 'kos', status: 'stored' }] });
    const after = await orthancStudies(orthanc);
    expect(after.map((s) => s.uid)).toEqual([SAMPLE_UIDS.study]);
    expect(after[0]?.modalities.filter((m) => ['SR', 'DOC', 'KO'].includes(m))).toEqual(['DOC', 'KO', 'SR']);
    const instances = (await orthanc.rest('/statistics')) as { CountInstances: number };
    // A second retry has nothing left to send: Orthanc holds the same number of instances.
    expect(await h['pacs:retry-send']({ sendId: first.sendId })).toMatchObject({ status: 'sent', complete: true });
    expect(await orthanc.rest('/statistics')).toMatchObject({ CountInstances: instances.CountInstances });
    for (const name of ['key-images.dcm', 'report-pdf.dcm', 'sr.dcm']) expect(existsSync(join(first.folder, name))).toBe(true);
  });
});
