// `cli report --prior` and `--second-opinion` on the sample study: the "Comparison" / "Second opinion" section in
// the text and the PDF (read back with pdftotext) says what `cli compare` says, and the SR carries it, with the
// prior study referenced by its Study Instance UID, and passes dciodvfy. Refusals are plain lines, exit 2.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnnotationDocument } from '@shared/annotation/schema';
import { SAMPLE_PATIENT_ID, SAMPLE_PATIENT_NAME, SAMPLE_UIDS } from '@shared/sample';
import { runCli } from '../../support/cli-io';
import { sampleDocument } from '../../support/sample-document';

const OUT = resolve(__dirname, '../../output/report/comparison');
const o = (name: string): string => join(OUT, name);
const PRIOR_STUDY = '2.25.310000000000000000000000000000001';

const cli = runCli;

const subject = (uid: string, date: string): AnnotationDocument['subject'] => ({
  patient: { name: SAMPLE_PATIENT_NAME, id: SAMPLE_PATIENT_ID, birthDate: '' },
  study: { uid, uidDerived: false, date, time: '', description: 'CT spine (prior)', accessionNumber: 'ACC-PRIOR', modalities: ['CT'] },
});

/** Today's reading: the sample's L1 lesion with ESCC 2, and a new lytic lesion at T11. */
function current(): AnnotationDocument {
  const doc = sampleDocument();
  doc.subject = subject(SAMPLE_UIDS.study, '20000101');
  const l1 = doc.lesions[0];
  if (l1 === undefined) throw new Error('the sample reading has a lesion');
  doc.lesions = [{ ...l1, escc: '2' }, { ...l1, id: 'les-t11', levels: ['T11'], escc: '0', collapse: { value: 'none', source: 'reader' } }];
  // The impression is left to the proposal: with a prior compared, it leads with the progression.
  doc.report = { ...doc.report, impression: '', impressionSource: 'proposed' };
  return doc;
}

/** The prior study's reading: the sample's L1 lesion as it was (ESCC 1b), no T11 lesion. */
function prior(): AnnotationDocument {
  const doc = sampleDocument();
  doc.studyInstanceUID = PRIOR_STUDY;
  doc.subject = subject(PRIOR_STUDY, '19990601');
  doc.reader = { name: 'Dr Prior Reader' };
  return doc;
}

/** A second reader's reading of the same study: posterolateral bilateral instead of unilateral. */
function secondReader(): AnnotationDocument {
  const doc = current();
  doc.reader = { name: 'Dr Second Reader' };
  doc.lesions = doc.lesions.map((l) => (l.id === 'les-t11' ? l : { ...l, posterolateral: 'bilateral' }));
  return doc;
}

const flat = (s: string): string => s.replace(/\s+/g, ' ');
const pdfText = (pdf: string): string => flat(execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }));
const dciodvfyErrors = (file: string): string[] => {
  const v = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
  return `${v.stdout}${v.stderr}`.split('\n').filter((l) => l.startsWith('Error'));
};

describe('report comparison sections', () => {
  beforeAll(() => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    writeFileSync(o('current.json'), JSON.stringify(current()));
    writeFileSync(o('prior.json'), JSON.stringify(prior()));
    writeFileSync(o('second.json'), JSON.stringify(secondReader()));
    const other = prior();
    if (other.subject !== null) other.subject = { ...other.subject, patient: { name: 'OTHER^PATIENT', id: 'X-9', birthDate: '' } };
    writeFileSync(o('other-patient.json'), JSON.stringify(other));
  });

  it('follow-up: the Comparison section in text, PDF and SR says what cli compare says', async () => {
    const compared = await cli(['compare', '--current', o('current.json'), '--prior', o('prior.json')]);
    expect(compared.code).toBe(0);
    const changes = (JSON.parse(compared.out) as { changes: { text: string }[] }).changes.map((c) => c.text);
    expect(changes).toEqual(expect.arrayContaining(['T11: new lytic lesion', 'L1: ESCC 1b → 2, high grade']));

    const run = await cli(['report', '--study', 'sample', '--annotations', o('current.json'), '--prior', o('prior.json'), '--pdf', o('follow-up.pdf'), '--text', o('follow-up.txt'), '--sr', o('follow-up-sr.dcm')]);
    expect(run.err).toMatch(/wrote/);
    expect(run.code).toBe(0);
    const text = readFileSync(o('follow-up.txt'), 'utf8');
    expect(text).toContain('\nCOMPARISON\nCompared with the prior study: CT spine (prior), CT, dated 1999-06-01, accession ACC-PRIOR, read by Dr Prior Reader.');
    const impression = text.slice(text.indexOf('\nIMPRESSION\n') + '\nIMPRESSION\n'.length);
    // After the line saying the impression is the proposal, the progression comes first.
    expect(impression.split('\n')[1]).toBe(`Progression since the prior study: ${changes.join('; ')}.`);
    const pdf = pdfText(o('follow-up.pdf'));
    expect(pdf).toContain('Comparison');
    for (const change of changes) {
      expect(text).toContain(`- ${change}.`);
      expect(pdf).toContain(change);
    }
    expect(dciodvfyErrors(o('follow-up-sr.dcm'))).toEqual([]);
    const dump = execFileSync('dcmdump', ['+L', o('follow-up-sr.dcm')], { encoding: 'utf8' });
    expect(dump).toContain('Comparison to previous findings');
    expect(dump).toContain(`[${PRIOR_STUDY}]`);
    expect(dump).toContain('L1: ESCC 1b → 2, high grade');
  });

  it('second opinion: the differing finding, whether it changes the band, both readers named', async () => {
    const run = await cli(['report', '--study', 'sample', '--annotations', o('current.json'), '--second-opinion', o('second.json'), '--pdf', o('opinion.pdf'), '--text', o('opinion.txt'), '--sr', o('opinion-sr.dcm')]);
    expect(run.code).toBe(0);
    const text = readFileSync(o('opinion.txt'), 'utf8');
    expect(text).toContain('\nSECOND OPINION\nReadings of the same study compared: Dr Second Reader and');
    expect(text).toContain('they agree on 1 of 2 lesions.');
    expect(text).toMatch(/- L1: posterolateral involvement, unilateral posterolateral involvement \(this reading\) vs bilateral posterolateral involvement \(other reader\); adopting it changes the SINS band \(indeterminate → unstable\)/);
    expect(text).toContain('L1 (both readers), Other reader (Dr Second Reader) → This reading:\n');
    expect(text).toContain('  SINS band: unstable → indeterminate [changes a decision]\n');
    expect(text).toContain('  SINS collapse: 2 (same)\n');
    const pdf = pdfText(o('opinion.pdf'));
    expect(pdf).toContain('Second opinion');
    expect(pdf).toContain('adopting it changes the SINS band (indeterminate → unstable)');
    expect(dciodvfyErrors(o('opinion-sr.dcm'))).toEqual([]);
    expect(execFileSync('dcmdump', ['+L', o('opinion-sr.dcm')], { encoding: 'utf8' })).toContain('Second opinion on the same study');
  });

  const refusals: { name: string; args: string[]; err: RegExp }[] = [
    { name: 'a prior of another patient', args: ['--prior', 'other-patient.json'], err: /^The two readings belong to different patients \(patient name "OTHER\^PATIENT" vs "PHANTOM\^SPINE"/ },
    { name: 'a second opinion on another study', args: ['--second-opinion', 'prior.json'], err: /^The two readings are of different studies/ },
    { name: 'both at once', args: ['--prior', 'prior.json', '--second-opinion', 'second.json'], err: /^--prior and --second-opinion cannot be combined/ },
  ];
  for (const r of refusals) {
    it(`refuses ${r.name}, exit 2, nothing written`, async () => {
      const args = r.args.map((a) => (a.endsWith('.json') ? o(a) : a));
      const run = await cli(['report', '--study', 'sample', '--annotations', o('current.json'), ...args, '--text', o('refused.txt')]);
      expect(run.code).toBe(2);
      expect(run.err).toMatch(r.err);
      expect(spawnSync('test', ['-e', o('refused.txt')]).status).toBe(1);
    });
  }
});
