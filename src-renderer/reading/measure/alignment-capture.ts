/**
 * Alignment aids (pure): segmental kyphosis from two endplate lines (4 clicks) and translation from two posterior
 * corners (2 clicks: the postero-inferior corner of the upper body, the postero-superior corner of the lower one;
 * the document keeps exactly these two points), on a sagittal image. They are aids: they are recorded next to the lesion and shown with
 * their values, but never set the SINS alignment, which stays the reader's choice.
 */
import type { Command, Lesion, LpsPoint, Measurement, NewMeasurement } from '@shared/annotation';
import { segmentalKyphosis, vec3 } from '@shared/geometry';

export type AlignmentAid = 'kyphosis' | 'translation';

export interface AidCapture {
  readonly aid: AlignmentAid;
  /** Kyphosis: the body above and below the lesion; translation: the lesion body and the one below. */
  readonly upper: string;
  readonly lower: string;
  readonly points: readonly LpsPoint[];
}

export const aidPoints = (aid: AlignmentAid): number => (aid === 'kyphosis' ? 4 : 2);

export function aidPrompt(c: AidCapture): string {
  const n = c.points.length;
  const total = aidPoints(c.aid);
  if (n >= total) return 'Done.';
  const what =
    c.aid === 'kyphosis'
      ? `${n < 2 ? `superior endplate of ${c.upper}` : `inferior endplate of ${c.lower}`} (${n % 2 === 0 ? 'one end' : 'other end'})`
      : n === 0 ? `postero-inferior corner of ${c.upper}` : `postero-superior corner of ${c.lower}`;
  return `Point ${n + 1}/${total}: ${what}`;
}

type Base = { readonly frameOfReferenceUID: string; readonly sourceInstance: { readonly sopInstanceUID: string; readonly frame: number } };

/** The document measurement for a complete capture, or null while points are missing. */
export function aidMeasurement(c: AidCapture, base: Base) {
  const common = { frameOfReferenceUID: base.frameOfReferenceUID, sourceInstance: { ...base.sourceInstance }, note: '' };
  if (c.aid === 'kyphosis') {
    const [a, b, d, e] = c.points;
    if (a === undefined || b === undefined || d === undefined || e === undefined) return null;
    return {
      ...common,
      kind: 'cobb' as const,
      purpose: 'segmental-kyphosis' as const,
      points: [a, b, d, e] as [LpsPoint, LpsPoint, LpsPoint, LpsPoint],
      upperEndplate: { level: c.upper, surface: 'superior' as const },
      lowerEndplate: { level: c.lower, surface: 'inferior' as const },
    };
  }
  const [a, b] = c.points;
  if (a === undefined || b === undefined) return null;
  return { ...common, kind: 'translation' as const, points: [a, b] as [LpsPoint, LpsPoint], levels: [c.upper, c.lower] as [string, string] };
}

/**
 * What one completed aid records, as one undo step: the measurement under the id the caller chose, and its link to
 * the lesion's alignment record (the alignment value itself stays the reader's).
 */
export function aidCommands(id: string, measurement: NewMeasurement, lesion: Lesion): Command[] {
  return [
    { type: 'addMeasurement', args: { id, measurement } },
    { type: 'updateLesion', args: { id: lesion.id, field: 'alignment', value: { ...lesion.alignment, measurementIds: [...lesion.alignment.measurementIds, id] } } },
  ];
}

const v = (p: LpsPoint) => vec3(p[0], p[1], p[2]);

/**
 * Translation in mm: the upper body's postero-inferior corner relative to the lower body's postero-superior corner
 * along the patient's anterior axis (LPS -y), positive = upper displaced anteriorly. A simplification of
 * shared/geometry's sagittalTranslation (which needs both wall lines): the document stores the two corners only.
 */
export function translationMm(upperCorner: LpsPoint, lowerCorner: LpsPoint): number {
  return lowerCorner[1] - upperCorner[1];
}

/** What an aid measured, in words ("Segmental kyphosis 12.3° (T12 sup. – L2 inf.)"), or why it cannot be computed. */
export function aidValue(m: Measurement): string | null {
  if (m.kind === 'cobb' && m.purpose === 'segmental-kyphosis') {
    const [a, b, d, e] = m.points;
    const r = segmentalKyphosis({ start: v(a), end: v(b) }, { start: v(d), end: v(e) });
    return r.ok ? `Segmental ${r.value.kind} ${Math.abs(r.value.angle).toFixed(1)}° (${m.upperEndplate?.level ?? '?'} sup. – ${m.lowerEndplate?.level ?? '?'} inf.)` : r.reason;
  }
  if (m.kind === 'translation') {
    const mm = translationMm(m.points[0], m.points[1]);
    return `Translation ${m.levels[0]} on ${m.levels[1]}: ${mm >= 0 ? '+' : '−'}${Math.abs(mm).toFixed(1)} mm (${mm >= 0 ? 'anterior' : 'posterior'})`;
  }
  return null;
}
