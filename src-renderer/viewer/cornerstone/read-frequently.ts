import { cornerstone } from './bootstrap';

/**
 * cornerstone reads its offscreen render canvas back (getImageData) whenever the image size or colour mode changes,
 * and Chromium logs a console warning on repeated readbacks unless the 2D context was created with
 * `willReadFrequently`. Every render canvas cornerstone assigns to this element first gets such a context (a later
 * getContext('2d', …) returns the same context), so reading studies with mixed image sizes stays warning-free.
 */
export function readFrequentlyRenderCanvas(element: HTMLElement): void {
  // renderingTools is cornerstone's internal per-element state; the typings do not declare it.
  const enabled = cornerstone.getEnabledElement(element) as unknown as { renderingTools: Record<string, unknown> };
  const tools = enabled.renderingTools;
  let current = tools.renderCanvas;
  Object.defineProperty(tools, 'renderCanvas', {
    configurable: true,
    enumerable: true,
    get: () => current,
    set: (canvas: unknown) => {
      if (canvas instanceof HTMLCanvasElement) canvas.getContext('2d', { willReadFrequently: true });
      current = canvas;
    },
  });
}
