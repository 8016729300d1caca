// `cli report --study sample-follow-up`: the keyword opens the built-in follow-up study, and a reading of it built
// from the generator's truth, compared with the baseline sample's reading, reports what the follow-up was made to
// show: the L1 collapse progressed past 50% (to the 60% its heights measure) and a new T11 lesion.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FOLLOW_UP_UIDS, SAMPLE_UIDS } from '@shared/sample';
import { runCli } from '../../support/cli-io';
import { baselineDocument, followUpDocument } from '../../support/follow-up-document';

const OUT = resolve(__dirname, '../../output/report/sample-follow-up');
const o = (name: string): string => join(OUT, name);

const cli = runCli;

describe('report --study sample-follow-up', () => {
  beforeAll(() => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    writeFileSync(o('follow-up.json'), JSON.stringify(followUpDocument()));
    writeFileSync(o('baseline.json'), JSON.stringify(baselineDocument()));
  });

  it('reports the follow-up reading against the baseline: collapse 38% → 60%, now > 50%, and the new T11 lesion', async () => {
    const compared = await cli(['compare', '--current', o('follow-up.json'), '--prior', o('baseline.json')]);
    expect(compared.code, compared.err).toBe(0);
    const changes = (JSON.parse(compared.out) as { changes: { text: string }[] }).changes.map((c) => c.text);
    expect(changes).toEqual(expect.arrayContaining(['L1: collapse 38% → 60%, now > 50%', 'T11: new lytic lesion']));

    const run = await cli(['report', '--study', 'sample-follow-up', '--annotations', o('follow-up.json'), '--prior', o('baseline.json'), '--text', o('follow-up.txt')]);
    expect(run.code, run.err).toBe(0);
    const text = readFileSync(o('follow-up.txt'), 'utf8');
    expect(text).toContain('\nCOMPARISON\n');
    for (const change of changes) expect(text).toContain(`- ${change}.`);
    expect(text).toContain('2000-04-15');
  });

  it('finds only the follow-up under that name: a reading of the baseline study is not in it (exit 2)', async () => {
    const run = await cli(['report', '--study', 'sample-follow-up', '--annotations', o('baseline.json'), '--text', o('wrong.txt')]);
    expect(run.code).toBe(2);
    expect(run.err).toContain(`study ${SAMPLE_UIDS.study} not found`);
    expect(FOLLOW_UP_UIDS.study).not.toBe(SAMPLE_UIDS.study);
  });
});
