import type { Screen } from './draw';

/** Canvas-space geometry of the measurements on screen, for picking handles and lines with the pointer. */
export interface ScreenShape {
  readonly id: string;
  readonly points: readonly Screen[];
  /** Pairs of point indices drawn as segments. */
  readonly segments: readonly (readonly [number, number])[];
}

export type Hit = { readonly id: string; readonly kind: 'handle'; readonly index: number } | { readonly id: string; readonly kind: 'segment' };

export const HANDLE_RADIUS_PX = 7;

export function distanceToSegment(p: Screen, a: Screen, b: Screen): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const lengthSq = dx * dx + dy * dy;
  const t = lengthSq === 0 ? 0 : Math.min(1, Math.max(0, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSq));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** Nearest handle within the radius wins over any segment; then the nearest segment within the radius. */
export function hitTest(shapes: readonly ScreenShape[], p: Screen, radius = HANDLE_RADIUS_PX): Hit | null {
  let bestHandle: { hit: Hit; d: number } | null = null;
  let bestSegment: { hit: Hit; d: number } | null = null;
  for (const shape of shapes) {
    for (const [index, q] of shape.points.entries()) {
      const d = Math.hypot(q.x - p.x, q.y - p.y);
      if (d <= radius && (bestHandle === null || d < bestHandle.d)) bestHandle = { hit: { id: shape.id, kind: 'handle', index }, d };
    }
    for (const [i, j] of shape.segments) {
      const a = shape.points[i];
      const b = shape.points[j];
      if (a === undefined || b === undefined) continue;
      const d = distanceToSegment(p, a, b);
      if (d <= radius && (bestSegment === null || d < bestSegment.d)) bestSegment = { hit: { id: shape.id, kind: 'segment' }, d };
    }
  }
  return bestHandle?.hit ?? bestSegment?.hit ?? null;
}

/** Which point pairs are drawn as lines for each kind (arrow: tip to text anchor). */
export function segmentsFor(kind: 'length' | 'angle' | 'cobb' | 'arrow', pointCount: number): (readonly [number, number])[] {
  switch (kind) {
    case 'length':
    case 'arrow':
      return pointCount >= 2 ? [[0, 1]] : [];
    case 'angle':
      return pointCount >= 3 ? [[0, 1], [1, 2]] : pointCount >= 2 ? [[0, 1]] : [];
    case 'cobb':
      return pointCount >= 4 ? [[0, 1], [2, 3]] : pointCount >= 2 ? [[0, 1]] : [];
  }
}
