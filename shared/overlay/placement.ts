/**
 * Label placement (pure): callouts (a text tied to an anchor point) are set in two columns beside the anchors, one
 * on each side of them, stacked so that no two texts overlap and no text covers an anchor. Texts that cannot be
 * placed without an overlap are dropped (their anchor mark stays), never drawn on top of each other: a 400 px
 * viewport with twenty labels shows what fits. Everything is in output pixels.
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface Callout {
  readonly id: string;
  readonly text: string;
  readonly anchor: Point;
  /** Which column it prefers: levels go on one side of the spine, lesions and measurements on the other. */
  readonly group: 'levels' | 'findings';
  /** Higher is kept first when a column is too short for every text. */
  readonly priority: number;
}

export interface PlacementStyle {
  /** Font size (px). */
  readonly fontSize: number;
  /** Space between the anchors and a column, and between stacked texts (px). */
  readonly gap: number;
  /** Kept free along the output's edges (px). */
  readonly margin: number;
}

export interface PlacedCallout {
  readonly id: string;
  readonly text: string;
  readonly anchor: Point;
  /** The text's box; the text sits on `baseline`, aligned at `x` with `align`. */
  readonly box: Box;
  readonly x: number;
  readonly baseline: number;
  readonly align: 'start' | 'end';
  /** The leader: from the text's edge to the anchor. */
  readonly leader: readonly [Point, Point];
}

export interface Placement {
  readonly placed: readonly PlacedCallout[];
  /** Ids of callouts left without text (no room). */
  readonly dropped: readonly string[];
}

/**
 * Width of a text in a sans-serif face, per character class (DejaVu Sans / Helvetica advance widths, rounded up),
 * so the boxes hold the drawn text in the viewer and in the PDF alike.
 */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) {
    if (/[il.,:;'|!]/.test(ch)) em += 0.34;
    else if (ch === ' ') em += 0.34;
    else if (/[mwMW%]/.test(ch)) em += 1.0;
    else if (/[A-Z]/.test(ch)) em += 0.74;
    else em += 0.64;
  }
  return Math.ceil(em * fontSize) + 2;
}

/** Height of a text line's box (ascent + descent). */
export const lineHeight = (fontSize: number): number => Math.ceil(fontSize * 1.25);

export const boxesOverlap = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Every pair of overlapping boxes, by index (for tests and the test hook). */
export function overlappingPairs(boxes: readonly Box[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (a !== undefined && b !== undefined && boxesOverlap(a, b)) out.push([i, j]);
    }
  }
  return out;
}

interface Sized {
  readonly c: Callout;
  readonly w: number;
}

/**
 * Tops for a column of texts of height h wanting to be centred at `want` (sorted), within [lo, hi], at least `step`
 * apart; null when they do not fit. Pushed down from the top, then back up from the bottom (the classic 1-D sweep).
 */
function stack(want: readonly number[], h: number, step: number, lo: number, hi: number): number[] | null {
  if (want.length * step - (step - h) > hi - lo) return null;
  const tops = want.map((y) => y - h / 2);
  for (let i = 0; i < tops.length; i++) tops[i] = Math.max(tops[i] ?? 0, lo, i > 0 ? (tops[i - 1] ?? 0) + step : lo);
  for (let i = tops.length - 1; i >= 0; i--) tops[i] = Math.min(tops[i] ?? 0, hi - h, i < tops.length - 1 ? (tops[i + 1] ?? 0) - step : hi - h);
  return tops;
}

/** Places one column; drops the lowest-priority texts until the rest fit. */
function column(items: readonly Sized[], side: 'left' | 'right', edge: number, style: PlacementStyle, height: number, fits: (w: number) => boolean): { placed: PlacedCallout[]; dropped: string[] } {
  const h = lineHeight(style.fontSize);
  const step = h + Math.max(2, Math.round(style.gap / 3));
  let kept = items.filter((s) => fits(s.w));
  const dropped = items.filter((s) => !fits(s.w)).map((s) => s.c.id);
  for (;;) {
    const sorted = [...kept].sort((a, b) => a.c.anchor.y - b.c.anchor.y);
    const tops = stack(sorted.map((s) => s.c.anchor.y), h, step, style.margin, height - style.margin);
    if (tops !== null) {
      const placed = sorted.map((s, i): PlacedCallout => {
        const top = tops[i] ?? 0;
        const box = side === 'left' ? { x0: edge - s.w, y0: top, x1: edge, y1: top + h } : { x0: edge, y0: top, x1: edge + s.w, y1: top + h };
        const mid = top + h / 2;
        return {
          id: s.c.id,
          text: s.c.text,
          anchor: s.c.anchor,
          box,
          x: side === 'left' ? edge - 1 : edge + 1,
          baseline: top + Math.round(style.fontSize * 0.95),
          align: side === 'left' ? 'end' : 'start',
          leader: [{ x: side === 'left' ? edge + 2 : edge - 2, y: mid }, s.c.anchor],
        };
      });
      return { placed, dropped };
    }
    // The lowest priority (then the last in the list) goes first.
    const victim = [...kept].sort((a, b) => a.c.priority - b.c.priority)[0];
    if (victim === undefined) return { placed: [], dropped };
    kept = kept.filter((s) => s !== victim);
    dropped.push(victim.c.id);
  }
}

/**
 * Places the callouts in an output of `width`×`height`. `obstacles` are the anchor marks (dots, arrowheads): the
 * columns stand outside their horizontal span, so no text covers one. Levels take the roomier side, findings the
 * other; a group whose side has no room for its texts joins the other column.
 */
export function placeCallouts(callouts: readonly Callout[], width: number, height: number, style: PlacementStyle, obstacles: readonly Box[] = [], forceLevelsSide?: 'left' | 'right'): Placement {
  if (callouts.length === 0) return { placed: [], dropped: [] };
  // The columns flank the spine: the level anchors and the marks. A measurement's anchor may lie anywhere and is
  // reached by its leader instead.
  const xs = [...callouts.filter((c) => c.group === 'levels').map((c) => c.anchor.x), ...obstacles.flatMap((b) => [b.x0, b.x1])];
  if (xs.length === 0) xs.push(...callouts.map((c) => c.anchor.x));
  const leftEdge = Math.min(...xs) - style.gap;
  const rightEdge = Math.max(...xs) + style.gap;
  const roomLeft = leftEdge - style.margin;
  const roomRight = width - style.margin - rightEdge;
  const sized = callouts.map((c) => ({ c, w: textWidth(c.text, style.fontSize) }));
  const levelsSide: 'left' | 'right' = forceLevelsSide ?? (roomLeft >= roomRight ? 'left' : 'right');
  const room = (side: 'left' | 'right'): number => (side === 'left' ? roomLeft : roomRight);
  const other = (side: 'left' | 'right'): 'left' | 'right' => (side === 'left' ? 'right' : 'left');
  const sideOf = (s: Sized): 'left' | 'right' => {
    const preferred = s.c.group === 'levels' ? levelsSide : other(levelsSide);
    return s.w <= room(preferred) ? preferred : s.w <= room(other(preferred)) ? other(preferred) : preferred;
  };
  const out: PlacedCallout[] = [];
  const dropped: string[] = [];
  for (const side of ['left', 'right'] as const) {
    const items = sized.filter((s) => sideOf(s) === side);
    const r = column(items, side, side === 'left' ? leftEdge : rightEdge, style, height, (w) => w <= room(side));
    out.push(...r.placed);
    dropped.push(...r.dropped);
  }
  return { placed: out, dropped };
}

/** The side the level column takes for anchors spanning [x0, x1] in an output `width` wide: the roomier one. */
export function levelsSideFor(x0: number, x1: number, width: number): 'left' | 'right' {
  return x0 >= width - x1 ? 'left' : 'right';
}
