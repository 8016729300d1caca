import { describe, expect, it, vi } from 'vitest';
import { vec3 } from '@shared/geometry';
import type { Measurement } from '../../../src-renderer/viewer/measurements/model';
import { createMemoryMeasurementStore } from '../../../src-renderer/viewer/measurements/store';
import { measurementValue } from '../../../src-renderer/viewer/measurements/values';

const base = { frameOfReferenceUID: '1.2.3', source: { sopInstanceUID: '1.2.3.4', frame: 0 }, calibration: 'PixelSpacing' } as const;
const length = (id: string, calibration: Measurement['calibration'] = 'PixelSpacing'): Measurement => ({
  ...base,
  calibration,
  id,
  kind: 'length',
  points: [vec3(0, 0, 0), vec3(3, 4, 0)],
});

describe('measurement store', () => {
  it('add / update / remove emit change events and keep list() stable between changes', () => {
    const store = createMemoryMeasurementStore();
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    const added = store.add(length('ignored'));
    if (!added.ok) throw new Error(added.message);
    const snapshot = store.list();
    expect(store.list()).toBe(snapshot);
    store.update(added.id, { points: [vec3(0, 0, 0), vec3(0, 0, 10)] });
    store.endDrag();
    expect(store.get(added.id)?.points[1]).toEqual([0, 0, 10]);
    store.remove(added.id);
    expect(store.list()).toEqual([]);
    expect(listener.mock.calls.map(([c]) => (c as { type: string }).type)).toEqual(['added', 'updated', 'removed']);
    unsubscribe();
    store.add(length('b'));
    expect(listener).toHaveBeenCalledTimes(3);
  });

  it('assigns its own ids and refuses the wrong number of points and non-finite points', () => {
    const store = createMemoryMeasurementStore([length('a')]);
    expect(() => store.add({ ...length('x'), points: [vec3(0, 0, 0)] })).toThrow(RangeError);
    expect(() => store.add({ ...length('y'), points: [vec3(0, 0, 0), vec3(Number.NaN, 0, 0)] })).toThrow(RangeError);
    const again = store.add(length('a'));
    expect(again.ok && again.id !== 'a').toBe(true);
    store.update('missing', { text: 'x' });
    store.remove('missing');
    expect(store.list()).toHaveLength(2);
  });
});

describe('measurement values', () => {
  it('length in mm, with the calibration said out loud when it is not PixelSpacing', () => {
    expect(measurementValue(length('a'))).toMatchObject({ value: 5, unit: 'mm', label: '5.0 mm', note: null });
    expect(measurementValue(length('a', 'ImagerPixelSpacing'))).toMatchObject({ unit: 'mm', label: '5.0 mm (detector)' });
    expect(measurementValue(length('a', 'ImagerPixelSpacing')).note).toMatch(/magnification/);
    expect(measurementValue(length('a', 'none'))).toMatchObject({ unit: 'px', label: '5 px' });
  });

  it('angle at the middle point', () => {
    const m: Measurement = { ...base, id: 'g', kind: 'angle', points: [vec3(10, 0, 0), vec3(0, 0, 0), vec3(0, 10, 0)] };
    expect(measurementValue(m).value).toBeCloseTo(90);
  });

  it('Cobb: acute, and parallel lines give 0 (never NaN)', () => {
    const cobb = (points: Measurement['points']): number | null => measurementValue({ ...base, id: 'c', kind: 'cobb', points }).value;
    expect(cobb([vec3(0, 0, 0), vec3(10, 0, 0), vec3(0, 5, 0), vec3(10, 5, 0)])).toBe(0);
    expect(cobb([vec3(0, 0, 0), vec3(10, 0, 0), vec3(10, 5, 0), vec3(0, 5, 0)])).toBe(0);
    // 150 degrees between directions -> Cobb 30
    expect(cobb([vec3(0, 0, 0), vec3(10, 0, 0), vec3(0, 0, 0), vec3(-Math.cos(Math.PI / 6), Math.sin(Math.PI / 6), 0)])).toBeCloseTo(30);
  });

  it('zero-length arm: no value and a reason', () => {
    const m: Measurement = { ...base, id: 'z', kind: 'angle', points: [vec3(0, 0, 0), vec3(0, 0, 0), vec3(1, 0, 0)] };
    expect(measurementValue(m)).toMatchObject({ value: null, label: '—' });
  });
});
