import { angleBetweenSegments, cobbAngle, distance } from '@shared/geometry';
import type { Measurement } from './model';

/** What a measurement reads, for the overlay label, the panel and the test hook. */
export interface MeasurementValue {
  /** Number in `unit`, or null when it cannot be computed (zero-length arm). */
  readonly value: number | null;
  readonly unit: 'mm' | 'px' | 'deg' | null;
  /** Display text, e.g. "23.4 mm", "12.0°", "41 px (uncalibrated)". */
  readonly label: string;
  /** Calibration caveat shown next to lengths, or null. */
  readonly note: string | null;
}

const NOTES = {
  PixelSpacing: null,
  unknown: 'calibration not recorded with this measurement',
  ImagerPixelSpacing: 'detector spacing (ImagerPixelSpacing): not corrected for magnification',
  none: 'uncalibrated: no pixel spacing in the file',
} as const;

/**
 * The value of a measurement from its patient-space points. The angle and Cobb maths is geometry's (atan2, never
 * NaN). Lengths: the plane an image was drawn on is built from the same spacing that `calibration` names (a stand-in
 * spacing of 1 when there is none), so the patient-space distance is mm, detector mm or pixels accordingly.
 */
export function measurementValue(m: Measurement): MeasurementValue {
  const [a, b, c, d] = m.points;
  switch (m.kind) {
    case 'length': {
      if (a === undefined || b === undefined) return { value: null, unit: null, label: '—', note: null };
      const length = distance(a, b);
      if (m.calibration === 'none') return { value: length, unit: 'px', label: `${length.toFixed(0)} px`, note: NOTES.none };
      const suffix = m.calibration === 'ImagerPixelSpacing' ? ' (detector)' : '';
      return { value: length, unit: 'mm', label: `${length.toFixed(1)} mm${suffix}`, note: NOTES[m.calibration] };
    }
    case 'angle': {
      if (a === undefined || b === undefined || c === undefined) return { value: null, unit: null, label: '—', note: null };
      const angle = angleBetweenSegments({ start: b, end: a }, { start: b, end: c });
      return angle.ok ? { value: angle.value, unit: 'deg', label: `${angle.value.toFixed(1)}°`, note: null } : { value: null, unit: null, label: '—', note: angle.reason };
    }
    case 'cobb': {
      if (a === undefined || b === undefined || c === undefined || d === undefined) return { value: null, unit: null, label: '—', note: null };
      const angle = cobbAngle({ start: a, end: b }, { start: c, end: d });
      return angle.ok ? { value: angle.value, unit: 'deg', label: `Cobb ${angle.value.toFixed(1)}°`, note: null } : { value: null, unit: null, label: '—', note: angle.reason };
    }
    case 'arrow':
      return { value: null, unit: null, label: m.text ?? '', note: null };
  }
}

export const KIND_LABELS: Readonly<Record<Measurement['kind'], string>> = { length: 'Length', angle: 'Angle', cobb: 'Cobb angle', arrow: 'Arrow' };
