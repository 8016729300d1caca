import { useEffect } from 'react';
import { useViewerServices } from '../context';

export const CINE_FPS = 15;

/** Cine: advance one slice per frame interval, wrapping, while the viewport's cine flag is on. */
export function useCine(viewport: number, on: boolean, count: number): void {
  const { store } = useViewerServices();
  useEffect(() => {
    if (!on || count < 2) return;
    const timer = window.setInterval(() => {
      const current = store.getState().viewports[viewport]?.sliceIndex ?? 0;
      store.dispatch({ type: 'slice', viewport, index: (current + 1) % count, count });
    }, 1000 / CINE_FPS);
    return () => window.clearInterval(timer);
  }, [on, count, store, viewport]);
}
