import { describe, expect, it, vi } from 'vitest';
import { createDocument, loadDocument } from '@shared/annotation';
import { vec3 } from '@shared/geometry';
import type { NewMeasurement } from '../../../src-renderer/viewer/measurements/model';
import { measurementValue } from '../../../src-renderer/viewer/measurements/values';
import { createDocumentMeasurementStore } from '../../../src-renderer/reading/document-measurements';
import { DocumentStore } from '../../../src-renderer/reading/document-store';

// The viewer's measurement tools through the annotation document: every edit a command, undoable, in the record.
const doc = () => createDocument({ studyInstanceUID: '1.2.3', readerName: '', now: '2026-01-01T00:00:00.000Z', appVersion: 't', rulesVersion: 'r' });
const source = { sopInstanceUID: '1.2.3.9', frame: 0 };
const length: NewMeasurement = { kind: 'length', frameOfReferenceUID: 'F', points: [vec3(0, 0, 0), vec3(30, 40, 0)], calibration: 'PixelSpacing', source };
// Two lines 10 degrees apart.
const t = Math.tan((10 * Math.PI) / 180) * 100;
const cobb: NewMeasurement = { kind: 'cobb', frameOfReferenceUID: 'F', points: [vec3(0, 0, 0), vec3(100, 0, 0), vec3(0, 0, 50), vec3(100, 0, 50 + t)], calibration: 'PixelSpacing', source };

function setup() {
  const store = new DocumentStore(() => '2026-01-01T00:00:01.000Z');
  store.load(doc());
  const commits: number[] = [];
  store.onCommit((d) => commits.push(d.revision));
  return { store, measurements: createDocumentMeasurementStore(store), commits };
}

function added(result: ReturnType<ReturnType<typeof setup>['measurements']['add']>): string {
  if (!result.ok) throw new Error(result.message);
  return result.id;
}

describe('document-backed measurement store', () => {
  it('a drawn length is a document measurement with its frame, source image and calibration; Ctrl+Z (undo) removes it', () => {
    const { store, measurements, commits } = setup();
    const id = added(measurements.add(length));
    const record = store.committed()?.measurements.find((m) => m.id === id);
    expect(record).toEqual({ id, kind: 'length', frameOfReferenceUID: 'F', sourceInstance: source, note: '', points: [[0, 0, 0], [30, 40, 0]], calibration: 'PixelSpacing' });
    expect(commits).toHaveLength(1);
    expect(measurementValue(measurements.list()[0]!)).toMatchObject({ value: 50, unit: 'mm', label: '50.0 mm' });
    store.undo();
    expect(measurements.list()).toEqual([]);
    expect(store.committed()?.measurements).toEqual([]);
    store.redo();
    expect(measurements.get(id)?.points[1]).toEqual([30, 40, 0]);
  });

  it('a Cobb angle from the viewer records no endplate levels (purpose cobb) and reads the same after a save/load round trip', () => {
    const { store, measurements } = setup();
    const id = added(measurements.add(cobb));
    const saved = JSON.parse(JSON.stringify(store.committed())) as unknown;
    const loaded = loadDocument(saved);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    expect(loaded.document.measurements[0]).toMatchObject({ id, kind: 'cobb', purpose: 'cobb', upperEndplate: null, lowerEndplate: null });
    const reopened = new DocumentStore();
    reopened.load(loaded.document);
    const again = createDocumentMeasurementStore(reopened).get(id);
    expect(again).toBeDefined();
    expect(measurementValue(again!).value).toBeCloseTo(10, 6);
    expect(measurementValue(again!).value).toBe(measurementValue(measurements.get(id)!).value);
  });

  it('a handle drag is transient until release, then one undo step and one commit', () => {
    const { store, measurements, commits } = setup();
    const id = added(measurements.add(length));
    for (const x of [31, 32, 33]) measurements.update(id, { points: [vec3(0, 0, 0), vec3(x, 40, 0)] });
    expect(measurements.get(id)?.points[1]).toEqual([33, 40, 0]);
    // Autosave never sees a half-finished drag.
    expect(store.committed()?.measurements[0]).toMatchObject({ points: [[0, 0, 0], [30, 40, 0]] });
    expect(commits).toHaveLength(1);
    measurements.endDrag();
    expect(store.committed()?.measurements[0]).toMatchObject({ points: [[0, 0, 0], [33, 40, 0]] });
    expect(commits).toHaveLength(2);
    store.undo();
    expect(measurements.get(id)?.points[1]).toEqual([30, 40, 0]);
  });

  it('delete is undoable; arrow text is a command; unknown ids are ignored', () => {
    const { store, measurements } = setup();
    const arrow = added(measurements.add({ kind: 'arrow', frameOfReferenceUID: 'F', points: [vec3(0, 0, 0), vec3(5, 5, 0)], calibration: 'PixelSpacing', source, text: 'Lesion' }));
    measurements.update(arrow, { text: 'Lytic focus' });
    expect(store.committed()?.measurements[0]).toMatchObject({ kind: 'arrow', text: 'Lytic focus' });
    measurements.remove(arrow);
    expect(measurements.list()).toEqual([]);
    store.undo();
    expect(measurements.get(arrow)?.text).toBe('Lytic focus');
    measurements.remove('msr-999');
    measurements.update('msr-999', { text: 'x' });
    expect(store.getSnapshot().lastError).toBeNull();
  });

  it("lists only the viewer's kinds: the reading layer's aids stay out; list() keeps its identity across other edits", () => {
    const { store, measurements } = setup();
    added(measurements.add(length));
    store.dispatch({
      type: 'addMeasurement',
      args: {
        measurement: {
          kind: 'cobb', purpose: 'segmental-kyphosis', frameOfReferenceUID: 'F', sourceInstance: source, note: '',
          points: [[0, 0, 0], [10, 0, 0], [0, 0, 30], [10, 0, 31]],
          upperEndplate: { level: 'T12', surface: 'superior' }, lowerEndplate: { level: 'L2', surface: 'inferior' },
        },
      },
    });
    expect(store.committed()?.measurements).toHaveLength(2);
    const snapshot = measurements.list();
    expect(snapshot.map((m) => m.kind)).toEqual(['length']);
    store.dispatch({ type: 'addLabel', args: { label: 'L1', point: [0, 0, 0], frameOfReferenceUID: 'F', sourceInstance: source } });
    expect(measurements.list()).toBe(snapshot);
  });

  it('subscribers hear added / updated / removed, including from undo and redo', () => {
    const { store, measurements } = setup();
    const a = vi.fn();
    const b = vi.fn();
    measurements.subscribe(a);
    measurements.subscribe(b);
    const id = added(measurements.add(length));
    measurements.update(id, { points: [vec3(1, 0, 0), vec3(30, 40, 0)] });
    measurements.endDrag();
    store.undo();
    store.undo();
    const types = (fn: typeof a) => fn.mock.calls.map(([c]) => (c as { type: string }).type);
    expect(types(a)).toEqual(['added', 'updated', 'updated', 'removed']);
    expect(types(b)).toEqual(types(a));
  });

  it('before the document is open (draft offer pending) a drawing is refused with a reason, not lost silently', () => {
    const store = new DocumentStore();
    const result = createDocumentMeasurementStore(store).add(length);
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/not open yet/) });
  });
});
