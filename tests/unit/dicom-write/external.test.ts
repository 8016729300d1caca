import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { element, sequence, tag, writePart10 } from '@shared/dicom/write';
import type { Dataset } from '@shared/dicom/write';
import { PYTHON, dcmdumpProblems, outputDir, run } from './external-tools';

const code = (value: string, meaning: string): Dataset => [
  element(tag(0x0008, 0x0100), 'SH', value), element(tag(0x0008, 0x0102), 'SH', 'DCM'), element(tag(0x0008, 0x0104), 'LO', meaning),
];

/** A dataset exercising odd lengths, UTF-8, both sequence encodings and long-length VRs. */
function sample(): Dataset {
  return [
    element(tag(0x0008, 0x0005), 'CS', 'ISO_IR 192'),
    element(tag(0x0008, 0x0016), 'UI', '1.2.840.10008.5.1.4.1.1.88.22'),
    element(tag(0x0008, 0x0018), 'UI', '2.25.987'),
    element(tag(0x0008, 0x0060), 'CS', 'SR'),
    element(tag(0x0010, 0x0010), 'PN', 'Müller^Zoë'),
    element(tag(0x0010, 0x0020), 'LO', 'ODD'),
    element(tag(0x0040, 0xa040), 'CS', 'CONTAINER'),
    sequence(tag(0x0040, 0xa043), [code('126000', 'Imaging Measurement Report')], 'undefined'),
    sequence(tag(0x0040, 0xa730), [
      [element(tag(0x0040, 0xa010), 'CS', 'CONTAINS'), element(tag(0x0040, 0xa040), 'CS', 'TEXT'), element(tag(0x0040, 0xa160), 'UT', 'Lytic lesion L1, odd'),
        sequence(tag(0x0040, 0xa043), [code('121071', 'Finding')])],
    ], 'defined'),
    element(tag(0x0042, 0x0011), 'OB', Uint8Array.of(0x25, 0x50, 0x44)),
  ];
}

describe('files the writer makes are read by dcmtk and pydicom', () => {
  const file = join(outputDir('dicom-write'), 'writer-sample.dcm');
  writeFileSync(file, writePart10(sample()));

  it('dcmdump reads it without warnings', () => {
    const r = run('dcmdump', ['-q', '+E', file]);
    expect(r.status, r.stderr).toBe(0);
    expect(dcmdumpProblems(r)).toEqual([]);
    expect(r.stdout).toContain('(0040,a730) SQ');
    expect(r.stdout).toContain('Lytic lesion L1, odd');
  });

  it('pydicom reads the same values', () => {
    const script = [
      'import sys, pydicom',
      'ds = pydicom.dcmread(sys.argv[1])',
      'assert ds.file_meta.TransferSyntaxUID == "1.2.840.10008.1.2.1"',
      'assert str(ds.PatientName) == "Müller^Zoë", ds.PatientName',
      'assert ds.PatientID == "ODD"',
      'assert ds.ConceptNameCodeSequence[0].CodeMeaning == "Imaging Measurement Report"',
      'item = ds.ContentSequence[0]',
      'assert item.TextValue == "Lytic lesion L1, odd"',
      'assert item.ConceptNameCodeSequence[0].CodeValue == "121071"',
      'assert bytes(ds[0x00420011].value) == b"%PD\\x00"',
      'print("ok")',
    ].join('\n');
    const r = run(PYTHON, ['-c', script, file]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('ok');
  });
});
