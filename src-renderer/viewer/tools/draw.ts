/**
 * The state machine that creates a measurement from pointer events, generic over the point type (the viewport
 * uses image points; tests use plain numbers-in-objects). Each segment can be drawn either by press-drag-release
 * or by click, click:
 * - length, arrow: 2 points; angle: 3 (arm end, vertex, arm end); cobb: 4 (two separate lines).
 * A press adds a point; a release far enough from the last point (a drag) adds the release point too.
 * Completion happens on the release that brings the count to the tool's number of points.
 */
export interface Screen {
  readonly x: number;
  readonly y: number;
}

export type DrawState<P> =
  | { readonly phase: 'idle' }
  | {
      readonly phase: 'placing';
      readonly points: readonly P[];
      /** Where the last point was pressed, in canvas pixels (for telling a drag from a click). */
      readonly pressedAt: Screen | null;
      readonly cursor: P;
    };

export type DrawEvent<P> =
  | { readonly type: 'down'; readonly point: P; readonly screen: Screen }
  | { readonly type: 'move'; readonly point: P }
  | { readonly type: 'up'; readonly point: P; readonly screen: Screen }
  | { readonly type: 'cancel' };

export interface DrawResult<P> {
  readonly state: DrawState<P>;
  /** The finished points, once, on the event that completes the shape. */
  readonly completed: readonly P[] | null;
}

/** A release within this many canvas pixels of the press is a click, not a drag. */
export const CLICK_SLOP_PX = 4;

export const idle = <P>(): DrawState<P> => ({ phase: 'idle' });

export function drawStep<P>(state: DrawState<P>, event: DrawEvent<P>, pointsNeeded: number): DrawResult<P> {
  const none = (next: DrawState<P>): DrawResult<P> => ({ state: next, completed: null });
  switch (event.type) {
    case 'cancel':
      return none(idle());
    case 'move':
      return state.phase === 'placing' ? none({ ...state, cursor: event.point }) : none(state);
    case 'down': {
      const points = state.phase === 'placing' ? [...state.points, event.point] : [event.point];
      return none({ phase: 'placing', points, pressedAt: event.screen, cursor: event.point });
    }
    case 'up': {
      if (state.phase !== 'placing' || state.pressedAt === null) return none(state);
      const dragged = Math.hypot(event.screen.x - state.pressedAt.x, event.screen.y - state.pressedAt.y) > CLICK_SLOP_PX;
      const points = dragged ? [...state.points, event.point] : [...state.points];
      if (points.length >= pointsNeeded) return { state: idle(), completed: points.slice(0, pointsNeeded) };
      return none({ phase: 'placing', points, pressedAt: null, cursor: event.point });
    }
  }
}

/** Points to preview while placing: the placed ones plus the cursor (as the next point). */
export function previewPoints<P>(state: DrawState<P>): readonly P[] {
  return state.phase === 'placing' ? [...state.points, state.cursor] : [];
}
