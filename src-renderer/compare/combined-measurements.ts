import type { AddResult, Measurement, MeasurementStore } from '../viewer/measurements/model';

const PRIOR = 'prior:';

/**
 * The viewer's measurement tools over two readings: a measurement drawn on the prior's images (its frame of
 * reference) is the prior reading's, one drawn on the current study's is the current reading's. The two readings
 * number their measurements independently, so the prior's ids are prefixed here (and the prefix removed on the way
 * back). The combined list is one array per change of either list, as useSyncExternalStore needs.
 */
export function combinedMeasurements(current: MeasurementStore, prior: MeasurementStore, isPriorFrame: (frameOfReferenceUID: string) => boolean): MeasurementStore {
  const wrap = (m: Measurement): Measurement => ({ ...m, id: `${PRIOR}${m.id}` });
  const route = (id: string): { store: MeasurementStore; id: string; isPrior: boolean } =>
    id.startsWith(PRIOR) ? { store: prior, id: id.slice(PRIOR.length), isPrior: true } : { store: current, id, isPrior: false };
  let cache: { a: readonly Measurement[]; b: readonly Measurement[]; all: readonly Measurement[] } | null = null;
  // The store a handle drag is moving in (endDrag makes that drag one undo step there).
  let dragging: MeasurementStore | null = null;
  return {
    list() {
      const a = current.list();
      const b = prior.list();
      if (cache === null || cache.a !== a || cache.b !== b) cache = { a, b, all: [...a, ...b.map(wrap)] };
      return cache.all;
    },
    get(id) {
      const r = route(id);
      const found = r.store.get(r.id);
      return found === undefined || !r.isPrior ? found : wrap(found);
    },
    add(measurement): AddResult {
      if (!isPriorFrame(measurement.frameOfReferenceUID)) return current.add(measurement);
      const result = prior.add(measurement);
      return result.ok ? { ok: true, id: `${PRIOR}${result.id}` } : result;
    },
    update(id, patch) {
      const r = route(id);
      dragging = r.store;
      r.store.update(r.id, patch);
    },
    endDrag() {
      (dragging ?? current).endDrag();
      dragging = null;
    },
    remove(id) {
      const r = route(id);
      r.store.remove(r.id);
    },
    subscribe(listener) {
      const offCurrent = current.subscribe(listener);
      const offPrior = prior.subscribe((change) => listener(change.type === 'removed' ? { type: 'removed', id: `${PRIOR}${change.id}` } : { type: change.type, measurement: wrap(change.measurement) }));
      return () => {
        offCurrent();
        offPrior();
      };
    },
  };
}
