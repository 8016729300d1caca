// Patient context asked once: the histology and the one visceral answer derive each prognosis score's questions; a
// stored answer wins and is an override only when it differs from a derivable value; what cannot be derived is asked.
import { describe, expect, it } from 'vitest';
import { resolvePatientContext, visceralFollowUps } from '@shared/scoring/index';
import type { ContextAnswers } from '@shared/scoring/index';
import { createDocument } from '@shared/annotation/defaults';
import { deriveReading } from '@shared/reading/derive';

const NOTHING: ContextAnswers = {
  histology: 'unknown', visceral: 'unknown', tokuhashiPrimary: null, tomitaPrimaryGrowth: null, visceralMetastases: null, tomitaVisceral: null,
  bauerVisceral: null, bauerLung: null, bauerFavourable: null,
};

describe('derived from the histology', () => {
  const cases = [
    { histology: 'breast', tokuhashi: 'thyroid_breast_prostate_carcinoid', tomita: 'slow', lung: false, favourable: true },
    { histology: 'renal_cell', tokuhashi: 'kidney_uterus', tomita: 'moderate', lung: false, favourable: true },
    { histology: 'non_small_cell_lung', tokuhashi: 'lung_osteosarcoma_stomach_bladder_oesophagus_pancreas', tomita: 'rapid', lung: true, favourable: false },
    { histology: 'hepatocellular', tokuhashi: 'liver_gallbladder_unidentified', tomita: 'rapid', lung: false, favourable: false },
    { histology: 'myeloma', tokuhashi: 'other', tomita: 'unknown', lung: false, favourable: true },
    // Rectum (4) or colon ("others", 2): Tokuhashi cannot be derived, the reader is asked.
    { histology: 'colorectal', tokuhashi: 'unknown', tomita: 'rapid', lung: false, favourable: false },
    { histology: 'sarcoma', tokuhashi: 'unknown', tomita: 'unknown', lung: false, favourable: false },
    { histology: 'other', tokuhashi: 'unknown', tomita: 'unknown', lung: 'unknown', favourable: 'unknown' },
    { histology: 'unknown', tokuhashi: 'unknown', tomita: 'unknown', lung: 'unknown', favourable: 'unknown' },
  ] as const;
  it.each(cases)('$histology', ({ histology, tokuhashi, tomita, lung, favourable }) => {
    const c = resolvePatientContext({ ...NOTHING, histology });
    expect([c.tokuhashiPrimary.value, c.tomitaPrimaryGrowth.value, c.bauerLung.value, c.bauerFavourable.value]).toEqual([tokuhashi, tomita, lung, favourable]);
    for (const answer of [c.tokuhashiPrimary, c.tomitaPrimaryGrowth, c.bauerLung, c.bauerFavourable]) expect([answer.source, answer.overridden]).toEqual(['derived', false]);
  });
});

describe('one visceral answer', () => {
  const cases = [
    { visceral: 'none', tokuhashi: 'none', tomita: 'none', bauer: false, asks: false },
    { visceral: 'present', tokuhashi: 'unknown', tomita: 'unknown', bauer: true, asks: true },
    { visceral: 'unknown', tokuhashi: 'unknown', tomita: 'unknown', bauer: 'unknown', asks: false },
  ] as const;
  it.each(cases)('$visceral', ({ visceral, tokuhashi, tomita, bauer, asks }) => {
    const c = resolvePatientContext({ ...NOTHING, visceral });
    expect([c.visceralMetastases.value, c.tomitaVisceral.value, c.bauerVisceral.value]).toEqual([tokuhashi, tomita, bauer]);
    expect(visceralFollowUps(visceral)).toEqual({ tokuhashi: asks, tomita: asks });
  });
});

describe('the reader’s answers', () => {
  const cases = [
    { name: 'a different answer overrides', stored: { tomitaPrimaryGrowth: 'rapid' }, key: 'tomitaPrimaryGrowth', want: { value: 'rapid', source: 'reader', derived: 'moderate', overridden: true } },
    { name: 'the same answer is no override', stored: { tomitaPrimaryGrowth: 'moderate' }, key: 'tomitaPrimaryGrowth', want: { value: 'moderate', source: 'reader', derived: 'moderate', overridden: false } },
    { name: 'an explicit unknown overrides a derivable value', stored: { bauerFavourable: 'unknown' }, key: 'bauerFavourable', want: { value: 'unknown', source: 'reader', derived: true, overridden: true } },
    { name: 'the finer visceral answer is asked, not an override', stored: { visceralMetastases: 'removable' }, key: 'visceralMetastases', want: { value: 'removable', source: 'reader', derived: 'unknown', overridden: false } },
  ] as const;
  it.each(cases)('$name', ({ stored, key, want }) => {
    const c = resolvePatientContext({ ...NOTHING, histology: 'renal_cell', visceral: 'present', ...stored });
    expect(c[key]).toEqual(want);
  });
});

describe('the scores use the derived answers', () => {
  it('renal cell, no visceral metastases and the other answers give all three prognosis scores', () => {
    const doc = createDocument({ studyInstanceUID: '1.2.3', readerName: '', now: '2026-01-01T00:00:00.000Z', appVersion: 't', rulesVersion: 't' });
    doc.patient = {
      ...doc.patient, histology: 'renal_cell', kps: 70, frankel: 'E',
      prognosis: { ...doc.patient.prognosis, visceral: 'none', extraspinalBoneMetastases: 1, vertebralMetastases: 1, boneMetastases: 'solitary', bauer: { ...doc.patient.prognosis.bauer, solitarySkeletal: true } },
    };
    const r = deriveReading(doc);
    // Tokuhashi 1+1+2+2 (none) +3 (kidney) +2 (E) = 11; Tomita 2 (moderate) +0 +1 = 3; Bauer 4.
    expect([r.patient.tokuhashi?.total, r.patient.tomita?.total, r.patient.modifiedBauer?.total]).toEqual([11, 3, 4]);
  });
});
