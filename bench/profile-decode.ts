// Focused loop for profiling one syntax: `node --import tsx --cpu-prof bench/profile-decode.ts DIR [FRAMES]`
// (or index mode: `... bench/profile-decode.ts --index DIR [RUNS]`). Prints a self-time summary of the profile
// when given `--summary PROFILE.cpuprofile` instead.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeFrame } from '@shared/dicom/decode/decode-frame';
import { parseDicomBytes } from '@shared/dicom/decode/parse';
import { inflateRawNode, nodeCodecs } from '../src-main/services/codecs-node';
import { indexSources } from '../src-main/services/study-index/indexer';
import { topSelfTime, type CpuProfile } from './cpu-profile';

async function summary(path: string): Promise<void> {
  const profile = JSON.parse(await readFile(path, 'utf8')) as CpuProfile;
  for (const [share, key] of topSelfTime(profile)) console.log(`${(share * 100).toFixed(1).padStart(5)}%  ${key}`);
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
