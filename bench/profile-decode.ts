// Focused loop for profiling one syntax: `node --import tsx --cpu-prof bench/profile-decode.ts DIR [FRAMES]`
// (or index mode: `... bench/profile-decode.ts --index DIR [RUNS]`). Prints a self-time summary of the profile
// when given `--summary PROFILE.cpuprofile` instead.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeFrame } from '@shared/dicom/decode/decode-frame';
import { parseDicomBytes } from '@shared/dicom/decode/parse';
import { inflateRawNode, nodeCodecs } from '../src-main/services/codecs-node';
import { indexSources } from '../src-main/services/study-index/indexer';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
}

async function summary(path: string): Promise<void> {
  const profile = JSON.parse(await readFile(path, 'utf8')) as Profile;
  const byKey = new Map<string, number>();
  const total = profile.samples.length;
  const counts = new Map<number, number>();
  for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  for (const node of profile.nodes) {
    const f = node.callFrame;
    const file = f.url.replace(/^.*\/(node_modules\/|main\/)/u, '');
    const key = `${f.functionName || '(anonymous)'}  ${file}:${f.lineNumber + 1}`;
    byKey.set(key, (byKey.get(key) ?? 0) + (counts.get(node.id) ?? 0));
  }
  const top = [...byKey].sort((a, b) => b[1] - a[1]).slice(0, 25);
  for (const [key, n] of top) console.log(`${((n / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
}

const args = process.argv.slice(2);
if (args[0] === '--summary') await summary(args[1] ?? '');
else if (args[0] === '--index') {
  for (let i = 0; i < Number(args[2] ?? 10); i++) await indexSources([args[1] ?? '.']);
} else {
  const dir = args[0] ?? '.';
  const files = (await readdir(dir)).filter((n) => n.endsWith('.dcm')).sort().slice(0, Number(args[1] ?? 100));
  const codecs = await nodeCodecs();
  for (const name of files) {
    const parsed = await parseDicomBytes(new Uint8Array(await readFile(join(dir, name))), { inflateRaw: inflateRawNode });
    await decodeFrame(parsed, 0, codecs);
  }
}
