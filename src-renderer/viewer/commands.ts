import { nearestSliceIndex } from '@shared/geometry';
import type { Vec3 } from '@shared/geometry';
import type { ViewerServices } from './context';
import { LAYOUT_SIZE } from './model/viewer-state';
import type { ViewerCommand } from './shortcuts';
import { presetById } from './voi';

/** Runs a keyboard/toolbar command against the active viewport. One place, so keys and buttons behave the same. */
export function runCommand(services: ViewerServices, command: ViewerCommand): void {
  const { store, measurements } = services;
  const state = store.getState();
  const v = state.active;
  const vp = state.viewports[v];
  const count = store.series(vp?.seriesKey ?? null)?.instances.length ?? 0;
  switch (command.type) {
    case 'scroll':
      if (vp) store.dispatch({ type: 'slice', viewport: v, index: vp.sliceIndex + command.delta, count });
      return;
    case 'first-slice':
      store.dispatch({ type: 'slice', viewport: v, index: 0, count });
      return;
    case 'last-slice':
      store.dispatch({ type: 'slice', viewport: v, index: count - 1, count });
      return;
    case 'tool':
      store.dispatch({ type: 'tool', tool: command.tool });
      return;
    case 'preset':
      store.dispatch({ type: 'voi', viewport: v, voi: presetById(command.preset).voi, preset: command.preset });
      return;
    case 'invert':
      store.dispatch({ type: 'invert', viewport: v });
      return;
    case 'fit':
      store.dispatch({ type: 'fit', viewport: v });
      return;
    case 'one-to-one':
      store.dispatch({ type: 'scale', viewport: v, scale: 1 });
      return;
    case 'zoom-step': {
      const current = vp?.scale ?? store.getRuntime(v).fitScale;
      store.dispatch({ type: 'scale', viewport: v, scale: current * command.factor });
      return;
    }
    case 'reset':
      store.dispatch({ type: 'reset', viewport: v });
      return;
    case 'layout':
      store.dispatch({ type: 'layout', layout: command.layout });
      return;
    case 'next-viewport':
      store.dispatch({ type: 'activate', viewport: (v + 1) % LAYOUT_SIZE[state.layout] });
      return;
    case 'cine':
      store.dispatch({ type: 'cine', viewport: v, on: !(vp?.cine ?? false) });
      return;
    case 'reference-lines':
      store.dispatch({ type: 'toggle', what: 'referenceLines' });
      return;
    case 'overlay-text':
      store.dispatch({ type: 'toggle', what: 'overlayText' });
      return;
    case 'delete-measurement':
      if (state.selectedMeasurementId !== null) {
        measurements.remove(state.selectedMeasurementId);
        store.dispatch({ type: 'select', id: null });
      }
      return;
    case 'cancel':
      store.dispatch({ type: 'close-help' });
      return;
    case 'help':
      store.dispatch({ type: 'toggle', what: 'help' });
      return;
  }
}

/**
 * "Crosshair jump": every other visible viewport showing the same frame of reference (with real geometry) moves
 * to its slice nearest to the patient point.
 */
export function jumpTo(services: ViewerServices, fromViewport: number, point: Vec3, frameOfReferenceUID: string): void {
  const { store } = services;
  const state = store.getState();
  const visible = LAYOUT_SIZE[state.layout];
  state.viewports.forEach((vp, i) => {
    if (i === fromViewport || i >= visible) return;
    const series = store.series(vp.seriesKey);
    if (series === undefined || series.frameOfReferenceUID !== frameOfReferenceUID) return;
    if (series.instances.some((inst) => inst.geometry !== 'patient')) return;
    const nearest = nearestSliceIndex(series.instances.map((inst) => inst.plane), point);
    if (nearest !== null) store.dispatch({ type: 'slice', viewport: i, index: nearest.index, count: series.instances.length });
  });
}
