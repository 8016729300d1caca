import { useEffect, useRef } from 'react';
import type { PointerEvent as ReactPointerEvent } from 'react';
import { patientToImage, vec3 } from '@shared/geometry';
import type { ViewportOverlayProps } from '../viewer/extension';
import { useClickMode } from './click-mode';
import { useReading } from './context';
import { useDocumentSnapshot } from './document-store';
import { labelDisplayFor, labelsHiddenReason, levelReadout, markersOn } from './labels/propagation';
import { LOW_CONFIDENCE, useImageProposals } from './labels/image-proposals';
import { overlayRegistry } from './overlay-registry';

/** Far from the slice (mm), a label marker is drawn faint: it belongs to a body off this plane. */
const NEAR_MM = 15;

/**
 * The reading layer drawn on every viewport: level-label markers (sagittal/coronal, draggable), the level of the
 * slice (axial), lesion badges next to their levels, height-tool points, and why labels are hidden on another frame.
 */
export function ReadingOverlay(props: ViewportOverlayProps) {
  const { viewport, series, instance, width, height, dpr, imageToCanvas, clientToPatient } = props;
  const services = useReading();
  const { store, clicks } = services;
  const { document: doc } = useDocumentSnapshot(store);
  const { mode } = useClickMode(clicks);
  const drag = useRef<{ id: string; pointerId: number } | null>(null);
  const image = useImageProposals();

  const frame = series.frameOfReferenceUID;
  const labels = doc?.labels ?? [];
  const hidden = doc ? labelsHiddenReason(labels, frame) : null;
  const display = labelDisplayFor(series.orientation);
  const usable = doc !== null && frame !== null && hidden === null && instance.geometry === 'patient';
  const markers = usable && display === 'markers' ? markersOn(labels, frame, instance.plane) : [];
  const readout = usable && display === 'level-readout' && labels.length > 0 ? levelReadout(labels, frame, instance.plane, doc.spine.variants) : null;
  const toCanvas = (p: readonly [number, number, number]) => imageToCanvas(patientToImage(instance.plane, vec3(p[0], p[1], p[2])).point);

  const lesionsAt = (level: string): string[] =>
    (doc?.lesions ?? []).flatMap((l, i) => (l.levels.includes(level) ? [`Lesion ${i + 1}`] : []));
  const readoutText = readout?.ok ? `${readout.text}${lesionsAt(readout.label).length > 0 ? ` · ${lesionsAt(readout.label).join(', ')}` : ''}` : null;

  useEffect(() => {
    overlayRegistry.set(viewport, {
      seriesKey: series.key,
      orientation: series.orientation,
      readout: readoutText,
      hiddenReason: hidden,
      markers: markers.map((m) => m.label),
      patientToClient: (p) => {
        const svg = document.querySelector(`[data-testid="reading-overlay-${viewport}"]`);
        if (svg === null) return null;
        const rect = svg.getBoundingClientRect();
        const c = toCanvas(p);
        return { x: rect.left + c.x / dpr, y: rect.top + c.y / dpr };
      },
    });
  });
  useEffect(() => () => overlayRegistry.delete(viewport), [viewport]);

  const startDrag = (e: ReactPointerEvent<SVGElement>, id: string): void => {
    if (e.button !== 0) return;
    // The marker's drag belongs to the reading layer, not to the viewer's tools underneath.
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { id, pointerId: e.pointerId };
  };
  const moveDrag = (e: ReactPointerEvent<SVGElement>): void => {
    if (drag.current === null || drag.current.pointerId !== e.pointerId) return;
    e.stopPropagation();
    const p = clientToPatient(e.clientX, e.clientY);
    if (p !== null) store.dispatch({ type: 'moveLabel', args: { id: drag.current.id, point: [p[0], p[1], p[2]] } });
  };
  const endDrag = (e: ReactPointerEvent<SVGElement>): void => {
    if (drag.current === null) return;
    e.stopPropagation();
    drag.current = null;
    // The whole drag is one undo step, committed (and autosaved) on release.
    if (e.type === 'pointercancel') store.cancelDrag();
    else store.release();
  };

  const heightPoints = mode.kind === 'heights' && mode.capture.frameOfReferenceUID === frame ? mode.capture.points : [];
  const heightMeasurements = (doc?.measurements ?? []).filter((m) => m.kind === 'vertebral-heights' && m.frameOfReferenceUID === frame && display === 'markers');
  const fontSize = 13 * dpr;

  return (
    <>
      <svg className="rd-overlay" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" data-testid={`reading-overlay-${viewport}`}>
        {markers.map((m) => {
          const c = imageToCanvas(m.imagePoint);
          const lesions = lesionsAt(m.label);
          const record = labels.find((l) => l.id === m.id);
          const confidence = record === undefined ? null : image.confidenceOf(record);
          const low = confidence !== null && confidence < LOW_CONFIDENCE;
          return (
            <g
              key={m.id}
              // Markers are draggable only outside click modes, so a click meant for a lesion or a height point lands on the image.
              className={`rd-marker${m.proposed ? ' rd-proposed' : ''}${low ? ' rd-low-confidence' : ''}${m.distance > NEAR_MM ? ' rd-far' : ''}${mode.kind === 'none' ? ' rd-draggable' : ''}`}
              data-testid="label-marker"
              data-label={m.label}
              {...(confidence !== null ? { 'data-confidence': confidence } : {})}
              onPointerDown={(e) => startDrag(e, m.id)}
              onPointerMove={moveDrag}
              onPointerUp={endDrag}
              onPointerCancel={endDrag}
            >
              <circle cx={c.x} cy={c.y} r={5 * dpr} />
              <text x={c.x - 12 * dpr} y={c.y + 4 * dpr} fontSize={fontSize} textAnchor="end">
                {m.label}
                {m.proposed ? (low ? '??' : '?') : ''}
              </text>
              {lesions.length > 0 ? (
                <text className="rd-lesion-badge" x={c.x + 12 * dpr} y={c.y + 4 * dpr} fontSize={fontSize}>
                  ● {lesions.join(', ')}
                </text>
              ) : null}
            </g>
          );
        })}
        {heightMeasurements.flatMap((m) =>
          m.kind !== 'vertebral-heights'
            ? []
            : [m.index, m.above, m.below].flatMap((body) =>
                body === null
                  ? []
                  : (['anterior', 'middle', 'posterior'] as const).map((h) => {
                      const a = toCanvas(body[h][0]);
                      const b = toCanvas(body[h][1]);
                      return <line key={`${m.id}-${body.level}-${h}`} className="rd-height" x1={a.x} y1={a.y} x2={b.x} y2={b.y} />;
                    }),
              ),
        )}
        {(doc?.measurements ?? []).map((m) => {
          // Plain Cobb angles are the viewer's own measurements (drawn by the viewer); the aids are drawn here.
          if (display !== 'markers' || m.frameOfReferenceUID !== frame || !((m.kind === 'cobb' && m.purpose === 'segmental-kyphosis') || m.kind === 'translation')) return null;
          const pts = m.points.map((p) => toCanvas(p));
          const pairs = m.kind === 'cobb' ? [[pts[0], pts[1]], [pts[2], pts[3]]] : [[pts[0], pts[1]]];
          return (
            <g key={m.id} className="rd-aid">
              {pairs.map(([a, b], i) => (a && b ? <line key={i} x1={a.x} y1={a.y} x2={b.x} y2={b.y} /> : null))}
            </g>
          );
        })}
        {(mode.kind === 'alignment' ? mode.capture.points : []).map((p, i) => {
          const c = toCanvas(p);
          return <circle key={`aid-${i}`} className="rd-height-point" cx={c.x} cy={c.y} r={3 * dpr} />;
        })}
        {heightPoints.map((p, i) => {
          const c = toCanvas(p);
          return <circle key={i} className="rd-height-point" cx={c.x} cy={c.y} r={3 * dpr} />;
        })}
      </svg>
      {readoutText !== null ? (
        <div className="rd-readout" data-testid={`level-readout-${viewport}`}>
          Level {readoutText}
        </div>
      ) : null}
      {hidden !== null ? (
        <div className="rd-readout rd-hidden" data-testid={`labels-hidden-${viewport}`}>
          {hidden}
        </div>
      ) : null}
    </>
  );
}
