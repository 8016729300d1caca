// Run in a child process (node --expose-gc) by codestream.test.ts: a codestream whose SIZ disagrees with the header
// (23000×23000 in a 512×512 image) is refused before the codec runs, so the next decode starts at normal memory.
// Prints one JSON line of resident memory (MB) at each step.

import { decodeFrame } from '@shared/dicom/decode/decode-frame';
import { nodeCodecs } from '../../../src-main/services/codecs-node';
import { j2kWithSize } from '../../support/hostile-dicom';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');
const rssMb = (): number => {
  gc();
  return Math.round(process.memoryUsage().rss / 2 ** 20);
};
const codecs = await nodeCodecs();
const normal = j2kWithSize(512, 512);
await decodeFrame(normal, 0, codecs);
const baselineMb = rssMb();
let hostile = 'decoded';
try {
  await decodeFrame(j2kWithSize(23000, 23000, false), 0, codecs);
} catch (error) {
  hostile = error instanceof Error ? error.message : String(error);
}
const afterHostileMb = Math.round(process.memoryUsage().rss / 2 ** 20);
await decodeFrame(normal, 0, codecs);
const afterNextMb = rssMb();
console.log(JSON.stringify({ baselineMb, afterHostileMb, afterNextMb, hostile }));
