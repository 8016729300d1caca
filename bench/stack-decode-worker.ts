// A decode worker for the stack bench (bench/j2k-stack.ts): decodes the paths it is sent, one message per frame.
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { decodeFrame } from '@shared/dicom/decode/decode-frame';
import { parseDicomBytes } from '@shared/dicom/decode/parse';
import { nodeCodecs } from '../src-main/services/codecs-node';

const port = parentPort;
if (port === null) throw new Error('stack-decode-worker runs as a worker thread');
const codecs = await nodeCodecs();
for (const path of workerData as string[]) {
  const frame = await decodeFrame(await parseDicomBytes(new Uint8Array(await readFile(path))), 0, codecs);
  port.postMessage(frame.pixels.length);
}
