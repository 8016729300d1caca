// Property test of the one derivation (issue 10, item 4): on 1,200 random documents (seeded PRNG below; unplaced
// lesions, levels this spine does not have, unknown components, Co, several lesions in random id order, measured
// collapse) the scores panel's model, the report model and `cli score` (its own runScore, in process, on the saved
// JSON) agree lesion by lesion, by id — and each scored lesion equals the scoring core's answer for that lesion
// scored alone, so no lesion can carry another one's scores.
import { describe, expect, it } from 'vitest';
import { defaultLesion } from '@shared/annotation/defaults';
import { loadDocument } from '@shared/annotation/load';
import { projectToScoring } from '@shared/annotation/project-to-scoring';
import {
  AlignmentValueSchema, BoneLesionSchema, CollapseValueSchema, EsccGradeSchema, HistologySchema, InstabilityJudgementSchema, PainSchema,
  PosterolateralSchema,
} from '@shared/annotation/schema';
import type { AnnotationDocument, Lesion, Measurement } from '@shared/annotation/schema';
import { deriveReading } from '@shared/reading/derive';
import type { DerivedReading } from '@shared/reading/derive';
import { buildReport, renderReportText } from '@shared/report/index';
import type { ReportModel } from '@shared/report/index';
import { parseScoringInput, scoreStudy } from '@shared/scoring/index';
import type { LesionOutput, ScoringOutput } from '@shared/scoring/index';
import { levelSequence } from '@shared/spine/levels';
import { panelModel } from '../../../src-renderer/reading/scores/panel-model';
import type { PanelModel } from '../../../src-renderer/reading/scores/panel-model';
import { runScore } from '../../../src-main/cli/commands/score';
import { body, emptyDoc, FOR, SOURCE } from '../annotation/fixtures';
import { sampleStudyInfo } from '../../support/sample-document';
import { seededRandom } from '../../support/seeded-random';


type Rand = () => number;
const pick = <T,>(r: Rand, values: readonly T[]): T => {
  const v = values[Math.floor(r() * values.length)];
  if (v === undefined) throw new Error('empty choice');
  return v;
};
const chance = (r: Rand, p: number): boolean => r() < p;
const orUnknown = <T,>(r: Rand, values: readonly T[], pUnknown = 0.3): T | 'unknown' => (chance(r, pUnknown) ? 'unknown' : pick(r, values));

function shuffle<T>(r: Rand, values: T[]): T[] {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [values[i], values[j]] = [values[j] as T, values[i] as T];
  }
  return values;
}

interface Generated {
  readonly doc: AnnotationDocument;
  readonly kinds: ReadonlySet<string>;
}

function randomLevels(r: Rand, sequence: readonly string[], kinds: Set<string>): string[] {
  const u = r();
  if (u < 0.2) {
    kinds.add('unplaced');
    return [];
  }
  if (u < 0.27) {
    kinds.add('invalid-levels');
    // A gap (not contiguous), or a level this patient's count does not have.
    return chance(r, 0.5) ? ['L1', 'L3'] : [pick(r, ['T13', 'L6'].filter((l) => !sequence.includes(l)).concat(['C1', 'C3']))];
  }
  const start = Math.floor(r() * sequence.length);
  const length = 1 + Math.floor(r() * 3);
  const levels = sequence.slice(start, Math.min(sequence.length, start + length));
  if (levels.includes('Co')) kinds.add('coccyx');
  if (levels.length > 1) kinds.add('multi-level');
  return levels;
}

function randomLesion(r: Rand, id: string, sequence: readonly string[], measurements: Measurement[], kinds: Set<string>): Lesion {
  const levels = randomLevels(r, sequence, kinds);
  const lesion: Lesion = {
    ...defaultLesion(id, levels),
    pain: pick(r, PainSchema.options),
    boneLesion: pick(r, BoneLesionSchema.options),
    alignment: { value: pick(r, AlignmentValueSchema.options), source: 'reader', measurementIds: [] },
    collapse: { value: pick(r, CollapseValueSchema.options), source: 'reader' },
    posterolateral: pick(r, PosterolateralSchema.options),
    escc: pick(r, EsccGradeSchema.options),
    cordSignalChange: orUnknown(r, [true, false]),
    caudaEquina: orUnknown(r, [true, false]),
    instabilityJudgement: pick(r, InstabilityJudgementSchema.options),
    note: chance(r, 0.2) ? `note for ${id}` : '',
  };
  const level = levels[0];
  if (level !== undefined && chance(r, 0.3)) {
    // A measured height loss of 0–70 % on the lesion's level, linked to its collapse or not.
    const mid = 20 * (1 - r() * 0.7);
    const m: Measurement = { id: `msr-${measurements.length + 1}`, kind: 'vertebral-heights', frameOfReferenceUID: FOR, sourceInstance: SOURCE, note: '', index: body(level, 20, mid, 20), above: body(level, 20, 20, 20), below: null };
    measurements.push(m);
    kinds.add('measured');
    if (chance(r, 0.5)) return { ...lesion, collapse: { value: lesion.collapse.value, source: chance(r, 0.5) ? 'measurement-confirmed' : 'measurement-overridden', measurementId: m.id } };
  }
  if (Object.values({ p: lesion.pain, b: lesion.boneLesion, c: lesion.collapse.value }).includes('unknown')) kinds.add('unknown-component');
  return lesion;
}

function randomDocument(seed: number): Generated {
  const r = seededRandom(seed);
  const kinds = new Set<string>();
  const base = emptyDoc();
  const thoracicCount = pick(r, [11, 12, 12, 12, 13] as const);
  const lumbarCount = pick(r, [4, 5, 5, 5, 6] as const);
  const sequence = levelSequence({ thoracicCount, lumbarCount });
  const count = Math.floor(r() * 6);
  if (count > 1) kinds.add('several');
  // Ids in random order, so array position and id never line up by accident.
  const ids = shuffle(r, Array.from({ length: count }, (_, i) => `les-${i + 1}`));
  const measurements: Measurement[] = [];
  const lesions = ids.map((id) => randomLesion(r, id, sequence, measurements, kinds));
  const firstPlaced = lesions.findIndex((l) => l.levels.length > 0);
  const firstUnplaced = lesions.findIndex((l) => l.levels.length === 0);
  if (firstUnplaced !== -1 && firstPlaced > firstUnplaced) kinds.add('unplaced-before-placed');
  const p = base.patient;
  const doc: AnnotationDocument = {
    ...base,
    spine: { countingMethod: pick(r, ['whole-spine-localizer', 'partial', 'unknown'] as const), variants: { thoracicCount, lumbarCount, castellvi: null } },
    lesions,
    measurements,
    patient: {
      ...p,
      histology: pick(r, HistologySchema.options),
      radiosensitivityOverride: chance(r, 0.2) ? pick(r, ['sensitive', 'resistant'] as const) : null,
      myelopathy: orUnknown(r, [true, false]),
      canTolerateSurgery: pick(r, ['yes', 'no', 'unknown'] as const),
      frankel: pick(r, ['A', 'B', 'C', 'D', 'E', 'unknown'] as const),
      kps: orUnknown(r, [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]),
      emergency: {
        rapidWeaknessProgression: orUnknown(r, [true, false, false]),
        newInabilityToWalk: orUnknown(r, [true, false, false]),
        newBladderDysfunction: orUnknown(r, [false]),
        bilateralSymptoms: orUnknown(r, [false]),
        completeParalysisHours: chance(r, 0.1) ? Math.floor(r() * 100) : null,
      },
      prognosis: {
        extraspinalBoneMetastases: orUnknown(r, [0, 1, 2, 5]),
        vertebralMetastases: orUnknown(r, [1, 2, 4]),
        visceral: 'unknown',
        visceralMetastases: pick(r, ['none', 'removable', 'unremovable', 'unknown'] as const),
        tokuhashiPrimary: pick(r, ['lung_osteosarcoma_stomach_bladder_oesophagus_pancreas', 'other', 'kidney_uterus', 'thyroid_breast_prostate_carcinoid', 'unknown'] as const),
        tomitaPrimaryGrowth: pick(r, ['slow', 'moderate', 'rapid', 'unknown'] as const),
        tomitaVisceral: pick(r, ['none', 'treatable', 'untreatable', 'unknown'] as const),
        boneMetastases: pick(r, ['solitary', 'multiple', 'unknown'] as const),
        bauer: { visceralMetastases: orUnknown(r, [true, false]), lungPrimary: orUnknown(r, [true, false]), favourablePrimary: orUnknown(r, [true, false]), solitarySkeletal: orUnknown(r, [true, false]) },
      },
    },
  };
  return { doc, kinds };
}

/** `cli score` on the saved document, in process: its exit code, its JSON, and the lesions it names as not scored. */
async function cliScore(doc: AnnotationDocument): Promise<{ code: number; output: ScoringOutput; notScored: Map<string, string> }> {
  let out = '';
  let err = '';
  const code = await runScore(['doc.json'], {
    readFile: () => Promise.resolve(JSON.stringify(doc)),
    readStdin: () => Promise.resolve(''),
    stdout: (text) => (out += text),
    stderr: (text) => (err += text),
  });
  const notScored = new Map<string, string>();
  for (const m of err.matchAll(/^note: lesions\[\d+\]: lesion (\S+): (.*): not scored$/gm)) notScored.set(m[1] ?? '', m[2] ?? '');
  return { code, output: JSON.parse(out) as ScoringOutput, notScored };
}

/** The scoring core's answer for one lesion scored on its own (the contract path, no derivation involved). */
function scoredAlone(doc: AnnotationDocument, lesion: Lesion): LesionOutput | null {
  const parsed = parseScoringInput(projectToScoring({ ...doc, lesions: [lesion] }).input);
  return parsed.ok ? (scoreStudy(parsed.value).lesions[0] ?? null) : null;
}

function disagreements(doc: AnnotationDocument, panel: PanelModel, report: ReportModel, cli: Awaited<ReturnType<typeof cliScore>>): string[] {
  const out: string[] = [];
  const check = (what: string, a: unknown, b: unknown): void => {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${what}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
  };
  check('cli exit code', cli.code, 0);
  check('panel lesion ids (document order)', panel.lesions.map((l) => l.id), doc.lesions.map((l) => l.id));
  check('report lesion ids', [...report.lesions.map((l) => l.id), ...report.incomplete.map((l) => l.id)].sort(), doc.lesions.map((l) => l.id).sort());
  for (const [index, lesion] of doc.lesions.entries()) {
    const id = lesion.id;
    const p = panel.lesions.find((l) => l.id === id);
    const rScored = report.lesions.find((l) => l.id === id);
    const rIncomplete = report.incomplete.find((l) => l.id === id);
    const c = cli.output.lesions.find((l) => l.id === id);
    const alone = scoredAlone(doc, lesion);
    if (p === undefined) continue;
    if (p.status === 'not-scored') {
      // Not scored anywhere, and only when the contract itself cannot take the lesion.
      check(`${id} not scored: contract refuses it alone`, alone, null);
      check(`${id} not scored: absent from cli and report findings`, [c, rScored], [undefined, undefined]);
      check(`${id} not scored: same words in panel and report`, p.text, rIncomplete?.text);
      check(`${id} not scored: cli names it with the same reason`, cli.notScored.has(id) ? `${cli.notScored.get(id) ?? ''}: not scored` : null, p.text);
      check(`${id} not scored: report number`, rIncomplete?.number, index + 1);
      continue;
    }
    if (rScored === undefined || c === undefined) {
      out.push(`${id}: scored in the panel but missing from ${rScored === undefined ? 'the report' : 'the cli'}`);
      continue;
    }
    check(`${id}: cli = the lesion scored alone`, c, alone);
    check(`${id}: report totals = cli`, [rScored.sins.total, rScored.sins.range, rScored.sins.band], [c.sins.total, c.sins.range, c.sins.band]);
    check(`${id}: report SINS points = cli`, rScored.sins.rows.map((row) => row.points), Object.values(c.sins.components));
    check(`${id}: report ESCC/pathway/flags = cli`, [rScored.escc.grade, rScored.noms.pathwayCode, rScored.flags.map((f) => f.code)], [c.escc.grade, c.noms.pathway, c.flags]);
    check(`${id}: report levels = document`, rScored.levels, lesion.levels);
    check(`${id}: panel and report words`,
      [p.title, p.sinsTotal, p.band, p.surgicalConsultation, p.escc, p.pathway, p.alternatives, p.flags],
      [`Lesion ${rScored.number}: ${rScored.levelsText}`, rScored.sins.totalText, rScored.sins.bandText, rScored.sins.surgicalConsultation, rScored.escc.text, rScored.noms.pathway, rScored.noms.alternatives, rScored.flags]);
    check(`${id}: panel SINS points = cli`, p.components.map((x) => x.points), Object.values(c.sins.components).map((v) => (v === null ? 'not assessed' : String(v))));
  }
  check('cli lesions only the scored ones, in document order', cli.output.lesions.map((l) => l.id), panel.lesions.filter((l) => l.status === 'scored').map((l) => l.id));
  check('panel and report prognosis', panel.prognosis.map((x) => [x.name, x.text]), report.prognosis.map((x) => [x.name, x.text]));
  check('panel and report patient flags', panel.patientFlags.map((f) => f.label).sort(), [...report.emergency, ...report.patientFlags.map((f) => f.label)].sort());
  check('cli patient flags = panel', cli.output.patient.flags, panel.patientFlags.map((f) => f.code));
  return out;
}

const DOCUMENTS = 1200;
/** Checked in chunks, so no single test holds the whole run against the per-test time limit on a busy machine. */
const CHUNK = 200;

describe(`one derivation: panel, report and cli agree lesion by lesion on ${DOCUMENTS} random documents`, () => {
  const seen = new Map<string, number>();
  let documents = 0;
  let lesions = 0;

  it.each(Array.from({ length: DOCUMENTS / CHUNK }, (_, i) => [i * CHUNK + 1, (i + 1) * CHUNK] as const))('seeds %i–%i', async (from, to) => {
    const failures: string[] = [];
    for (let seed = from; seed <= to; seed++) {
      const { doc, kinds } = randomDocument(seed);
      // The generator makes only valid documents: loading changes nothing, so every consumer sees the same one.
      const loaded = loadDocument(JSON.parse(JSON.stringify(doc)));
      if (!loaded.ok || loaded.problems.length > 0) {
        failures.push(`seed ${seed}: generated an invalid document: ${JSON.stringify(loaded.problems)}`);
        continue;
      }
      for (const k of kinds) seen.set(k, (seen.get(k) ?? 0) + 1);
      documents += 1;
      lesions += doc.lesions.length;
      const reading: DerivedReading = deriveReading(doc);
      const panel = panelModel(reading);
      const report = buildReport({ document: doc, study: sampleStudyInfo(), reading });
      const cli = await cliScore(doc);
      for (const d of disagreements(doc, panel, report, cli)) failures.push(`seed ${seed}: ${d}`);
      // The text renderer carries every not-scored lesion too.
      const text = renderReportText(report);
      for (const l of report.incomplete) if (!text.includes(`Lesion ${l.number} (${l.levelsText}): ${l.text}.`)) failures.push(`seed ${seed}: text misses not-scored ${l.id}`);
    }
    expect(failures.slice(0, 20)).toEqual([]);
  });

  it('checked every document, and the documents exercised what the property is about', () => {
    expect(documents).toBe(DOCUMENTS);
    expect(lesions).toBeGreaterThan(2 * DOCUMENTS);
    for (const kind of ['unplaced', 'unplaced-before-placed', 'invalid-levels', 'unknown-component', 'several', 'multi-level', 'coccyx', 'measured']) {
      expect(seen.get(kind) ?? 0, kind).toBeGreaterThanOrEqual(20);
    }
  });
});

describe('the reported case: an unplaced lesion ahead of a placed one', () => {
  const base = emptyDoc();
  const placed: Lesion = { ...defaultLesion('les-2', ['L1']), pain: 'mechanical', boneLesion: 'lytic', alignment: { value: 'normal', source: 'reader', measurementIds: [] }, collapse: { value: 'lt50', source: 'reader' }, posterolateral: 'unilateral', escc: '2' };
  const unplaced: Lesion = { ...defaultLesion('les-1', []), escc: '1b' };
  const doc: AnnotationDocument = { ...base, lesions: [unplaced, placed] };
  const reading = deriveReading(doc);
  const report = buildReport({ document: doc, study: sampleStudyInfo(), reading });

  it('reports the placed lesion with its own scores and the unplaced one as not yet complete', () => {
    expect(report.lesions.map((l) => [l.id, l.number, l.levelsText, l.sins.totalText, l.escc.grade])).toEqual([['les-2', 2, 'L1', '11', '2']]);
    expect(report.incomplete).toEqual([{ id: 'les-1', number: 1, levelsText: 'level not assigned', text: 'level not assigned: not scored' }]);
    const text = renderReportText(report);
    expect(text).toContain('Lesion 1 (level not assigned): level not assigned: not scored.');
    expect(text).not.toMatch(/level not assigned[^\n]*ESCC grade 1b/);
  });

  it('the panel lists both, in document order, in the same words', () => {
    const panel = panelModel(reading);
    expect(panel.lesions.map((l) => [l.id, l.title, l.status === 'scored' ? l.escc : l.text])).toEqual([
      ['les-1', 'Lesion 1: level not assigned', 'level not assigned: not scored'],
      ['les-2', 'Lesion 2: L1', 'ESCC grade 2 (high grade)'],
    ]);
  });
});

describe('options reach every derived fact', () => {
  it('a deployment radiosensitivity table changes the scores and the report words alike', () => {
    const doc: AnnotationDocument = { ...emptyDoc(), lesions: [{ ...defaultLesion('les-1', ['T8']), escc: '0' }], patient: { ...emptyDoc().patient, histology: 'other', myelopathy: false } };
    const defaultReading = deriveReading(doc);
    const custom = deriveReading(doc, { radiosensitivityTable: { other: 'sensitive' } });
    expect(defaultReading.patient.radiosensitivity).toEqual({ value: null, source: 'table' });
    expect(custom.patient.radiosensitivity).toEqual({ value: 'sensitive', source: 'table' });
    const report = buildReport({ document: doc, study: sampleStudyInfo(), reading: custom });
    expect(report.patientContext.find((t) => t.label === 'Radiosensitivity')?.value).toBe('radiosensitive (histology table)');
    expect(report.lesions[0]?.noms.inputs.find((t) => t.label === 'Oncologic')?.value).toMatch(/^radiosensitive /);
    const scored = custom.lesions[0];
    expect(scored?.status === 'scored' ? scored.scores.noms.oncologic : null).toBe('sensitive');
  });
});
