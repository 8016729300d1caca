import type { Measurement, MeasurementChange, MeasurementPatch, MeasurementStore } from './model';
import { POINTS_PER_KIND } from './model';

/**
 * In-memory MeasurementStore. list() returns the same array until something changes, so React's
 * useSyncExternalStore can use it as a snapshot directly.
 */
export function createMemoryMeasurementStore(initial: readonly Measurement[] = []): MeasurementStore {
  let items: readonly Measurement[] = initial.slice();
  const listeners = new Set<(change: MeasurementChange) => void>();
  const emit = (change: MeasurementChange): void => {
    for (const listener of [...listeners]) listener(change);
  };
  const checkPoints = (m: Measurement): void => {
    if (m.points.length !== POINTS_PER_KIND[m.kind]) {
      throw new RangeError(`a ${m.kind} needs ${POINTS_PER_KIND[m.kind]} points, got ${m.points.length}`);
    }
    if (!m.points.every((p) => p.every(Number.isFinite))) throw new RangeError(`${m.kind} ${m.id} has a non-finite point`);
  };
  return {
    list: () => items,
    get: (id) => items.find((m) => m.id === id),
    add(measurement) {
      checkPoints(measurement);
      if (items.some((m) => m.id === measurement.id)) throw new Error(`measurement ${measurement.id} already exists`);
      items = [...items, measurement];
      emit({ type: 'added', measurement });
    },
    update(id, patch: MeasurementPatch) {
      const current = items.find((m) => m.id === id);
      if (current === undefined) return;
      const next: Measurement = { ...current, ...patch };
      checkPoints(next);
      items = items.map((m) => (m.id === id ? next : m));
      emit({ type: 'updated', measurement: next });
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

let counter = 0;
/** Unique enough for one session; the annotation document assigns its own ids when it takes over. */
export const newMeasurementId = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `m${Date.now().toString(36)}-${(++counter).toString(36)}`;
