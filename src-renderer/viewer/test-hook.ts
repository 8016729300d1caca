import { imagePoint, patientToImage, vec3 } from '@shared/geometry';
import type { ViewerServices } from './context';
import { imageToCanvas } from './viewport/coords';
import { LAYOUT_SIZE } from './model/viewer-state';
import { measurementValue } from './measurements/values';

/** What Playwright reads: plain JSON about the model (never cornerstone internals). */
export interface ViewerModelSnapshot {
  readonly layout: string;
  readonly active: number;
  readonly tool: string;
  readonly viewports: readonly {
    readonly index: number;
    readonly seriesKey: string | null;
    readonly seriesDescription: string | null;
    readonly orientation: string | null;
    readonly sliceIndex: number;
    readonly sliceCount: number;
    readonly imageId: string | null;
    /** Pixel spacing of the image on screen (mm between rows, between columns), from its plane. */
    readonly spacing: { readonly row: number; readonly column: number } | null;
    /** The window in use (the image's own when the user has not changed it). */
    readonly voi: { readonly windowWidth: number; readonly windowCenter: number } | null;
    readonly preset: string;
    readonly invert: boolean;
    /** Backing-canvas pixels per image pixel in use, and whether it is the fit scale. */
    readonly scale: number;
    readonly fit: boolean;
    readonly loading: boolean;
    readonly error: string | null;
    readonly notice: string | null;
  }[];
  readonly measurements: readonly { readonly id: string; readonly kind: string; readonly value: number | null; readonly unit: string | null; readonly label: string; readonly frameOfReferenceUID: string; readonly points: readonly (readonly number[])[] }[];
  readonly selectedMeasurementId: string | null;
  readonly series: readonly { readonly key: string; readonly description: string; readonly orientation: string; readonly count: number }[];
  readonly cache: { readonly entries: number; readonly bytes: number; readonly budget: number; readonly evictions: number };
}

export function snapshot(services: ViewerServices): ViewerModelSnapshot {
  const { store, measurements, images } = services;
  const state = store.getState();
  const stats = images.stats();
  return {
    layout: state.layout,
    active: state.active,
    tool: state.tool,
    viewports: state.viewports.slice(0, LAYOUT_SIZE[state.layout]).map((vp, index) => {
      const series = store.series(vp.seriesKey);
      const runtime = store.getRuntime(index);
      const plane = series?.instances[vp.sliceIndex]?.plane;
      return {
        index,
        seriesKey: vp.seriesKey,
        seriesDescription: series?.description ?? null,
        orientation: series?.orientation ?? null,
        sliceIndex: vp.sliceIndex,
        sliceCount: series?.instances.length ?? 0,
        imageId: runtime.imageId,
        spacing: plane === undefined ? null : { row: plane.rowSpacing, column: plane.columnSpacing },
        voi: vp.voi ?? runtime.imageVoi,
        preset: vp.preset,
        invert: vp.invert,
        scale: vp.scale ?? runtime.fitScale,
        fit: vp.scale === null,
        loading: runtime.loading,
        error: runtime.error,
        notice: vp.notice,
      };
    }),
    measurements: measurements.list().map((m) => {
      const value = measurementValue(m);
      return { id: m.id, kind: m.kind, value: value.value, unit: value.unit, label: value.label, frameOfReferenceUID: m.frameOfReferenceUID, points: m.points.map((p) => [...p]) };
    }),
    selectedMeasurementId: state.selectedMeasurementId,
    series: store.allSeries().map((s) => ({ key: s.key, description: s.description, orientation: s.orientation, count: s.instances.length })),
    cache: { entries: stats.entries, bytes: stats.bytes, budget: stats.budget, evictions: stats.evictions },
  };
}

export interface ClientPoint {
  readonly x: number;
  readonly y: number;
}

/**
 * Page (client) coordinates of an image point of what a viewport shows, so a test can click or drag at a known
 * pixel or patient position. The cornerstone element is dpr times larger and scaled down by CSS (HiDPI), hence the
 * ratio of its on-screen box to its layout size.
 */
function imageToClient(viewport: number, column: number, row: number): ClientPoint | null {
  const element = document.querySelector<HTMLElement>(`[data-testid="viewport-${viewport}"] .vw-cs`);
  if (element === null || element.offsetWidth === 0) return null;
  const canvas = imageToCanvas(element, imagePoint(column, row));
  const box = element.getBoundingClientRect();
  const ratio = box.width / element.offsetWidth;
  return { x: box.left + canvas.x * ratio, y: box.top + canvas.y * ratio };
}

function patientToClient(services: ViewerServices, viewport: number, point: readonly [number, number, number]): ClientPoint | null {
  const state = services.store.getState();
  const vp = state.viewports[viewport];
  const instance = services.store.series(vp?.seriesKey ?? null)?.instances[vp?.sliceIndex ?? 0];
  if (instance === undefined) return null;
  const projected = patientToImage(instance.plane, vec3(point[0], point[1], point[2]));
  return imageToClient(viewport, projected.point.column, projected.point.row);
}

export interface ViewerTestHook {
  snapshot(): ViewerModelSnapshot;
  imageToClient(viewport: number, column: number, row: number): ClientPoint | null;
  patientToClient(viewport: number, point: readonly [number, number, number]): ClientPoint | null;
  /** Sets the decoded-image cache budget (bytes), as the Viewer's cacheBytes prop does: the bench exercises eviction. */
  setCacheBudget(bytes: number): void;
}

declare global {
  interface Window {
    /** Test hook: the viewer model as JSON, and image/patient → page coordinates (installed while a Viewer is mounted). */
    __viewerModel?: ViewerTestHook;
  }
}

export function installTestHook(services: ViewerServices): () => void {
  const hook: ViewerTestHook = {
    snapshot: () => snapshot(services),
    imageToClient,
    patientToClient: (viewport, point) => patientToClient(services, viewport, point),
    setCacheBudget: (bytes) => services.images.setBudget(bytes),
  };
  window.__viewerModel = hook;
  return () => {
    if (window.__viewerModel === hook) delete window.__viewerModel;
  };
}
