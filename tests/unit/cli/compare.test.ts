// The `compare` subcommand in process with a fake io: the follow-up change table, the second-opinion table, and the
// refusals (two patients, two studies for a second opinion, unreadable or invalid documents), each a table row.

import { describe, expect, it } from 'vitest';
import type { AnnotationDocument } from '@shared/annotation/schema';
import { runCompare } from '../../../src-main/cli/commands/compare';
import type { comparisonJson, secondOpinionJson } from '@shared/reading/compare-json';
import { capturingIo } from '../../support/cli-io';

type FollowUp = ReturnType<typeof comparisonJson>;
type Opinion = ReturnType<typeof secondOpinionJson>;
import { sampleDocument } from '../../support/sample-document';


const json = (doc: AnnotationDocument): string => JSON.stringify(doc);
const patient = { name: 'SAMPLE^PATIENT', id: 'SPINE-0001', birthDate: '19580412' };
const subject = (uid: string, date: string): AnnotationDocument['subject'] => ({
  patient, study: { uid, uidDerived: false, date, time: '', description: 'CT spine', accessionNumber: '', modalities: ['CT'] },
});
/** The sample reading, recorded as made on the sample study. */
const sample = (): AnnotationDocument => ({ ...sampleDocument(), subject: subject(sampleDocument().studyInstanceUID, '20260101') });
const followUp = (): AnnotationDocument => {
  const doc = sample();
  doc.studyInstanceUID = '2.25.1234567';
  doc.subject = subject(doc.studyInstanceUID, '20260601');
  doc.lesions = [...doc.lesions.map((l) => ({ ...l, escc: '2' as const })), { ...doc.lesions[0]!, id: 'les-t11', levels: ['T11'], escc: '0' as const }];
  return doc;
};
const otherPatient = (): AnnotationDocument => {
  const doc = sample();
  if (doc.subject !== null) doc.subject = { ...doc.subject, patient: { name: 'OTHER^PATIENT', id: 'X-1', birthDate: '19600101' } };
  return doc;
};
const secondReader = (): AnnotationDocument => {
  const doc = sample();
  doc.reader = { name: 'Second Reader' };
  doc.lesions = doc.lesions.map((l) => ({ ...l, posterolateral: 'bilateral' as const }));
  return doc;
};

const FILES = {
  'current.json': json(followUp()),
  'prior.json': json(sample()),
  'other-patient.json': json(otherPatient()),
  'second.json': json(secondReader()),
  'broken.json': '{"kind": "nope"',
};

const cases: { name: string; args: string[]; exit: number; stdout?: (out: unknown) => void; stderr?: RegExp }[] = [
  {
    name: 'follow-up: the new T11 lesion and the L1 ESCC progression, progression first',
    args: ['--current', 'current.json', '--prior', 'prior.json'],
    exit: 0,
    stdout: (json) => {
      const out = json as FollowUp;
      expect(out.kind).toBe('follow-up');
      expect(out.rows.map((r) => [r.levels, r.status])).toEqual([['T11', 'new'], ['L1', 'both']]);
      expect(out.changes.map((c) => c.text)).toEqual(expect.arrayContaining(['T11: new lytic lesion', 'L1: ESCC 1b → 2, high grade']));
      expect(out.rows[1]?.components['collapse']).toEqual({ prior: 2, current: 2 });
    },
  },
  {
    name: 'second opinion: one differing SINS component that changes the band',
    args: ['--current', 'prior.json', '--prior', 'second.json', '--same-study'],
    exit: 0,
    stdout: (json) => {
      const out = json as Opinion;
      expect(out.kind).toBe('second-opinion');
      expect(out.rows).toHaveLength(1);
      expect(out.rows[0]?.differences.map((d) => [d.field, d.other, d.current, d.changesBand])).toEqual([
        ['posterolateral', 'bilateral posterolateral involvement', 'unilateral posterolateral involvement', true],
      ]);
      expect(out.rows[0]?.components['posterolateral']).toEqual({ other: 3, current: 1, agree: false });
    },
  },
  { name: 'two patients are refused', args: ['--current', 'current.json', '--prior', 'other-patient.json'], exit: 2, stderr: /different patients \(patient name "OTHER\^PATIENT"/ },
  { name: 'a second opinion on another study is refused', args: ['--current', 'current.json', '--prior', 'prior.json', '--same-study'], exit: 2, stderr: /different studies/ },
  { name: 'an unreadable file is named, in our words', args: ['--current', 'missing.json', '--prior', 'prior.json'], exit: 2, stderr: /^--current: cannot read missing\.json: no such file\n$/ },
  { name: 'an invalid document is refused', args: ['--current', 'broken.json', '--prior', 'prior.json'], exit: 2, stderr: /^--current / },
  { name: 'a missing option is a usage error', args: ['--current', 'current.json'], exit: 2, stderr: /--prior is required/ },
];

describe('cli compare', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const f = capturingIo(FILES);
      expect(await runCompare(c.args, f.io)).toBe(c.exit);
      if (c.stdout !== undefined) c.stdout(JSON.parse(f.stdout()));
      else expect(f.stdout()).toBe('');
      if (c.stderr !== undefined) expect(f.stderr()).toMatch(c.stderr);
    });
  }
});
