// The SR content tree: SINS and ESCC sit in containers named by their RadElement set codes (RDES21, RDES288), and
// no other RadElement code appears (element and value codes were not verified, so they stay local).
import { describe, expect, it } from 'vitest';
import { deriveReading } from '@shared/reading/derive';
import { buildReport, chooseKeyImages } from '@shared/report/index';
import { buildSrContent, RADELEMENT_CODES, RADELEMENT_SCHEME, SR_SCHEMES, LOCAL_SCHEME } from '@shared/report/sr-content';
import type { SrItem } from '@shared/dicom/sr/index';
import { sampleDocument, sampleStudyInfo } from '../../support/sample-document';

function content(): SrItem[] {
  const doc = sampleDocument();
  const study = sampleStudyInfo();
  const model = buildReport({ document: doc, study, reading: deriveReading(doc), keyImages: chooseKeyImages(doc, study) });
  return buildSrContent(model, doc, study).items;
}

function walk(items: readonly SrItem[], out: SrItem[] = []): SrItem[] {
  for (const i of items) {
    out.push(i);
    if (i.children) walk(i.children, out);
  }
  return out;
}

describe('SR content codes', () => {
  const all = walk(content());

  it('names the SINS and ESCC containers with the RadElement set codes', () => {
    const sins = all.find((i) => i.concept.value === 'RDES21');
    const escc = all.find((i) => i.concept.value === 'RDES288');
    expect(sins?.type).toBe('CONTAINER');
    expect(sins?.concept.scheme).toBe('RADELEMENT');
    expect(sins?.children?.map((c) => c.concept.meaning)).toContain('SINS total');
    expect(escc?.type).toBe('CONTAINER');
    expect(escc?.children?.[0]?.type === 'CODE' && escc.children[0].code.value).toBe('ESCC-1b');
  });

  it('uses no RadElement code beyond the verified set codes, and declares both schemes', () => {
    const codes = all.flatMap((i) => [i.concept, ...(i.type === 'CODE' ? [i.code] : []), ...(i.type === 'NUM' ? [i.unit] : [])]);
    const rad = codes.filter((c) => c.scheme === RADELEMENT_SCHEME.designator).map((c) => c.value);
    expect(new Set(rad)).toEqual(new Set(Object.values(RADELEMENT_CODES).map((c) => c.value)));
    const schemes = new Set(codes.map((c) => c.scheme));
    // SCT: the reading record's Yes / No (SNOMED CT 373066001 / 373067005), a scheme DICOM registers (no declaration).
    for (const s of schemes) expect(['DCM', 'LN', 'UCUM', 'SCT', RADELEMENT_SCHEME.designator, LOCAL_SCHEME.designator]).toContain(s);
    expect(SR_SCHEMES.map((s) => s.designator)).toEqual(['RADELEMENT', '99SPINEMET']);
    expect(RADELEMENT_SCHEME.uid).toBe('1.2.840.10008.2.16.15');
  });
});
