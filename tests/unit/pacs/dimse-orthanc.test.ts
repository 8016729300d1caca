// `pacs` over DIMSE against real peers: Orthanc on its DICOM port (C-ECHO, C-STORE, C-FIND, C-GET, C-MOVE to our
// own storage SCP), and dcmtk's storescp as a second, independent peer for C-STORE. Retrieved objects keep their
// pixel data byte for byte (and their transfer syntax: C-GET proposes each stored syntax).

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPacs } from '../../../src-main/cli/commands/pacs';
import type { CliIo } from '../../../src-main/cli/io';
import { startStorescp } from '../../support/dcmtk';
import { freePort, startOrthanc } from '../../support/orthanc';
import type { RunningOrthanc } from '../../support/orthanc';
import { pixelIdentities } from '../../support/pixel-data';
import { CORPUS, lumbarFiles, tempDir } from '../dicom-index/data';

const CT_JPEG_LOSSLESS = join(CORPUS, 'cornerstoneWADOImageLoader/testImages/CTImage.dcm_JPEGProcess14SV1TransferSyntax_1.2.840.10008.1.2.4.70.dcm');

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { readFile: async () => '', readStdin: async () => '', stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
  const code = await runPacs(argv, io, {});
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const json = <T>(text: string): T => JSON.parse(text) as T;

describe('pacs over DIMSE against Orthanc', () => {
  let orthanc: RunningOrthanc;
  let movePort: number;
  let lumbarStudy: string;
  let ctStudy: string;
  const out = tempDir('pacs-dimse');
  beforeAll(async () => {
    movePort = await freePort();
    // Orthanc knows our AE title (SPINEMET) at our storage port: the C-MOVE destination.
    orthanc = await startOrthanc({ modalities: { SPINEMET: movePort } });
  });
  afterAll(async () => {
    await orthanc?.stop();
    out.remove();
  });

  it('answers C-ECHO', async () => {
    const echo = await run(['echo', '--node', orthanc.dimseNode]);
    expect(echo).toMatchObject({ code: 0, stderr: '' });
    expect(json(echo.stdout)).toEqual({ node: `SPINEMETTEST@127.0.0.1:${orthanc.dicomPort}`, answered: true });
  });

  it('stores the lumbar MR and a JPEG lossless CT by C-STORE, each confirmed', async () => {
    const sent = await run(['send', '--node', orthanc.dimseNode, ...lumbarFiles(), CT_JPEG_LOSSLESS]);
    expect(sent).toMatchObject({ code: 0, stderr: '' });
    expect(json<{ objects: { status: string }[] }>(sent.stdout).objects.map((o) => o.status)).toEqual(Array(13).fill('stored'));
    expect(((await orthanc.rest('/statistics')) as { CountInstances: number }).CountInstances).toBe(13);
  });

  const searches: ReadonlyArray<{ name: string; keys: string[]; patients: string[] }> = [
    { name: 'a patient-name wildcard', keys: ['--patient-name', 'anon^lumbar*'], patients: ['ANON^LUMBAR_MR'] },
    { name: 'a modality', keys: ['--modality', 'mr'], patients: ['ANON^LUMBAR_MR'] },
    { name: 'a date range', keys: ['--study-date', '20120101-20120102'], patients: ['ANON^LUMBAR_MR'] },
    { name: 'an open date range (the old --date name)', keys: ['--date', '-20111231'], patients: ['MISTER^CT'] },
    { name: 'a study date', keys: ['--study-date', '20010105'], patients: ['MISTER^CT'] },
    { name: 'no keys', keys: [], patients: ['ANON^LUMBAR_MR', 'MISTER^CT'] },
  ];
  it.each(searches)('finds studies by C-FIND with $name', async (c) => {
    const found = await run(['find', '--node', orthanc.dimseNode, ...c.keys]);
    expect(found).toMatchObject({ code: 0, stderr: '' });
    const studies = json<{ studyInstanceUid: string; patientName: string; studyDate: string; modalities: string[]; description: string }[]>(found.stdout);
    expect(studies.map((s) => s.patientName).sort()).toEqual(c.patients);
    for (const s of studies) {
      if (s.patientName === 'ANON^LUMBAR_MR') {
        expect(s).toMatchObject({ studyDate: '20120101', modalities: ['MR'], instanceCount: 12 });
        lumbarStudy = s.studyInstanceUid;
      } else {
        expect(s).toMatchObject({ studyDate: '20010105', modalities: ['CT'], description: 'CHEST' });
        ctStudy = s.studyInstanceUid;
      }
    }
  });

  it('lists a study\'s series by C-FIND', async () => {
    const series = await run(['query', '--node', orthanc.dimseNode, '--study', lumbarStudy]);
    expect(series).toMatchObject({ code: 0, stderr: '' });
    expect(json(series.stdout)).toMatchObject([{ modality: 'MR', instanceCount: 12 }]);
  });

  const retrievals: ReadonlyArray<{ name: string; extra: () => string[]; study: () => string; sent: string[] }> = [
    { name: 'C-GET, the lumbar MR (implicit VR)', extra: () => [], study: () => lumbarStudy, sent: lumbarFiles() },
    { name: 'C-MOVE to our storage SCP, the lumbar MR', extra: () => ['--move-port', String(movePort)], study: () => lumbarStudy, sent: lumbarFiles() },
    { name: 'C-GET, the JPEG lossless CT', extra: () => [], study: () => ctStudy, sent: [CT_JPEG_LOSSLESS] },
    { name: 'C-MOVE, the JPEG lossless CT', extra: () => ['--move-port', String(movePort)], study: () => ctStudy, sent: [CT_JPEG_LOSSLESS] },
  ];
  it.each(retrievals)('retrieves by $name with pixel data and transfer syntax as sent', async (c) => {
    const dir = join(out.path, c.name.replace(/\W+/g, '-'));
    const got = await run(['retrieve', '--node', orthanc.dimseNode, '--study', c.study(), '--out', dir, ...c.extra()]);
    expect(got).toMatchObject({ code: 0, stderr: '' });
    const folder = join(dir, c.study());
    expect(json(got.stdout)).toMatchObject({ studyInstanceUid: c.study(), folder, files: c.sent.length });
    // Only the study folder: no partial folder left beside it.
    expect(readdirSync(dir)).toEqual([c.study()]);
    expect(pixelIdentities(readdirSync(folder).map((f) => join(folder, f)))).toEqual(pixelIdentities(c.sent));
  });

  it('says plainly when the PACS refuses searches from an AE title it does not know', async () => {
    const found = await run(['find', '--node', orthanc.dimseNode, '--aet', 'STRANGER']);
    expect(found).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^pacs find: The DICOM node at SPINEMETTEST@127\.0\.0\.1:\d+ aborted the association \(does it accept requests from our AE title STRANGER\?\)\.\n$/) as unknown as string });
  });

  it('says plainly when the PACS does not know our AE title as a C-MOVE destination, leaving nothing', async () => {
    const dir = join(out.path, 'unknown-destination');
    const got = await run(['retrieve', '--node', orthanc.dimseNode, '--aet', 'NOTKNOWN', '--study', lumbarStudy, '--out', dir, '--move-port', String(await freePort())]);
    expect(got.code).toBe(2);
    expect(got.stdout).toBe('');
    expect(got.stderr).toMatch(/^pacs retrieve: The DICOM node at SPINEMETTEST@127\.0\.0\.1:\d+ (could not complete the study retrieval \(C-MOVE\): the PACS does not know our storage destination|aborted the study retrieval \(C-MOVE\): does it know our AE title NOTKNOWN at this computer's address and storage port \d+\?)\.?\n$/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('pacs over DIMSE against dcmtk storescp', () => {
  it('sends by C-STORE to storescp, which keeps the pixel data and transfer syntax as sent', async () => {
    const storescp = await startStorescp();
    try {
      const sent = await run(['send', '--node', storescp.node, ...lumbarFiles().slice(0, 4), CT_JPEG_LOSSLESS]);
      expect(sent).toMatchObject({ code: 0, stderr: '' });
      expect(json<{ objects: { status: string }[] }>(sent.stdout).objects.map((o) => o.status)).toEqual(Array(5).fill('stored'));
      expect(pixelIdentities(storescp.files())).toEqual(pixelIdentities([...lumbarFiles().slice(0, 4), CT_JPEG_LOSSLESS]));
    } finally {
      await storescp.stop();
    }
  });

  it('reports a refused association in one line, exit 2, nothing stored', async () => {
    const storescp = await startStorescp({ refuse: true });
    try {
      const sent = await run(['send', '--node', storescp.node, ...lumbarFiles().slice(0, 2)]);
      expect(sent.code).toBe(2);
      expect(sent.stderr).toMatch(/^pacs send: 2 of 2 object\(s\) were not stored \(The DICOM node at DCMTKSTORE@127\.0\.0\.1:\d+ refused the association[^\n]*\)\.\n$/);
      expect(storescp.files()).toEqual([]);
    } finally {
      await storescp.stop();
    }
  });
});

describe('pacs node syntax refusals', () => {
  const refusals: ReadonlyArray<{ name: string; argv: () => Promise<string[]>; stderr: RegExp }> = [
    { name: 'a DIMSE node nobody listens on', argv: async () => ['echo', '--node', `dimse:PACS@127.0.0.1:${await freePort()}`], stderr: /^pacs echo: The DICOM node at PACS@127\.0\.0\.1:\d+ refused the connection \(is it running, and is the port right\?\)\.\n$/ },
    { name: 'a node of neither kind', argv: async () => ['find', '--node', 'pacs.example:104'], stderr: /^pacs find: "pacs\.example:104" is not a node\. A node is dicomweb:URL or dimse:AET@HOST:PORT\.\n$/ },
    { name: 'a DIMSE node without a port', argv: async () => ['echo', '--node', 'dimse:PACS@host'], stderr: /^pacs echo: "dimse:PACS@host" is not a DIMSE node\. A node is dicomweb:URL or dimse:AET@HOST:PORT\.\n$/ },
    { name: 'an AE title of 17 characters', argv: async () => ['echo', '--node', 'dimse:ABCDEFGHIJKLMNOPQ@127.0.0.1:104'], stderr: /^pacs echo: The called AE title must be 1 to 16 letters, digits or spaces \(got "ABCDEFGHIJKLMNOPQ"\)\.\n$/ },
    { name: 'both --node and --url', argv: async () => ['echo', '--node', 'dimse:A@h:1', '--url', 'http://h/'], stderr: /^give --node or --url, not both\n/ },
  ];
  it.each(refusals)('refuses $name with exit 2 and one plain line', async (c) => {
    const result = await run(await c.argv());
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(c.stderr);
  });
});
