// Prognosis scores: minimum, maximum, band edges and missing inputs (docs/clinical-rules.md §7).

import { describe, expect, it } from 'vitest';
import { scoreBauer, scoreTokuhashi, scoreTomita } from '@shared/scoring/index';
import type { TokuhashiInput } from '@shared/scoring/index';
import { scoreLesion } from './support';

const tokuhashiMax: TokuhashiInput = {
  kps: 100, extraspinalBoneMetastases: 0, vertebralMetastases: 1, visceralMetastases: 'none',
  tokuhashiPrimary: 'thyroid_breast_prostate_carcinoid', frankel: 'E',
};

describe('revised Tokuhashi', () => {
  it.each([
    ['minimum', { kps: 10, extraspinalBoneMetastases: 3, vertebralMetastases: 3, visceralMetastases: 'unremovable', tokuhashiPrimary: 'lung_osteosarcoma_stomach_bladder_oesophagus_pancreas', frankel: 'A' }, 0, 'under_6_months'],
    ['maximum', {}, 15, '1_year_or_more'],
    // 15 − 2 (KPS 40) − 2 (≥3 extraspinal) − 2 (≥3 vertebral) − 1 (removable visceral) = 8
    ['8, top of < 6 months', { kps: 40, extraspinalBoneMetastases: 5, vertebralMetastases: 4, visceralMetastases: 'removable' }, 8, 'under_6_months'],
    // 15 − 2 − 2 − 2 = 9
    ['9, bottom of ≥ 6 months', { kps: 40, extraspinalBoneMetastases: 5, vertebralMetastases: 4 }, 9, '6_months_or_more'],
    // 15 − 1 (rectum 4 instead of 5) − 1 (KPS 70) − 1 (Frankel D) − 1 (2 vertebral) = 11
    ['11, top of ≥ 6 months', { kps: 70, frankel: 'D', vertebralMetastases: 2, tokuhashiPrimary: 'rectum' }, 11, '6_months_or_more'],
    // 15 − 1 (KPS 70) − 1 (Frankel D) − 1 (2 vertebral) = 12
    ['12, bottom of ≥ 1 year', { kps: 70, frankel: 'D', vertebralMetastases: 2 }, 12, '1_year_or_more'],
    ['KPS 50 scores 1, KPS 80 scores 2', { kps: 50 }, 14, '1_year_or_more'],
    ['KPS 0 scores 0', { kps: 0 }, 13, '1_year_or_more'],
  ] as const)('%s', (_name, overrides, total, band) => {
    expect(scoreTokuhashi({ ...tokuhashiMax, ...overrides })).toEqual({ value: { total, band }, reason: null });
  });

  it('is null with the reason when an input is missing', () => {
    expect(scoreTokuhashi({ ...tokuhashiMax, kps: undefined, frankel: undefined })).toEqual({ value: null, reason: 'missing kps, frankel' });
  });
});

describe('Tomita', () => {
  it.each([
    ['minimum 2', 'slow', 'none', 'solitary', 2, 'wide_or_marginal_excision'],
    ['3', 'slow', 'none', 'multiple', 3, 'wide_or_marginal_excision'],
    ['4', 'moderate', 'none', 'multiple', 4, 'marginal_or_intralesional_excision'],
    ['5', 'moderate', 'treatable', 'solitary', 5, 'marginal_or_intralesional_excision'],
    ['6', 'rapid', 'none', 'multiple', 6, 'palliative_surgery'],
    ['7', 'rapid', 'treatable', 'solitary', 7, 'palliative_surgery'],
    ['8', 'rapid', 'treatable', 'multiple', 8, 'supportive_care'],
    ['maximum 10', 'rapid', 'untreatable', 'multiple', 10, 'supportive_care'],
  ] as const)('%s', (_name, tomitaPrimaryGrowth, tomitaVisceral, boneMetastases, total, band) => {
    expect(scoreTomita({ tomitaPrimaryGrowth, tomitaVisceral, boneMetastases })).toEqual({ value: { total, band }, reason: null });
  });

  it('is null with the reason when an input is missing', () => {
    expect(scoreTomita({ tomitaPrimaryGrowth: 'slow' })).toEqual({ value: null, reason: 'missing tomitaVisceral, boneMetastases' });
  });
});

describe('modified Bauer', () => {
  const worst = { visceralMetastases: true, lungPrimary: true, favourablePrimary: false, solitarySkeletal: false };
  it.each([
    ['minimum 0', {}, 0, 'supportive_care'],
    ['1', { visceralMetastases: false }, 1, 'supportive_care'],
    ['2', { visceralMetastases: false, lungPrimary: false }, 2, 'short_term_palliation'],
    ['3', { visceralMetastases: false, lungPrimary: false, favourablePrimary: true }, 3, 'mid_term_local_control'],
    ['maximum 4', { visceralMetastases: false, lungPrimary: false, favourablePrimary: true, solitarySkeletal: true }, 4, 'mid_term_local_control'],
  ] as const)('%s', (_name, overrides, total, band) => {
    expect(scoreBauer({ ...worst, ...overrides })).toEqual({ value: { total, band }, reason: null });
  });

  it('is null with the reason when an input is missing', () => {
    expect(scoreBauer(undefined)).toEqual({ value: null, reason: 'missing bauer' });
    expect(scoreBauer({ ...worst, solitarySkeletal: undefined })).toEqual({ value: null, reason: 'missing bauer.solitarySkeletal' });
  });
});

describe('in the output', () => {
  it('a score lacking inputs is absent; the others are present', () => {
    const { patient } = scoreLesion({}, { prognosis: { tomitaPrimaryGrowth: 'slow', tomitaVisceral: 'none', boneMetastases: 'solitary', kps: 50 } });
    expect(patient).toEqual({ flags: [], tomita: { total: 2, band: 'wide_or_marginal_excision' } });
  });

  it('no prognosis → no scores', () => {
    expect(scoreLesion().patient).toEqual({ flags: [] });
  });
});
