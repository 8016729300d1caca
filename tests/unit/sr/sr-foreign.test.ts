// An SR we cannot restore is shown read-only as text, with a note saying why: another program's SR (dcmtk's test
// document as shipped with Debian's python3-pydicom), an SR of ours without its reading (de-identified), and a
// damaged reading record. The text renderer's lines are checked as a table.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ReadSrItem } from '@shared/dicom/sr/index';
import { buildComprehensiveSr, readSr, renderSrTree, SrReadError } from '@shared/dicom/sr/index';
import { writePart10 } from '@shared/dicom/write/index';
import { deriveReading } from '@shared/reading/derive';
import { buildReport } from '@shared/report/model';
import { buildSrContent } from '@shared/report/sr-content';
import { FOREIGN_SR_NOTE, readingFromFile, restoreReadingFromSr, restoreRefusal } from '@shared/report/restore-reading';
import { sampleDocument, sampleStudyInfo } from '../../support/sample-document';

const PYDICOM_SR = '/usr/lib/python3/dist-packages/pydicom/data/test_files/test-SR.dcm';
const study = sampleStudyInfo();
const instance = {
  seriesInstanceUID: '2.25.21', sopInstanceUID: '2.25.22', seriesNumber: 9001, instanceNumber: 1, contentDate: '20250601',
  contentTime: '080000', manufacturer: 'spine-met-annotator', softwareVersion: 'test', seriesDescription: 'test',
};

describe('an SR that cannot be restored', () => {
  it("another program's SR: text with its content and the note", () => {
    const result = restoreReadingFromSr(readSr(new Uint8Array(readFileSync(PYDICOM_SR))));
    expect(result.kind).toBe('text-only');
    if (result.kind !== 'text-only') return;
    expect(result.note).toBe(FOREIGN_SR_NOTE);
    const lines = result.text.split('\n');
    expect(lines[0]).toBe('Diagnosis (Comprehensive SR Storage)');
    expect(lines).toContain('Patient: S R Test');
    // ISO_IR 100 decoded: the verifier's name has an umlaut.
    expect(result.text).toMatch(/Verified by J\u00f6rg Riesmeier \(OFFIS e\.V\.\) on 2001-02-13 18:47:46/);
    expect(result.text).toMatch(/Text Code: A mass of/);
    expect(lines).toContain('  Diameter: 3 cm');
    // A text of several lines stays under its item; a by-reference item says what it is.
    expect(result.text).toContain('Code: Sample Text\n    A\n    B\n    C');
    expect(result.text).toContain('[inferred from] (refers to another item of this report)');
  });

  it('our own de-identified SR (no reading record) says why', () => {
    const doc = sampleDocument();
    const model = { ...buildReport({ document: doc, study, reading: deriveReading(doc) }), deidentified: true };
    const content = buildSrContent(model, doc, study);
    const sr = readSr(writePart10(buildComprehensiveSr({ study, instance, content: content.items, evidence: content.evidence })));
    const result = restoreReadingFromSr(sr);
    expect(result).toMatchObject({ kind: 'text-only', note: expect.stringMatching(/does not carry the reading/) });
  });

  it('a damaged reading record is shown as text, never half restored', () => {
    const doc = sampleDocument();
    const model = buildReport({ document: doc, study, reading: deriveReading(doc) });
    const content = buildSrContent(model, doc, study);
    const sr = readSr(writePart10(buildComprehensiveSr({ study, instance, content: content.items, evidence: content.evidence })));
    const cut = (item: ReadSrItem): ReadSrItem => ({ ...item, children: item.concept?.value === 'READING-RECORD' ? item.children.filter((c) => c.concept?.value !== 'PATIENT') : item.children.map(cut) });
    const result = restoreReadingFromSr({ ...sr, root: cut(sr.root) });
    expect(result).toMatchObject({ kind: 'text-only', note: expect.stringMatching(/is damaged \(the reading's patient could not be read\)/) });
  });

  it('a file that is no SR is refused in words', () => {
    expect(() => readSr(new TextEncoder().encode('not dicom at all'))).toThrow(SrReadError);
  });

  it('restoring into another open study is refused', () => {
    expect(restoreRefusal('1.2.3', '1.2.3')).toBeNull();
    expect(restoreRefusal('1.2.3', null)).toBeNull();
    expect(restoreRefusal('1.2.3', '1.2.4')).toMatch(/belongs to another study/);
  });
});

describe('SR content as text', () => {
  const item = (over: Partial<ReadSrItem>): ReadSrItem => ({ relationship: 'CONTAINS', valueType: 'CONTAINER', concept: { value: 'X', scheme: 'L', meaning: 'Findings' }, children: [], ...over });
  it.each<[string, ReadSrItem, string]>([
    ['container', item({}), 'Findings'],
    ['text', item({ valueType: 'TEXT', text: 'lytic lesion' }), 'Findings: lytic lesion'],
    ['code', item({ valueType: 'CODE', code: { value: '1b', scheme: 'L', meaning: 'ESCC 1b' } }), 'Findings: ESCC 1b'],
    ['number in mm', item({ valueType: 'NUM', num: { value: 12.5, unit: { value: 'mm', scheme: 'UCUM', meaning: 'millimeter' } } }), 'Findings: 12.5 mm'],
    ['number without value', item({ valueType: 'NUM', num: { value: null, unit: null } }), 'Findings: (no value)'],
    ['person', item({ valueType: 'PNAME', personName: 'Smith^Ann' }), 'Findings: Ann Smith'],
    ['date', item({ valueType: 'DATE', dateTime: '20250601' }), 'Findings: 2025-06-01'],
    ['point', item({ valueType: 'SCOORD', graphic: { type: 'POINT', data: [10.25, 20.75] } }), 'Findings: point at 10.3, 20.8'],
    ['image, other relationship', item({ relationship: 'SELECTED FROM', valueType: 'IMAGE', reference: { sopClassUID: '1.2', sopInstanceUID: '1.2.3', frames: [2] } }), '[selected from] Findings: image 1.2.3 frame 2'],
    ['children indented', item({ children: [item({ valueType: 'TEXT', text: 'a' })] }), 'Findings\n  Findings: a'],
    ['text of two lines', item({ valueType: 'TEXT', text: 'a\nb' }), 'Findings: a\n    b'],
  ])('%s', (_name, input, expected) => {
    expect(renderSrTree(input)).toBe(expected);
  });
});

describe('a reading file picked in the compare panel', () => {
  const doc = sampleDocument();
  const ours = (): Uint8Array => {
    const model = buildReport({ document: doc, study, reading: deriveReading(doc) });
    const content = buildSrContent(model, doc, study);
    return writePart10(buildComprehensiveSr({ study, instance, content: content.items, evidence: content.evidence }));
  };
  it.each<[string, () => Uint8Array, { ok: boolean; from?: string; message?: RegExp; text?: boolean }]>([
    ['the JSON export', () => new TextEncoder().encode(JSON.stringify(doc)), { ok: true, from: 'json' }],
    ['our SR', ours, { ok: true, from: 'sr' }],
    ["another program's SR", () => new Uint8Array(readFileSync(PYDICOM_SR)), { ok: false, message: /was not written by this app/, text: true }],
    ['neither', () => new TextEncoder().encode('{"kind":"nope"}'), { ok: false, message: /^It is not a reading this app can open/, text: false }],
  ])('%s', (_name, bytes, want) => {
    const result = readingFromFile(bytes());
    expect(result.ok).toBe(want.ok);
    if (result.ok) {
      expect(result.from).toBe(want.from);
      expect(result.document).toEqual(doc);
    } else {
      expect(result.message).toMatch(want.message ?? /./);
      expect(result.text !== '').toBe(want.text);
    }
  });
});

describe('a damaged SR file', () => {
  it('cut anywhere: a plain SrReadError or a text-only answer, never a crash or a half-restored reading', () => {
    const doc = sampleDocument();
    const model = buildReport({ document: doc, study, reading: deriveReading(doc) });
    const content = buildSrContent(model, doc, study);
    const bytes = writePart10(buildComprehensiveSr({ study, instance, content: content.items, evidence: content.evidence }));
    const outcomes = new Set<string>();
    for (let cut = 0; cut < bytes.length; cut += Math.max(1, Math.floor(bytes.length / 97))) {
      try {
        const result = restoreReadingFromSr(readSr(bytes.subarray(0, cut)));
        // Whatever survives is either the whole reading or text.
        if (result.kind === 'restored') expect(result.document).toEqual(doc);
        outcomes.add(result.kind);
      } catch (e) {
        expect(e).toBeInstanceOf(SrReadError);
        outcomes.add('refused');
      }
    }
    expect(outcomes.has('refused')).toBe(true);
  });
});
