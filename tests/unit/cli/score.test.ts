// The `score` subcommand: in process with a fake io (fast, exact), and as a real process through
// `npx tsx src-main/cli/main.ts` (exit codes, stdout empty on error, one `path: message` line per problem).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScore } from '../../../src-main/cli/commands/score';
import { dispatch } from '../../../src-main/cli/dispatch';
import { capturingIo } from '../../support/cli-io';
import { RULES_VERSION } from '@shared/scoring/index';

const REPO = resolve(__dirname, '../../..');

const EXAMPLE = {
  spine: { thoracicCount: 12, lumbarCount: 5 },
  patient: {
    histology: 'renal_cell', radiosensitivity: null, myelopathy: false, canTolerateSurgery: 'yes',
    emergency: { rapidWeaknessProgression: false, newInabilityToWalk: false, newBladderDysfunction: false, bilateralSymptoms: false, completeParalysisHours: null },
    prognosis: {
      kps: 70, extraspinalBoneMetastases: 1, vertebralMetastases: 2, visceralMetastases: 'none', tokuhashiPrimary: 'kidney_uterus', frankel: 'E',
      tomitaPrimaryGrowth: 'moderate', tomitaVisceral: 'none', boneMetastases: 'multiple',
      bauer: { visceralMetastases: false, lungPrimary: false, favourablePrimary: true, solitarySkeletal: false },
    },
  },
  lesions: [
    {
      id: 'les-1', levels: ['T12', 'L1'], pain: 'mechanical', boneLesion: 'lytic', alignment: 'normal', collapse: 'lt50',
      posterolateral: 'unilateral', collapseMeasuredPercent: 31.5, escc: '1b', cordSignalChange: false, instabilityJudgement: null,
    },
  ],
};

// The contract's example output, verbatim apart from the rules version.
const EXAMPLE_OUTPUT = {
  rulesVersion: RULES_VERSION,
  lesions: [
    {
      id: 'les-1', levels: ['T12', 'L1'],
      sins: { components: { location: 3, pain: 3, boneLesion: 2, alignment: 0, collapse: 2, posterolateral: 1 }, total: 11, range: [11, 11], band: 'indeterminate', surgicalConsultation: true },
      escc: { grade: '1b', category: 'low', indeterminate: false },
      noms: {
        neurologic: 'low', oncologic: 'resistant', mechanical: 'indeterminate', systemic: 'yes', pathway: null,
        alternatives: [{ if: { mechanical: 'stable' }, pathway: 'SBRT' }, { if: { mechanical: 'unstable' }, pathway: 'stabilization+SBRT' }],
      },
      flags: [],
    },
  ],
  patient: {
    tokuhashi: { total: 10, band: '6_months_or_more' },
    tomita: { total: 4, band: 'marginal_or_intralesional_excision' },
    modifiedBauer: { total: 3, band: 'mid_term_local_control' },
    flags: [],
  },
};

const BAD = { ...EXAMPLE, lesions: [{ ...EXAMPLE.lesions[0], collapse: 'half', levels: ['T12', 'L2'], colour: 'red' }] };
const BAD_LINES = [
  'lesions[0].collapse: expected one of gt50, lt50, involved_gt50, none, unknown',
  'lesions[0]: unknown field "colour"',
];


describe('runScore (in process)', () => {
  it.each([
    ['a file', ['in.json'], { 'in.json': JSON.stringify(EXAMPLE) }, ''],
    ['standard input', ['-'], {}, JSON.stringify(EXAMPLE)],
  ])('scores %s: the contract example output, exit 0', async (_name, args, files, stdin) => {
    const f = capturingIo(files, stdin);
    expect(await runScore(args, f.io)).toBe(0);
    expect(JSON.parse(f.stdout())).toEqual(EXAMPLE_OUTPUT);
    expect(f.stderr()).toBe('');
  });

  it.each([
    ['invalid JSON', ['-'], {}, '{ "patient": ', (lines: string[]) => expect(lines[0]).toMatch(/^\(root\): not valid JSON$/)],
    ['JSON nested too deep', ['-'], {}, `${'['.repeat(100_000)}${']'.repeat(100_000)}`, (lines: string[]) => expect(lines).toEqual(['(root): nested more than 64 levels deep; refused'])],
    ['invalid input', ['-'], {}, JSON.stringify(BAD), (lines: string[]) => expect(lines).toEqual(BAD_LINES)],
    ['a missing file', ['nope.json'], {}, '', (lines: string[]) => expect(lines).toEqual(['(root): cannot read nope.json: no such file'])],
    ['no argument', [], {}, '', (lines: string[]) => expect(lines[0]).toBe('usage: score FILE | -')],
    ['two arguments', ['a', 'b'], {}, '', (lines: string[]) => expect(lines[0]).toBe('usage: score FILE | -')],
  ])('%s → exit 2, nothing on stdout', async (_name, args, files, stdin, check) => {
    const f = capturingIo(files, stdin);
    expect(await runScore(args, f.io)).toBe(2);
    expect(f.stdout()).toBe('');
    check(f.stderr().trimEnd().split('\n'));
  });
});

describe('dispatch', () => {
  it('help lists the subcommands, documents score and the exit codes', async () => {
    for (const arg of ['--help', 'help']) {
      const f = capturingIo({});
      expect(await dispatch([arg], f.io)).toBe(0);
      expect(f.stdout()).toContain('  score  ');
      expect(f.stdout()).toContain('usage: score FILE | -');
      expect(f.stdout()).toContain('exit codes:');
    }
  });

  it('an unknown subcommand exits 2 with the usage on stderr', async () => {
    const f = capturingIo({});
    expect(await dispatch(['frobnicate'], f.io)).toBe(2);
    expect(f.stdout()).toBe('');
    expect(f.stderr()).toMatch(/^unknown subcommand "frobnicate"\n\nusage: /);
  });

  it('no subcommand exits 2', async () => {
    const f = capturingIo({});
    expect(await dispatch([], f.io)).toBe(2);
  });

  it('an unexpected error in a subcommand exits 1', async () => {
    const f = capturingIo({});
    const boom = { name: 'boom', summary: 's', usage: 'u', run: async () => { throw new Error('kaput'); } };
    expect(await dispatch(['boom'], f.io, [boom])).toBe(1);
    expect(f.stderr()).toMatch(/^internal error: the app hit a fault of its own/);
    expect(f.stderr()).not.toContain('kaput');
    expect(f.stderr()).not.toMatch(/\bat .*\(/);
  });

  it('the technical detail of an unexpected error is printed only when asked for (SPINE_MET_DEBUG=1)', async () => {
    const f = capturingIo({});
    const boom = { name: 'boom', summary: 's', usage: 'u', run: async () => { throw new Error('kaput'); } };
    expect(await dispatch(['boom'], { ...f.io, debug: true }, [boom])).toBe(1);
    expect(f.stderr()).toContain('Error: kaput');
  });
});

// --- as a real process ------------------------------------------------------------------------------------------

const dir = mkdtempSync(join(tmpdir(), 'score-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

function cli(args: string[], input?: string) {
  const result = spawnSync('npx', ['tsx', 'src-main/cli/main.ts', ...args], { cwd: REPO, input, encoding: 'utf8' });
  // npm itself may warn on stderr about the machine's npm config; those lines are not ours.
  const stderr = result.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('npm warn'));
  return { code: result.status, stdout: result.stdout, stderr };
}

describe('npx tsx src-main/cli/main.ts', () => {
  it('score FILE prints the contract example output and exits 0', () => {
    const r = cli(['score', write('example.json', JSON.stringify(EXAMPLE))]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(EXAMPLE_OUTPUT);
    expect(r.stderr).toEqual([]);
  });

  it('score - reads standard input', () => {
    const r = cli(['score', '-'], JSON.stringify(EXAMPLE));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(EXAMPLE_OUTPUT);
  });

  it('invalid input: exit 2, stdout empty, one path: message per line', () => {
    const r = cli(['score', write('bad.json', JSON.stringify(BAD))]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toEqual(BAD_LINES);
  });

  it('non-contiguous levels: exit 2 with the levels line', () => {
    const r = cli(['score', '-'], JSON.stringify({ ...EXAMPLE, lesions: [{ ...EXAMPLE.lesions[0], levels: ['T11', 'L1'] }] }));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toEqual(['lesions[0].levels: levels must be contiguous: T11 and L1 are not adjacent (record non-contiguous levels as separate lesions)']);
  });

  it('invalid JSON: exit 2, (root): invalid JSON', () => {
    const r = cli(['score', write('broken.json', '{"patient": ')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(/^\(root\): not valid JSON$/);
  });

  it('unknown subcommand: exit 2 with usage; --help: exit 0', () => {
    const bad = cli(['nope']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr[0]).toBe('unknown subcommand "nope"');
    const help = cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('score');
  });
});
