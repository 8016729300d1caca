// The Key Object Selection builder on its own: TID 2010 structure (title "Of Interest", the description, one IMAGE
// per key image), the source study's identity in a new KO series, the evidence, and dciodvfy with 0 errors, for a
// table of selections (one image, several series, a multi-frame frame, non-ASCII text, de-identified).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildKeyObjectSelection, KEY_OBJECT_SELECTION_STORAGE, KeyObjectError } from '@shared/dicom/sr/index';
import type { KeyObjectInput, KeyObjectRef } from '@shared/dicom/sr/index';
import { writePart10 } from '@shared/dicom/write/index';
import { parseDicomBounded } from '@shared/dicom/decode/parse-bounded';
import { TAG } from '@shared/dicom/tags';
import { sampleStudyInfo } from '../../support/sample-document';
import { dciodvfyFindings, outputDir, run } from '../dicom-write/external-tools';

const MR = '1.2.840.10008.5.1.4.1.1.4';
const ENHANCED_MR = '1.2.840.10008.5.1.4.1.1.4.1';
const instance = {
  seriesInstanceUID: '2.25.11', sopInstanceUID: '2.25.12', seriesNumber: 9003, instanceNumber: 1, contentDate: '20250601',
  contentTime: '080000', manufacturer: 'spine-met-annotator', softwareVersion: 'test', seriesDescription: 'Spine metastasis key images (signed)',
};
const image = (series: string, sop: string, extra: Partial<KeyObjectRef> = {}): KeyObjectRef => ({ seriesInstanceUID: series, sopClassUID: MR, sopInstanceUID: sop, ...extra });

const cases: ReadonlyArray<{ name: string; input: () => KeyObjectInput; images: number; series: number; description: string | undefined }> = [
  { name: 'one key image', input: () => ({ study: sampleStudyInfo(), instance, images: [image('2.25.100', '2.25.101')], description: 'Sagittal T2 through L2' }), images: 1, series: 1, description: 'Sagittal T2 through L2' },
  {
    name: 'images from two series, one twice',
    input: () => ({ study: sampleStudyInfo(), instance, images: [image('2.25.100', '2.25.101'), image('2.25.200', '2.25.201'), image('2.25.100', '2.25.101')], description: 'L2 lesion; T12 lesion' }),
    images: 2,
    series: 2,
    description: 'L2 lesion; T12 lesion',
  },
  { name: 'a frame of a multi-frame image', input: () => ({ study: sampleStudyInfo(), instance, images: [image('2.25.100', '2.25.101', { sopClassUID: ENHANCED_MR, frameNumber: 7 })] }), images: 1, series: 1, description: undefined },
  { name: 'non-ASCII text', input: () => ({ study: { ...sampleStudyInfo(), patientName: 'Müller^Jürgen' }, instance, images: [image('2.25.100', '2.25.101')], description: 'Läsion L2' }), images: 1, series: 1, description: 'Läsion L2' },
  { name: 'a de-identified reading', input: () => ({ study: sampleStudyInfo(), instance: { ...instance, deidentificationMethod: 'PS3.15 basic profile' }, images: [image('2.25.100', '2.25.101')] }), images: 1, series: 1, description: undefined },
];

describe('Key Object Selection (TID 2010)', () => {
  const out = outputDir('report/kos');
  it.each(cases)('$name: the study joined, a KO series, TID 2010, dciodvfy 0 errors', (c) => {
    const input = c.input();
    const bytes = writePart10(buildKeyObjectSelection(input));
    const file = join(out, `${c.name.replace(/\W+/g, '-')}.dcm`);
    writeFileSync(file, bytes);
    const ds = parseDicomBounded(bytes);
    expect(ds.string(TAG.sopClassUid)).toBe(KEY_OBJECT_SELECTION_STORAGE);
    expect(ds.string(TAG.studyInstanceUid)).toBe(input.study.studyInstanceUID);
    expect(ds.string(TAG.seriesInstanceUid)).toBe(instance.seriesInstanceUID);
    expect(ds.string(TAG.modality)).toBe('KO');
    const title = ds.elements[TAG.conceptNameCodeSequence]?.items?.[0]?.dataSet;
    expect([title?.string(TAG.codeValue), title?.string(TAG.codingSchemeDesignator), title?.string(TAG.codeMeaning)]).toEqual(['113000', 'DCM', 'Of Interest']);
    const template = ds.elements[TAG.contentTemplateSequence]?.items?.[0]?.dataSet;
    expect([template?.string(TAG.mappingResource), template?.string(TAG.templateIdentifier)]).toEqual(['DCMR', '2010']);
    const items = (ds.elements[TAG.contentSequence]?.items ?? []).map((i) => i.dataSet);
    const images = items.filter((i) => i?.string(TAG.valueType) === 'IMAGE');
    expect(images).toHaveLength(c.images);
    for (const i of images) expect(i?.string(TAG.relationshipType)).toBe('CONTAINS');
    const text = items.find((i) => i?.string(TAG.valueType) === 'TEXT');
    expect(text === undefined ? undefined : Buffer.from(ds.byteArray.subarray(text.elements[TAG.textValue]?.dataOffset ?? 0, (text.elements[TAG.textValue]?.dataOffset ?? 0) + (text.elements[TAG.textValue]?.length ?? 0))).toString('utf8').trim()).toBe(c.description);
    const evidence = ds.elements[TAG.currentRequestedProcedureEvidenceSequence]?.items?.[0]?.dataSet;
    expect(evidence?.elements[TAG.referencedSeriesSequence]?.items).toHaveLength(c.series);
    const findings = dciodvfyFindings(run('dciodvfy', [file]));
    expect(findings.errors).toEqual([]);
  });

  it('refuses a selection without images', () => {
    expect(() => buildKeyObjectSelection({ study: sampleStudyInfo(), instance, images: [] })).toThrow(KeyObjectError);
  });
});
