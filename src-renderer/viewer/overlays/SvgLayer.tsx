import type { Measurement } from '../measurements/model';
import { measurementValue } from '../measurements/values';
import type { Screen } from '../tools/draw';
import type { ScreenShape } from '../tools/hit-test';

export interface ReferenceSegment {
  readonly key: string;
  readonly start: Screen;
  readonly end: Screen;
  /** 1-based number of the viewport whose slice this is (drawn at the line's end). */
  readonly source: number;
}

export interface SvgLayerProps {
  /** Canvas backing size: the viewBox, so canvas coordinates are used as they are. */
  readonly width: number;
  readonly height: number;
  readonly dpr: number;
  readonly references: readonly ReferenceSegment[];
  readonly shapes: readonly { readonly shape: ScreenShape; readonly measurement: Measurement }[];
  readonly selectedId: string | null;
  readonly preview: { readonly kind: Measurement['kind']; readonly points: readonly Screen[] } | null;
  /** false: an extension places the measurements' values (beside the spine, clear of its labels); the shapes stay here. */
  readonly valueLabels?: boolean;
}

function labelAnchor(m: Measurement, pts: readonly Screen[]): Screen {
  const pick = m.kind === 'angle' ? pts[1] : m.kind === 'arrow' ? pts[1] : pts[pts.length - 1];
  return pick ?? { x: 0, y: 0 };
}

function Shape({ points, kind, selected, dpr }: { points: readonly Screen[]; kind: Measurement['kind']; selected: boolean; dpr: number }) {
  const line = (a: Screen | undefined, b: Screen | undefined, key: string) => (a && b ? <line key={key} x1={a.x} y1={a.y} x2={b.x} y2={b.y} /> : null);
  const [p0, p1, p2, p3] = points;
  const head = kind === 'arrow' && p0 && p1 ? arrowHead(p1, p0, 10 * dpr) : null;
  return (
    <g className={`vw-shape vw-${kind}${selected ? ' vw-selected' : ''}`}>
      {kind === 'length' || kind === 'arrow' ? line(p0, p1, 'a') : null}
      {kind === 'angle' ? [line(p0, p1, 'a'), line(p1, p2, 'b')] : null}
      {kind === 'cobb' ? [line(p0, p1, 'a'), line(p2, p3, 'b')] : null}
      {head !== null ? <polygon points={head} /> : null}
      {points.map((p, i) => (kind === 'arrow' && i === 1 ? null : <circle key={i} cx={p.x} cy={p.y} r={(selected ? 4.5 : 3.5) * dpr} />))}
    </g>
  );
}

function arrowHead(from: Screen, tip: Screen, size: number): string {
  const angle = Math.atan2(tip.y - from.y, tip.x - from.x);
  const a = { x: tip.x - size * Math.cos(angle - 0.4), y: tip.y - size * Math.sin(angle - 0.4) };
  const b = { x: tip.x - size * Math.cos(angle + 0.4), y: tip.y - size * Math.sin(angle + 0.4) };
  return `${tip.x},${tip.y} ${a.x},${a.y} ${b.x},${b.y}`;
}

/** Vector overlay above the cornerstone canvas: reference lines, measurements with labels, the shape being drawn. */
export function SvgLayer({ width, height, dpr, references, shapes, selectedId, preview, valueLabels = true }: SvgLayerProps) {
  const fontSize = 13 * dpr;
  return (
    <svg className="vw-svg" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" data-testid="svg-layer">
      {references.map((r) => (
        <g key={r.key} className="vw-refline" data-testid="reference-line">
          <line x1={r.start.x} y1={r.start.y} x2={r.end.x} y2={r.end.y} />
          <text x={r.end.x - 4 * dpr} y={r.end.y - 4 * dpr} fontSize={fontSize * 0.85} textAnchor="end">
            {r.source}
          </text>
        </g>
      ))}
      {shapes.map(({ shape, measurement }) => {
        const anchor = labelAnchor(measurement, shape.points);
        const value = measurementValue(measurement);
        return (
          <g key={shape.id} data-testid="measurement" data-kind={measurement.kind}>
            <Shape points={shape.points} kind={measurement.kind} selected={shape.id === selectedId} dpr={dpr} />
            {valueLabels ? (
              <text className="vw-label" x={anchor.x + 8 * dpr} y={anchor.y - 6 * dpr} fontSize={fontSize}>
                {value.label}
              </text>
            ) : null}
          </g>
        );
      })}
      {preview !== null ? <Shape points={preview.points} kind={preview.kind} selected={false} dpr={dpr} /> : null}
    </svg>
  );
}
