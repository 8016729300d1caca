// `pacs query|retrieve|send` in process against a real Orthanc asking for basic auth, credentials from the env:
// the lumbar MR sent, found by a patient-name wildcard, retrieved into a folder; and the refusals (a credential
// flag, a wrong password, an unreachable node), each one plain line with exit code 2 and no secret.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPacs } from '../../../src-main/cli/commands/pacs';
import type { CliIo } from '../../../src-main/cli/io';
import { freePort, startOrthanc } from '../../support/orthanc';
import type { RunningOrthanc } from '../../support/orthanc';
import { lumbarFiles, tempDir } from '../dicom-index/data';

const PASSWORD = 'pacs-cli-secret-42';
const env = { SPINE_MET_PACS_USER: 'reader', SPINE_MET_PACS_PASSWORD: PASSWORD };

async function run(argv: string[], environment: Record<string, string> = env): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { readFile: async () => '', readStdin: async () => '', stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
  const code = await runPacs(argv, io, environment);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('pacs CLI against Orthanc', () => {
  let orthanc: RunningOrthanc;
  beforeAll(async () => {
    orthanc = await startOrthanc({ users: { reader: PASSWORD } });
  });
  afterAll(async () => {
    await orthanc?.stop();
  });

  it('sends, finds by a patient-name wildcard, and retrieves the lumbar MR', async () => {
    const echo = await run(['echo', '--url', orthanc.dicomWebUrl]);
    expect(echo).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(echo.stdout)).toEqual({ node: `http://127.0.0.1:${orthanc.httpPort}`, answered: true });

    const sent = await run(['send', '--url', orthanc.dicomWebUrl, ...lumbarFiles()]);
    expect(sent).toMatchObject({ code: 0, stderr: '' });
    expect((JSON.parse(sent.stdout) as { objects: { status: string }[] }).objects.map((o) => o.status)).toEqual(Array(12).fill('stored'));

    const found = await run(['query', '--url', orthanc.dicomWebUrl, '--patient-name', 'anon^lumbar*', '--modality', 'mr', '--date', '20120101-20120101']);
    expect(found).toMatchObject({ code: 0, stderr: '' });
    const studies = JSON.parse(found.stdout) as { studyInstanceUid: string; patientName: string; modalities: string[] }[];
    expect(studies).toHaveLength(1);
    expect(studies[0]).toMatchObject({ patientName: 'ANON^LUMBAR_MR', modalities: ['MR'] });

    const uid = studies[0]?.studyInstanceUid ?? '';
    const series = await run(['query', '--url', orthanc.dicomWebUrl, '--study', uid]);
    expect(series).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(series.stdout)).toMatchObject([{ modality: 'MR', instanceCount: 12 }]);

    const out = tempDir('pacs-cli');
    try {
      const retrieved = await run(['retrieve', '--url', orthanc.dicomWebUrl, '--study', uid, '--out', out.path]);
      expect(retrieved).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(retrieved.stdout)).toMatchObject({ studyInstanceUid: uid, folder: join(out.path, uid), files: 12 });
      expect(readdirSync(join(out.path, uid))).toHaveLength(12);
    } finally {
      out.remove();
    }
  });

  const refusals: ReadonlyArray<{ name: string; argv: () => Promise<string[]>; env?: Record<string, string>; stderr: RegExp }> = [
    { name: 'a password flag', argv: async () => ['query', '--url', orthanc.dicomWebUrl, '--password', PASSWORD], stderr: /^--password: credentials are taken from the environment/ },
    { name: 'a wrong password', argv: async () => ['query', '--url', orthanc.dicomWebUrl], env: { SPINE_MET_PACS_USER: 'reader', SPINE_MET_PACS_PASSWORD: `${PASSWORD}-wrong` }, stderr: /^pacs query: The PACS refused the credentials \(http:\/\/127\.0\.0\.1:\d+\)\.\n$/ },
    { name: 'a connection test with a wrong password', argv: async () => ['echo', '--url', orthanc.dicomWebUrl], env: { SPINE_MET_PACS_USER: 'reader', SPINE_MET_PACS_PASSWORD: 'nope-wrong' }, stderr: /^pacs echo: The PACS refused the credentials \(http:\/\/127\.0\.0\.1:\d+\)\.\n$/ },
    { name: 'a connection test of the wrong DICOMweb root', argv: async () => ['echo', '--url', `http://127.0.0.1:${orthanc.httpPort}/not-dicom-web/`], stderr: /^pacs echo: The PACS at http:\/\/127\.0\.0\.1:\d+ has nothing at that address for the connection test \(is the DICOMweb root right\?\)\.\n$/ },
    { name: 'a user without a password', argv: async () => ['query', '--url', orthanc.dicomWebUrl], env: { SPINE_MET_PACS_USER: 'reader' }, stderr: /^pacs query: SPINE_MET_PACS_USER is set but SPINE_MET_PACS_PASSWORD is not\.\n$/ },
    { name: 'credentials inside the URL', argv: async () => ['query', '--url', `http://reader:${PASSWORD}@127.0.0.1:${orthanc.httpPort}/dicom-web/`], stderr: /^pacs query: The PACS address must not contain a user name or password/ },
    { name: 'a node nobody listens on', argv: async () => ['query', '--url', `http://127.0.0.1:${await freePort()}/dicom-web`], stderr: /^pacs query: The PACS at http:\/\/127\.0\.0\.1:\d+ refused the connection \(is it running, and is the address right\?\)\.\n$/ },
    { name: 'a series listing with search keys', argv: async () => ['query', '--url', orthanc.dicomWebUrl, '--study', '1.2.3', '--modality', 'MR'], stderr: /^--study lists one study's series and takes no search keys\n/ },
    { name: 'a bad date', argv: async () => ['query', '--url', orthanc.dicomWebUrl, '--date', '2012-01-01'], stderr: /^pacs query: The study date must be YYYYMMDD or a range YYYYMMDD-YYYYMMDD\.\n$/ },
    { name: 'a study UID that is a path', argv: async () => ['retrieve', '--url', orthanc.dicomWebUrl, '--study', '../../etc', '--out', '/tmp'], stderr: /^pacs retrieve: The StudyInstanceUID is not a valid DICOM UID\.\n$/ },
    { name: 'a file that does not exist', argv: async () => ['send', '--url', orthanc.dicomWebUrl, '/no/such/file.dcm'], stderr: /^pacs send: \/no\/such\/file\.dcm could not be read\.\n$/ },
  ];
  it.each(refusals)('refuses $name with exit 2 and one plain line, without the secret', async (c) => {
    const result = await run(await c.argv(), c.env ?? env);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(c.stderr);
    expect(result.stderr.split('\n\n')[0]).not.toContain(PASSWORD);
    expect(result.stderr).not.toMatch(/ECONN|errno|syscall|fetch failed|socket hang up/);
  });
});
