import { useEffect, useMemo, useRef, useState } from 'react';
import type { PointerEvent as ReactPointerEvent, RefObject } from 'react';
import { imageToPatient } from '@shared/geometry';
import type { ImagePoint } from '@shared/geometry';
import { jumpTo } from '../commands';
import type { ViewerServices } from '../context';
import { POINTS_PER_KIND, sourceImageOf } from '../measurements/model';
import type { MeasurementKind } from '../measurements/model';
import type { ViewportState } from '../model/viewer-state';
import type { ToolId } from '../shortcuts';
import type { ViewerInstance, ViewerSeries } from '../types';
import { dragPan, dragWindowLevel, dragZoom, wheelZoom } from '../tools/drag';
import { CLICK_SLOP_PX, drawStep, idle } from '../tools/draw';
import type { DrawState, Screen } from '../tools/draw';
import { hitTest } from '../tools/hit-test';
import type { ScreenShape } from '../tools/hit-test';
import type { Voi } from '../voi';
import { canvasToImage } from './coords';
import type { ClickTool } from '../extension';
import { useKeyBindings } from '../../keymap/page-keymap';

const MEASURE_TOOLS: readonly ToolId[] = ['length', 'angle', 'cobb', 'arrow'];
const NOT_RECORDED = 'Measurement not recorded: ';
const isMeasureTool = (tool: ToolId): tool is MeasurementKind => MEASURE_TOOLS.includes(tool);

type Session =
  | { readonly mode: 'wl'; readonly start: Screen; readonly voi: Voi; moved: boolean }
  | { readonly mode: 'pan'; readonly start: Screen; readonly translation: { x: number; y: number }; readonly scale: number; moved: boolean }
  | { readonly mode: 'zoom'; readonly start: Screen; readonly scale: number; moved: boolean }
  | { readonly mode: 'handle'; readonly id: string; readonly index: number }
  | { readonly mode: 'draw' }
  | { readonly mode: 'extension-click'; readonly start: Screen; moved: boolean };

export interface ViewportInputContext {
  readonly services: ViewerServices;
  readonly index: number;
  readonly element: RefObject<HTMLDivElement | null>;
  readonly host: RefObject<HTMLDivElement | null>;
  readonly series: ViewerSeries | undefined;
  readonly instance: ViewerInstance | undefined;
  readonly vp: ViewportState;
  readonly tool: ToolId;
  readonly dpr: number;
  /** Scale in use (backing pixels per image pixel) and the image's own window. */
  readonly scale: number;
  readonly imageVoi: Voi | null;
  /** Measurement shapes currently on screen (canvas pixels), for picking. */
  readonly shapes: readonly ScreenShape[];
  /** The reading layer's click tool (extension.ts): when set, left clicks go to it. */
  readonly clickTool?: ClickTool | null;
}

/**
 * Pointer, wheel and drag handling of one viewport. Left button: the active tool (or a handle under the pointer,
 * which always wins); middle: pan; right: zoom. A left click without movement under W/L, pan or zoom is a
 * crosshair jump. Wheel scrolls slices (Ctrl+wheel zooms).
 */
export function useViewportInput(ctx: ViewportInputContext) {
  const session = useRef<Session | null>(null);
  const [draw, setDraw] = useState<DrawState<ImagePoint>>(idle());
  const latest = useRef(ctx);
  latest.current = ctx;

  // Switching tools or slices abandons a half-drawn shape (an idle state is kept as it is: a new object would
  // re-render the viewport once more on every slice while scrolling).
  useEffect(() => setDraw((d) => (d.phase === 'idle' ? d : idle())), [ctx.tool, ctx.vp.sliceIndex, ctx.vp.seriesKey]);
  // Escape abandons it too (the shortcut table's 'cancel'; the half-drawn shape is this hook's own state).
  useKeyBindings(
    useMemo(() => [{ chord: { key: 'Escape' }, when: 'always' as const, label: 'Esc', group: 'Tools', description: 'Cancel drawing', run: () => setDraw((d) => (d.phase === 'idle' ? d : idle())) }], []),
  );

  const cssPoint = (e: { clientX: number; clientY: number }): Screen => {
    const rect = ctx.host.current?.getBoundingClientRect();
    return { x: e.clientX - (rect?.left ?? 0), y: e.clientY - (rect?.top ?? 0) };
  };
  const canvasPoint = (css: Screen): Screen => ({ x: css.x * ctx.dpr, y: css.y * ctx.dpr });
  const imageAt = (css: Screen): ImagePoint | null => (ctx.element.current && ctx.instance ? canvasToImage(ctx.element.current, canvasPoint(css)) : null);

  const commitDrawing = (kind: MeasurementKind, points: readonly ImagePoint[]): void => {
    const { series, instance, services, index } = latest.current;
    if (!series || !instance) return;
    const added = services.measurements.add({
      kind,
      frameOfReferenceUID: series.frameOfReferenceUID ?? `private:${series.key}`,
      points: points.map((p) => imageToPatient(instance.plane, p)),
      calibration: instance.spacingSource,
      source: sourceImageOf(instance),
      ...(kind === 'arrow' ? { text: 'Lesion' } : {}),
    });
    // The store may refuse (the study's reading document is not open yet): say so rather than drop it silently.
    const notice = services.store.getState().viewports[index]?.notice ?? null;
    if (!added.ok) services.store.dispatch({ type: 'notice', viewport: index, notice: `${NOT_RECORDED}${added.message}` });
    else if (notice?.startsWith(NOT_RECORDED)) services.store.dispatch({ type: 'notice', viewport: index, notice: null });
    if (added.ok) services.store.dispatch({ type: 'select', id: added.id });
  };

  const feedDraw = (event: Parameters<typeof drawStep<ImagePoint>>[1]): void => {
    const tool = latest.current.tool;
    if (!isMeasureTool(tool)) return;
    setDraw((state) => {
      const result = drawStep(state, event, POINTS_PER_KIND[tool]);
      if (result.completed !== null) {
        const done = result.completed;
        queueMicrotask(() => commitDrawing(tool, done));
      }
      return result.state;
    });
  };

  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>): void => {
    const { services, index, vp, tool, shapes, scale, imageVoi } = latest.current;
    services.store.dispatch({ type: 'activate', viewport: index });
    if (!ctx.instance) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const css = cssPoint(e);
    if (e.button === 1 || (e.button === 0 && tool === 'pan')) {
      session.current = { mode: 'pan', start: css, translation: vp.translation, scale, moved: false };
      return;
    }
    if (e.button === 2 || (e.button === 0 && tool === 'zoom')) {
      session.current = { mode: 'zoom', start: css, scale, moved: false };
      return;
    }
    if (e.button !== 0) return;
    if (latest.current.clickTool) {
      session.current = { mode: 'extension-click', start: css, moved: false };
      return;
    }
    if (draw.phase === 'idle') {
      const hit = hitTest(shapes, canvasPoint(css), 7 * ctx.dpr);
      if (hit !== null) {
        services.store.dispatch({ type: 'select', id: hit.id });
        if (hit.kind === 'handle') session.current = { mode: 'handle', id: hit.id, index: hit.index };
        return;
      }
    }
    if (isMeasureTool(tool)) {
      const p = imageAt(css);
      if (p === null) return;
      session.current = { mode: 'draw' };
      feedDraw({ type: 'down', point: p, screen: css });
      return;
    }
    const voi = vp.voi ?? imageVoi;
    if (voi !== null) session.current = { mode: 'wl', start: css, voi, moved: false };
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>): void => {
    const { services, index } = latest.current;
    const s = session.current;
    const css = cssPoint(e);
    if (s === null) {
      if (draw.phase === 'placing') {
        const p = imageAt(css);
        if (p !== null) feedDraw({ type: 'move', point: p });
      }
      return;
    }
    switch (s.mode) {
      case 'extension-click':
        if (Math.hypot(css.x - s.start.x, css.y - s.start.y) > CLICK_SLOP_PX) s.moved = true;
        return;
      case 'wl':
      case 'pan':
      case 'zoom': {
        const dx = css.x - s.start.x;
        const dy = css.y - s.start.y;
        if (!s.moved && Math.hypot(dx, dy) <= CLICK_SLOP_PX) return;
        s.moved = true;
        if (s.mode === 'wl') services.store.dispatch({ type: 'voi', viewport: index, voi: dragWindowLevel(s.voi, dx, dy), preset: 'custom' });
        // Pan deltas are in CSS pixels; the scale is per backing pixel.
        else if (s.mode === 'pan') services.store.dispatch({ type: 'translate', viewport: index, translation: dragPan(s.translation, dx * ctx.dpr, dy * ctx.dpr, s.scale) });
        else services.store.dispatch({ type: 'scale', viewport: index, scale: dragZoom(s.scale, dy) });
        return;
      }
      case 'handle': {
        const p = imageAt(css);
        const m = services.measurements.get(s.id);
        const instance = latest.current.instance;
        if (p === null || m === undefined || instance === undefined) return;
        services.measurements.update(s.id, { points: m.points.map((q, i) => (i === s.index ? imageToPatient(instance.plane, p) : q)) });
        return;
      }
      case 'draw': {
        const p = imageAt(css);
        if (p !== null) feedDraw({ type: 'move', point: p });
      }
    }
  };

  const onPointerUp = (e: ReactPointerEvent<HTMLDivElement>): void => {
    const s = session.current;
    session.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
    if (s === null) return;
    // A handle drag is one edit: the store commits it now (one undo step, one autosave).
    if (s.mode === 'handle') latest.current.services.measurements.endDrag();
    const css = cssPoint(e);
    if (s.mode === 'extension-click') {
      const { instance, series, clickTool, index } = latest.current;
      const p = imageAt(css);
      // A drag is not a click: the reader may have meant to pan or slip; nothing is placed.
      if (s.moved || p === null || instance === undefined || series === undefined || !clickTool || e.type === 'pointercancel') return;
      clickTool.onClick({ viewport: index, series, instance, point: imageToPatient(instance.plane, p), imagePoint: p, shiftKey: e.shiftKey });
      return;
    }
    if (s.mode === 'draw') {
      const p = imageAt(css);
      if (p !== null) feedDraw({ type: 'up', point: p, screen: css });
      return;
    }
    if ((s.mode === 'wl' || s.mode === 'pan' || s.mode === 'zoom') && !s.moved && e.button === 0) {
      const { instance, series, services, index } = latest.current;
      const p = imageAt(css);
      if (p === null || instance === undefined || series === undefined || instance.geometry !== 'patient' || series.frameOfReferenceUID === null) return;
      jumpTo(services, index, imageToPatient(instance.plane, p), series.frameOfReferenceUID);
    }
  };

  // Wheel must be non-passive to stop the page from scrolling, so it is attached by hand.
  useEffect(() => {
    const host = ctx.host.current;
    if (host === null) return;
    let accumulated = 0;
    const onWheel = (e: WheelEvent): void => {
      e.preventDefault();
      const { services, index, series, scale } = latest.current;
      if (e.ctrlKey) {
        services.store.dispatch({ type: 'scale', viewport: index, scale: wheelZoom(scale, e.deltaY) });
        return;
      }
      // Lines/pages normalised to pixels; one slice per ~40 px so trackpads are not too fast.
      const pixels = e.deltaMode === 1 ? e.deltaY * 40 : e.deltaMode === 2 ? e.deltaY * 400 : e.deltaY;
      accumulated += pixels;
      const steps = Math.trunc(accumulated / 40);
      if (steps === 0) return;
      accumulated -= steps * 40;
      const count = series?.instances.length ?? 0;
      services.store.dispatch({ type: 'activate', viewport: index });
      // Read the slice from the store, not the render: several wheel events can arrive between two renders.
      services.store.dispatch({ type: 'slice', viewport: index, index: (services.store.getState().viewports[index]?.sliceIndex ?? 0) + Math.sign(steps) * Math.min(Math.abs(steps), 5), count });
    };
    host.addEventListener('wheel', onWheel, { passive: false });
    return () => host.removeEventListener('wheel', onWheel);
  }, [ctx.host]);

  return { draw, handlers: { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp } };
}
