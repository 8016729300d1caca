import { describe, expect, it } from 'vitest';
import { createDocument } from '@shared/annotation';
import { vec3 } from '@shared/geometry';
import { combinedMeasurements } from '../../../src-renderer/compare/combined-measurements';
import { createDocumentMeasurementStore } from '../../../src-renderer/reading/document-measurements';
import { DocumentStore } from '../../../src-renderer/reading/document-store';
import type { MeasurementChange, NewMeasurement } from '../../../src-renderer/viewer/measurements/model';

// The viewer's measurement tools with a prior hung: each measurement goes to the reading of the study it was drawn on.
function reading(uid: string) {
  const store = new DocumentStore(() => '2026-01-01T00:00:01.000Z');
  store.load(createDocument({ studyInstanceUID: uid, readerName: '', now: '2026-01-01T00:00:00.000Z', appVersion: 't', rulesVersion: 'r' }));
  return { store, measurements: createDocumentMeasurementStore(store) };
}
const length = (frame: string): NewMeasurement => ({ kind: 'length', frameOfReferenceUID: frame, points: [vec3(0, 0, 0), vec3(30, 40, 0)], calibration: 'PixelSpacing', source: { sopInstanceUID: '1.9', frame: 0 } });

describe('measurements over the current and the prior reading', () => {
  it('routes by frame of reference, keeps the two readings\' ids apart, and removes from the right one', () => {
    const current = reading('1.1');
    const prior = reading('1.0');
    const combined = combinedMeasurements(current.measurements, prior.measurements, (frame) => frame === 'PRIOR');
    const changes: MeasurementChange[] = [];
    combined.subscribe((c) => changes.push(c));
    const a = combined.add(length('CURRENT'));
    const b = combined.add(length('PRIOR'));
    expect(a.ok && b.ok && a.id !== b.id).toBe(true);
    expect(current.store.committed()?.measurements.map((m) => m.frameOfReferenceUID)).toEqual(['CURRENT']);
    expect(prior.store.committed()?.measurements.map((m) => m.frameOfReferenceUID)).toEqual(['PRIOR']);
    const list = combined.list();
    expect(list.map((m) => m.frameOfReferenceUID)).toEqual(['CURRENT', 'PRIOR']);
    expect(combined.list()).toBe(list);
    if (!b.ok) return;
    expect(combined.get(b.id)?.frameOfReferenceUID).toBe('PRIOR');
    combined.update(b.id, { points: [vec3(0, 0, 0), vec3(0, 10, 0)] });
    combined.endDrag();
    expect(prior.store.committed()?.measurements[0]).toMatchObject({ points: [[0, 0, 0], [0, 10, 0]] });
    combined.remove(b.id);
    expect(prior.store.committed()?.measurements).toEqual([]);
    expect(current.store.committed()?.measurements).toHaveLength(1);
    expect(changes.map((c) => (c.type === 'removed' ? `removed ${c.id}` : `${c.type} ${c.measurement.id}`))).toContain(`removed ${b.id}`);
  });
});
