import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { LUMBAR_MR, REPO } from './data';

const cli = (...args: string[]) => spawnSync('npx', ['tsx', 'src-main/cli/main.ts', ...args], { cwd: REPO, encoding: 'utf8' });

describe('npx tsx src-main/cli/main.ts index', () => {
  it('prints the index of a folder as JSON', () => {
    const result = cli('index', LUMBAR_MR);
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout) as {
      patients: { studies: { series: { instances: number; stacks: { instances: number; orientation: string }[] }[] }[] }[];
      problems: unknown[];
      stats: { found: number };
    };
    const series = out.patients[0]?.studies[0]?.series ?? [];
    expect(series).toHaveLength(1);
    expect(series[0]?.instances).toBe(12);
    expect(series[0]?.stacks.map((s) => [s.instances, s.orientation])).toEqual([
      [3, 'axial'],
      [3, 'axial'],
      [3, 'axial'],
      [3, 'axial'],
    ]);
    expect(out.problems).toEqual([]);
    expect(out.stats.found).toBe(12);
  });

  it('exits 2 with a reason for a missing path', () => {
    const result = cli('index', '/nonexistent/study');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('no such file or folder: /nonexistent/study');
  });

  it('exits 2 without a path', () => {
    const result = cli('index');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('PATH is missing');
  });
});
