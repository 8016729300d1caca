// The `propose-levels` subcommand in process with a fake io: JSON on stdout, a summary on stderr, exit codes.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProposeLevels } from '../../../src-main/cli/commands/propose-levels';
import type { CliIo } from '../../../src-main/cli/io';
import { indexSources } from '../../../src-main/services/study-index/indexer';
import { THORACOLUMBAR_CT } from '../dicom-index/data';

function fakeIo() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    readFile: () => Promise.reject(new Error('no files')),
    readStdin: () => Promise.resolve(''),
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

const SAGITTAL = join(THORACOLUMBAR_CT, 'sagittal');

async function sagittalUid(): Promise<string> {
  const index = await indexSources([SAGITTAL]);
  const uid = index.patients[0]?.studies[0]?.series[0]?.uid;
  if (uid === undefined) throw new Error('no series');
  return uid;
}

describe('cli propose-levels', () => {
  it('prints each proposed level with its LPS point and confidence, and the warnings', async () => {
    const { io, stdout, stderr } = fakeIo();
    const series = await sagittalUid();
    const code = await runProposeLevels(['--study', SAGITTAL, '--series', series, '--anchor', 'L5:1.29,-125.75,246.17'], io);
    expect(code, stderr()).toBe(0);
    const json = JSON.parse(stdout()) as { levels: { level: string; point: number[]; confidence: number; countedFrom: string }[]; warnings: { code: string }[]; modality: string };
    expect(json.modality).toBe('CT');
    expect(json.levels.map((l) => l.level)).toEqual(['T12', 'L1', 'L2', 'L3', 'L4']);
    for (const l of json.levels) {
      expect(l.point).toHaveLength(3);
      expect(l.confidence).toBeGreaterThan(0);
      expect(l.confidence).toBeLessThanOrEqual(1);
      expect(l.countedFrom).toBe('L5');
    }
    expect(json.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['field-of-view', 'count-unreferenced']));
    expect(stderr()).toMatch(/^propose-levels: 5 level\(s\) proposed from L5 on 40 image\(s\) in \d+ ms, \d warning\(s\)\n$/);
  });

  const refusals = [
    { name: 'no anchor', args: (s: string) => ['--study', SAGITTAL, '--series', s], message: /--anchor is required/ },
    { name: 'a malformed anchor', args: (s: string) => ['--study', SAGITTAL, '--series', s, '--anchor', 'L5:1,2'], message: /--anchor must be LABEL:X,Y,Z/ },
    { name: 'a label that is no level', args: (s: string) => ['--study', SAGITTAL, '--series', s, '--anchor', 'X9:1,2,3'], message: /X9 is not a vertebral level/ },
    { name: 'an unknown series', args: () => ['--study', SAGITTAL, '--series', '1.2.3', '--anchor', 'L5:1,2,3'], message: /series 1\.2\.3 is not in this study/ },
    { name: 'an anchor outside the series', args: (s: string) => ['--study', SAGITTAL, '--series', s, '--anchor', 'L5:500,0,0'], message: /the L5 label is outside this series/ },
    { name: 'a label the count does not have', args: (s: string) => ['--study', SAGITTAL, '--series', s, '--anchor', 'L6:1.29,-125.75,246.17'], message: /L6 does not exist with 12 thoracic and 5 lumbar/ },
  ];
  for (const c of refusals) {
    it(`refuses ${c.name} (exit 2, our words)`, async () => {
      const { io, stdout, stderr } = fakeIo();
      const code = await runProposeLevels(c.args(await sagittalUid()), io);
      expect(code).toBe(2);
      expect(stdout()).toBe('');
      expect(stderr()).toMatch(c.message);
    });
  }
});
