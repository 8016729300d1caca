import { useEffect, useState } from 'react';
import type { RefObject } from 'react';
import { cornerstone } from '../cornerstone/bootstrap';
import { prepareOpaqueCanvas } from '../cornerstone/opaque-grey-render';
import { readFrequentlyRenderCanvas } from '../cornerstone/read-frequently';

export interface ElementSize {
  /** CSS pixels of the viewport. */
  readonly width: number;
  readonly height: number;
  /** Device pixel ratio the canvas is rendered at. */
  readonly dpr: number;
}

/**
 * One cornerstone lifecycle per element: enable on mount, disable on unmount (StrictMode's mount-unmount-mount
 * gives a clean enable/disable/enable). HiDPI: cornerstone-core sizes its canvas to the element's CSS size and
 * ignores devicePixelRatio, so the enabled element is made dpr times larger and scaled back down with a CSS
 * transform: the canvas then has one backing pixel per device pixel.
 */
export function useCornerstoneElement(host: RefObject<HTMLDivElement | null>, inner: RefObject<HTMLDivElement | null>): { enabled: boolean; size: ElementSize } {
  const [enabled, setEnabled] = useState(false);
  const [size, setSize] = useState<ElementSize>({ width: 0, height: 0, dpr: 1 });

  useEffect(() => {
    const element = inner.current;
    if (element === null) return;
    prepareOpaqueCanvas(element);
    cornerstone.enable(element);
    readFrequentlyRenderCanvas(element);
    setEnabled(true);
    return () => {
      setEnabled(false);
      cornerstone.disable(element);
    };
  }, [inner]);

  useEffect(() => {
    const outer = host.current;
    const element = inner.current;
    if (outer === null || element === null || !enabled) return;
    const apply = (): void => {
      const dpr = window.devicePixelRatio || 1;
      const width = outer.clientWidth;
      const height = outer.clientHeight;
      element.style.width = `${Math.round(width * dpr)}px`;
      element.style.height = `${Math.round(height * dpr)}px`;
      element.style.transform = `scale(${1 / dpr})`;
      cornerstone.resize(element);
      setSize((s) => (s.width === width && s.height === height && s.dpr === dpr ? s : { width, height, dpr }));
    };
    apply();
    const observer = new ResizeObserver(apply);
    observer.observe(outer);
    // A window moved to a screen with another dpr: re-apply (matchMedia fires once per change).
    const media = window.matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    media.addEventListener('change', apply);
    return () => {
      observer.disconnect();
      media.removeEventListener('change', apply);
    };
  }, [host, inner, enabled]);

  return { enabled, size };
}

/**
 * Counts the cornerstone renders of the element that changed its image-to-canvas transform (canvas size, scale,
 * pan, rotation, flips, image size or pixel aspect), so overlays re-project with the transform just used. A new
 * slice drawn with the same transform does not count: the overlays were already rendered for it with the slice
 * change, and one more React render per slice was a fifth of the main thread's work while scrolling.
 */
export function useRenderTick(inner: RefObject<HTMLDivElement | null>, enabled: boolean): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const element = inner.current;
    if (element === null || !enabled) return;
    let last = '';
    const onRendered = (event: Event): void => {
      const key = transformKey((event as CustomEvent<{ enabledElement?: cornerstone.EnabledElement }>).detail.enabledElement);
      if (key === last) return;
      last = key;
      setTick((t) => t + 1);
    };
    element.addEventListener(cornerstone.EVENTS.IMAGE_RENDERED, onRendered);
    return () => element.removeEventListener(cornerstone.EVENTS.IMAGE_RENDERED, onRendered);
  }, [inner, enabled]);
  return tick;
}

let unknownElements = 0;

/** What cornerstone's pixelToCanvas depends on; an unknown element always counts as a change. */
export function transformKey(enabled: cornerstone.EnabledElement | undefined): string {
  const canvas = enabled?.canvas;
  const image = enabled?.image;
  const viewport = enabled?.viewport;
  if (canvas === undefined || image === undefined || viewport === undefined) return `unknown:${++unknownElements}`;
  return [
    canvas.width,
    canvas.height,
    image.width,
    image.height,
    image.columnPixelSpacing,
    image.rowPixelSpacing,
    viewport.scale,
    viewport.translation?.x,
    viewport.translation?.y,
    viewport.rotation,
    viewport.hflip,
    viewport.vflip,
  ].join(',');
}
