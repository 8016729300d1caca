import { describe, expect, it } from 'vitest';
import { MeasurementSchema } from '@shared/annotation';
import { aidMeasurement, aidPrompt, aidValue, translationMm } from '../../../src-renderer/reading/measure/alignment-capture';
import type { AidCapture } from '../../../src-renderer/reading/measure/alignment-capture';

const base = { frameOfReferenceUID: 'F', sourceInstance: { sopInstanceUID: '1', frame: 0 } };

describe('alignment aids', () => {
  it('kyphosis: 4 points give a cobb measurement of purpose segmental-kyphosis naming the endplates', () => {
    const c: AidCapture = { aid: 'kyphosis', upper: 'T12', lower: 'L2', points: [] };
    expect(aidPrompt(c)).toMatch(/superior endplate of T12/);
    expect(aidMeasurement(c, base)).toBeNull();
    // Upper endplate tilted 10° (anterior end lower), lower endplate flat: endplates converge anteriorly = kyphosis.
    const t = Math.tan((10 * Math.PI) / 180) * 40;
    const full: AidCapture = { ...c, points: [[0, -20, 50 - t / 2], [0, 20, 50 + t / 2], [0, -20, 0], [0, 20, 0]] };
    const m = aidMeasurement(full, base);
    const parsed = MeasurementSchema.parse({ ...m, id: 'msr-1' });
    expect(parsed).toMatchObject({ kind: 'cobb', purpose: 'segmental-kyphosis', upperEndplate: { level: 'T12', surface: 'superior' }, lowerEndplate: { level: 'L2', surface: 'inferior' } });
    expect(aidValue(parsed)).toBe('Segmental kyphosis 10.0° (T12 sup. – L2 inf.)');
  });

  it('translation: 2 corners, positive when the upper body sits anteriorly (LPS -y)', () => {
    const c: AidCapture = { aid: 'translation', upper: 'L4', lower: 'L5', points: [[0, 10, 0], [0, 14, -2]] };
    expect(translationMm([0, 10, 0], [0, 14, -2])).toBe(4);
    const parsed = MeasurementSchema.parse({ ...aidMeasurement(c, base), id: 'msr-2' });
    expect(aidValue(parsed)).toBe('Translation L4 on L5: +4.0 mm (anterior)');
    expect(aidPrompt({ ...c, points: [] })).toMatch(/postero-inferior corner of L4/);
  });
});
