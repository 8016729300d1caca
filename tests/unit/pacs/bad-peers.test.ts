// Hostile or broken DICOMweb peers, played by a local HTTP server: malformed JSON, malformed or endless multipart,
// a dropped connection, a server that never answers, a cancel. Each gives our plain sentence, no hang, and no
// partial study in the cache (an older cached copy of the study stays as it was).

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dicomwebNode, PacsError, retrieveStudy, searchStudies, storeInstances } from '../../../src-main/services/pacs';
import type { DicomwebNode } from '../../../src-main/services/pacs';
import { lumbarFiles, tempDir } from '../dicom-index/data';

const STUDY = '1.2.826.0.1.3680043.8.498.1';
const BOUNDARY = 'hostile';
const MULTIPART = `multipart/related; type="application/dicom"; boundary=${BOUNDARY}`;
const partHead = (extra = ''): string => `--${BOUNDARY}\r\nContent-Type: application/dicom\r\n${extra}\r\n`;

type Behaviour = (req: IncomingMessage, res: ServerResponse) => void;

/** Writes zeros until the client goes away (an endless part). */
function endless(res: ServerResponse): void {
  const zeros = Buffer.alloc(256 * 1024);
  const pump = (): void => {
    while (!res.destroyed && res.write(zeros));
    if (!res.destroyed) res.once('drain', pump);
  };
  res.on('close', () => res.removeAllListeners('drain'));
  pump();
}

const cases: ReadonlyArray<{ name: string; behaviour: Behaviour; act: (node: DicomwebNode, cache: string) => Promise<unknown>; code: PacsError['code']; message: RegExp }> = [
  {
    name: 'a search answered with malformed JSON',
    behaviour: (_q, res) => res.writeHead(200, { 'content-type': 'application/dicom+json' }).end('[{"0020000D": {"vr": "UI", "Value": ['),
    act: (node) => searchStudies(node, {}),
    code: 'bad-answer',
    message: /^The PACS answered the study search with something that is not DICOM JSON\.$/,
  },
  {
    name: 'a search answered with JSON that is not a list of DICOM objects',
    behaviour: (_q, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"studies": 3}'),
    act: (node) => searchStudies(node, {}),
    code: 'bad-answer',
    message: /JSON that is not a list of DICOM objects/,
  },
  {
    name: 'a search answered without end',
    behaviour: (_q, res) => {
      res.writeHead(200, { 'content-type': 'application/dicom+json' });
      endless(res);
    },
    act: (node) => searchStudies(node, {}),
    code: 'too-large',
    message: /^The PACS answer to the study search is larger than the 16 MiB allowed\.$/,
  },
  {
    name: 'a retrieval answered with JSON instead of multipart',
    behaviour: (_q, res) => res.writeHead(200, { 'content-type': 'application/dicom+json' }).end('[]'),
    act: (node, cache) => retrieveStudy(node, STUDY, cache),
    code: 'bad-answer',
    message: /other than DICOM files/,
  },
  {
    name: 'a multipart retrieval without its closing boundary',
    behaviour: (_q, res) => res.writeHead(200, { 'content-type': MULTIPART }).end(`${partHead()}DICM-bytes`),
    act: (node, cache) => retrieveStudy(node, STUDY, cache),
    code: 'bad-answer',
    message: /^The PACS answered the study retrieval with a malformed multipart message \(the answer ended in the middle of a part\)\.$/,
  },
  {
    name: 'a part that is not DICOM',
    behaviour: (_q, res) => res.writeHead(200, { 'content-type': MULTIPART }).end(`--${BOUNDARY}\r\nContent-Type: text/html\r\n\r\n<html>\r\n--${BOUNDARY}--`),
    act: (node, cache) => retrieveStudy(node, STUDY, cache),
    code: 'bad-answer',
    message: /a part of type text\/html where DICOM files were expected/,
  },
  {
    name: 'a part claiming 2 GB',
    behaviour: (_q, res) => {
      res.writeHead(200, { 'content-type': MULTIPART });
      res.write(partHead('Content-Length: 2147483648\r\n'));
      endless(res);
    },
    act: (node, cache) => retrieveStudy(node, STUDY, cache, { maxBytes: 64 * 1024 * 1024 }),
    code: 'too-large',
    message: /^The PACS announced a file of 2048 MiB, over the 64 MiB allowed for the study\.$/,
  },
  {
    name: 'an endless part',
    behaviour: (_q, res) => {
      res.writeHead(200, { 'content-type': MULTIPART });
      res.write(partHead());
      endless(res);
    },
    act: (node, cache) => retrieveStudy(node, STUDY, cache, { maxBytes: 8 * 1024 * 1024 }),
    code: 'too-large',
    message: /^The study is larger than the 8 MiB allowed; the retrieval was stopped\.$/,
  },
  {
    name: 'a connection dropped mid-transfer',
    behaviour: (_q, res) => {
      res.writeHead(200, { 'content-type': MULTIPART, 'content-length': '100000' });
      res.write(`${partHead()}DICM`, () => res.socket?.destroy());
    },
    act: (node, cache) => retrieveStudy(node, STUDY, cache),
    code: 'bad-answer',
    message: /^The PACS at http:\/\/127\.0\.0\.1:\d+ closed the connection before the answer was complete\.$/,
  },
  {
    name: 'a server that never answers',
    behaviour: () => undefined,
    act: async (node, cache) => retrieveStudy(await dicomwebNode({ baseUrl: node.baseUrl.href, idleTimeoutMs: 300 }), STUDY, cache),
    code: 'timeout',
    message: /^The PACS at http:\/\/127\.0\.0\.1:\d+ did not answer within 0.3 s during the study retrieval\.$/,
  },
  {
    name: 'a retrieval cancelled by the reader',
    behaviour: (_q, res) => {
      res.writeHead(200, { 'content-type': MULTIPART });
      res.write(partHead());
      endless(res);
    },
    act: (node, cache) => {
      // Cancelled as soon as the server has started sending (the wrapper below calls `started`).
      const controller = new AbortController();
      started = () => controller.abort();
      return retrieveStudy(node, STUDY, cache, { signal: controller.signal, maxBytes: 2 ** 40 });
    },
    code: 'cancelled',
    message: /^The study retrieval was cancelled\.$/,
  },
  {
    name: 'a STOW answer that is not DICOM JSON',
    behaviour: (req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/dicom+json' }).end('<html>ok</html>'));
    },
    act: (node) => storeInstances(node, lumbarFiles().slice(0, 1)),
    code: 'bad-answer',
    message: /^The PACS answered the sending with something that is not DICOM JSON\.$/,
  },
  {
    name: 'a server error',
    behaviour: (_q, res) => res.writeHead(500).end('java.lang.NullPointerException at ...'),
    act: (node) => searchStudies(node, {}),
    code: 'server-error',
    message: /^The PACS at http:\/\/127\.0\.0\.1:\d+ failed during the study search \(HTTP 500\)\.$/,
  },
];

/** Called once the server has begun its answer (the cancel case aborts there). */
let started: () => void = () => undefined;

describe('bad DICOMweb peers', () => {
  let server: Server;
  let behaviour: Behaviour = () => undefined;
  let node: DicomwebNode;
  beforeAll(async () => {
    server = createServer((req, res) => behaviour(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    node = await dicomwebNode({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/dicom-web` });
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('a cache folder that cannot be made: our sentence, not the file system\'s', async () => {
    const dir = tempDir('pacs-cache-blocked');
    try {
      writeFileSync(join(dir.path, 'file'), 'in the way');
      behaviour = (_q, res) => res.writeHead(200, { 'content-type': MULTIPART }).end(`${partHead()}DICM\r\n--${BOUNDARY}--`);
      const cache = join(dir.path, 'file', 'cache');
      const outcome = await retrieveStudy(node, STUDY, cache).then(() => undefined, (error: unknown) => error);
      expect(outcome).toBeInstanceOf(PacsError);
      expect((outcome as PacsError).message).toBe(`The study could not be written to ${cache}: a file is in the way.`);
    } finally {
      dir.remove();
    }
  });

  it('a well-formed answer (a part, then an empty part) is written whole: the server above is a fair judge', async () => {
    const cache = tempDir('pacs-good-peer');
    try {
      behaviour = (_q, res) => res.writeHead(200, { 'content-type': MULTIPART }).end(`${partHead()}DICM\r\n--${BOUNDARY}\r\n${partHead()}\r\n--${BOUNDARY}--\r\n`);
      const retrieved = await retrieveStudy(node, STUDY, cache.path);
      expect(retrieved.files.map((f) => readFileSync(f, 'utf8'))).toEqual(['DICM', '']);
      expect(readdirSync(cache.path)).toEqual([STUDY]);
    } finally {
      cache.remove();
    }
  });

  it.each(cases)('$name: $code, a plain sentence, nothing left in the cache', async (c) => {
    const cache = tempDir('pacs-bad-peer');
    try {
      // An older complete copy of the study is in the cache: a failed retrieval leaves it untouched.
      mkdirSync(join(cache.path, STUDY));
      writeFileSync(join(cache.path, STUDY, 'old.dcm'), 'old copy');
      behaviour = (req, res) => {
        c.behaviour(req, res);
        setImmediate(() => started());
      };
      const outcome = await c.act(node, cache.path).then(() => undefined, (error: unknown) => error);
      expect(outcome).toBeInstanceOf(PacsError);
      expect((outcome as PacsError).code).toBe(c.code);
      expect((outcome as PacsError).message).toMatch(c.message);
      expect(readdirSync(cache.path)).toEqual([STUDY]);
      expect(readFileSync(join(cache.path, STUDY, 'old.dcm'), 'utf8')).toBe('old copy');
    } finally {
      started = () => undefined;
      cache.remove();
    }
  });
});
