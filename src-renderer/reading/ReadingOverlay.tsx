import { useEffect, useRef } from 'react';
import type { PointerEvent as ReactPointerEvent } from 'react';
import { patientToImage, vec3 } from '@shared/geometry';
import type { ViewportOverlayProps } from '../viewer/extension';
import { visibilityTolerance } from '../viewer/measurements/project';
import { useClickMode } from './click-mode';
import { useReading } from './context';
import { useDocumentSnapshot } from './document-store';
import { GLYPH_COLOURS, GLYPH_FONT, GLYPH_STROKES, glyphBoxes, OVERLAY_NEAR_MM, overlayGlyphs } from '@shared/overlay/index';
import type { Glyph } from '@shared/overlay/index';
import { labelDisplayFor, labelsHiddenReason, levelReadout, markersOn } from './labels/propagation';
import { LOW_CONFIDENCE, useImageProposals } from './labels/image-proposals';
import { overlayRegistry } from './overlay-registry';

/** Far from the slice (mm), a label marker is drawn faint: it belongs to a body off this plane (as in key images). */
const NEAR_MM = OVERLAY_NEAR_MM;
/** Measurements the viewer draws as shapes: the reading layer places their values (the viewer leaves them to it). */
const VIEWER_DRAWN = new Set(['length', 'angle', 'cobb', 'arrow']);

/** A text glyph as the key images draw it (shared/overlay/svg.ts): colour by role, dark outline. */
function GlyphText({ glyph, dpr }: { glyph: Extract<Glyph, { kind: 'text' }>; dpr: number }) {
  return (
    <text x={glyph.x} y={glyph.y} fontSize={glyph.fontSize} fontFamily={GLYPH_FONT} fontWeight={600} textAnchor={glyph.align} fill={GLYPH_COLOURS[glyph.role]} stroke="#000" strokeWidth={GLYPH_STROKES.outline * dpr} paintOrder="stroke" strokeLinejoin="round" data-overlay-box="text">
      {glyph.text}
    </text>
  );
}

/**
 * The reading layer drawn on every viewport: level-label markers with their labels beside the spine (sagittal/coronal,
 * draggable), the level of the slice marked on the axial image, lesion marks, measurement values, height-tool
 * points, and why labels are hidden on another frame. Marks and texts come from the shared overlay geometry.
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

  // The shared overlay geometry (the key images draw the same): level marks with labels beside the spine on
  // leaders, lesion arrowheads, measurement values; placed so that nothing overlaps, in canvas backing pixels.
  const frameLabels = usable ? labels.filter((l) => l.frameOfReferenceUID === frame) : [];
  const overlay = overlayGlyphs({
    width,
    height,
    unit: dpr,
    project: (p) => {
      const q = patientToImage(instance.plane, vec3(p[0], p[1], p[2]));
      const c = imageToCanvas(q.point);
      return { x: c.x, y: c.y, distanceMm: q.distance };
    },
    display,
    labels: frameLabels.map((l) => {
      const confidence = image.confidenceOf(l);
      return { id: l.id, label: l.label, point: l.point, proposed: l.proposed, lowConfidence: confidence !== null && confidence < LOW_CONFIDENCE };
    }),
    lesions: (doc?.lesions ?? []).map((l, i) => ({ id: l.id, number: i + 1, levels: l.levels })),
    measurements: frame !== null ? (doc?.measurements ?? []).filter((m) => m.frameOfReferenceUID === frame && VIEWER_DRAWN.has(m.kind)) : [],
    // The viewer draws a measurement's shape on the slices of its slab; its value shows on the same ones.
    measurementNearMm: visibilityTolerance(instance.sliceThickness),
    sliceLevel: readout?.ok === true ? readout.label : null,
    nearMm: NEAR_MM,
    farLabels: 'faint',
    measurementLines: false,
    measurementText: true,
  });
  const boxes = glyphBoxes(overlay.glyphs);
  const dots = overlay.glyphs.filter((g) => g.kind === 'dot');
  const textOf = (id: string) => overlay.glyphs.find((g): g is Extract<Glyph, { kind: 'text' }> => g.kind === 'text' && g.of === id);
  const leaderOf = (id: string) => overlay.glyphs.find((g): g is Extract<Glyph, { kind: 'line' }> => g.kind === 'line' && g.leader && g.of === id);

  useEffect(() => {
    overlayRegistry.set(viewport, {
      seriesKey: series.key,
      orientation: series.orientation,
      readout: readoutText,
      hiddenReason: hidden,
      markers: markers.map((m) => m.label),
      boxes: boxes.map((b) => ({ kind: b.kind, of: b.of, x0: b.box.x0 / dpr, y0: b.box.y0 / dpr, x1: b.box.x1 / dpr, y1: b.box.y1 / dpr })),
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
  const confidenceOf = (id: string): number | null => {
    const record = labels.find((l) => l.id === id);
    return record === undefined ? null : image.confidenceOf(record);
  };

  return (
    <>
      <svg className="rd-overlay" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" data-testid={`reading-overlay-${viewport}`}>
        {dots.map((d) => {
          if (d.kind !== 'dot') return null;
          const text = textOf(d.of);
          const leader = leaderOf(d.of);
          const draggable = display === 'markers' && mode.kind === 'none';
          return (
            <g
              key={d.of}
              // Markers are draggable only outside click modes, so a click meant for a lesion or a height point lands on the image.
              className={`rd-marker${d.proposed ? ' rd-proposed' : ''}${d.lowConfidence ? ' rd-low-confidence' : ''}${d.faint ? ' rd-far' : ''}${draggable ? ' rd-draggable' : ''}`}
              data-testid="label-marker"
              data-label={d.label}
              {...(confidenceOf(d.of) !== null ? { 'data-confidence': confidenceOf(d.of) } : {})}
              {...(draggable ? { onPointerDown: (e: ReactPointerEvent<SVGElement>) => startDrag(e, d.of), onPointerMove: moveDrag, onPointerUp: endDrag, onPointerCancel: endDrag } : {})}
            >
              {leader !== undefined ? <line className="rd-leader" x1={leader.x1} y1={leader.y1} x2={leader.x2} y2={leader.y2} stroke={GLYPH_COLOURS.level} strokeWidth={GLYPH_STROKES.leader * dpr} strokeOpacity={0.85} /> : null}
              <circle cx={d.x} cy={d.y} r={d.r} data-overlay-box="dot" />
              {text !== undefined ? (
                <text x={text.x} y={text.y} fontSize={text.fontSize} textAnchor={text.align} data-overlay-box="text">
                  {text.text}
                </text>
              ) : null}
            </g>
          );
        })}
        {overlay.glyphs.map((g, i) => {
          if (g.kind === 'arrow') {
            const text = textOf(g.of);
            const leader = leaderOf(g.of);
            return (
              <g key={`lesion-${g.of}`} className="rd-lesion" data-testid="lesion-marker" data-lesion={g.of}>
                {leader !== undefined ? <line x1={leader.x1} y1={leader.y1} x2={leader.x2} y2={leader.y2} stroke={GLYPH_COLOURS.lesion} strokeWidth={GLYPH_STROKES.leader * dpr} /> : null}
                <polygon points={g.points.map((p) => `${p.x},${p.y}`).join(' ')} fill={GLYPH_COLOURS.lesion} stroke="#000" strokeWidth={0.75 * dpr} data-overlay-box="arrow" />
                {text !== undefined ? <GlyphText glyph={text} dpr={dpr} /> : null}
              </g>
            );
          }
          if (g.kind === 'text' && g.role === 'measurement') {
            const leader = leaderOf(g.of);
            return (
              <g key={`m-${g.of}-${i}`} className="rd-measure-label" data-testid="measurement-label">
                {leader !== undefined ? <line x1={leader.x1} y1={leader.y1} x2={leader.x2} y2={leader.y2} stroke={GLYPH_COLOURS.measurement} strokeWidth={GLYPH_STROKES.leader * dpr} /> : null}
                <GlyphText glyph={g} dpr={dpr} />
              </g>
            );
          }
          return null;
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
