/**
 * What each viewport shows right now (series, instance, window, the part of the image in view), for "add this view
 * as a key image". The reading overlay already receives these facts from the viewer's extension point on every
 * render; the probe wraps it and records them, so the viewer needs no new API and nothing reads the viewer's DOM.
 * The key image itself is drawn by the host from the record (the image, the window, the framed region) with the
 * shared overlay geometry, the one the viewer draws.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { ComponentType } from 'react';
import { imagePoint } from '@shared/geometry';
import type { ViewerExtension, ViewportOverlayProps } from '../../viewer/extension';

export interface ViewFacts {
  readonly viewport: number;
  readonly seriesKey: string;
  readonly seriesDescription: string;
  readonly orientation: string;
  readonly modality: string;
  readonly sopInstanceUID: string | null;
  readonly frame: number;
  readonly instanceNumber: number | null;
  /** Reformats and files without a SOP instance UID cannot be key images (the report must reference a real image). */
  readonly derived: boolean;
  readonly voi: { readonly windowWidth: number; readonly windowCenter: number } | null;
}

/**
 * The part of the image in view, in image points (pixel centres at integers; the whole image is -0.5 … n-0.5).
 * Changes with zoom and pan; never notifies.
 */
export interface ImageRect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  /** The view shows the whole image (nothing cut off by zoom or pan). */
  readonly whole: boolean;
}

const views = new Map<number, ViewFacts>();
const rects = new Map<number, ImageRect>();
const listeners = new Set<() => void>();
let snapshot: readonly ViewFacts[] = [];

const sameFacts = (a: ViewFacts | undefined, b: ViewFacts): boolean => a !== undefined && JSON.stringify(a) === JSON.stringify(b);

function publish(): void {
  snapshot = [...views.values()].sort((a, b) => a.viewport - b.viewport);
  listeners.forEach((l) => l());
}

export const viewRegistry = {
  set(facts: ViewFacts): void {
    // Only a change of what is shown notifies (the overlay re-renders on every zoom/pan tick).
    if (sameFacts(views.get(facts.viewport), facts)) return;
    views.set(facts.viewport, facts);
    publish();
  },
  delete(viewport: number): void {
    rects.delete(viewport);
    if (views.delete(viewport)) publish();
  },
  setRect(viewport: number, rect: ImageRect): void {
    rects.set(viewport, rect);
  },
  rect: (viewport: number): ImageRect | undefined => rects.get(viewport),
  get: (viewport: number): ViewFacts | undefined => views.get(viewport),
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  snapshot: (): readonly ViewFacts[] => snapshot,
};

export function useViews(): readonly ViewFacts[] {
  return useSyncExternalStore(viewRegistry.subscribe, viewRegistry.snapshot);
}

function factsOf(props: ViewportOverlayProps): ViewFacts {
  const { series, instance } = props;
  return {
    viewport: props.viewport,
    seriesKey: series.key,
    seriesDescription: series.description,
    orientation: series.orientation,
    modality: series.modality,
    sopInstanceUID: instance.sopInstanceUID ?? null,
    frame: instance.source?.frame ?? 0,
    instanceNumber: instance.instanceNumber,
    derived: series.derivedFrom !== undefined || instance.sopInstanceUID === undefined,
    voi: props.voi ?? null,
  };
}

/** The image region the canvas shows (zoom and pan; the mapping is axis-aligned, possibly flipped). */
function visibleRegion(props: ViewportOverlayProps): ImageRect {
  const { columns, rows } = props.instance.plane;
  const a = props.imageToCanvas(imagePoint(-0.5, -0.5));
  const b = props.imageToCanvas(imagePoint(columns - 0.5, rows - 0.5));
  const along = (from: number, to: number, size: number, n: number): [number, number] => {
    if (to === from) return [-0.5, n - 0.5];
    const at = (c: number): number => -0.5 + ((c - from) / (to - from)) * n;
    const lo = Math.max(-0.5, Math.min(at(0), at(size)));
    const hi = Math.min(n - 0.5, Math.max(at(0), at(size)));
    return [lo, hi];
  };
  const [x0, x1] = along(a.x, b.x, props.width, columns);
  const [y0, y1] = along(a.y, b.y, props.height, rows);
  const whole = x0 <= -0.5 + 1e-6 && y0 <= -0.5 + 1e-6 && x1 >= columns - 0.5 - 1e-6 && y1 >= rows - 0.5 - 1e-6;
  return { x0, y0, x1, y1, whole };
}

const wrapped = new WeakMap<ComponentType<ViewportOverlayProps>, ComponentType<ViewportOverlayProps>>();

function probeOverlay(Inner: ComponentType<ViewportOverlayProps>): ComponentType<ViewportOverlayProps> {
  const cached = wrapped.get(Inner);
  if (cached !== undefined) return cached;
  function ProbedOverlay(props: ViewportOverlayProps) {
    const facts = factsOf(props);
    const rect = visibleRegion(props);
    useEffect(() => {
      viewRegistry.set(facts);
      viewRegistry.setRect(props.viewport, rect);
    });
    useEffect(() => () => viewRegistry.delete(props.viewport), [props.viewport]);
    return <Inner {...props} />;
  }
  // The same wrapper for the same overlay: a new component type would remount every viewport's overlay.
  wrapped.set(Inner, ProbedOverlay);
  return ProbedOverlay;
}

/** The reading extension with its overlay probed; a no-overlay extension is left as it is. */
export function withViewProbe(extension: ViewerExtension): ViewerExtension {
  return extension.Overlay === undefined ? extension : { ...extension, Overlay: probeOverlay(extension.Overlay) };
}
