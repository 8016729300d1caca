import type { Measurement, MeasurementChange, MeasurementPatch, MeasurementStore, NewMeasurement } from './model';
import { POINTS_PER_KIND } from './model';

/** Refuses shapes no drawing can produce: a store bug, not the reader's. */
export function checkPoints(m: Pick<Measurement, 'kind' | 'points'>): void {
  if (m.points.length !== POINTS_PER_KIND[m.kind]) {
    throw new RangeError(`a ${m.kind} needs ${POINTS_PER_KIND[m.kind]} points, got ${m.points.length}`);
  }
  if (!m.points.every((p) => p.every(Number.isFinite))) throw new RangeError(`a ${m.kind} has a non-finite point`);
}

let counter = 0;
const newId = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `m${Date.now().toString(36)}-${(++counter).toString(36)}`;

/**
 * In-memory MeasurementStore (the viewer on its own; the app backs the viewer with the annotation document).
 * list() returns the same array until something changes, so React's useSyncExternalStore can use it directly.
 */
export function createMemoryMeasurementStore(initial: readonly Measurement[] = []): MeasurementStore {
  let items: readonly Measurement[] = initial.slice();
  const listeners = new Set<(change: MeasurementChange) => void>();
  const emit = (change: MeasurementChange): void => {
    for (const listener of [...listeners]) listener(change);
  };
  return {
    list: () => items,
    get: (id) => items.find((m) => m.id === id),
    add(draft: NewMeasurement) {
      checkPoints(draft);
      const measurement: Measurement = { ...draft, id: newId() };
      items = [...items, measurement];
      emit({ type: 'added', measurement });
      return { ok: true, id: measurement.id };
    },
    update(id, patch: MeasurementPatch) {
      const current = items.find((m) => m.id === id);
      if (current === undefined) return;
      const next: Measurement = { ...current, ...patch };
      checkPoints(next);
      items = items.map((m) => (m.id === id ? next : m));
      emit({ type: 'updated', measurement: next });
    },
    endDrag() {
      // Nothing to commit: every update is already the record.
    },
    remove(id) {
      if (!items.some((m) => m.id === id)) return;
      items = items.filter((m) => m.id !== id);
      emit({ type: 'removed', id });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
