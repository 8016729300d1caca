// The SR and Encapsulated PDF builders on their own (no Chromium): coded content, UCUM units, image references
// with coordinates, the evidence sequence, and dciodvfy with no errors.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveReading } from '@shared/reading/derive';
import { buildReport } from '@shared/report/model';
import { buildSrContent, readerPersonName } from '@shared/report/sr-content';
import type { SrItem } from '@shared/dicom/sr/index';
import { buildComprehensiveSr, buildEncapsulatedPdf } from '@shared/dicom/sr/index';
import { writePart10 } from '@shared/dicom/write/index';
import { SAMPLE_UIDS } from '@shared/sample';
import { sampleDocument, sampleStudyInfo } from '../../support/sample-document';

const OUT = resolve(__dirname, '../../output/report/sr');

function flatten(items: readonly SrItem[]): SrItem[] {
  return items.flatMap((i) => [i, ...flatten(i.children ?? [])]);
}

describe('SR content and documents', () => {
  const doc = sampleDocument();
  const study = sampleStudyInfo();
  const model = buildReport({ document: doc, study, reading: deriveReading(doc) });
  const content = buildSrContent(model, doc, study);
  const all = flatten(content.items);
  const instance = {
    seriesInstanceUID: '2.25.1', sopInstanceUID: '2.25.2', seriesNumber: 9001, instanceNumber: 1, contentDate: '20250601',
    contentTime: '080000', manufacturer: 'spine-met-annotator', softwareVersion: 'test', seriesDescription: 'test',
  };

  it('codes the SINS components with points in {score}, the total, ESCC and the height loss in %', () => {
    const points = all.filter((i) => i.type === 'NUM' && i.concept.value === 'SINS-POINTS');
    expect(points.map((p) => (p.type === 'NUM' ? p.value : -1))).toEqual([3, 3, 2, 0, 2, 1]);
    expect(all.find((i) => i.concept.value === 'SINS-TOTAL')).toMatchObject({ type: 'NUM', value: 11, unit: { value: '{score}', scheme: 'UCUM' } });
    expect(all.find((i) => i.concept.value === 'ESCC')).toMatchObject({ type: 'CODE', code: { value: 'ESCC-1b' } });
    expect(all.find((i) => i.concept.value === 'HEIGHT-LOSS')).toMatchObject({ type: 'NUM', unit: { value: '%' } });
    // Every code fits SH (16 bytes) and every meaning LO (64).
    for (const i of all) {
      expect(i.concept.value.length).toBeLessThanOrEqual(16);
      expect(i.concept.meaning.length).toBeLessThanOrEqual(64);
    }
  });

  it('places points on the annotated instance (SCOORD + SELECTED FROM IMAGE) and lists it as evidence', () => {
    const scoords = all.filter((i) => i.type === 'SCOORD');
    expect(scoords.length).toBe(doc.labels.length + 1);
    for (const s of scoords) {
      expect(s.children?.[0]).toMatchObject({ relationship: 'SELECTED FROM', type: 'IMAGE' });
      if (s.type === 'SCOORD') for (const v of s.data) expect(v).toBeGreaterThan(0);
    }
    expect(content.evidence.map((e) => e.seriesInstanceUID)).toEqual([SAMPLE_UIDS.mrSeries]);
  });

  it('writes the reader as a PN (family^given)', () => {
    expect(readerPersonName('Dr Sample Reader')).toBe('Reader^Dr Sample');
    expect(readerPersonName('SMITH^ANN')).toBe('SMITH^ANN');
  });

  it('both documents pass dciodvfy with no errors', () => {
    mkdirSync(OUT, { recursive: true });
    const sr = writePart10(buildComprehensiveSr({ study, instance, content: content.items, evidence: content.evidence }));
    const pdf = writePart10(buildEncapsulatedPdf({ study, instance: { ...instance, sopInstanceUID: '2.25.3', seriesInstanceUID: '2.25.4' }, pdf: new TextEncoder().encode('%PDF-1.4\n%%EOF\n'), title: model.title, sources: content.evidence }));
    for (const [name, bytes] of [['sr.dcm', sr], ['epdf.dcm', pdf]] as const) {
      writeFileSync(join(OUT, name), bytes);
      const v = spawnSync('dciodvfy', [join(OUT, name)], { encoding: 'utf8' });
      expect(`${v.stdout}${v.stderr}`.split('\n').filter((l) => l.startsWith('Error'))).toEqual([]);
    }
  });
});
