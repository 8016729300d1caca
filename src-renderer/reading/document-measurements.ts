/**
 * The viewer's MeasurementStore backed by the study's annotation document (the record): the viewer's length, angle,
 * Cobb and arrow tools write document commands, so each add, handle drag (one step on release) and delete is
 * undoable, autosaved and restored with the draft. The viewer keeps its own measurement type; this is the one
 * mapper between the two (OHIF's measurement-service shape: the document is the record, the viewer draws a view).
 *
 * Which document measurements are the viewer's: length, angle, arrow and purpose-'cobb' Cobb angles. The reading
 * layer's own aids (segmental kyphosis, translation, body heights) stay in the reading panel and overlay.
 */
import type { LpsPoint, Measurement as DocumentMeasurement, NewMeasurement as NewDocumentMeasurement } from '@shared/annotation';
import { vec3 } from '@shared/geometry';
// The measurement modules directly (not the viewer's index, which loads cornerstone): this file stays DOM-free.
import type { Measurement, MeasurementChange, MeasurementStore, NewMeasurement } from '../viewer/measurements/model';
import { checkPoints } from '../viewer/measurements/store';
import type { DocumentStore } from './document-store';

type ViewerOwned = Extract<DocumentMeasurement, { kind: 'length' | 'angle' | 'arrow' | 'cobb' }>;

export function isViewerMeasurement(m: DocumentMeasurement): m is ViewerOwned {
  return m.kind === 'length' || m.kind === 'angle' || m.kind === 'arrow' || (m.kind === 'cobb' && m.purpose === 'cobb');
}

export function toViewerMeasurement(m: ViewerOwned): Measurement {
  return {
    id: m.id,
    kind: m.kind,
    frameOfReferenceUID: m.frameOfReferenceUID,
    points: m.points.map((p) => vec3(p[0], p[1], p[2])),
    // Only lengths depend on it; the document records it for lengths alone.
    calibration: m.kind === 'length' ? m.calibration : 'unknown',
    source: { sopInstanceUID: m.sourceInstance.sopInstanceUID, frame: m.sourceInstance.frame },
    ...(m.kind === 'arrow' ? { text: m.text } : {}),
  };
}

const lps = (p: readonly number[]): LpsPoint => [p[0] ?? Number.NaN, p[1] ?? Number.NaN, p[2] ?? Number.NaN];

export function toDocumentMeasurement(m: NewMeasurement): NewDocumentMeasurement {
  const common = { frameOfReferenceUID: m.frameOfReferenceUID, sourceInstance: { sopInstanceUID: m.source.sopInstanceUID, frame: m.source.frame }, note: '' };
  const [a, b, c, d] = m.points.map(lps);
  if (a === undefined || b === undefined) throw new RangeError(`a ${m.kind} needs at least 2 points`);
  switch (m.kind) {
    case 'length':
      return { ...common, kind: 'length', points: [a, b], calibration: m.calibration };
    case 'arrow':
      return { ...common, kind: 'arrow', points: [a, b], text: m.text ?? '' };
    case 'angle':
      if (c === undefined) throw new RangeError('an angle needs 3 points');
      return { ...common, kind: 'angle', points: [a, b, c] };
    case 'cobb':
      if (c === undefined || d === undefined) throw new RangeError('a Cobb angle needs 4 points');
      // The viewer's Cobb tool knows two lines, not which endplates they are: the levels stay unrecorded.
      return { ...common, kind: 'cobb', purpose: 'cobb', points: [a, b, c, d], upperEndplate: null, lowerEndplate: null };
  }
}

const NOT_OPEN = "the study's reading document is not open yet: resume the draft or start fresh first";

export function createDocumentMeasurementStore(doc: DocumentStore): MeasurementStore {
  // Mapped records are cached per document record, so unchanged measurements keep their identity across edits.
  const mapped = new WeakMap<ViewerOwned, Measurement>();
  let sourceList: readonly DocumentMeasurement[] | null = null;
  let items: readonly Measurement[] = [];

  const list = (): readonly Measurement[] => {
    const measurements = doc.document()?.measurements ?? [];
    if (measurements === sourceList) return items;
    sourceList = measurements;
    const next = measurements.filter(isViewerMeasurement).map((m) => {
      let out = mapped.get(m);
      if (out === undefined) {
        out = toViewerMeasurement(m);
        mapped.set(m, out);
      }
      return out;
    });
    // Same records in the same order (an edit elsewhere in the document): keep the snapshot, no re-render.
    if (next.length !== items.length || next.some((m, i) => m !== items[i])) items = next;
    return items;
  };
  const get = (id: string): Measurement | undefined => list().find((m) => m.id === id);

  return {
    list,
    get,
    add(measurement) {
      checkPoints(measurement);
      if (doc.document() === null) return { ok: false, message: NOT_OPEN };
      const id = doc.newId('measurement');
      const result = doc.dispatch({ type: 'addMeasurement', args: { id, measurement: toDocumentMeasurement(measurement) } });
      return result.ok ? { ok: true, id } : result;
    },
    update(id, patch) {
      const current = get(id);
      if (current === undefined) return;
      if (patch.points !== undefined) {
        checkPoints({ kind: current.kind, points: patch.points });
        // Transient ('on-release') moves: the drag becomes one undo step when the viewer calls endDrag().
        patch.points.forEach((p, i) => {
          const before = current.points[i];
          if (before !== undefined && before.every((x, k) => x === p[k])) return;
          doc.dispatch({ type: 'moveMeasurementHandle', args: { id, handle: { point: i }, point: lps(p) } });
        });
      }
      if (patch.text !== undefined && current.kind === 'arrow' && patch.text !== current.text) {
        doc.dispatch({ type: 'setMeasurementText', args: { id, field: 'text', text: patch.text } });
      }
    },
    endDrag() {
      doc.release();
    },
    remove(id) {
      if (get(id) !== undefined) doc.dispatch({ type: 'deleteMeasurement', args: { id } });
    },
    subscribe(listener) {
      // Each subscriber diffs against what it last saw (undo/redo and draft loads change many at once).
      let seen = list();
      return doc.subscribe(() => {
        const now = list();
        if (now === seen) return;
        const before = new Map(seen.map((m) => [m.id, m]));
        const after = new Set(now.map((m) => m.id));
        seen = now;
        const changes: MeasurementChange[] = [];
        for (const m of now) {
          const old = before.get(m.id);
          if (old === undefined) changes.push({ type: 'added', measurement: m });
          else if (old !== m) changes.push({ type: 'updated', measurement: m });
        }
        for (const id of before.keys()) if (!after.has(id)) changes.push({ type: 'removed', id });
        changes.forEach(listener);
      });
    },
  };
}
