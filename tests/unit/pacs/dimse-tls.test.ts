// DIMSE over TLS with a hospital's own CA: a loopback TLS terminator (Node's, with a certificate made for the test
// by openssl) in front of Orthanc's DICOM port. C-ECHO and C-FIND go through with --tls --ca; without the CA the
// certificate is refused in our words; --ca without --tls is a plain usage refusal.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:tls';
import type { Server } from 'node:tls';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPacs } from '../../../src-main/cli/commands/pacs';
import type { CliIo } from '../../../src-main/cli/io';
import { HANG_GUARD_MS } from '../../support/hang-guard';
import { startOrthanc } from '../../support/orthanc';
import type { RunningOrthanc } from '../../support/orthanc';
import { tempDir } from '../dicom-index/data';

const dir = tempDir('dimse-tls');
const cert = join(dir.path, 'cert.pem');
const key = join(dir.path, 'key.pem');

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { readFile: async () => '', readStdin: async () => '', stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
  const code = await runPacs(argv, io, {});
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('DIMSE over TLS', () => {
  let orthanc: RunningOrthanc;
  let server: Server;
  let node: string;
  beforeAll(async () => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore', timeout: HANG_GUARD_MS });
    // Orthanc answers C-FIND only from AE titles it knows (the port is not used here).
    orthanc = await startOrthanc({ modalities: { SPINEMET: 104 } });
    server = createServer({ cert: readFileSync(cert), key: readFileSync(key) }, (secure) => {
      const plain = connect(orthanc.dicomPort, '127.0.0.1');
      secure.pipe(plain).pipe(secure);
      secure.on('error', () => plain.destroy());
      plain.on('error', () => secure.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    node = `dimse:${orthanc.dicomAet}@127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await orthanc?.stop();
    dir.remove();
  });

  it('answers C-ECHO and C-FIND through TLS when the CA is given', async () => {
    expect(await run(['echo', '--node', node, '--tls', '--ca', cert])).toMatchObject({ code: 0, stderr: '' });
    const found = await run(['find', '--node', node, '--tls', '--ca', cert]);
    expect(found).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(found.stdout)).toEqual([]);
  });

  const refusals = [
    { name: 'the certificate without its CA', argv: () => ['echo', '--node', node, '--tls'], stderr: /^pacs echo: The secure connection to the DICOM node at SPINEMETTEST@127\.0\.0\.1:\d+ could not be set up \(is its CA certificate given\?\)\.\n$/ },
    { name: 'a CA file without --tls', argv: () => ['echo', '--node', node, '--ca', cert], stderr: /^pacs echo: A CA certificate file for a DIMSE node needs TLS \(--tls\)\.\n$/ },
    { name: 'plain DIMSE to the TLS port', argv: () => ['echo', '--node', node], stderr: /^pacs echo: The DICOM node (at SPINEMETTEST@127\.0\.0\.1:\d+ closed the connection before the exchange was complete|sent something that is not a DICOM message \(is the port right\?\))\.\n$/ },
  ];
  it.each(refusals)('refuses $name in one line, exit 2', async (c) => {
    const r = await run(c.argv());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(c.stderr);
  });
});
