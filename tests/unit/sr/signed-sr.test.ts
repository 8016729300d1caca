// The SR of a draft, a signed and an amended reading: CompletionFlag / VerificationFlag, the Verifying Observer,
// the amendment's Predecessor Documents Sequence (read back with dcmdump), and dciodvfy with no errors.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyCommand } from '@shared/annotation/commands';
import type { Command } from '@shared/annotation/commands';
import type { AnnotationDocument } from '@shared/annotation/schema';
import { deriveReading } from '@shared/reading/derive';
import { buildReport } from '@shared/report/model';
import { deidentifyDocument, deidentifyStudyInfo } from '@shared/report/deidentify';
import { exportStructuredReport } from '../../../src-main/services/report/export-dicom';
import { sampleDocument, sampleStudyInfo } from '../../support/sample-document';

const OUT = resolve(__dirname, '../../output/report/signed-sr');
const T1 = '2025-06-01T09:15:00.000Z';
const T2 = '2025-06-02T16:40:00.000Z';
const run = (doc: AnnotationDocument, ...commands: Command[]): AnnotationDocument => commands.reduce(applyCommand, doc);

const study = sampleStudyInfo();
const signed = run(sampleDocument(), { type: 'signReport', args: { signer: 'Dr Ann Smith', organization: 'St Example Radiology', now: T1 } });
const amended = run(
  signed,
  { type: 'beginAmendment', args: { reason: 'Cord signal change seen on review', now: T2 } },
  { type: 'updateLesion', args: { id: signed.lesions[0]?.id ?? '', field: 'cordSignalChange', value: true } },
  { type: 'signReport', args: { signer: 'Dr Bo Jones', organization: '', now: T2 } },
);

function write(name: string, doc: AnnotationDocument, deidentify = false): { path: string; dump: string; errors: string[] } {
  const salt = { salt: 'test-salt' };
  const d = deidentify ? deidentifyDocument(doc, study, salt) : doc;
  const s = deidentify ? deidentifyStudyInfo(study, salt) : study;
  const model = buildReport({ document: d, study: s, reading: deriveReading(doc), deidentified: deidentify });
  const sr = exportStructuredReport({ model, document: d, study: s, now: new Date('2025-06-03T00:00:00Z') });
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, name);
  writeFileSync(path, sr.bytes);
  const v = spawnSync('dciodvfy', [path], { encoding: 'utf8' });
  const dump = spawnSync('dcmdump', ['+P', '0040,a491', '+P', '0040,a493', '+P', '0040,a496', '+P', '0040,a075', '+P', '0040,a027', '+P', '0040,a030', '+P', '0008,0018', '+P', '0020,000e', '+P', '0008,1155', '+P', '0040,a360', path], { encoding: 'utf8' }).stdout;
  return { path, dump, errors: `${v.stdout}${v.stderr}`.split('\n').filter((l) => l.startsWith('Error')) };
}

/** dcmdump lines of one tag, as values. */
const values = (dump: string, tag: string): string[] =>
  dump.split('\n').filter((l) => l.includes(`(${tag})`)).map((l) => /\[([^\]]*)\]/.exec(l)?.[1] ?? '');

describe('the SR carries the sign-off', () => {
  it('a draft is PARTIAL and UNVERIFIED, with no Verifying Observer', () => {
    const { dump, errors } = write('draft.dcm', sampleDocument());
    expect(errors).toEqual([]);
    expect([values(dump, '0040,a491'), values(dump, '0040,a493'), values(dump, '0040,a075')]).toEqual([['PARTIAL'], ['UNVERIFIED'], []]);
  });

  it('a signed reading is COMPLETE and VERIFIED by its signer, with the UIDs the signature recorded; dciodvfy: 0 errors', () => {
    const { dump, errors } = write('signed.dcm', signed);
    expect(errors).toEqual([]);
    expect(values(dump, '0040,a491')).toEqual(['COMPLETE']);
    expect(values(dump, '0040,a493')).toEqual(['VERIFIED']);
    expect(values(dump, '0040,a496')).toEqual(['FINAL']);
    expect(values(dump, '0040,a075')).toEqual(['Smith^Dr Ann']);
    expect(values(dump, '0040,a027')).toEqual(['St Example Radiology']);
    expect(values(dump, '0040,a030')[0]).toMatch(/^20250601091500/);
    expect(values(dump, '0008,0018')).toEqual([signed.signoff.signatures[0]?.sr.sopInstanceUID]);
    expect(values(dump, '0040,a360')).toEqual([]);
    // Exported again: the same instance.
    expect(values(write('signed-again.dcm', signed).dump, '0008,0018')).toEqual(values(dump, '0008,0018'));
  });

  it('an amended reading is verified by the addendum\'s signer and references the signed SR it supersedes; dciodvfy: 0 errors', () => {
    const { dump, errors } = write('amended.dcm', amended);
    expect(errors).toEqual([]);
    expect([values(dump, '0040,a491'), values(dump, '0040,a493'), values(dump, '0040,a075')]).toEqual([['COMPLETE'], ['VERIFIED'], ['Jones^Dr Bo']]);
    // No organisation given: the study's institution stands in (Verifying Organization is Type 1).
    expect(values(dump, '0040,a027')).toEqual([study.institutionName || 'Not recorded']);
    expect(dump).toMatch(/\(0040,a360\) SQ/);
    const first = signed.signoff.signatures[0]?.sr;
    expect(values(dump, '0008,1155')).toContain(first?.sopInstanceUID);
    expect(values(dump, '0020,000e')).toContain(first?.seriesInstanceUID);
    expect(values(dump, '0008,0018')).toEqual([amended.signoff.signatures[1]?.sr.sopInstanceUID]);
  });

  it('de-identified, the signer is not named and the predecessor UIDs are remapped like every other UID; dciodvfy: 0 errors', () => {
    const { dump, errors } = write('amended-deidentified.dcm', amended, true);
    expect(errors).toEqual([]);
    expect(values(dump, '0040,a075')).toEqual(['reader^De-identified']);
    expect(dump).not.toContain('Smith');
    expect(dump).not.toContain('Jones');
    expect(values(dump, '0008,1155')).not.toContain(signed.signoff.signatures[0]?.sr.sopInstanceUID);
  });
});
