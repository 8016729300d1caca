// Hand-made cases, not in the shared vectors. Each expected value was worked out by hand from
// docs/clinical-rules.md and docs/scoring-contract.md (the arithmetic is in the comment), then compared on the fields given.

import { describe, expect, it } from 'vitest';
import { lesion, scoreRaw, subsetDiff, withPossiblePathways } from './support';

interface HandCase {
  name: string;
  input: Record<string, unknown>;
  expected: Record<string, unknown>;
}

const one = (patient: Record<string, unknown>, l: Record<string, unknown>, spine?: Record<string, unknown>) => ({
  ...(spine === undefined ? {} : { spine }),
  patient,
  lesions: [lesion(l)],
});

const CASES: HandCase[] = [
  {
    // L2 mobile 2 + mechanical 3 + lytic 2 + normal 0 + lt50 2 + none 0 = 9 → indeterminate, consult.
    // N low (1a), O sensitive (breast), M indeterminate without judgement → both; augmentation criteria all met.
    name: 'L2 augmentation candidate, indeterminate without judgement',
    input: one({ histology: 'breast' }, { levels: ['L2'], pain: 'mechanical', boneLesion: 'lytic', collapse: 'lt50', escc: '1a' }),
    expected: {
      lesions: [{
        sins: { components: { location: 2, pain: 3, boneLesion: 2, alignment: 0, collapse: 2, posterolateral: 0 }, total: 9, range: [9, 9], band: 'indeterminate', surgicalConsultation: true },
        noms: { neurologic: 'low', oncologic: 'sensitive', mechanical: 'indeterminate', pathway: null, possiblePathways: ['cEBRT', 'stabilization+cEBRT'] },
        flags: ['augmentation_candidate'],
      }],
    },
  },
  {
    // Same lesion, reader judges it unstable: M unstable → stabilization+cEBRT; the label stays indeterminate.
    name: 'L2 with judgement unstable',
    input: one({ histology: 'breast' }, { levels: ['L2'], pain: 'mechanical', boneLesion: 'lytic', collapse: 'lt50', escc: '1a', instabilityJudgement: 'unstable' }),
    expected: { lesions: [{ sins: { total: 9 }, noms: { mechanical: 'indeterminate', pathway: 'stabilization+cEBRT', alternatives: [] } }] },
  },
  {
    // T7 semi-rigid 1 + occasional 1 = 2 → stable. ESCC 3 → N high; renal → resistant; S no → cEBRT+supportive.
    name: 'renal cell, high-grade ESCC, cannot tolerate surgery',
    input: one({ histology: 'renal_cell', canTolerateSurgery: 'no' }, { levels: ['T7'], pain: 'occasional', escc: '3' }),
    expected: {
      lesions: [{
        sins: { total: 2, band: 'stable', surgicalConsultation: false },
        escc: { grade: '3', category: 'high', indeterminate: false },
        noms: { neurologic: 'high', oncologic: 'resistant', mechanical: 'stable', systemic: 'no', pathway: 'cEBRT+supportive' },
        flags: [],
      }],
    },
  },
  {
    // C1–C2 junctional 3 + mechanical 3 + lytic 2 + subluxation 4 + gt50 3 + bilateral 3 = 18 → unstable.
    // ESCC 2 → N high; melanoma resistant; S yes → decompression+stabilization+SBRT. Not augmentable (subluxation).
    name: 'maximal SINS at C1–C2, melanoma',
    input: one({ histology: 'melanoma', canTolerateSurgery: 'yes' }, { levels: ['C1', 'C2'], pain: 'mechanical', boneLesion: 'lytic', alignment: 'subluxation', collapse: 'gt50', posterolateral: 'bilateral', escc: '2' }),
    expected: { lesions: [{ sins: { total: 18, band: 'unstable', surgicalConsultation: true }, noms: { mechanical: 'unstable', pathway: 'decompression+stabilization+SBRT' }, flags: [] }] },
  },
  {
    // 4 lumbar: S1 junctional 3, rest 0 → 3 stable. Myelopathy unknown with ESCC 1b → N unknown, but prostate is
    // sensitive and M stable, so cEBRT either way. S1 is not a transitional level (only the last lumbar is).
    name: 'S1 with four lumbar vertebrae, myelopathy unknown',
    input: one({ histology: 'prostate', myelopathy: 'unknown' }, { levels: ['S1'], escc: '1b' }, { thoracicCount: 12, lumbarCount: 4 }),
    expected: {
      lesions: [{ sins: { components: { location: 3 }, total: 3 }, noms: { neurologic: 'unknown', pathway: 'cEBRT', alternatives: [] }, flags: [] }],
      patient: { flags: ['transitional_anatomy'] },
    },
  },
  {
    // 'other' histology, no override → O unknown. T4 1 → stable; N low → cEBRT if sensitive, SBRT if resistant.
    name: 'histology other: alternatives over O',
    input: one({ histology: 'other' }, { levels: ['T4'] }),
    expected: {
      lesions: [{
        noms: {
          oncologic: 'unknown', pathway: null,
          alternatives: [{ if: { oncologic: 'sensitive' }, pathway: 'cEBRT' }, { if: { oncologic: 'resistant' }, pathway: 'SBRT' }],
        },
      }],
    },
  },
  {
    // Reader overrides 'other' → resistant. ESCC 2 → N high; T8 1 → M stable; S unknown → two alternatives.
    name: 'reader override resistant, surgery tolerance unknown',
    input: one({ histology: 'other', radiosensitivity: 'resistant' }, { levels: ['T8'], escc: '2' }),
    expected: {
      lesions: [{
        noms: {
          oncologic: 'resistant', systemic: 'unknown', pathway: null,
          alternatives: [{ if: { systemic: 'yes' }, pathway: 'separation+SBRT' }, { if: { systemic: 'no' }, pathway: 'cEBRT+supportive' }],
        },
      }],
    },
  },
  {
    // Co: location null, 0–3 → range [0, 3], stable, no consult. ESCC unknown → N unknown; histology unknown → O
    // unknown; S unknown. N low: cEBRT/SBRT by O; N high + sensitive: cEBRT; N high + resistant: by S.
    name: 'Co lesion with N, O and S unknown',
    input: one({ histology: 'unknown' }, { levels: ['Co'], escc: 'unknown' }),
    expected: {
      lesions: [{
        sins: { components: { location: null }, total: null, range: [0, 3], band: 'stable', surgicalConsultation: false },
        escc: { grade: 'unknown', category: null, indeterminate: false },
        noms: {
          neurologic: 'unknown', oncologic: 'unknown', mechanical: 'stable', systemic: 'unknown', pathway: null,
          alternatives: [
            { if: { oncologic: 'sensitive' }, pathway: 'cEBRT' },
            { if: { neurologic: 'low', oncologic: 'resistant' }, pathway: 'SBRT' },
            { if: { neurologic: 'high', oncologic: 'resistant', systemic: 'yes' }, pathway: 'separation+SBRT' },
            { if: { neurologic: 'high', oncologic: 'resistant', systemic: 'no' }, pathway: 'cEBRT+supportive' },
          ],
        },
        flags: ['location_not_scored'],
      }],
    },
  },
  {
    // 13 thoracic: T13 junctional 3 (flagged); L5 is the fifth and last lumbar of five → junctional, not flagged.
    name: 'two lesions with 13 thoracic vertebrae',
    input: {
      spine: { thoracicCount: 13, lumbarCount: 5 },
      patient: { histology: 'breast' },
      lesions: [lesion({ id: 'a', levels: ['T13'] }), lesion({ id: 'b', levels: ['L5'] })],
    },
    expected: {
      lesions: [
        { id: 'a', sins: { components: { location: 3 } }, flags: ['transitional_level'] },
        { id: 'b', sins: { components: { location: 3 } }, flags: [] },
      ],
      patient: { flags: ['transitional_anatomy'] },
    },
  },
  {
    // L3 2 + mechanical 3 + blastic 0 + normal 0 + gt50 3 + none 0 = 8; measured 52% → borderline; augmentable
    // (gt50, mechanical, normal, none, N low with ESCC 0). Judgement stable → cEBRT.
    name: 'augmentation and borderline collapse together',
    input: one({ histology: 'breast' }, { levels: ['L3'], pain: 'mechanical', collapse: 'gt50', collapseMeasuredPercent: 52, instabilityJudgement: 'stable' }),
    expected: { lesions: [{ sins: { total: 8 }, noms: { pathway: 'cEBRT' }, flags: ['augmentation_candidate', 'collapse_borderline'] }] },
  },
  {
    // As above with cord signal change: N high → no augmentation flag; breast sensitive, M stable → cEBRT.
    name: 'cord signal change blocks augmentation',
    input: one({ histology: 'breast' }, { levels: ['L3'], pain: 'mechanical', collapse: 'gt50', cordSignalChange: true, instabilityJudgement: 'stable' }),
    expected: { lesions: [{ noms: { neurologic: 'high', pathway: 'cEBRT' }, flags: [] }] },
  },
  {
    // Tokuhashi: KPS 60 → 1, 0 extraspinal → 2, 2 vertebral → 1, removable → 1, rectum → 4, Frankel C → 1 = 10.
    // Tomita: moderate 2 + treatable 2 + solitary 1 = 5. Bauer: visceral (0) + not lung (1) + not favourable (0)
    // + solitary (1) = 2.
    name: 'all three prognosis scores',
    input: one(
      {
        histology: 'colorectal',
        prognosis: {
          kps: 60, extraspinalBoneMetastases: 0, vertebralMetastases: 2, visceralMetastases: 'removable', tokuhashiPrimary: 'rectum', frankel: 'C',
          tomitaPrimaryGrowth: 'moderate', tomitaVisceral: 'treatable', boneMetastases: 'solitary',
          bauer: { visceralMetastases: true, lungPrimary: false, favourablePrimary: false, solitarySkeletal: true },
        },
      },
      {},
    ),
    expected: {
      patient: {
        tokuhashi: { total: 10, band: '6_months_or_more' },
        tomita: { total: 5, band: 'marginal_or_intralesional_excision' },
        modifiedBauer: { total: 2, band: 'short_term_palliation' },
      },
    },
  },
  {
    // Bladder dysfunction → emergency; 49 h of complete paralysis (> 48) → flag.
    name: 'emergency and prolonged paralysis',
    input: one({ histology: 'breast', emergency: { newBladderDysfunction: true, completeParalysisHours: 49 } }, {}),
    expected: { patient: { flags: ['mscc_emergency', 'paralysis_over_48h'] } },
  },
  {
    // L1 3 + mechanical 3 + lytic 2 + deformity 2 + none 0 = 10, collapse unknown 0–3 → [10, 13]: no band, consult.
    // Totals 10–12 take the judgement (unstable), 13 is unstable → M unstable for every total: one pathway,
    // while the mechanical label stays unknown.
    name: 'range across 12/13 resolved by the judgement',
    input: one({ histology: 'breast' }, { levels: ['L1'], pain: 'mechanical', boneLesion: 'lytic', alignment: 'deformity', collapse: 'unknown', instabilityJudgement: 'unstable' }),
    expected: {
      lesions: [{ sins: { total: null, range: [10, 13], band: null, surgicalConsultation: true }, noms: { mechanical: 'unknown', pathway: 'stabilization+cEBRT' } }],
    },
  },
  {
    // Tokuhashi lacks frankel and Bauer lacks solitarySkeletal → both absent; Tomita complete: slow 1 + none 0 +
    // multiple 2 = 3.
    name: 'incomplete prognosis inputs leave scores out',
    input: one(
      {
        histology: 'breast',
        prognosis: {
          kps: 90, extraspinalBoneMetastases: 0, vertebralMetastases: 1, visceralMetastases: 'none', tokuhashiPrimary: 'other',
          tomitaPrimaryGrowth: 'slow', tomitaVisceral: 'none', boneMetastases: 'multiple',
          bauer: { visceralMetastases: false, lungPrimary: false, favourablePrimary: true },
        },
      },
      {},
    ),
    expected: { patient: { flags: [], tomita: { total: 3, band: 'wide_or_marginal_excision' } } },
  },
];

describe('hand-made cases', () => {
  it('has at least ten', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(10);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(subsetDiff(withPossiblePathways(scoreRaw(c.input)), c.expected)).toEqual([]);
  });

  it('absent scores are really absent, not null', () => {
    const last = CASES[CASES.length - 1];
    if (last === undefined) throw new Error('no cases');
    const patient = scoreRaw(last.input).patient;
    expect(Object.keys(patient).sort()).toEqual(['flags', 'tomita']);
  });
});
