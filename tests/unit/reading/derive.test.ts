// deriveReading on named cases: what is scored and what is not (and why), and the source of each derived fact.
import { describe, expect, it } from 'vitest';
import { applyCommand } from '@shared/annotation/commands';
import type { Command } from '@shared/annotation/commands';
import { defaultLesion } from '@shared/annotation/defaults';
import type { AnnotationDocument, Lesion } from '@shared/annotation/schema';
import { deriveReading } from '@shared/reading/derive';
import { caveatTexts } from '@shared/reading/wording';
import type { DerivedLesion, LesionFacts } from '@shared/reading/derive';
import { body, emptyDoc, FOR, SOURCE } from '../annotation/fixtures';

const run = (doc: AnnotationDocument, commands: Command[]) => commands.reduce(applyCommand, doc);
const withLesions = (...lesions: Lesion[]): AnnotationDocument => ({ ...emptyDoc(), lesions });
const facts = (l: DerivedLesion | undefined): LesionFacts => {
  if (l?.status !== 'scored') throw new Error('lesion not scored');
  return l.facts;
};

describe('what a draft scores', () => {
  it.each([
    ['no level yet', [], 'level-not-assigned', 'level not assigned'],
    ['a gap between levels', ['L1', 'L3'], 'levels-invalid', /^levels not valid for this spine: /],
    ['a level this count does not have', ['T13'], 'levels-invalid', /^levels not valid for this spine: /],
  ] as const)('%s: not scored, the others still are', (_name, levels, reason, message) => {
    const reading = deriveReading(withLesions(defaultLesion('les-9', levels), defaultLesion('les-3', ['L2'])));
    expect(reading.lesions.map((l) => [l.id, l.index, l.status])).toEqual([['les-9', 0, 'not-scored'], ['les-3', 1, 'scored']]);
    const skipped = reading.lesions[0];
    expect(skipped?.status === 'not-scored' ? [skipped.reason, skipped.message] : null).toEqual([reason, expect.stringMatching(message)]);
    expect(reading.output.lesions.map((l) => l.id)).toEqual(['les-3']);
  });

  it('a repeated id is scored once', () => {
    const reading = deriveReading(withLesions(defaultLesion('les-1', ['L1']), defaultLesion('les-1', ['L3'])));
    expect(reading.lesions.map((l) => l.status)).toEqual(['scored', 'not-scored']);
    expect(reading.output.lesions.map((l) => l.levels)).toEqual([['L1']]);
  });

  it('keeps notes only for what is scored', () => {
    const reading = deriveReading(withLesions(defaultLesion('les-1', []), defaultLesion('les-2', ['L2'])));
    const lesionNotes = reading.notes.filter((n) => n.path.startsWith('lesions['));
    expect(lesionNotes.map((n) => n.path)).toEqual(['lesions[1].cordSignalChange']);
    // In the report the notes read as clinical words, not programme paths.
    // In the report the notes read as clinical words, each caveat once: never programme paths.
    expect(caveatTexts(reading.notes)).toEqual([
      'Emergency signs not assessed: the MSCC emergency flag could not be evaluated.',
      'Lesion 2: cord signal change not assessed; its neurologic grade rests on ESCC and myelopathy only.',
    ]);
  });
});

describe('where each derived fact comes from', () => {
  it('region table for one standard level, convention for several levels or a variant level', () => {
    expect(facts(deriveReading(withLesions(defaultLesion('a', ['T8']))).lesions[0]).location).toEqual({ value: 'semi_rigid', source: 'table' });
    expect(facts(deriveReading(withLesions(defaultLesion('a', ['T12', 'L1']))).lesions[0]).location).toEqual({ value: 'junctional', source: 'convention' });
    const variant = { ...withLesions(defaultLesion('a', ['T13'])), spine: { countingMethod: 'unknown' as const, variants: { thoracicCount: 13 as const, lumbarCount: 5 as const, castellvi: null } } };
    expect(facts(deriveReading(variant).lesions[0]).location).toEqual({ value: 'junctional', source: 'convention' });
  });

  it('collapse measured when the reader confirmed the measurement, the reader’s call otherwise', () => {
    const doc = run(emptyDoc(), [
      { type: 'addLesion', args: { levels: ['L1'] } },
      { type: 'addMeasurement', args: { measurement: { kind: 'vertebral-heights', frameOfReferenceUID: FOR, sourceInstance: SOURCE, note: '', index: body('L1', 20, 12, 20), above: body('T12', 20, 20, 20), below: null } } },
      { type: 'chooseCollapseWithMeasurement', args: { lesionId: 'les-1', measurementId: 'msr-1', value: 'lt50' } },
    ]);
    const f = facts(deriveReading(doc).lesions[0]);
    expect(f.collapse).toEqual({ value: 'lt50', source: 'measured' });
    expect(f.collapseMeasuredPercent).toBeCloseTo(40, 5);
    expect(facts(deriveReading(withLesions({ ...defaultLesion('a', ['L1']), collapse: { value: 'gt50', source: 'reader' } })).lesions[0]).collapse.source).toBe('reader');
  });

  it('neurologic low resting on an unknown cord signal is a convention; known inputs are the table', () => {
    const patient = { ...emptyDoc().patient, myelopathy: false as const };
    const unknownCord = { ...withLesions({ ...defaultLesion('a', ['T8']), escc: '1a' as const }), patient };
    expect(facts(deriveReading(unknownCord).lesions[0]).neurologic).toEqual({ value: 'low', source: 'convention' });
    const knownCord = { ...withLesions({ ...defaultLesion('a', ['T8']), escc: '1a' as const, cordSignalChange: false }), patient };
    expect(facts(deriveReading(knownCord).lesions[0]).neurologic).toEqual({ value: 'low', source: 'table' });
  });

  it('oncologic from the reader’s override or the (configurable) table; mechanical 7–12 from the reader’s judgement', () => {
    const base: Lesion = { ...defaultLesion('a', ['T8']), pain: 'mechanical', boneLesion: 'lytic', alignment: { value: 'normal', source: 'reader', measurementIds: [] }, collapse: { value: 'lt50', source: 'reader' }, posterolateral: 'none', instabilityJudgement: 'stable' };
    const doc = { ...withLesions(base), patient: { ...emptyDoc().patient, histology: 'breast' as const } };
    const f = facts(deriveReading(doc).lesions[0]);
    expect(f.oncologic).toEqual({ value: 'sensitive', source: 'table' });
    expect(f.mechanical).toEqual({ value: 'indeterminate', source: 'reader' });
    const overridden = { ...doc, patient: { ...doc.patient, radiosensitivityOverride: 'resistant' as const } };
    expect(facts(deriveReading(overridden).lesions[0]).oncologic).toEqual({ value: 'resistant', source: 'reader' });
    expect(facts(deriveReading(doc, { radiosensitivityTable: { breast: 'resistant' } }).lesions[0]).oncologic).toEqual({ value: 'resistant', source: 'table' });
    const noJudgement = { ...doc, lesions: [{ ...base, instabilityJudgement: 'unknown' as const }] };
    expect(facts(deriveReading(noJudgement).lesions[0]).mechanical).toEqual({ value: 'indeterminate', source: 'table' });
  });
});

describe('caveats in clinical words', () => {
  const cases: ReadonlyArray<{ name: string; notes: Array<{ path: string; message: string }>; want: string[] }> = [
    { name: 'all four emergency signs unknown: one sentence', notes: ['rapidWeaknessProgression', 'newInabilityToWalk', 'newBladderDysfunction', 'bilateralSymptoms'].map((k) => ({ path: `patient.emergency.${k}`, message: 'x' })), want: ['Emergency signs not assessed: the MSCC emergency flag could not be evaluated.'] },
    { name: 'some signs unknown: named', notes: [{ path: 'patient.emergency.newInabilityToWalk', message: 'x' }], want: ['Emergency sign not assessed (new inability to walk): the MSCC emergency flag could not be fully evaluated.'] },
    { name: 'a truncated lesion note', notes: [{ path: 'lesions[2].note', message: 'shortened to 20000 characters' }], want: ['Lesion 3, note: shortened to 20000 characters.'] },
    { name: 'a nested document field', notes: [{ path: 'patient.referringQuestion', message: 'shortened' }], want: ['Clinical question: shortened.'] },
    { name: 'an unknown camelCase field', notes: [{ path: 'report.keyImages[0].viewState', message: 'reset' }], want: ['View state: reset.'] },
    { name: 'a study note', notes: [{ path: 'study', message: 'the files carry no valid UID' }], want: ['The files carry no valid UID.'] },
    { name: 'the same caveat twice', notes: [{ path: 'study', message: 'a' }, { path: 'study', message: 'a' }], want: ['A.'] },
  ];
  it.each(cases)('$name', ({ notes, want }) => {
    expect(caveatTexts(notes)).toEqual(want);
  });
});
