// Sending a reading back into its study (issue 13): `cli report … --send NODE` over DIMSE and over DICOMweb writes
// the SR, the Encapsulated PDF and the Key Object Selection and sends them into the sample study already on a real
// Orthanc; Orthanc's REST API then shows the same single study with SR, DOC and KO series added, and what Orthanc
// returns passes dciodvfy with 0 errors. The send service keeps the files on failure and retries only what failed
// (dcmtk storescp with unique file names counts every object it receives).

import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/cli/dispatch';
import type { CliIo } from '../../../src-main/cli/io';
import { pacsNode, retryFailed, sendReading } from '../../../src-main/services/pacs';
import type { ReadingObjectState, SendReadingResult } from '../../../src-main/services/pacs';
import { storeFiles } from '../../../src-main/services/pacs/dimse/scu';
import { dimseNode } from '../../../src-main/services/pacs';
import { browserDataDir, sampleStudyDir } from '../../../src-main/services/app-paths';
import { ensureSampleStudy } from '../../../src-main/services/sample-study';
import { SAMPLE_UIDS } from '@shared/sample';
import { startStorescp } from '../../support/dcmtk';
import { freePort, startOrthanc } from '../../support/orthanc';
import type { RunningOrthanc } from '../../support/orthanc';
import { sampleDocument } from '../../support/sample-document';
import { dciodvfyFindings, run } from '../dicom-write/external-tools';
import { tempDir } from '../dicom-index/data';

const work = tempDir('send-reading');
afterAll(() => work.remove());

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = { out: '', err: '' };
  const cliIo: CliIo = { readFile: async (p) => readFileSync(p, 'utf8'), readStdin: async () => '', stdout: (t) => void (io.out += t), stderr: (t) => void (io.err += t) };
  const code = await dispatch(args, cliIo);
  return { code, ...io };
}

/** Orthanc's own view of its studies: each study's series modalities, and the instance ids of the new ones. */
async function orthancStudies(orthanc: RunningOrthanc): Promise<Array<{ uid: string; modalities: string[]; instances: Record<string, string[]> }>> {
  const studies = (await orthanc.rest('/studies?expand')) as Array<{ ID: string; MainDicomTags: { StudyInstanceUID: string } }>;
  const out = [];
  for (const study of studies) {
    const series = (await orthanc.rest(`/studies/${study.ID}/series?expand`)) as Array<{ MainDicomTags: { Modality: string }; Instances: string[] }>;
    const instances: Record<string, string[]> = {};
    for (const s of series) instances[s.MainDicomTags.Modality] = [...(instances[s.MainDicomTags.Modality] ?? []), ...s.Instances];
    out.push({ uid: study.MainDicomTags.StudyInstanceUID, modalities: series.map((s) => s.MainDicomTags.Modality).sort(), instances });
  }
  return out;
}

const protocols: ReadonlyArray<{ name: string; node: (o: RunningOrthanc) => string }> = [
  { name: 'DIMSE (C-STORE)', node: (o) => o.dimseNode },
  { name: 'DICOMweb (STOW-RS)', node: (o) => `dicomweb:${o.dicomWebUrl}` },
];

describe('report --send into the existing study on Orthanc', () => {
  it.each(protocols)('over $name: SR, DOC and KO series join the one study, each passing dciodvfy', async (p) => {
    const orthanc = await startOrthanc();
    try {
      const sample = await ensureSampleStudy(sampleStudyDir(browserDataDir()));
      const stored = await storeFiles(dimseNode({ calledAet: orthanc.dicomAet, host: '127.0.0.1', port: orthanc.dicomPort }), sample.files);
      expect(stored.every((o) => o.status === 'stored')).toBe(true);
      const before = await orthancStudies(orthanc);
      expect(before.map((s) => s.uid)).toEqual([SAMPLE_UIDS.study]);

      const docPath = join(work.path, `doc-${p.name.replace(/\W+/g, '-')}.json`);
      writeFileSync(docPath, JSON.stringify(sampleDocument()));
      const sent = await cli(['report', '--study', 'sample', '--annotations', docPath, '--send', p.node(orthanc)]);
      expect(sent.code, sent.err).toBe(0);
      const result = JSON.parse(sent.out) as SendReadingResult;
      expect(result).toMatchObject({ studyInstanceUid: SAMPLE_UIDS.study, complete: true });
      expect(result.objects.map((o) => [o.kind, o.status])).toEqual([['sr', 'stored'], ['pdf', 'stored'], ['kos', 'stored']]);
      expect(sent.err).toMatch(/report: sent the key images to [^\n]+: stored\n/);
      // The files stay on disk after the sending (in the outbox; removed here, the test's own).
      for (const o of result.objects) expect(existsSync(o.file)).toBe(true);
      removeOutbox(result);

      const after = await orthancStudies(orthanc);
      expect(after.map((s) => s.uid)).toEqual([SAMPLE_UIDS.study]);
      const study = after[0];
      expect(study?.modalities.filter((m) => ['SR', 'DOC', 'KO'].includes(m))).toEqual(['DOC', 'KO', 'SR']);
      expect(study?.modalities.length).toBe(before[0]!.modalities.length + 3);
      for (const modality of ['SR', 'DOC', 'KO']) {
        const [id] = study?.instances[modality] ?? [];
        const file = join(work.path, `${p.name.replace(/\W+/g, '-')}-${modality}.dcm`);
        writeFileSync(file, await orthancFile(orthanc, id ?? ''));
        expect(dciodvfyFindings(run('dciodvfy', [file])).errors, `${modality} from Orthanc`).toEqual([]);
      }
    } finally {
      await orthanc.stop();
    }
  });

  it('refuses --send with --deidentify (new UIDs would start a new study), before any work', async () => {
    const r = await cli(['report', '--study', 'sample', '--annotations', '/no/such.json', '--deidentify', '--send', 'dimse:A@127.0.0.1:104']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^--send sends the reading into the patient's own study and cannot be combined with --deidentify\n/);
  });

  it('says plainly when the node cannot be reached, keeping the files and naming the retry', async () => {
    const docPath = join(work.path, 'doc-unreachable.json');
    writeFileSync(docPath, JSON.stringify(sampleDocument()));
    const spec = `dimse:NOBODY@127.0.0.1:${await freePort()}`;
    const r = await cli(['report', '--study', 'sample', '--annotations', docPath, '--send', spec]);
    expect(r.code).toBe(2);
    const result = JSON.parse(r.out) as SendReadingResult;
    expect(result.objects.map((o) => o.status)).toEqual(['failed', 'failed', 'failed']);
    expect(result.objects[0]?.reason).toMatch(/^The DICOM node at NOBODY@127\.0\.0\.1:\d+ refused the connection/);
    for (const o of result.objects) expect(existsSync(o.file)).toBe(true);
    removeOutbox(result);
    expect(r.err).toContain(`report --send: 3 of 3 object(s) were not stored; the files are kept. Send them again with: pacs send --node ${spec} ${result.objects.map((o) => o.file).join(' ')}\n`);
  });
});

/** The outbox folder a test's --send wrote (under the app's data folder): removed once checked. */
function removeOutbox(result: SendReadingResult): void {
  const folders = new Set(result.objects.map((o) => dirname(o.file)));
  for (const folder of folders) if (folder.includes(`${join('outbox', result.studyInstanceUid)}-`)) rmSync(folder, { recursive: true, force: true });
}

async function orthancFile(orthanc: RunningOrthanc, id: string): Promise<Buffer> {
  const res = await fetch(`http://127.0.0.1:${orthanc.httpPort}/instances/${id}/file`);
  return Buffer.from(await res.arrayBuffer());
}

describe('the send service', () => {
  it('retries only the objects that failed: nothing is sent twice', async () => {
    const storescp = await startStorescp({ unique: true });
    try {
      const docPath = join(work.path, 'doc-retry.json');
      writeFileSync(docPath, JSON.stringify(sampleDocument()));
      const outDir = join(work.path, 'retry');
      const files = { sr: join(outDir, 'sr.dcm'), pdf: join(outDir, 'pdf.dcm'), kos: join(outDir, 'kos.dcm') };
      const made = await cli(['report', '--study', 'sample', '--annotations', docPath, '--sr', files.sr, '--encapsulated-pdf', files.pdf, '--kos', files.kos]);
      expect(made.code, made.err).toBe(0);

      // First attempt: the node is down; every object fails and is kept.
      const down = await pacsNode(`dimse:DCMTKSTORE@127.0.0.1:${await freePort()}`);
      const heard: ReadingObjectState[] = [];
      const first = await sendReading(down, [{ kind: 'sr', file: files.sr }, { kind: 'pdf', file: files.pdf }, { kind: 'kos', file: files.kos }], { onObject: (s) => heard.push(s) });
      expect(first.complete).toBe(false);
      expect(heard.map((s) => `${s.kind}:${s.status}`)).toEqual(['sr:pending', 'pdf:pending', 'kos:pending', 'sr:failed', 'pdf:failed', 'kos:failed']);

      // As if the SR had gone through before the failure: only the PDF and the KOS are sent again.
      const partly: SendReadingResult = { ...first, objects: first.objects.map((o) => (o.kind === 'sr' ? { ...o, status: 'stored' as const } : o)) };
      const up = await pacsNode(storescp.node);
      const second = await retryFailed(up, partly);
      expect(second.complete).toBe(true);
      expect(second.objects.map((o) => `${o.kind}:${o.status}`)).toEqual(['sr:stored', 'pdf:stored', 'kos:stored']);
      expect(storescp.files()).toHaveLength(2);

      // Nothing left to retry: nothing is sent.
      const third = await retryFailed(up, second);
      expect(third).toBe(second);
      expect(storescp.files()).toHaveLength(2);
    } finally {
      await storescp.stop();
    }
  });

  it('refuses outputs of another study before sending anything', async () => {
    const node = await pacsNode('dimse:ANY@127.0.0.1:104');
    const sample = await ensureSampleStudy(sampleStudyDir(browserDataDir()));
    await expect(sendReading(node, [{ kind: 'sr', file: sample.files[0] ?? '' }], { studyInstanceUid: '1.2.3' })).rejects.toThrow(/^The structured report belongs to another study than the reading; nothing was sent\.$/);
  });
});
