// dcmtk's storescp as a second, independent DIMSE peer for the PACS tests: started on a free loopback port with a
// temporary output folder, stopped afterwards. Ready when our own C-ECHO is answered (or the process exits, with its
// log); no clock, the suites' hang guard is the only limit.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dimseNode } from '../../src-main/services/pacs';
import { echo } from '../../src-main/services/pacs/dimse/scu';
import { freePort } from './orthanc';

export const STORESCP = '/usr/bin/storescp';

export interface RunningStorescp {
  readonly port: number;
  readonly aet: string;
  /** dimse:AET@127.0.0.1:PORT */
  readonly node: string;
  readonly folder: string;
  files(): string[];
  stop(): Promise<void>;
}

/** `unique`: every object received gets its own file, so an object sent twice shows as two files. */
export async function startStorescp(options: { refuse?: boolean; unique?: boolean } = {}): Promise<RunningStorescp> {
  if (!existsSync(STORESCP)) throw new Error('dcmtk is not installed (storescp missing): apt-get install dcmtk; .ci/run does this.');
  const folder = mkdtempSync(join(tmpdir(), 'storescp-'));
  const port = await freePort();
  const aet = 'DCMTKSTORE';
  // +xa: every transfer syntax dcmtk knows, so compressed objects are stored as they are sent.
  const child = spawn(STORESCP, ['-aet', aet, '+xa', '-od', folder, ...(options.refuse === true ? ['--refuse'] : []), ...(options.unique === true ? ['--unique-filenames'] : []), String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const node = dimseNode({ calledAet: aet, host: '127.0.0.1', port });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`storescp exited before answering:\n${log}`);
    const answered = await echo(node).then(
      () => true,
      (error: { message?: string }) => /refused the association/.test(error.message ?? ''),
    );
    if (answered) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    port,
    aet,
    node: `dimse:${aet}@127.0.0.1:${port}`,
    folder,
    files: () => readdirSync(folder).map((name) => join(folder, name)),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
