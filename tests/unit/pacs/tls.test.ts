// https with a hospital's own CA: a loopback https server with a certificate made for the test (openssl) is
// trusted with --ca / caFile and refused without it, in our words. (Debian's Orthanc 1.10 crashes on a TLS
// handshake, so the server here is Node's.)

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPacs } from '../../../src-main/cli/commands/pacs';
import type { CliIo } from '../../../src-main/cli/io';
import { dicomwebNode, PacsError, searchStudies } from '../../../src-main/services/pacs';
import { HANG_GUARD_MS } from '../../support/hang-guard';
import { tempDir } from '../dicom-index/data';

const dir = tempDir('pacs-tls');
const cert = join(dir.path, 'cert.pem');
const key = join(dir.path, 'key.pem');

describe('DICOMweb over https with a CA file', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore', timeout: HANG_GUARD_MS });
    server = createServer({ cert: readFileSync(cert), key: readFileSync(key) }, (_req, res) => res.writeHead(200, { 'content-type': 'application/dicom+json' }).end('[]'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/dicom-web`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    dir.remove();
  });

  it('searches when the CA file is given', async () => {
    expect(await searchStudies(await dicomwebNode({ baseUrl: url, caFile: cert }), {})).toEqual([]);
  });

  it('refuses the untrusted certificate without it, in our words', async () => {
    const error = await searchStudies(await dicomwebNode({ baseUrl: url }), {}).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(PacsError);
    expect((error as PacsError).message).toMatch(/^The PACS at https:\/\/127\.0\.0\.1:\d+ presented a certificate that is not trusted \(give its CA certificate file\)\.$/);
  });

  const badCa = [
    { name: 'a CA file that does not exist', file: () => join(dir.path, 'missing.pem'), message: /^pacs query: The CA certificate file .*missing\.pem could not be read\.\n$/ },
    { name: 'a CA file that holds no certificate', file: () => {
      writeFileSync(join(dir.path, 'empty.pem'), 'nothing');
      return join(dir.path, 'empty.pem');
    }, message: /^pacs query: The CA certificate file .*empty\.pem holds no PEM certificate\.\n$/ },
  ];
  it.each(badCa)('the CLI refuses $name', async ({ file, message }) => {
    const err: string[] = [];
    const io: CliIo = { readFile: async () => '', readStdin: async () => '', stdout: () => undefined, stderr: (t) => err.push(t) };
    expect(await runPacs(['query', '--url', url, '--ca', file()], io, {})).toBe(2);
    expect(err.join('')).toMatch(message);
  });

  it('the CLI searches with --ca', async () => {
    const out: string[] = [];
    const io: CliIo = { readFile: async () => '', readStdin: async () => '', stdout: (t) => out.push(t), stderr: () => undefined };
    expect(await runPacs(['query', '--url', url, '--ca', cert], io, {})).toBe(0);
    expect(JSON.parse(out.join(''))).toEqual([]);
  });
});
