// The fuzzer's child process: builds each mutant it is asked for and runs it through the header reader (as the
// indexer does) and the decoder (as the viewer does), reporting one outcome per mutant. The parent enforces the
// time and memory limits by watching this process, so a hang or a runaway allocation costs only this child.

import { decodeFrame } from '@shared/dicom/decode/decode-frame';
import { DicomLoadError } from '@shared/dicom/decode/errors';
import { nodeCodecs } from '../../src-main/services/codecs-node';
import { readHeader } from '../../src-main/services/study-index/read-header';
import type { ByteSource } from '../../src-main/services/study-index/byte-source';
import { mapSeed, mutant } from './mutate';
import { seedFiles } from './seeds';
import type { Outcome, WorkerReply, WorkerRequest } from './protocol';

/** Engine text in a message a user would read (issue 11, item 4). */
const ENGINE_TEXT = /RangeError|TypeError|ReferenceError|call stack|is not a function|Cannot read properties|\bat .+:\d+:\d+/u;

const maps = seedFiles().map(mapSeed);
const codecs = await nodeCodecs();

function memorySource(bytes: Uint8Array): ByteSource {
  return {
    ref: { path: 'mutant.dcm' },
    label: 'mutant.dcm',
    size: () => Promise.resolve(bytes.length),
    readPrefix: (length) => Promise.resolve(bytes.subarray(0, length)),
    readAll: () => Promise.resolve(bytes),
  };
}

async function run(bytes: Uint8Array): Promise<{ outcome: Outcome; detail: string }> {
  let headerDetail = '';
  try {
    const read = await readHeader(memorySource(bytes));
    if (read.kind === 'problem') {
      headerDetail = `${read.problem.code}: ${read.problem.reason}`;
      if (ENGINE_TEXT.test(read.problem.reason)) return { outcome: 'uncaught', detail: `engine text in an index problem: ${headerDetail}` };
    }
  } catch (error) {
    return { outcome: 'uncaught', detail: `readHeader threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` };
  }
  try {
    await decodeFrame(bytes, 0, codecs);
    return { outcome: 'decoded', detail: headerDetail };
  } catch (error) {
    if (!(error instanceof DicomLoadError)) {
      return { outcome: 'uncaught', detail: `decodeFrame threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` };
    }
    if (ENGINE_TEXT.test(error.message)) return { outcome: 'uncaught', detail: `engine text in a decode error: ${error.code}: ${error.message}` };
    return { outcome: 'clean-error', detail: `${error.code}: ${error.message}` };
  }
}

process.on('message', (message: WorkerRequest) => {
  void (async () => {
    const m = mutant(maps, message.seed, message.index);
    const started = performance.now();
    const { outcome, detail } = await run(m.bytes);
    const reply: WorkerReply = { index: message.index, outcome, detail, recipe: m.recipe, ms: Math.round(performance.now() - started), rssMb: Math.round(process.memoryUsage().rss / 2 ** 20) };
    process.send?.(reply);
  })();
});
process.send?.({ ready: true });
