import { useEffect, useMemo, useRef } from 'react';
import type { DragEvent } from 'react';
import { imageToPatient, referenceLine } from '@shared/geometry';
import type { ImagePoint } from '@shared/geometry';
import { cornerstone } from '../cornerstone/bootstrap';
import { useMeasurements, useStoreVersion, useViewerServices, useViewerState } from '../context';
import { projectMeasurement, visibilityTolerance } from '../measurements/project';
import { LAYOUT_SIZE, emptyViewport } from '../model/viewer-state';
import { OrientationMarkers } from '../overlays/OrientationMarkers';
import { ScaleBar } from '../overlays/ScaleBar';
import { SvgLayer } from '../overlays/SvgLayer';
import type { ReferenceSegment } from '../overlays/SvgLayer';
import { TextOverlay } from '../overlays/TextOverlay';
import { fitScale } from '../tools/drag';
import { previewPoints } from '../tools/draw';
import { SERIES_DRAG_TYPE } from '../browser/drag-type';
import { canvasToImage, imageToCanvas } from './coords';
import { useCornerstoneElement, useRenderTick } from './use-cornerstone-element';
import { useDisplayedImage } from './use-displayed-image';
import { useViewportInput } from './use-viewport-input';
import { useCine } from './use-cine';
import { useViewerExtension } from '../extension';

/** One viewport: cornerstone canvas, SVG overlay, text overlays, slice slider. State lives in the viewer store. */
export function Viewport({ index }: { readonly index: number }) {
  const services = useViewerServices();
  const { store } = services;
  const state = useViewerState();
  useStoreVersion();
  const measurements = useMeasurements();
  const vp = state.viewports[index];
  const series = store.series(vp?.seriesKey ?? null);
  const sliceIndex = vp?.sliceIndex ?? 0;
  const instance = series?.instances[sliceIndex];
  const study = store.getStudies().find((s) => s.key === series?.studyKey);
  const runtime = store.getRuntime(index);
  const extension = useViewerExtension();

  const host = useRef<HTMLDivElement | null>(null);
  const inner = useRef<HTMLDivElement | null>(null);
  const { enabled, size } = useCornerstoneElement(host, inner);
  const image = useDisplayedImage(index, series, sliceIndex);
  const tick = useRenderTick(inner, enabled);
  useCine(index, vp?.cine ?? false, series?.instances.length ?? 0);

  const canvasWidth = Math.round(size.width * size.dpr);
  const canvasHeight = Math.round(size.height * size.dpr);
  const fit = image ? fitScale({ width: canvasWidth, height: canvasHeight }, image) : 1;
  const scale = vp?.scale ?? fit;
  const imageVoi = image ? { windowWidth: image.windowWidth, windowCenter: image.windowCenter } : null;
  const voi = vp?.voi ?? imageVoi;

  // Push the model into cornerstone: the only place cornerstone's viewport is written.
  useEffect(() => {
    const element = inner.current;
    if (!enabled || element === null || image === null || vp === undefined || canvasWidth === 0) return;
    cornerstone.displayImage(element, image, {
      voi: vp.voi ?? { windowWidth: image.windowWidth, windowCenter: image.windowCenter },
      // MONOCHROME1 images arrive with invert set; the user's invert flips whatever the image asks for.
      invert: vp.invert !== image.invert,
      scale,
      translation: { x: vp.translation.x, y: vp.translation.y },
      pixelReplication: false,
      hflip: false,
      vflip: false,
      rotation: 0,
    });
    store.setRuntime(index, { imageId: image.imageId, imageVoi: { windowWidth: image.windowWidth, windowCenter: image.windowCenter }, fitScale: fit });
  }, [enabled, image, vp, scale, fit, canvasWidth, canvasHeight, index, store]);

  const element = inner.current;
  // Image to canvas pixels through the canvas's current transform: a new function whenever it changes (tick).
  const toCanvas = useMemo(() => (element === null || tick === 0 ? null : (p: ImagePoint) => imageToCanvas(element, p)), [element, tick]);
  const ready = enabled && element !== null && image !== null && instance !== undefined && tick > 0;

  const shapes = useMemo(() => {
    if (!ready || toCanvas === null || instance === undefined || series === undefined) return [];
    const tolerance = visibilityTolerance(instance.sliceThickness);
    return measurements.flatMap((m) => {
      const shape = projectMeasurement(m, instance.plane, series.frameOfReferenceUID, tolerance, toCanvas);
      return shape === null ? [] : [{ shape, measurement: m }];
    });
  }, [ready, toCanvas, instance, series, measurements]);

  const references = useMemo((): ReferenceSegment[] => {
    if (!ready || toCanvas === null || instance === undefined || series === undefined || !state.referenceLines) return [];
    if (instance.geometry !== 'patient' || series.frameOfReferenceUID === null) return [];
    const out: ReferenceSegment[] = [];
    state.viewports.forEach((other, i) => {
      if (i === index || i >= LAYOUT_SIZE[state.layout]) return;
      const otherSeries = store.series(other.seriesKey);
      const otherInstance = otherSeries?.instances[other.sliceIndex];
      if (otherSeries === undefined || otherInstance === undefined || otherInstance.geometry !== 'patient') return;
      if (otherSeries.frameOfReferenceUID !== series.frameOfReferenceUID) return;
      const segment = referenceLine(otherInstance.plane, instance.plane);
      if (segment === null) return;
      out.push({ key: `${i}`, source: i + 1, start: toCanvas(segment.start), end: toCanvas(segment.end) });
    });
    return out;
  }, [ready, toCanvas, instance, series, state.viewports, state.layout, state.referenceLines, index, store]);

  const input = useViewportInput({
    services,
    index,
    element: inner,
    host,
    series,
    instance,
    vp: vp ?? emptyViewport(),
    tool: state.tool,
    dpr: size.dpr,
    scale,
    imageVoi,
    shapes: shapes.map((s) => s.shape),
    clickTool: extension.clickTool ?? null,
  });

  const preview = useMemo(() => {
    const points = previewPoints(input.draw);
    if (!ready || toCanvas === null || points.length === 0 || (state.tool !== 'length' && state.tool !== 'angle' && state.tool !== 'cobb' && state.tool !== 'arrow')) return null;
    return { kind: state.tool, points: points.map(toCanvas) };
  }, [input.draw, ready, toCanvas, state.tool]);

  const onDrop = (e: DragEvent<HTMLDivElement>): void => {
    const key = e.dataTransfer.getData(SERIES_DRAG_TYPE);
    const target = store.series(key);
    if (target === undefined) return;
    e.preventDefault();
    store.dispatch({ type: 'assign', viewport: index, seriesKey: key, sliceIndex: Math.floor(target.instances.length / 2), centred: true });
  };

  const active = state.active === index;
  const count = series?.instances.length ?? 0;
  const cssPerMm = instance && instance.spacingSource !== 'none' ? scale / size.dpr / instance.plane.columnSpacing : 0;
  // A decode error is a plain sentence shown on the image (wrapped, never cut at the edge), its detail one click away.
  const status = runtime.error === null && runtime.loading && image === null ? 'Loading…' : null;

  return (
    <section
      className={`vw-viewport${active ? ' vw-active' : ''}`}
      data-testid={`viewport-${index}`}
      data-viewport={index}
      aria-label={`Viewport ${index + 1}${series ? `: ${series.description}` : ''}`}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes(SERIES_DRAG_TYPE)) e.preventDefault();
      }}
      onDrop={onDrop}
    >
      <div
        ref={host}
        className={`vw-host vw-tool-${state.tool}`}
        onContextMenu={(e) => e.preventDefault()}
        {...input.handlers}
      >
        <div ref={inner} className="vw-cs" />
        {ready ? (
          <SvgLayer
            width={canvasWidth}
            height={canvasHeight}
            dpr={size.dpr}
            references={references}
            shapes={shapes}
            selectedId={state.selectedMeasurementId}
            preview={preview}
            valueLabels={extension.drawsMeasurementValues !== true}
          />
        ) : null}
        {ready && extension.Overlay && series && instance && element ? (
          <extension.Overlay
            viewport={index}
            series={series}
            instance={instance}
            width={canvasWidth}
            height={canvasHeight}
            dpr={size.dpr}
            voi={voi}
            imageToCanvas={(p) => imageToCanvas(element, p)}
            clientToPatient={(clientX, clientY) => {
              const rect = host.current?.getBoundingClientRect();
              if (rect === undefined) return null;
              return imageToPatient(instance.plane, canvasToImage(element, { x: (clientX - rect.left) * size.dpr, y: (clientY - rect.top) * size.dpr }));
            }}
          />
        ) : null}
        {series && instance && state.overlayText ? (
          <>
            <TextOverlay study={study} series={series} instance={instance} sliceIndex={sliceIndex} voi={voi} zoom={scale / size.dpr} invert={vp?.invert ?? false} status={status} />
            <OrientationMarkers instance={instance} />
            <ScaleBar cssPerMm={cssPerMm} height={size.height} source={instance.spacingSource} />
          </>
        ) : null}
        {series === undefined ? <div className="vw-empty">Drag a series here or double-click it</div> : null}
        {series !== undefined && runtime.error !== null ? (
          <div className="vw-error" role="alert" data-testid="image-error" onPointerDown={(e) => e.stopPropagation()}>
            <p>{runtime.error}</p>
            {runtime.errorDetail !== null ? (
              <details>
                <summary>Technical details</summary>
                <code>{runtime.errorDetail}</code>
              </details>
            ) : null}
          </div>
        ) : null}
        {vp?.notice ? (
          <div className="vw-notice" role="status" onPointerDown={(e) => e.stopPropagation()}>
            {vp.notice}
            <button type="button" onClick={() => store.dispatch({ type: 'notice', viewport: index, notice: null })} aria-label="Dismiss">
              ×
            </button>
          </div>
        ) : null}
      </div>
      {count > 1 ? (
        <input
          className="vw-slider"
          type="range"
          min={0}
          max={count - 1}
          value={sliceIndex}
          aria-label={`Slice of viewport ${index + 1}`}
          data-testid={`slider-${index}`}
          onChange={(e) => store.dispatch({ type: 'slice', viewport: index, index: Number(e.target.value), count })}
        />
      ) : null}
    </section>
  );
}
