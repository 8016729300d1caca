// The report lists the viewer's own measurements (annotation document v2) honestly: a length says what its mm rest
// on, a plain Cobb angle says its endplate levels were not recorded. (Kept apart from model.test.ts, which another
// part of the team owns.)
import { describe, expect, it } from 'vitest';
import type { AnnotationDocument, Measurement } from '@shared/annotation/schema';
import { deriveReading } from '@shared/reading/derive';
import { buildReport, renderReportText } from '@shared/report/index';
import { sampleDocument, sampleStudyInfo } from '../../support/sample-document';

const base = { frameOfReferenceUID: '1.2.3', sourceInstance: { sopInstanceUID: '1.2.3.4', frame: 0 }, note: '' };
const length = (id: string, calibration: 'PixelSpacing' | 'ImagerPixelSpacing' | 'none' | 'unknown'): Measurement => ({ ...base, id, kind: 'length', points: [[0, 0, 0], [30, 40, 0]], calibration });
const t = Math.tan((10 * Math.PI) / 180) * 100;
const cobb: Measurement = { ...base, id: 'msr-cobb', kind: 'cobb', purpose: 'cobb', points: [[0, 0, 0], [100, 0, 0], [0, 0, 50], [100, 0, 50 + t]], upperEndplate: null, lowerEndplate: null };

function reportOf(doc: AnnotationDocument) {
  return buildReport({ document: doc, study: sampleStudyInfo(), reading: deriveReading(doc) });
}

describe('report: the viewer measurements', () => {
  const doc = sampleDocument();
  const withViewer: AnnotationDocument = { ...doc, measurements: [...doc.measurements, length('msr-a', 'PixelSpacing'), length('msr-b', 'ImagerPixelSpacing'), length('msr-c', 'none'), length('msr-d', 'unknown'), cobb] };
  const model = reportOf(withViewer);
  const text = (id: string) => model.measurements.find((m) => m.id === id)?.text;

  it('a length says what its unit rests on', () => {
    expect(text('msr-a')).toBe('Length 50.0 mm');
    expect(text('msr-b')).toBe('Length 50.0 mm (detector spacing, not corrected for magnification)');
    expect(text('msr-c')).toBe('Length 50 px (uncalibrated image)');
    expect(text('msr-d')).toBe('Length 50.0 mm (pixel spacing source not recorded)');
  });

  it('a plain Cobb angle has its value and no invented endplate levels', () => {
    expect(text('msr-cobb')).toBe('Cobb angle 10.0° (endplate levels not recorded)');
    expect(renderReportText(model)).toContain('Cobb angle 10.0° (endplate levels not recorded)');
  });
});
