/**
 * The one overlay geometry (pure): what is drawn over an image — level marks with their labels beside the spine on
 * leaders, each lesion's mark (an arrowhead that points at the lesion and never covers it) with its name, the
 * measurements' lines and values — as glyphs in output pixels. The viewer draws these glyphs as SVG over its canvas;
 * the report's key images draw the very same glyphs over the same image (svg.ts). Sizes are in output pixels times
 * `unit` (device pixels per CSS pixel on screen; 1 in a key image, whose width is the printed figure's), never in
 * image pixels, so a 3 mm CT and a 0.5 mm CT get the same legible, small marks.
 */
import type { LpsPoint, Measurement } from '../annotation/schema';
import { angleBetweenSegments, cobbAngle, distance, vec3 } from '../geometry';
import type { Box, Callout, Point } from './placement';
import { levelsSideFor, placeCallouts, textWidth } from './placement';

/** A patient point on the output: pixel position and signed distance from the image plane (mm). */
export type Project = (p: LpsPoint) => { readonly x: number; readonly y: number; readonly distanceMm: number } | null;

export interface OverlayLabel {
  readonly id: string;
  readonly label: string;
  readonly point: LpsPoint;
  readonly proposed?: boolean;
  /** Proposed with low confidence: '??' instead of '?'. */
  readonly lowConfidence?: boolean;
}

export interface OverlayLesion {
  readonly id: string;
  /** 1-based, as the report numbers lesions. */
  readonly number: number;
  readonly levels: readonly string[];
}

export interface OverlayInput {
  readonly width: number;
  readonly height: number;
  /** Output pixels per CSS pixel. */
  readonly unit: number;
  readonly project: Project;
  /** Sagittal/coronal images show every level's mark; axial ones the level of the slice. */
  readonly display: 'markers' | 'level-readout';
  readonly labels: readonly OverlayLabel[];
  /** The lesions to mark (a key image passes only its own lesion). */
  readonly lesions: readonly OverlayLesion[];
  readonly measurements: readonly Measurement[];
  /** Axial: the label of the vertebra this slice belongs to (the nearest labelled one), or null. */
  readonly sliceLevel?: string | null;
  /** Within this distance of the plane (mm) a mark is drawn in full; farther level marks are faint or left out. */
  readonly nearMm: number;
  readonly farLabels: 'faint' | 'hidden';
  /** Measurements are drawn within this distance of the plane (default `nearMm`; the viewer: its slab). */
  readonly measurementNearMm?: number;
  /** Measurement lines (key images; the viewer draws its own shapes) and values. */
  readonly measurementLines: boolean;
  readonly measurementText: boolean;
}

export type GlyphRole = 'level' | 'lesion' | 'measurement';

export type Glyph =
  | { readonly kind: 'dot'; readonly role: 'level'; readonly of: string; readonly label: string; readonly x: number; readonly y: number; readonly r: number; readonly faint: boolean; readonly proposed: boolean; readonly lowConfidence: boolean; readonly box: Box }
  | { readonly kind: 'arrow'; readonly role: 'lesion'; readonly of: string; readonly points: readonly [Point, Point, Point]; readonly box: Box }
  | { readonly kind: 'line'; readonly role: GlyphRole; readonly of: string; readonly leader: boolean; readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number }
  | { readonly kind: 'text'; readonly role: GlyphRole; readonly of: string; readonly text: string; readonly x: number; readonly y: number; readonly fontSize: number; readonly align: 'start' | 'end'; readonly box: Box };

export interface Overlay {
  readonly glyphs: readonly Glyph[];
  /** Callouts whose text did not fit (their marks are drawn). */
  readonly dropped: readonly string[];
}

/**
 * Within this distance of the image plane (mm) a level's mark is drawn in full (and its lesion marked): about half
 * a vertebral body. The viewer and the key images use the same, so a key image shows what the view showed.
 */
export const OVERLAY_NEAR_MM = 15;

/** Sizes in CSS pixels (times `unit`). */
export const OVERLAY_SIZES = { font: 12, dot: 3, gap: 12, margin: 4, arrow: 8, arrowGap: 5 } as const;

/** What a measurement reads, as the viewer labels it (mm, degrees); null for kinds drawn without a value. */
export function measurementText(m: Measurement): string | null {
  const v = (p: LpsPoint) => vec3(p[0], p[1], p[2]);
  switch (m.kind) {
    case 'length': {
      const d = distance(v(m.points[0]), v(m.points[1]));
      if (m.calibration === 'none') return `${d.toFixed(0)} px`;
      return `${d.toFixed(1)} mm${m.calibration === 'ImagerPixelSpacing' ? ' (detector)' : ''}`;
    }
    case 'angle': {
      const a = angleBetweenSegments({ start: v(m.points[1]), end: v(m.points[0]) }, { start: v(m.points[1]), end: v(m.points[2]) });
      return a.ok ? `${a.value.toFixed(1)}°` : null;
    }
    case 'cobb': {
      const a = cobbAngle({ start: v(m.points[0]), end: v(m.points[1]) }, { start: v(m.points[2]), end: v(m.points[3]) });
      return a.ok ? `Cobb ${a.value.toFixed(1)}°` : null;
    }
    case 'arrow':
    case 'text':
      return m.text === '' ? null : m.text;
    case 'translation':
    case 'vertebral-heights':
      return null;
  }
}

/** The segments a measurement draws. */
export function measurementSegments(m: Measurement): Array<readonly [LpsPoint, LpsPoint]> {
  switch (m.kind) {
    case 'vertebral-heights':
      return [m.index, m.above, m.below].flatMap((b) => (b === null ? [] : [b.anterior, b.middle, b.posterior]));
    case 'length':
    case 'translation':
    case 'arrow':
      return [m.points];
    case 'angle':
      return [[m.points[0], m.points[1]], [m.points[1], m.points[2]]];
    case 'cobb':
      return [[m.points[0], m.points[1]], [m.points[2], m.points[3]]];
    case 'text':
      return [];
  }
}

/** Where a measurement's value is tied: the vertex of an angle, the tail of an arrow, else the last point. */
function measurementAnchor(m: Measurement): LpsPoint | null {
  switch (m.kind) {
    case 'angle':
      return m.points[1];
    case 'arrow':
      return m.points[1];
    case 'text':
      return m.points[0];
    case 'length':
    case 'translation':
      return m.points[1];
    case 'cobb':
      return m.points[3];
    case 'vertebral-heights':
      return null;
  }
}

/** Where a lesion is marked: the label point of its middle level (the document keeps lesions by level). */
export function lesionAnchor(labels: readonly OverlayLabel[], levels: readonly string[]): OverlayLabel | null {
  const middle = levels[Math.floor((levels.length - 1) / 2)];
  return labels.find((l) => l.label === middle) ?? labels.find((l) => levels.includes(l.label)) ?? null;
}

const inside = (p: Point, width: number, height: number): boolean => p.x >= 0 && p.y >= 0 && p.x <= width && p.y <= height;
const around = (p: Point, r: number): Box => ({ x0: p.x - r, y0: p.y - r, x1: p.x + r, y1: p.y + r });

/** The glyphs of one image's overlay. */
export function overlayGlyphs(input: OverlayInput): Overlay {
  const { width, height, unit, project } = input;
  const s = { font: OVERLAY_SIZES.font * unit, dot: OVERLAY_SIZES.dot * unit, gap: OVERLAY_SIZES.gap * unit, margin: OVERLAY_SIZES.margin * unit, arrow: OVERLAY_SIZES.arrow * unit, arrowGap: OVERLAY_SIZES.arrowGap * unit };
  const glyphs: Glyph[] = [];
  const callouts: Callout[] = [];
  const dots: Array<Extract<Glyph, { kind: 'dot' }>> = [];
  const lesionLevels = new Set(input.lesions.flatMap((l) => l.levels));

  // Level marks: every labelled level on a sagittal/coronal image; the slice's own level on an axial one.
  const shownLabels = input.display === 'markers' ? input.labels : input.labels.filter((l) => l.label === input.sliceLevel);
  for (const l of shownLabels) {
    const p = project(l.point);
    if (p === null || !inside(p, width, height)) continue;
    const far = input.display === 'markers' && Math.abs(p.distanceMm) > input.nearMm;
    if (far && input.farLabels === 'hidden') continue;
    const dot = { kind: 'dot' as const, role: 'level' as const, of: l.id, label: l.label, x: p.x, y: p.y, r: s.dot, faint: far, proposed: l.proposed === true, lowConfidence: l.lowConfidence === true, box: around(p, s.dot) };
    dots.push(dot);
    callouts.push({ id: l.id, text: `${l.label}${l.proposed === true ? (l.lowConfidence === true ? '??' : '?') : ''}`, anchor: p, group: 'levels', priority: lesionLevels.has(l.label) ? 3 : far ? 1 : 2 });
  }

  // Lesion marks, at their level's mark when it is drawn in full.
  const lesionAt: Array<{ lesion: OverlayLesion; at: Point }> = [];
  for (const lesion of input.lesions) {
    const anchor = lesionAnchor(shownLabels, lesion.levels);
    const dot = anchor === null ? undefined : dots.find((d) => d.of === anchor.id && !d.faint);
    if (dot !== undefined) lesionAt.push({ lesion, at: { x: dot.x, y: dot.y } });
  }

  // Measurements near the plane: lines (key images) and values.
  for (const m of input.measurements) {
    const segs = measurementSegments(m).map(([a, b]) => [project(a), project(b)] as const);
    const points = [...segs.flat(), ...(m.kind === 'text' ? [project(m.points[0])] : [])];
    if (points.length === 0 || points.some((p) => p === null || Math.abs(p.distanceMm) > (input.measurementNearMm ?? input.nearMm))) continue;
    if (input.measurementLines) {
      for (const [a, b] of segs) if (a !== null && b !== null) glyphs.push({ kind: 'line', role: 'measurement', of: m.id, leader: false, x1: a.x, y1: a.y, x2: b.x, y2: b.y });
    }
    const text = input.measurementText ? measurementText(m) : null;
    const anchorPoint = measurementAnchor(m);
    const a = anchorPoint === null ? null : project(anchorPoint);
    if (text !== null && a !== null && inside(a, width, height)) callouts.push({ id: m.id, text, anchor: a, group: 'findings', priority: 1 });
  }

  // Lesion arrowheads point at the lesion from the findings column's side, stopping short of it.
  const spanXs = dots.map((d) => d.x);
  const levelsSide = spanXs.length > 0 ? levelsSideFor(Math.min(...spanXs), Math.max(...spanXs), width) : 'left';
  // The findings' side, unless it has no room for a lesion's name: then the names join the levels' column, and the
  // arrowheads come from there too, so a leader never crosses the spine.
  const findingsRoom = spanXs.length === 0 ? width : levelsSide === 'left' ? width - s.margin - Math.max(...spanXs) - s.arrowGap - s.arrow - s.gap : Math.min(...spanXs) - s.arrowGap - s.arrow - s.gap - s.margin;
  const widest = Math.max(0, ...lesionAt.map(({ lesion }) => textWidth(`Lesion ${lesion.number}`, s.font)));
  const findingsSide = widest <= findingsRoom ? (levelsSide === 'left' ? 'right' : 'left') : levelsSide;
  const dir = findingsSide === 'right' ? 1 : -1;
  const arrows: Array<Extract<Glyph, { kind: 'arrow' }>> = lesionAt.map(({ lesion, at }) => {
    const tip = { x: at.x + dir * s.arrowGap, y: at.y };
    const back = tip.x + dir * s.arrow;
    const half = s.arrow * 0.55;
    const points: [Point, Point, Point] = [tip, { x: back, y: at.y - half }, { x: back, y: at.y + half }];
    return { kind: 'arrow', role: 'lesion', of: lesion.id, points, box: { x0: Math.min(tip.x, back), y0: at.y - half, x1: Math.max(tip.x, back), y1: at.y + half } };
  });
  lesionAt.forEach(({ lesion }, i) => {
    const arrow = arrows[i];
    if (arrow !== undefined) callouts.push({ id: lesion.id, text: `Lesion ${lesion.number}`, anchor: { x: (arrow.box.x0 + arrow.box.x1) / 2 + (dir * s.arrow) / 2, y: (arrow.box.y0 + arrow.box.y1) / 2 }, group: findingsSide === levelsSide ? 'levels' : 'findings', priority: 4 });
  });

  const placement = placeCallouts(callouts, width, height, { fontSize: s.font, gap: s.gap, margin: s.margin }, [...dots.map((d) => d.box), ...arrows.map((a) => a.box)], spanXs.length > 0 ? levelsSide : undefined);
  const roleOf = (id: string): GlyphRole => (dots.some((d) => d.of === id) ? 'level' : input.lesions.some((l) => l.id === id) ? 'lesion' : 'measurement');
  for (const p of placement.placed) {
    const role = roleOf(p.id);
    glyphs.push({ kind: 'line', role, of: p.id, leader: true, x1: p.leader[0].x, y1: p.leader[0].y, x2: p.leader[1].x, y2: p.leader[1].y });
  }
  glyphs.push(...dots, ...arrows);
  for (const p of placement.placed) glyphs.push({ kind: 'text', role: roleOf(p.id), of: p.id, text: p.text, x: p.x, y: p.baseline, fontSize: s.font, align: p.align, box: p.box });
  return { glyphs, dropped: placement.dropped };
}

/** The boxes that must never overlap: every text, level mark and lesion mark. */
export function glyphBoxes(glyphs: readonly Glyph[]): Array<{ readonly kind: Glyph['kind']; readonly of: string; readonly box: Box }> {
  return glyphs.flatMap((g) => (g.kind === 'line' ? [] : [{ kind: g.kind, of: g.of, box: g.box }]));
}
