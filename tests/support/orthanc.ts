// A real Orthanc (Debian packages orthanc + orthanc-dicomweb) for the PACS tests: loopback only, free HTTP and DICOM
// ports, a temporary storage folder, the DICOMweb plugin at /dicom-web/, and optionally basic auth. Missing
// packages fail the test with the install line, never a skip. No clock: startup waits for /system to answer or for
// the process to end (the suites' hang guard is the only limit).

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ORTHANC_BINARY = '/usr/sbin/Orthanc';
export const DICOMWEB_PLUGIN = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';

export interface OrthancOptions {
  /** Basic-auth users (RegisteredUsers); none means no authentication. */
  readonly users?: Readonly<Record<string, string>>;
  /** Other paths for the binary and the plugin (the test of the missing-package message). */
  readonly binary?: string;
  readonly plugin?: string;
  /** DICOM peers Orthanc knows (AE title → loopback port): who may query and retrieve, and where C-MOVE sends. */
  readonly modalities?: Readonly<Record<string, number>>;
}

export interface RunningOrthanc {
  readonly httpPort: number;
  readonly dicomPort: number;
  /** Orthanc's own AE title: dimse:SPINEMETTEST@127.0.0.1:dicomPort reaches it. */
  readonly dicomAet: string;
  /** dimse:AET@127.0.0.1:PORT */
  readonly dimseNode: string;
  /** http://127.0.0.1:PORT/dicom-web/ */
  readonly dicomWebUrl: string;
  /** GET on Orthanc's own REST API (with the first user's credentials if any), parsed JSON. */
  rest(path: string): Promise<unknown>;
  stop(): Promise<void>;
}

/** A port free on loopback right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function get(port: number, path: string, auth: string | undefined): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: auth !== undefined ? { authorization: auth } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const exited = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

export async function startOrthanc(options: OrthancOptions = {}): Promise<RunningOrthanc> {
  const binary = options.binary ?? ORTHANC_BINARY;
  const plugin = options.plugin ?? DICOMWEB_PLUGIN;
  const missing = [binary, plugin].filter((path) => !existsSync(path));
  if (missing.length > 0) {
    throw new Error(`Orthanc is not installed (${missing.join(', ')} missing): install the Debian packages orthanc orthanc-dicomweb (apt-get install orthanc orthanc-dicomweb); .ci/run does this.`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'orthanc-test-'));
  const httpPort = await freePort();
  const dicomPort = await freePort();
  const users = options.users ?? {};
  const authed = Object.keys(users).length > 0;
  const config = {
    Name: 'spine-met-test',
    StorageDirectory: join(dir, 'db'),
    IndexDirectory: join(dir, 'db'),
    HttpPort: httpPort,
    DicomPort: dicomPort,
    DicomAet: 'SPINEMETTEST',
    DicomModalities: Object.fromEntries(Object.entries(options.modalities ?? {}).map(([aet, port]) => [aet, [aet, '127.0.0.1', port]])),
    RemoteAccessAllowed: false,
    AuthenticationEnabled: authed,
    RegisteredUsers: users,
    HttpCompressionEnabled: false,
    Plugins: [plugin],
    DicomWeb: { Enable: true, Root: '/dicom-web/' },
  };
  const configPath = join(dir, 'orthanc.json');
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  const child = spawn(binary, [configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-4000);
  });
  const [user, password] = Object.entries(users)[0] ?? [];
  const auth = user !== undefined ? `Basic ${Buffer.from(`${user}:${password ?? ''}`).toString('base64')}` : undefined;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited(child);
    rmSync(dir, { recursive: true, force: true });
  };
  // Poll until it answers; an Orthanc that exits (bad config, port taken) fails with its log.
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`Orthanc exited before answering:\n${log}`);
    }
    const answer = await get(httpPort, '/system', auth).catch(() => undefined);
    if (answer?.status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    httpPort,
    dicomPort,
    dicomAet: 'SPINEMETTEST',
    dimseNode: `dimse:SPINEMETTEST@127.0.0.1:${dicomPort}`,
    dicomWebUrl: `http://127.0.0.1:${httpPort}/dicom-web/`,
    rest: async (path) => {
      const answer = await get(httpPort, path, auth);
      if (answer.status !== 200) throw new Error(`Orthanc ${path}: HTTP ${answer.status}`);
      return JSON.parse(answer.body) as unknown;
    },
    stop,
  };
}
