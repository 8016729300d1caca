import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ImageSource } from './loader/image-source';
import type { MeasurementStore } from './measurements/model';
import type { ViewerStore } from './model/viewer-store';
import type { ViewerState } from './model/viewer-state';
import type { ReformatService } from './reformat/reformat-service';

/** The viewer's services, created once per Viewer and shared by its components. */
export interface ViewerServices {
  readonly store: ViewerStore;
  readonly images: ImageSource;
  readonly measurements: MeasurementStore;
  readonly reformats: ReformatService;
}

export const ViewerContext = createContext<ViewerServices | null>(null);

export function useViewerServices(): ViewerServices {
  const services = useContext(ViewerContext);
  if (services === null) throw new Error('viewer components must be inside <Viewer>');
  return services;
}

export function useViewerState(): ViewerState {
  const { store } = useViewerServices();
  return useSyncExternalStore(store.subscribe, store.getState);
}

/**
 * One value derived from the state; re-renders only when it changes (Object.is). The selector must return a
 * primitive or a reference kept in the state: a fresh object each call would never compare equal. Panels use it
 * so that a slice change, many times a second while scrolling, re-renders the viewports and nothing else.
 */
export function useViewerSelect<T>(select: (state: ViewerState) => T): T {
  const { store } = useViewerServices();
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}

/** Re-renders on any store change (series catalogue, runtime loading/error). */
export function useStoreVersion(): number {
  const { store } = useViewerServices();
  return useSyncExternalStore(store.subscribe, store.getVersion);
}

export function useMeasurements(): ReturnType<MeasurementStore['list']> {
  const { measurements } = useViewerServices();
  return useSyncExternalStore(measurements.subscribe, measurements.list);
}
