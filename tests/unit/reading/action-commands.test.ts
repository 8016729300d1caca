// One reader action, one undo step, through the reading layer: the store's batch (one commit, one autosave), the
// alignment aid's and the height tool's commands with the ids chosen before dispatch.
import { describe, expect, it, vi } from 'vitest';
import { createDocument, defaultLesion, MAX_TEXT } from '@shared/annotation';
import type { AnnotationDocument, Lesion } from '@shared/annotation';
import { DocumentStore } from '../../../src-renderer/reading/document-store';
import { aidCommands } from '../../../src-renderer/reading/measure/alignment-capture';
import { heightCommands } from '../../../src-renderer/reading/measure/height-capture';

const SRC = { sopInstanceUID: '1.2', frame: 0 };
const seg = (x: number, mm: number): [[number, number, number], [number, number, number]] => [[x, 0, 0], [x, 0, mm]];
const body = (level: string, a: number, m: number, p: number) => ({ level, anterior: seg(0, a), middle: seg(10, m), posterior: seg(20, p) });
/** L1 with 40 % anterior loss against T12/L2 of 25 mm: a computable measurement suggesting "lt50". */
const heights = { kind: 'vertebral-heights' as const, frameOfReferenceUID: 'F', sourceInstance: SRC, note: '', index: body('L1', 15, 25, 25), above: body('T12', 25, 25, 25), below: body('L2', 25, 25, 25) };
const uncomputable = { ...heights, above: null, below: null };
const translation = { kind: 'translation' as const, frameOfReferenceUID: 'F', sourceInstance: SRC, note: '', points: [[0, 0, 0], [0, 3, 0]] as [[number, number, number], [number, number, number]], levels: ['L1', 'L2'] as [string, string] };

function storeWith(lesion: Lesion, extra: Partial<AnnotationDocument> = {}): DocumentStore {
  const doc = createDocument({ studyInstanceUID: '1.2.3', readerName: '', now: '2026-01-01T00:00:00.000Z', appVersion: 't', rulesVersion: 'r' });
  const store = new DocumentStore(() => '2026-01-01T01:00:00.000Z');
  store.load({ ...doc, lesions: [lesion], ...extra });
  return store;
}

describe('DocumentStore.dispatchBatch', () => {
  it('an alignment aid: one commit, one undo step, the id chosen before dispatch is the one kept and linked', () => {
    const store = storeWith(defaultLesion('les-1', ['L1']));
    const seen: number[] = [];
    store.onCommit((d) => seen.push(d.revision));
    const id = store.newId('measurement');
    const lesion = store.document()?.lesions[0];
    if (lesion === undefined) throw new Error('no lesion');
    expect(store.dispatchBatch(aidCommands(id, translation, lesion))).toEqual({ ok: true });
    expect(seen).toEqual([1]);
    expect(store.commitCount).toBe(1);
    expect(store.document()?.measurements.map((m) => m.id)).toEqual([id]);
    expect(store.document()?.lesions[0]?.alignment.measurementIds).toEqual([id]);
    store.undo();
    expect(store.document()?.measurements).toEqual([]);
    expect(store.document()?.lesions[0]?.alignment.measurementIds).toEqual([]);
    expect(store.newId('measurement')).toBe(id);
  });

  it('a refused batch changes nothing, commits nothing and says why', () => {
    const store = storeWith(defaultLesion('les-1', ['L1']));
    const gone = defaultLesion('les-404', ['L1']);
    const result = store.dispatchBatch(aidCommands('msr-1', translation, gone));
    expect(result.ok).toBe(false);
    expect(store.commitCount).toBe(0);
    expect(store.document()?.measurements).toEqual([]);
    expect(store.getSnapshot().canUndo).toBe(false);
  });
});

describe('refusals in plain words', () => {
  it("a value the record does not allow is refused with our words, not the validator's", () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const store = storeWith(defaultLesion('les-1', ['L1']));
    const result = store.dispatch({ type: 'updateLesion', args: { id: 'les-1', field: 'note', value: 'x'.repeat(MAX_TEXT + 1) } });
    expect(result).toEqual({ ok: false, message: 'This change was not recorded: one of its values is not one the record allows.' });
    expect(store.getSnapshot().lastError).toBe(result.ok ? null : result.message);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
    // Our own refusals keep their words.
    expect(store.dispatch({ type: 'deleteLesion', args: { id: 'les-404' } })).toEqual({ ok: false, message: 'no lesion les-404' });
  });
});

describe('heightCommands (the height tool, "Measure again")', () => {
  const linked = (value: Lesion['collapse']['value'], source: Lesion['collapse']['source']): Lesion => ({ ...defaultLesion('les-1', ['L1']), collapse: { value, source, measurementId: 'old' } });
  const CASES = [
    { name: 'no earlier link: the measurement alone', lesion: defaultLesion('les-1', ['L1']), measurement: heights, collapse: { value: 'unknown', source: 'reader' } },
    { name: 'linked, same choice as the new suggestion: confirmed against the new one', lesion: linked('lt50', 'measurement-overridden'), measurement: heights, collapse: { value: 'lt50', source: 'measurement-confirmed', measurementId: 'msr-9' } },
    { name: 'linked, another choice: overridden against the new one', lesion: linked('gt50', 'measurement-confirmed'), measurement: heights, collapse: { value: 'gt50', source: 'measurement-overridden', measurementId: 'msr-9' } },
    { name: 'linked, the new one cannot be assessed: the choice stays, as the reader\'s, unlinked', lesion: linked('gt50', 'measurement-confirmed'), measurement: uncomputable, collapse: { value: 'gt50', source: 'reader' } },
    { name: 'linked, choice unknown: unlinked', lesion: linked('unknown', 'measurement-overridden'), measurement: heights, collapse: { value: 'unknown', source: 'reader' } },
  ] as const;
  it.each(CASES)('$name; one undo step restores the old link', ({ lesion, measurement, collapse }) => {
    const old = { ...heights, id: 'old' };
    const store = storeWith(lesion, { measurements: [old] });
    expect(store.dispatchBatch(heightCommands('msr-9', measurement, store.document()?.lesions[0]))).toEqual({ ok: true });
    expect(store.commitCount).toBe(1);
    expect(store.document()?.measurements.map((m) => m.id)).toEqual(['old', 'msr-9']);
    expect(store.document()?.lesions[0]?.collapse).toEqual(collapse);
    store.undo();
    expect(store.document()?.lesions[0]?.collapse).toEqual(lesion.collapse);
    expect(store.document()?.measurements.map((m) => m.id)).toEqual(['old']);
  });
});
