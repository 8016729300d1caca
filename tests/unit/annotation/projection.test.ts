// Document → scoring-contract input: a table of documents with the exact contract JSON each must project to, the
// scores of the projection equal the scores of that JSON, and every shared scoring vector survives the round trip
// contract → document → projection → score. Also the CLI: `score DOCUMENT.json` prints what the contract case does.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyCommand } from '@shared/annotation/commands';
import type { Command } from '@shared/annotation/commands';
import { isAnnotationDocumentJson } from '@shared/annotation/is-document';
import { projectToScoring } from '@shared/annotation/project-to-scoring';
import type { AnnotationDocument } from '@shared/annotation/schema';
import { scoreJson } from '@shared/reading/score-json';
import { parseScoringInput, scoreStudy } from '@shared/scoring/index';
import type { ScoringInputDraft, ScoringOutput } from '@shared/scoring/index';
import { runScore } from '../../../src-main/cli/commands/score';
import { documentFromContract } from './contract-to-document';
import { body, emptyDoc, FOR, SOURCE, v0Fixture } from './fixtures';

const CONTRACT_EXAMPLE: ScoringInputDraft = {
  spine: { thoracicCount: 12, lumbarCount: 5 },
  patient: {
    histology: 'renal_cell', radiosensitivity: null, myelopathy: false, canTolerateSurgery: 'yes',
    emergency: { rapidWeaknessProgression: false, newInabilityToWalk: false, newBladderDysfunction: false, bilateralSymptoms: false, completeParalysisHours: null },
    prognosis: {
      kps: 70, extraspinalBoneMetastases: 1, vertebralMetastases: 2, visceralMetastases: 'none', tokuhashiPrimary: 'kidney_uterus', frankel: 'E',
      tomitaPrimaryGrowth: 'moderate', tomitaVisceral: 'none', boneMetastases: 'multiple',
      bauer: { visceralMetastases: false, lungPrimary: false, favourablePrimary: true, solitarySkeletal: false },
    },
  },
  lesions: [
    { id: 'les-1', levels: ['T12', 'L1'], pain: 'mechanical', boneLesion: 'lytic', alignment: 'normal', collapse: 'lt50', posterolateral: 'unilateral',
      collapseMeasuredPercent: 31.5, escc: '1b', cordSignalChange: false, instabilityJudgement: null },
  ],
};

const run = (doc: AnnotationDocument, commands: Command[]) => commands.reduce(applyCommand, doc);
const set = (field: string, value: unknown): Command => ({ type: 'setPatientField', args: { field, value } });
const lesion = (field: string, value: unknown, id = 'les-1'): Command => ({ type: 'updateLesion', args: { id, field: field as 'pain', value } });

/** The contract example, entered the way a reader would: commands on an empty document. */
function exampleDocument(): AnnotationDocument {
  return run(emptyDoc(), [
    { type: 'addLesion', args: { levels: ['T12', 'L1'] } },
    { type: 'addMeasurement', args: { measurement: { kind: 'vertebral-heights', frameOfReferenceUID: FOR, sourceInstance: SOURCE, note: '', index: body('T12', 13.7, 20, 20), above: body('T11', 20, 20, 20), below: null } } },
    lesion('pain', 'mechanical'), lesion('boneLesion', 'lytic'), lesion('alignment', { value: 'normal', source: 'reader', measurementIds: [] }),
    { type: 'chooseCollapseWithMeasurement', args: { lesionId: 'les-1', measurementId: 'msr-1', value: 'lt50' } },
    lesion('posterolateral', 'unilateral'), lesion('escc', '1b'), lesion('cordSignalChange', false),
    set('histology', 'renal_cell'), set('myelopathy', false), set('canTolerateSurgery', 'yes'),
    set('emergency.rapidWeaknessProgression', false), set('emergency.newInabilityToWalk', false), set('emergency.newBladderDysfunction', false), set('emergency.bilateralSymptoms', false),
    set('kps', 70), set('frankel', 'E'), set('ecog', 1),
    set('prognosis.extraspinalBoneMetastases', 1), set('prognosis.vertebralMetastases', 2), set('prognosis.visceralMetastases', 'none'),
    set('prognosis.tokuhashiPrimary', 'kidney_uterus'), set('prognosis.tomitaPrimaryGrowth', 'moderate'), set('prognosis.tomitaVisceral', 'none'),
    set('prognosis.boneMetastases', 'multiple'), set('prognosis.bauer.visceralMetastases', false), set('prognosis.bauer.lungPrimary', false),
    set('prognosis.bauer.favourablePrimary', true), set('prognosis.bauer.solitarySkeletal', false),
  ]);
}

const ALL_UNKNOWN_PATIENT = {
  histology: 'unknown', radiosensitivity: null, myelopathy: 'unknown', canTolerateSurgery: 'unknown',
  emergency: { rapidWeaknessProgression: false, newInabilityToWalk: false, newBladderDysfunction: false, bilateralSymptoms: false, completeParalysisHours: null },
} as const;

interface Row {
  readonly name: string;
  readonly doc: () => AnnotationDocument;
  readonly expected: ScoringInputDraft;
  readonly notes: number;
}

const TABLE: Row[] = [
  { name: 'the contract example entered by commands', doc: exampleDocument, expected: CONTRACT_EXAMPLE, notes: 0 },
  {
    name: 'a fresh lesion: every unknown stays unknown (booleans the contract cannot leave unknown are noted)',
    doc: () => run(emptyDoc(), [{ type: 'addLesion', args: { levels: ['L3'] } }]),
    expected: {
      spine: { thoracicCount: 12, lumbarCount: 5 },
      patient: ALL_UNKNOWN_PATIENT,
      lesions: [{ id: 'les-1', levels: ['L3'], pain: 'unknown', boneLesion: 'unknown', alignment: 'unknown', collapse: 'unknown', posterolateral: 'unknown',
        collapseMeasuredPercent: null, escc: 'unknown', cordSignalChange: false, instabilityJudgement: null }],
    },
    notes: 5,
  },
  {
    name: 'transitional anatomy, multi-level lesions, unlinked height measurement, partial prognosis, reader judgement',
    doc: () =>
      run(emptyDoc(), [
        { type: 'setVariants', args: { thoracicCount: 13, lumbarCount: 4, castellvi: 'IIIa' } },
        { type: 'addLesion', args: { levels: ['T13', 'L1'] } },
        { type: 'addLesion', args: { levels: ['L4', 'S1'] } },
        // Measured on L1 but not linked: still the lesion's measured loss (worst of its levels), 47 % → borderline.
        { type: 'addMeasurement', args: { measurement: { kind: 'vertebral-heights', frameOfReferenceUID: FOR, sourceInstance: SOURCE, note: '', index: body('L1', 10.6, 20, 20), above: body('T13', 20, 20, 20), below: body('L2', 20, 20, 20) } } },
        // Taller than its references: 0 % loss, never negative.
        { type: 'addMeasurement', args: { measurement: { kind: 'vertebral-heights', frameOfReferenceUID: FOR, sourceInstance: SOURCE, note: '', index: body('L4', 25, 25, 25), above: null, below: body('S1', 20, 20, 20) } } },
        lesion('instabilityJudgement', 'unstable'), lesion('cordSignalChange', true), lesion('caudaEquina', true, 'les-2'), lesion('cordSignalChange', false, 'les-2'),
        lesion('escc', '2', 'les-2'),
        set('histology', 'breast'), set('radiosensitivityOverride', 'resistant'), set('myelopathy', true), set('canTolerateSurgery', 'no'),
        set('emergency.rapidWeaknessProgression', true), set('emergency.newInabilityToWalk', false), set('emergency.newBladderDysfunction', false), set('emergency.bilateralSymptoms', false),
        set('emergency.completeParalysisHours', 72),
        set('kps', 40), set('frankel', 'C'), set('prognosis.bauer.lungPrimary', false),
      ]),
    expected: {
      spine: { thoracicCount: 13, lumbarCount: 4 },
      patient: {
        histology: 'breast', radiosensitivity: 'resistant', myelopathy: true, canTolerateSurgery: 'no',
        emergency: { rapidWeaknessProgression: true, newInabilityToWalk: false, newBladderDysfunction: false, bilateralSymptoms: false, completeParalysisHours: 72 },
        // Breast derives the Tokuhashi group, Tomita's slow growth and Bauer's favourable primary; lung was answered.
        prognosis: { kps: 40, frankel: 'C', tokuhashiPrimary: 'thyroid_breast_prostate_carcinoid', tomitaPrimaryGrowth: 'slow', bauer: { lungPrimary: false, favourablePrimary: true } },
      },
      lesions: [
        { id: 'les-1', levels: ['T13', 'L1'], pain: 'unknown', boneLesion: 'unknown', alignment: 'unknown', collapse: 'unknown', posterolateral: 'unknown',
          collapseMeasuredPercent: 47, escc: 'unknown', cordSignalChange: true, instabilityJudgement: 'unstable' },
        { id: 'les-2', levels: ['L4', 'S1'], pain: 'unknown', boneLesion: 'unknown', alignment: 'unknown', collapse: 'unknown', posterolateral: 'unknown',
          collapseMeasuredPercent: 0, escc: '2', cordSignalChange: false, instabilityJudgement: null },
      ],
    },
    notes: 0,
  },
];

function scoreDraft(draft: unknown): ScoringOutput {
  const parsed = parseScoringInput(draft);
  if (!parsed.ok) throw new Error(parsed.problems.map((x) => `${x.path}: ${x.message}`).join('\n'));
  return scoreStudy(parsed.value);
}

describe('projection table', () => {
  it.each(TABLE.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const projection = projectToScoring(row.doc());
    expect(projection.input).toEqual(row.expected);
    expect(projection.notes).toHaveLength(row.notes);
    expect(scoreDraft(projection.input)).toEqual(scoreDraft(row.expected));
  });

  it('the contract example scores as the contract documents it', () => {
    const out = scoreDraft(projectToScoring(exampleDocument()).input);
    expect(out.lesions[0]?.sins).toMatchObject({ total: 11, band: 'indeterminate', surgicalConsultation: true });
    expect(out.lesions[0]?.escc).toEqual({ grade: '1b', category: 'low', indeterminate: false });
    expect(out.lesions[0]?.noms.pathway).toBeNull();
    expect(out.patient.tokuhashi).toEqual({ total: 10, band: '6_months_or_more' });
  });

  it('the transitional case raises the contract’s flags through the projection', () => {
    const row = TABLE[2];
    if (!row) throw new Error('missing row');
    const out = scoreDraft(projectToScoring(row.doc()).input);
    expect(out.patient.flags).toEqual(expect.arrayContaining(['transitional_anatomy', 'mscc_emergency', 'paralysis_over_48h']));
    expect(out.lesions[0]?.flags).toEqual(expect.arrayContaining(['transitional_level', 'collapse_borderline']));
  });
});

describe('scoreJson (what `cli score` runs)', () => {
  it('tells documents from contract inputs', () => {
    expect(isAnnotationDocumentJson(emptyDoc())).toBe(true);
    expect(isAnnotationDocumentJson(v0Fixture())).toBe(true);
    expect(isAnnotationDocumentJson(CONTRACT_EXAMPLE)).toBe(false);
    expect(isAnnotationDocumentJson({ kind: 'spine-annotation' })).toBe(false);
  });

  it('projects a v0 draft after migrating it', () => {
    const result = scoreJson(v0Fixture());
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.output.lesions[0]).toMatchObject({ levels: ['T12', 'L1'], sins: { components: { collapse: 2 } } });
      expect(result.reading?.lesions[0]?.lesion.instabilityJudgement).toBe('unknown');
    }
  });

  // Was: the whole document refused. Now a draft is scored for what it can, and the lesion is named as not scored.
  it('scores a draft around a lesion the contract cannot take yet, naming it at its path; refuses a newer document', () => {
    const noLevels = scoreJson(run(emptyDoc(), [{ type: 'addLesion', args: {} }, { type: 'addLesion', args: { levels: ['L2'] } }]));
    expect(noLevels.ok).toBe(true);
    if (noLevels.ok) {
      expect(noLevels.output.lesions.map((l) => l.id)).toEqual(['les-2']);
      expect(noLevels.notes).toContainEqual({ path: 'lesions[0]', message: 'lesion les-1: level not assigned: not scored' });
    }
    const gap = scoreJson(run(emptyDoc(), [{ type: 'addLesion', args: { levels: ['L1', 'L3'] } }]));
    expect(gap.ok).toBe(true);
    if (gap.ok) {
      expect(gap.output.lesions).toEqual([]);
      expect(gap.notes.find((n) => n.path === 'lesions[0]')?.message).toMatch(/^lesion les-1: levels not valid for this spine: .*: not scored$/);
    }
    const newer = scoreJson({ ...emptyDoc(), version: 9 });
    expect(newer.ok).toBe(false);
    if (!newer.ok) expect(newer.problems[0]?.message).toMatch(/newer-version/);
  });
});

/** The shared folder beside the repository (as in CI). */
const VECTORS = resolve(__dirname, '../../../../shared/vectors/scoring-cases.json');

describe('every shared scoring vector through a document', () => {
  const { cases } = JSON.parse(readFileSync(VECTORS, 'utf8')) as { cases: Array<{ name: string; input: ScoringInputDraft }> };
  it(`scores ${cases.length} cases identically`, () => {
    const differing = cases.filter((c) => {
      const result = scoreJson(JSON.parse(JSON.stringify(documentFromContract(c.input))));
      if (!result.ok) return true;
      return JSON.stringify(result.output) !== JSON.stringify(scoreDraft(c.input));
    });
    expect(differing.map((c) => c.name)).toEqual([]);
  });
});

describe('CLI: score DOCUMENT.json', () => {
  async function cli(json: unknown): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await runScore(['doc.json'], {
      readFile: () => Promise.resolve(JSON.stringify(json)),
      readStdin: () => Promise.resolve(''),
      stdout: (text) => (out += text),
      stderr: (text) => (err += text),
    });
    return { code, out, err };
  }

  it('prints exactly what the contract case it projects to prints', async () => {
    const fromDocument = await cli(exampleDocument());
    const fromContract = await cli(CONTRACT_EXAMPLE);
    expect(fromDocument).toEqual(fromContract);
    expect(fromDocument.code).toBe(0);
  });

  // Was: exit 2 for a draft with an unplaced lesion. Now the draft is scored like in the app and the lesion is named.
  it('scores a draft with an unplaced lesion and names that lesion on standard error', async () => {
    const result = await cli(run(exampleDocument(), [{ type: 'addLesion', args: {} }]));
    expect(result.code).toBe(0);
    expect(result.out).toBe((await cli(CONTRACT_EXAMPLE)).out);
    expect(result.err).toBe('note: lesions[1]: lesion les-2: level not assigned: not scored\n');
  });

  it('exits 2 with path: message lines for a document that is not valid', async () => {
    const doc = run(emptyDoc(), [{ type: 'addLesion', args: { levels: ['L1'] } }]);
    const result = await cli({ ...doc, lesions: [{ ...doc.lesions[0], collapse: { value: 'half', source: 'reader' } }] });
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/^lesions\[0\]\.collapse\.value: /);
  });
});
