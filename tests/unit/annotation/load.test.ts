import { describe, expect, it } from 'vitest';
import { loadDocument, loadDocumentText } from '@shared/annotation/load';
import type { LoadResult } from '@shared/annotation/load';
import type { AnnotationDocument } from '@shared/annotation/schema';
import { CURRENT_VERSION, MAX_TEXT } from '@shared/annotation/schema';
import { defaultLesion } from '@shared/annotation/defaults';
import { body, emptyDoc, FOR, SOURCE } from './fixtures';

function loaded(result: LoadResult): { document: AnnotationDocument; problems: readonly { path: string; message: string }[] } {
  if (!result.ok) throw new Error(`expected ok, got ${result.reason}: ${JSON.stringify(result.problems)}`);
  return result;
}

const withPatient = (patch: Record<string, unknown>) => {
  const doc = emptyDoc();
  return { ...doc, patient: { ...doc.patient, ...patch } };
};

describe('loadDocument: detection', () => {
  it('loads a current document unchanged, with no migrations and no problems', () => {
    const result = loaded(loadDocument(emptyDoc()));
    expect(result.document).toEqual(emptyDoc());
    expect(result.problems).toEqual([]);
  });

  it('reports text that is not JSON as corrupt', () => {
    expect(loadDocumentText('{"kind": "spine-annot')).toMatchObject({ ok: false, reason: 'corrupt' });
  });

  it('reports a newer version without touching it', () => {
    expect(loadDocument({ ...emptyDoc(), version: CURRENT_VERSION + 1, somethingNew: true })).toMatchObject({ ok: false, reason: 'newer-version', version: CURRENT_VERSION + 1 });
  });

  it('reports a non-document and a schema violation as invalid, with paths', () => {
    expect(loadDocument({ lesions: [] })).toMatchObject({ ok: false, reason: 'invalid' });
    const doc = emptyDoc();
    const bad = loadDocument({ ...doc, lesions: [{ ...defaultLesion('les-1', ['L1']), collapse: { value: 'half', source: 'reader' } }] });
    expect(bad).toMatchObject({ ok: false, reason: 'invalid' });
    if (!bad.ok) expect(bad.problems[0]?.path).toBe('lesions[0].collapse.value');
  });

  it('keeps unknown top-level fields (documented passthrough) but rejects unknown nested ones', () => {
    expect(loaded(loadDocument({ ...emptyDoc(), plugin: { x: 1 } })).document).toMatchObject({ plugin: { x: 1 } });
    const nested = loadDocument({ ...emptyDoc(), spine: { ...emptyDoc().spine, extra: 1 } });
    expect(nested).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('rejects absurd coordinates (beyond 10 m) instead of guessing', () => {
    const doc = emptyDoc();
    const label = { id: 'lbl-1', label: 'L1', point: [0, 0, 1e7], frameOfReferenceUID: FOR, sourceInstance: SOURCE, proposed: false };
    expect(loadDocument({ ...doc, labels: [label] })).toMatchObject({ ok: false, reason: 'invalid' });
  });
});

describe('loadDocument: clamping and repairs (each reported)', () => {
  it('KPS out of range becomes unknown; KPS off the 10-step is rounded', () => {
    const high = loaded(loadDocument(withPatient({ kps: 150 })));
    expect(high.document.patient.kps).toBe('unknown');
    expect(high.problems).toEqual([{ path: 'patient.kps', message: '150 is outside KPS 0–100: set to unknown' }]);
    const slip = loaded(loadDocument(withPatient({ kps: 73 })));
    expect(slip.document.patient.kps).toBe(70);
    expect(slip.problems[0]?.message).toMatch(/rounded/);
    expect(loaded(loadDocument(withPatient({ kps: -10 }))).document.patient.kps).toBe('unknown');
  });

  it('ECOG and metastasis counts out of range become unknown', () => {
    const doc = withPatient({ ecog: 9 });
    const result = loaded(loadDocument({ ...doc, patient: { ...doc.patient, prognosis: { ...doc.patient.prognosis, vertebralMetastases: 0, extraspinalBoneMetastases: -2 } } }));
    expect(result.document.patient.ecog).toBe('unknown');
    expect(result.document.patient.prognosis.vertebralMetastases).toBe('unknown');
    expect(result.document.patient.prognosis.extraspinalBoneMetastases).toBe('unknown');
    expect(result.problems.map((p) => p.path).sort()).toEqual(['patient.ecog', 'patient.prognosis.extraspinalBoneMetastases', 'patient.prognosis.vertebralMetastases']);
  });

  it('clamps bookkeeping numbers: negative revision, negative paralysis hours', () => {
    const doc = emptyDoc();
    const result = loaded(
      loadDocument({ ...doc, revision: -3, patient: { ...doc.patient, emergency: { ...doc.patient.emergency, completeParalysisHours: -5 } } }),
    );
    expect(result.document.revision).toBe(0);
    expect(result.document.patient.emergency.completeParalysisHours).toBeNull();
  });

  it('truncates over-long free text', () => {
    const doc = emptyDoc();
    const result = loaded(loadDocument({ ...doc, lesions: [{ ...defaultLesion('les-1', ['L2']), note: 'n'.repeat(MAX_TEXT + 10) }] }));
    expect(result.document.lesions[0]?.note).toHaveLength(MAX_TEXT);
    expect(result.problems[0]).toEqual({ path: 'lesions[0].note', message: `text longer than ${MAX_TEXT} characters: truncated` });
  });

  it('renames duplicate ids and drops links to measurements that do not exist (the reader’s value stays)', () => {
    const doc = emptyDoc();
    const lesion = { ...defaultLesion('les-1', ['L1']), collapse: { value: 'gt50' as const, source: 'measurement-confirmed' as const, measurementId: 'msr-9' } };
    const result = loaded(loadDocument({ ...doc, lesions: [lesion, defaultLesion('les-1', ['L3'])] }));
    expect(result.document.lesions.map((l) => l.id)).toEqual(['les-1', 'les-1-2']);
    expect(result.document.lesions[0]?.collapse).toEqual({ value: 'gt50', source: 'reader' });
    expect(result.problems.map((p) => p.path)).toEqual(['lesions[1].id', 'lesions[0].collapse.measurementId']);
  });

  it('keeps a valid link to a height measurement', () => {
    const doc = emptyDoc();
    const m = { id: 'msr-1', kind: 'vertebral-heights', frameOfReferenceUID: FOR, sourceInstance: SOURCE, note: '', index: body('L1', 12, 14, 20), above: body('T12', 20, 20, 20), below: null };
    const lesion = { ...defaultLesion('les-1', ['L1']), collapse: { value: 'gt50', source: 'measurement-confirmed', measurementId: 'msr-1' } };
    const result = loaded(loadDocument({ ...doc, measurements: [m], lesions: [lesion] }));
    expect(result.problems).toEqual([]);
  });
});
