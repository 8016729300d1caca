import { describe, expect, it } from 'vitest';
import type { JsonRecord } from '@shared/annotation/json';
import { loadDocument } from '@shared/annotation/load';
import { MIGRATIONS, migrate } from '@shared/annotation/migrations';
import { CURRENT_VERSION } from '@shared/annotation/schema';
import { emptyDoc, FOR, SOURCE, v0Fixture } from './fixtures';

function run(name: string, doc: JsonRecord = v0Fixture()): JsonRecord {
  const migration = MIGRATIONS.find((m) => m.name === name);
  if (!migration) throw new Error(`no migration ${name}`);
  return migration.up(doc);
}

describe('migrations', () => {
  it('have unique names and each step ends at a version this build reads', () => {
    expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
    expect(MIGRATIONS.every((m) => m.from >= 0 && m.from < CURRENT_VERSION)).toBe(true);
  });

  it('v0-flatten-lesion-sins-inputs: flat sinsInputs become lesion fields with reader-sourced choices', () => {
    const out = run('v0-flatten-lesion-sins-inputs');
    expect(out['lesions']).toEqual([
      {
        id: 'les-1',
        levels: ['T12', 'L1'],
        pain: 'mechanical',
        boneLesion: 'lytic',
        alignment: { value: 'normal', source: 'reader', measurementIds: [] },
        collapse: { value: 'lt50', source: 'reader' },
        posterolateral: 'unilateral',
        escc: '1b',
        cordSignalChange: false,
        caudaEquina: 'unknown',
        instabilityJudgement: 'unknown',
        note: '',
      },
    ]);
  });

  it('v0-flatten-lesion-sins-inputs: a lesion without sinsInputs gets unknowns, never guesses', () => {
    const out = run('v0-flatten-lesion-sins-inputs', { ...v0Fixture(), lesions: [{ id: 'les-9', levels: ['L3'], escc: '0' }] });
    expect(out['lesions']).toMatchObject([{ pain: 'unknown', boneLesion: 'unknown', collapse: { value: 'unknown' }, cordSignalChange: 'unknown' }]);
  });

  it('v0-spine-counting-method-and-variants: counting method moves under spine with the standard count made explicit', () => {
    const out = run('v0-spine-counting-method-and-variants');
    expect(out['countingMethod']).toBeUndefined();
    expect(out['spine']).toEqual({ countingMethod: 'whole-spine-localizer', variants: { thoracicCount: 12, lumbarCount: 5, castellvi: null } });
  });

  it('v0-label-source-instance-and-proposed: flat instance reference becomes sourceInstance; labels are confirmed', () => {
    const out = run('v0-label-source-instance-and-proposed');
    expect(out['labels']).toEqual([
      { id: 'lbl-1', label: 'L1', point: [1, 2, 3], frameOfReferenceUID: FOR, sourceInstance: { ...SOURCE, frame: 3 }, proposed: false },
    ]);
  });

  it('v0-reader-report-revision: reader object, impression inside report, revision and rules version added', () => {
    const out = run('v0-reader-report-revision');
    expect(out['reader']).toEqual({ name: 'Dr Old' });
    expect(out['impression']).toBeUndefined();
    expect(out['report']).toEqual({ impression: 'Lytic T12–L1 lesion.', freeText: '', keyImages: [] });
    expect(out['revision']).toBe(0);
    expect(out['rulesVersion']).toBe('unknown');
  });

  it('v0-patient-asia-and-ambulatory: new patient fields start unknown', () => {
    const out = run('v0-patient-asia-and-ambulatory');
    expect(out['patient']).toMatchObject({ asia: 'unknown', ambulatory: 'unknown', frankel: 'E' });
  });

  it('v1-length-calibration-unknown: a version-1 length says its calibration was not recorded; other kinds are untouched', () => {
    const lengthV1 = { id: 'msr-1', kind: 'length', frameOfReferenceUID: FOR, sourceInstance: SOURCE, note: '', points: [[0, 0, 0], [0, 0, 5]] };
    const cobbV1 = {
      id: 'msr-2', kind: 'cobb', purpose: 'segmental-kyphosis', frameOfReferenceUID: FOR, sourceInstance: SOURCE, note: '',
      points: [[0, 0, 0], [0, 10, 0], [0, 0, 20], [0, 10, 22]],
      upperEndplate: { level: 'T12', surface: 'superior' }, lowerEndplate: { level: 'L2', surface: 'inferior' },
    };
    const already = { ...lengthV1, id: 'msr-3', calibration: 'ImagerPixelSpacing' };
    const out = run('v1-length-calibration-unknown', { measurements: [lengthV1, cobbV1, already] });
    expect(out['measurements']).toEqual([{ ...lengthV1, calibration: 'unknown' }, cobbV1, already]);
  });

  it('a version-1 document with a length and a segmental kyphosis loads as version 2 with nothing invented', () => {
    const v1 = {
      ...emptyDoc(),
      version: 1,
      measurements: [
        { id: 'msr-1', kind: 'length', frameOfReferenceUID: FOR, sourceInstance: SOURCE, note: '', points: [[0, 0, 0], [0, 0, 5]] },
        {
          id: 'msr-2', kind: 'cobb', purpose: 'segmental-kyphosis', frameOfReferenceUID: FOR, sourceInstance: SOURCE, note: '',
          points: [[0, 0, 0], [0, 10, 0], [0, 0, 20], [0, 10, 22]],
          upperEndplate: { level: 'T12', surface: 'superior' }, lowerEndplate: { level: 'L2', surface: 'inferior' },
        },
      ],
    };
    const loaded = loadDocument(v1);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    expect(loaded.migrationsApplied).toEqual(['v1-length-calibration-unknown', 'v2-subject-not-recorded', 'v3-prognosis-context-derived', 'v3-signoff-draft', 'v3-impression-source']);
    expect(loaded.document.version).toBe(CURRENT_VERSION);
    expect(loaded.document.measurements[0]).toMatchObject({ kind: 'length', calibration: 'unknown' });
    expect(loaded.document.measurements[1]).toMatchObject({ kind: 'cobb', upperEndplate: { level: 'T12' }, lowerEndplate: { level: 'L2' } });
  });

  it('version 2: a plain Cobb angle may leave the endplate levels null; segmental kyphosis may not', () => {
    const cobb = { id: 'msr-1', kind: 'cobb', purpose: 'cobb', frameOfReferenceUID: FOR, sourceInstance: SOURCE, note: '', points: [[0, 0, 0], [0, 10, 0], [0, 0, 20], [0, 10, 22]], upperEndplate: null, lowerEndplate: null };
    expect(loadDocument({ ...emptyDoc(), measurements: [cobb] }).ok).toBe(true);
    const kyphosis = loadDocument({ ...emptyDoc(), measurements: [{ ...cobb, purpose: 'segmental-kyphosis' }] });
    expect(kyphosis).toMatchObject({ ok: false, reason: 'invalid' });
    if (!kyphosis.ok) expect(kyphosis.problems.map((p) => p.message)).toContain('segmental kyphosis needs both endplate levels');
  });

  it('v3-prognosis-context-derived: one visceral answer from the old ones; unanswered or derivable answers become derived, others stay as overrides', () => {
    const base = emptyDoc();
    const v3 = {
      ...base,
      version: 3,
      patient: {
        ...base.patient,
        histology: 'renal_cell',
        prognosis: {
          extraspinalBoneMetastases: 1, vertebralMetastases: 1, boneMetastases: 'solitary',
          visceralMetastases: 'unknown', tokuhashiPrimary: 'kidney_uterus', tomitaPrimaryGrowth: 'rapid', tomitaVisceral: 'treatable',
          bauer: { visceralMetastases: true, lungPrimary: false, favourablePrimary: 'unknown', solitarySkeletal: true },
        },
      },
    };
    const loaded = loadDocument(v3);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    expect(loaded.migrationsApplied).toEqual(['v3-prognosis-context-derived', 'v3-signoff-draft', 'v3-impression-source']);
    expect(loaded.document.patient.prognosis).toEqual({
      extraspinalBoneMetastases: 1, vertebralMetastases: 1, boneMetastases: 'solitary',
      visceral: 'present',
      visceralMetastases: null, // never answered: Tokuhashi's removable question is now asked
      tokuhashiPrimary: null, // what renal cell derives
      tomitaPrimaryGrowth: 'rapid', // differs from the derived moderate growth: the reader's override
      tomitaVisceral: 'treatable', // the finer answer Tomita asks when visceral metastases are present
      bauer: { visceralMetastases: null, lungPrimary: null, favourablePrimary: null, solitarySkeletal: true },
    });
    const none = run('v3-prognosis-context-derived', { ...v3, patient: { ...v3.patient, prognosis: { ...v3.patient.prognosis, tomitaVisceral: 'none', bauer: { ...v3.patient.prognosis.bauer, visceralMetastases: 'unknown' } } } });
    expect((none['patient'] as { prognosis: { visceral: string } }).prognosis.visceral).toBe('none');
    const unknown = run('v3-prognosis-context-derived', { ...v3, patient: { ...v3.patient, prognosis: { ...v3.patient.prognosis, tomitaVisceral: 'unknown', bauer: { ...v3.patient.prognosis.bauer, visceralMetastases: 'unknown' } } } });
    expect((unknown['patient'] as { prognosis: { visceral: string } }).prognosis.visceral).toBe('unknown');
  });

  it('v2-subject-not-recorded: a version-2 draft says whose it is was not recorded, never a guess', () => {
    const { subject: _dropped, ...v2 } = { ...emptyDoc(), version: 2 };
    expect('subject' in v2).toBe(false);
    expect(run('v2-subject-not-recorded', v2)['subject']).toBeNull();
    const loaded = loadDocument(v2);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    expect(loaded.migrationsApplied).toEqual(['v2-subject-not-recorded', 'v3-prognosis-context-derived', 'v3-signoff-draft', 'v3-impression-source']);
    expect(loaded.document.subject).toBeNull();
    expect(loaded.document.version).toBe(CURRENT_VERSION);
  });

  /** A version-3 document: no sign-off, and an impression that does not say where its text came from. */
  function v3(impression: string): JsonRecord {
    const { signoff: _signoff, report, ...rest } = { ...emptyDoc(), version: 3 };
    const { impressionSource: _source, ...v3Report } = report;
    return { ...rest, report: { ...v3Report, impression } };
  }

  it('v3-signoff-draft: a version-3 reading becomes an unsigned draft, never signed by a migration', () => {
    expect(run('v3-signoff-draft', v3(''))['signoff']).toEqual({ state: 'draft', signatures: [], amendment: null, previous: [] });
  });

  it.each([
    ['Lytic L1 metastasis.', 'edited'],
    ['   ', 'proposed'],
    ['', 'proposed'],
  ])('v3-impression-source: impression %j was %s by the reader', (impression, source) => {
    expect(run('v3-impression-source', v3(impression))['report']).toMatchObject({ impression, impressionSource: source });
    const loaded = loadDocument(v3(impression));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    expect(loaded.migrationsApplied).toEqual(['v3-prognosis-context-derived', 'v3-signoff-draft', 'v3-impression-source']);
    expect(loaded.document).toMatchObject({ version: CURRENT_VERSION, signoff: { state: 'draft' }, report: { impressionSource: source } });
  });

  it('migrate runs every step in order and sets the version', () => {
    const { doc, applied } = migrate(v0Fixture(), 0);
    expect(applied).toEqual(MIGRATIONS.map((m) => m.name));
    expect(doc['version']).toBe(CURRENT_VERSION);
  });

  it('a v0 draft loads as a valid current document, naming the migrations applied', () => {
    const loaded = loadDocument(v0Fixture());
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.migrationsApplied).toHaveLength(MIGRATIONS.length);
    expect(loaded.problems).toEqual([]);
    expect(loaded.document.version).toBe(CURRENT_VERSION);
    expect(loaded.document.lesions[0]?.collapse).toEqual({ value: 'lt50', source: 'reader' });
  });
});
