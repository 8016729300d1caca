/**
 * Guided capture of vertebral-body heights (pure): for the index body, then the nearest normal body above and
 * below, the reader clicks the superior and inferior endplate at the anterior wall, the middle and the posterior
 * wall: 6 points per body, 18 in all. A reference body can be skipped (none normal there).
 */
import type { BodyHeights, BodyRole, Command, HeightName, Lesion, LpsPoint, Measurement } from '@shared/annotation';
import { assessHeights, BODY_ROLES, HEIGHT_NAMES } from '@shared/annotation';

export type Point = LpsPoint;

export interface HeightCapture {
  readonly levels: { readonly index: string; readonly above: string | null; readonly below: string | null };
  readonly frameOfReferenceUID: string | null;
  readonly sourceInstance: { readonly sopInstanceUID: string; readonly frame: number } | null;
  /** Points so far, in step order; skipped bodies are recorded in `skipped`. */
  readonly points: readonly Point[];
  readonly skipped: readonly BodyRole[];
}

export interface CaptureStep {
  readonly body: BodyRole;
  readonly height: HeightName;
  readonly end: 'superior' | 'inferior';
}

export const STEPS: readonly CaptureStep[] = BODY_ROLES.flatMap((body) =>
  HEIGHT_NAMES.flatMap((height) => (['superior', 'inferior'] as const).map((end) => ({ body, height, end }))),
);

export function startCapture(levels: HeightCapture['levels']): HeightCapture {
  // A body with no neighbour in the sequence (e.g. C1 above) cannot be a reference.
  const skipped: BodyRole[] = [];
  if (levels.above === null) skipped.push('above');
  if (levels.below === null) skipped.push('below');
  return { levels, frameOfReferenceUID: null, sourceInstance: null, points: [], skipped };
}

/** Steps still to capture, skipped bodies left out. */
function activeSteps(c: HeightCapture): CaptureStep[] {
  return STEPS.filter((s) => !c.skipped.includes(s.body));
}

export function currentStep(c: HeightCapture): CaptureStep | null {
  return activeSteps(c)[c.points.length] ?? null;
}

export function isComplete(c: HeightCapture): boolean {
  return currentStep(c) === null;
}

export function stepPrompt(c: HeightCapture): string {
  const step = currentStep(c);
  if (step === null) return 'All heights captured.';
  const level = c.levels[step.body] ?? '?';
  const n = c.points.length + 1;
  return `Point ${n}/${activeSteps(c).length}: ${level} (${step.body === 'index' ? 'lesion body' : `reference ${step.body}`}) — ${step.height} height, ${step.end} endplate`;
}

export function addPoint(c: HeightCapture, point: Point, frameOfReferenceUID: string, sourceInstance: { sopInstanceUID: string; frame: number }): HeightCapture | { readonly error: string } {
  if (isComplete(c)) return { error: 'all points are already captured' };
  if (c.frameOfReferenceUID !== null && c.frameOfReferenceUID !== frameOfReferenceUID) {
    return { error: 'all height points must be on the same frame of reference (use one sagittal series)' };
  }
  return { ...c, frameOfReferenceUID, sourceInstance: c.sourceInstance ?? sourceInstance, points: [...c.points, point] };
}

export function undoPoint(c: HeightCapture): HeightCapture {
  return { ...c, points: c.points.slice(0, -1) };
}

/** Skip the current reference body (no normal body there); the index body cannot be skipped. */
export function skipBody(c: HeightCapture): HeightCapture {
  const step = currentStep(c);
  if (step === null || step.body === 'index') return c;
  const done = activeSteps(c).slice(0, c.points.length).filter((s) => s.body === step.body).length;
  return { ...c, skipped: [...c.skipped, step.body], points: c.points.slice(0, c.points.length - done) };
}

/** The captured bodies as the document's vertebral-heights shape, once complete. */
export function capturedBodies(c: HeightCapture): { index: BodyHeights; above: BodyHeights | null; below: BodyHeights | null } | null {
  if (!isComplete(c)) return null;
  const steps = activeSteps(c);
  const body = (role: BodyRole): BodyHeights | null => {
    const level = c.levels[role];
    if (c.skipped.includes(role) || level === null) return null;
    const pair = (height: HeightName): [Point, Point] => {
      const at = (end: 'superior' | 'inferior') => c.points[steps.findIndex((s) => s.body === role && s.height === height && s.end === end)];
      const a = at('superior');
      const b = at('inferior');
      if (a === undefined || b === undefined) throw new Error('capture incomplete');
      return [a, b];
    };
    return { level, anterior: pair('anterior'), middle: pair('middle'), posterior: pair('posterior') };
  };
  const index = body('index');
  return index === null ? null : { index, above: body('above'), below: body('below') };
}

type NewHeights = Omit<Extract<Measurement, { kind: 'vertebral-heights' }>, 'id'>;

/**
 * What a completed capture records, as one undo step: the measurement under the id the caller chose and, when the
 * lesion's collapse choice was linked to an earlier height measurement ("Measure again"), the link moved to the new
 * one: the same choice, re-checked against the new suggestion (confirmed / overridden), or kept as the reader's own
 * when the new measurement cannot be assessed or the choice is "unknown". Never a stale link to the old one.
 */
export function heightCommands(id: string, measurement: NewHeights, lesion: Lesion | undefined): Command[] {
  const add: Command = { type: 'addMeasurement', args: { id, measurement } };
  if (lesion === undefined || lesion.collapse.measurementId === undefined) return [add];
  const { value } = lesion.collapse;
  if (value !== 'unknown' && assessHeights({ ...measurement, id }).computable) {
    return [add, { type: 'chooseCollapseWithMeasurement', args: { lesionId: lesion.id, measurementId: id, value } }];
  }
  return [add, { type: 'updateLesion', args: { id: lesion.id, field: 'collapse', value: { value, source: 'reader' } } }];
}
