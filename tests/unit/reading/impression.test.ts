// The proposed impression, case by case: what it says for each kind of finding, and in what order.
import { describe, expect, it } from 'vitest';
import { defaultLesion } from '@shared/annotation/defaults';
import type { AnnotationDocument, Lesion, Patient } from '@shared/annotation/schema';
import { deriveReading } from '@shared/reading/derive';
import { proposeImpression } from '@shared/reading/impression';
import { emptyDoc } from '../annotation/fixtures';

/** A fully assessed lesion at `levels` (at L1: SINS 10, indeterminate, judged stable by the reader), overridden by `over`. */
const lesion = (id: string, levels: string[], over: Partial<Lesion> = {}): Lesion => ({
  ...defaultLesion(id, levels),
  pain: 'mechanical',
  boneLesion: 'lytic',
  alignment: { value: 'normal', source: 'reader', measurementIds: [] },
  collapse: { value: 'lt50', source: 'reader' },
  posterolateral: 'none',
  escc: '1b',
  cordSignalChange: false,
  caudaEquina: false,
  instabilityJudgement: 'stable',
  ...over,
});

const patient = (over: Partial<Patient> = {}): Patient => ({ ...emptyDoc().patient, histology: 'breast', canTolerateSurgery: 'yes', ...over });
const doc = (lesions: Lesion[], p: Patient = patient()): AnnotationDocument => ({ ...emptyDoc(), lesions, patient: p });
const propose = (d: AnnotationDocument): string => proposeImpression(deriveReading(d));

describe('the proposed impression', () => {
  it.each([
    {
      name: 'no lesion',
      doc: doc([]),
      lines: ['No spinal metastatic lesion recorded.'],
    },
    {
      name: 'one assessed lesion: levels, pattern, SINS with band and advice, ESCC, the NOMS pathway',
      doc: doc([lesion('les-1', ['L1'])]),
      lines: [
        'L1: lytic lesion. SINS 10, indeterminate, possibly impending instability (7–12); SINS ≥ 7: surgical consultation recommended. ESCC grade 1b (low grade). NOMS: Conventional external-beam radiotherapy.',
      ],
    },
    {
      name: "a lesion's own flags close its line",
      doc: doc([lesion('les-1', ['L1'], { escc: '1c' })]),
      lines: [expect.stringMatching(/ESCC grade 1c \(low grade, indeterminate\)\. NOMS: .+\. ESCC 1c: low grade, but sources disagree\.$/)],
    },
    {
      name: 'unknown components: a SINS range, the bands it spans, and every NOMS pathway the unknowns allow',
      doc: doc([lesion('les-1', ['T8'], { pain: 'unknown', escc: 'unknown', boneLesion: 'blastic', collapse: { value: 'none', source: 'reader' } })], patient({ histology: 'unknown', canTolerateSurgery: 'unknown' })),
      lines: [expect.stringMatching(/^T8: blastic lesion\. SINS 1–4 \(components not assessed\), stable \(0–6\); SINS < 7: no surgical consultation triggered by SINS\. ESCC not assessed\. NOMS pathway depends on inputs not assessed: if .+: .+; if .+/)],
    },
    {
      name: 'an emergency comes first, then the lesions head to tail, numbered, then what is not yet scored',
      doc: doc(
        [lesion('les-1', ['L3'], { escc: '3' }), defaultLesion('les-2', []), lesion('les-3', ['T11', 'T12'], { boneLesion: 'mixed' })],
        patient({ emergency: { ...patient().emergency, newInabilityToWalk: true } }),
      ),
      lines: [
        'EMERGENCY: suspected malignant spinal cord compression.',
        expect.stringMatching(/^1\. T11–T12: mixed lytic\/blastic lesion\. SINS \d+/),
        expect.stringMatching(/^2\. L3: lytic lesion\. SINS \d+.* ESCC grade 3 \(high grade\)\. NOMS: /),
        'Not yet scored: lesion 2 (level not assigned).',
      ],
    },
  ])('$name', ({ doc: d, lines }) => {
    expect(propose(d).split('\n')).toEqual(lines);
  });

  it('has no programme identifiers: no snake_case, no dotted paths, no array indices', () => {
    const text = propose(doc([lesion('les-1', ['L1'], { escc: '1c' }), lesion('les-2', ['Co'])], patient({ emergency: { ...patient().emergency, completeParalysisHours: 72 } })));
    expect(text).not.toMatch(/[a-z]_[a-z]|\w\.\w+\.|\[\d+\]|les-\d/);
  });
});
