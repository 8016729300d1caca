/**
 * Named migrations, applied in list order to raw JSON before schema validation. A version step `from → from + 1`
 * is every migration whose `from` equals the document's version; after them the version becomes `from + 1`.
 * Each migration has its own test (tests/unit/annotation/migrations.test.ts) from a fixture of the old shape.
 *
 * Version 0 (the first prototype's drafts) differed from version 1 in this way:
 * - lesions carried the SINS imaging inputs in a flat `sinsInputs` object, collapse/alignment as bare strings,
 *   `instabilityJudgement: null` for "not judged", and had no cauda-equina marker or note;
 * - `countingMethod` sat at the top level and there were no `variants` (12 thoracic / 5 lumbar were assumed);
 * - labels stored `sopInstanceUID`/`frame` flat and had no `proposed` flag;
 * - `reader` was a plain string, the impression was a top-level string, there was no `revision` or `rulesVersion`;
 * - the patient had no ASIA grade and no ambulatory status.
 *
 * Version 1 differed from version 2 in this way (the viewer's own measurements moved into the document):
 * - a length did not say where its millimetres came from; version 2 records `calibration` (PixelSpacing,
 *   ImagerPixelSpacing, none) and version-1 lengths become 'unknown' rather than a guess;
 * - a Cobb angle had to name both endplate levels; version 2 allows null levels for purpose 'cobb' (drawn with the
 *   viewer's plain tool). That is a relaxation, so no data changes, but it is why the version rose: a version-1 build
 *   would call such a document damaged, whereas it now reports it as written by a newer version and leaves it alone.
 *
 * Version 2 differed from version 3 in this way (a draft knows whose it is):
 * - it did not record the patient and study it was made on; version 3 has `subject` (subject.ts). A version-2 draft
 *   gets `subject: null`, "not recorded", never a guess from the study it happens to be opened with.
 *
 * Version 3 differed from version 4 in this way (patient context asked once):
 * - the Tokuhashi primary group, the Tomita growth class, the Bauer primary questions and the visceral metastases of
 *   each score were separate answers; version 4 derives them from the histology and one visceral question
 *   (`prognosis.visceral`: none / present / unknown) and stores a value only where the reader answered or overrode
 *   (null = derived). `v3-prognosis-context-derived` sets `visceral` from the old answers (any score saying present
 *   → present, else any saying none → none, else unknown) and turns to null every answer that was 'unknown' (never
 *   answered: version 3 had no derivation) or equals what the derivation now gives; any other answer is kept, and
 *   shows as the reader's override.
 *
 * and (the report a clinician signs):
 * - there was no sign-off: every reading was a draft. Version 4 has `signoff` (state draft/final/amended, the
 *   signatures, an addendum in progress, the superseded signed versions); a version-3 document becomes an unsigned
 *   draft (`v3-signoff-draft`), never "signed" by a migration;
 * - the impression did not say where its text came from. Version 4 has `report.impressionSource`: a version-3
 *   impression with text was typed by the reader ('edited'), an empty one leaves the proposal showing ('proposed')
 *   (`v3-impression-source`).
 */
import type { JsonRecord } from './json';
import { isRecord, mapRecords } from './json';
import { CURRENT_VERSION } from './schema';
import { resolvePatientContext } from '../scoring/context-from-histology';
import type { ContextAnswers } from '../scoring/context-from-histology';

export interface Migration {
  readonly name: string;
  readonly from: number;
  readonly up: (doc: JsonRecord) => JsonRecord;
}

/** The earliest version this build can read. */
export const OLDEST_VERSION = 0;

function choice(value: unknown, extra: JsonRecord): JsonRecord {
  return { value: value ?? 'unknown', source: 'reader', ...extra };
}

export const MIGRATIONS: readonly Migration[] = [
  {
    name: 'v0-flatten-lesion-sins-inputs',
    from: 0,
    up: (doc) => ({
      ...doc,
      lesions: mapRecords(doc['lesions'], (lesion) => {
        const { sinsInputs, ...rest } = lesion;
        const sins = isRecord(sinsInputs) ? sinsInputs : {};
        return {
          ...rest,
          pain: sins['pain'] ?? 'unknown',
          boneLesion: sins['boneLesion'] ?? 'unknown',
          alignment: choice(sins['alignment'], { measurementIds: [] }),
          collapse: choice(sins['collapse'], {}),
          posterolateral: sins['posterolateral'] ?? 'unknown',
          instabilityJudgement: rest['instabilityJudgement'] ?? 'unknown',
          cordSignalChange: rest['cordSignalChange'] ?? 'unknown',
          caudaEquina: 'unknown',
          note: rest['note'] ?? '',
        };
      }),
    }),
  },
  {
    name: 'v0-spine-counting-method-and-variants',
    from: 0,
    up: (doc) => {
      const { countingMethod, ...rest } = doc;
      // v0 assumed the standard count; that assumption is now written down explicitly.
      return { ...rest, spine: { countingMethod: countingMethod ?? 'unknown', variants: { thoracicCount: 12, lumbarCount: 5, castellvi: null } } };
    },
  },
  {
    name: 'v0-label-source-instance-and-proposed',
    from: 0,
    up: (doc) => ({
      ...doc,
      labels: mapRecords(doc['labels'], (label) => {
        const { sopInstanceUID, frame, ...rest } = label;
        return { ...rest, sourceInstance: { sopInstanceUID, frame: frame ?? 0 }, proposed: rest['proposed'] ?? false };
      }),
    }),
  },
  {
    name: 'v0-reader-report-revision',
    from: 0,
    up: (doc) => {
      const { impression, reader, ...rest } = doc;
      return {
        ...rest,
        reader: typeof reader === 'string' ? { name: reader } : reader,
        report: { impression: impression ?? '', freeText: '', keyImages: [] },
        revision: 0,
        rulesVersion: 'unknown',
      };
    },
  },
  {
    name: 'v0-patient-asia-and-ambulatory',
    from: 0,
    up: (doc) => {
      const patient = doc['patient'];
      if (!isRecord(patient)) return doc;
      return { ...doc, patient: { ...patient, asia: 'unknown', ambulatory: 'unknown' } };
    },
  },
  {
    name: 'v1-length-calibration-unknown',
    from: 1,
    up: (doc) => ({
      ...doc,
      measurements: mapRecords(doc['measurements'], (m) => (m['kind'] === 'length' && m['calibration'] === undefined ? { ...m, calibration: 'unknown' } : m)),
    }),
  },
  {
    name: 'v2-subject-not-recorded',
    from: 2,
    up: (doc) => ({ ...doc, subject: doc['subject'] ?? null }),
  },
  {
    name: 'v3-prognosis-context-derived',
    from: 3,
    up: (doc) => {
      const patient = doc['patient'];
      if (!isRecord(patient) || !isRecord(patient['prognosis'])) return doc;
      const p = patient['prognosis'];
      const bauer = isRecord(p['bauer']) ? p['bauer'] : {};
      const said = [p['visceralMetastases'], p['tomitaVisceral'], bauer['visceralMetastases']];
      const present = ['removable', 'unremovable', 'treatable', 'untreatable', true].some((v) => said.includes(v));
      const visceral = present ? 'present' : said.some((v) => v === 'none' || v === false) ? 'none' : 'unknown';
      const stored = (v: unknown): unknown => v ?? 'unknown';
      // Resolve as if nothing were answered, to see what the derivation gives for each field.
      const derived = resolvePatientContext({
        histology: patient['histology'] as ContextAnswers['histology'], visceral, tokuhashiPrimary: null, tomitaPrimaryGrowth: null, visceralMetastases: null, tomitaVisceral: null, bauerVisceral: null, bauerLung: null, bauerFavourable: null,
      });
      const keep = (v: unknown, d: unknown): unknown => (stored(v) === 'unknown' || stored(v) === d ? null : v);
      return {
        ...doc,
        patient: {
          ...patient,
          prognosis: {
            ...p,
            visceral,
            visceralMetastases: keep(p['visceralMetastases'], derived.visceralMetastases.derived),
            tokuhashiPrimary: keep(p['tokuhashiPrimary'], derived.tokuhashiPrimary.derived),
            tomitaPrimaryGrowth: keep(p['tomitaPrimaryGrowth'], derived.tomitaPrimaryGrowth.derived),
            tomitaVisceral: keep(p['tomitaVisceral'], derived.tomitaVisceral.derived),
            bauer: {
              ...bauer,
              visceralMetastases: keep(bauer['visceralMetastases'], derived.bauerVisceral.derived),
              lungPrimary: keep(bauer['lungPrimary'], derived.bauerLung.derived),
              favourablePrimary: keep(bauer['favourablePrimary'], derived.bauerFavourable.derived),
            },
          },
        },
      };
    },
  },
  {
    name: 'v3-signoff-draft',
    from: 3,
    up: (doc) => ({ ...doc, signoff: { state: 'draft', signatures: [], amendment: null, previous: [] } }),
  },
  {
    name: 'v3-impression-source',
    from: 3,
    up: (doc) => {
      const report = doc['report'];
      if (!isRecord(report)) return doc;
      const typed = typeof report['impression'] === 'string' && report['impression'].trim() !== '';
      return { ...doc, report: { ...report, impressionSource: typed ? 'edited' : 'proposed' } };
    },
  },
];

export interface MigrationOutcome {
  readonly doc: JsonRecord;
  readonly applied: readonly string[];
}

/** Runs every migration from `doc.version` up to CURRENT_VERSION. The caller has checked the version range. */
export function migrate(doc: JsonRecord, fromVersion: number, migrations: readonly Migration[] = MIGRATIONS): MigrationOutcome {
  let current = doc;
  const applied: string[] = [];
  for (let version = fromVersion; version < CURRENT_VERSION; version += 1) {
    for (const migration of migrations) {
      if (migration.from !== version) continue;
      current = migration.up(current);
      applied.push(migration.name);
    }
    current = { ...current, version: version + 1 };
  }
  return { doc: current, applied };
}
