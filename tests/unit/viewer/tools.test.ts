import { describe, expect, it } from 'vitest';
import { dragPan, dragWindowLevel, dragZoom, fitScale, MAX_SCALE, MIN_SCALE } from '../../../src-renderer/viewer/tools/drag';
import { drawStep, idle, previewPoints } from '../../../src-renderer/viewer/tools/draw';
import type { DrawEvent, DrawState } from '../../../src-renderer/viewer/tools/draw';
import { hitTest, segmentsFor } from '../../../src-renderer/viewer/tools/hit-test';

type P = { readonly x: number; readonly y: number };
const down = (x: number, y: number): DrawEvent<P> => ({ type: 'down', point: { x, y }, screen: { x, y } });
const up = (x: number, y: number): DrawEvent<P> => ({ type: 'up', point: { x, y }, screen: { x, y } });
const move = (x: number, y: number): DrawEvent<P> => ({ type: 'move', point: { x, y } });

function run(events: DrawEvent<P>[], needed: number): { state: DrawState<P>; completed: (readonly P[])[] } {
  let state: DrawState<P> = idle();
  const completed: (readonly P[])[] = [];
  for (const e of events) {
    const r = drawStep(state, e, needed);
    state = r.state;
    if (r.completed) completed.push(r.completed);
  }
  return { state, completed };
}

describe('draw state machine', () => {
  it('length by press-drag-release', () => {
    const r = run([down(0, 0), move(5, 5), up(10, 0)], 2);
    expect(r.completed).toEqual([[{ x: 0, y: 0 }, { x: 10, y: 0 }]]);
    expect(r.state.phase).toBe('idle');
  });

  it('length by click, click (a release within the slop is not a point)', () => {
    const r = run([down(0, 0), up(1, 1), move(20, 0), down(20, 0), up(20, 0)], 2);
    expect(r.completed).toEqual([[{ x: 0, y: 0 }, { x: 20, y: 0 }]]);
  });

  it('angle: drag the first arm, click the third point', () => {
    const r = run([down(0, 0), up(10, 0), move(10, 10), down(10, 10), up(10, 10)], 3);
    expect(r.completed).toEqual([[{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }]]);
  });

  it('cobb: two dragged lines, completes only after the fourth point', () => {
    const first = run([down(0, 0), up(10, 0)], 4);
    expect(first.completed).toEqual([]);
    expect(first.state.phase).toBe('placing');
    const r = run([down(0, 0), up(10, 0), down(0, 20), up(10, 25)], 4);
    expect(r.completed[0]).toHaveLength(4);
  });

  it('preview shows the placed points plus the cursor; cancel returns to idle', () => {
    let state: DrawState<P> = drawStep(idle<P>(), down(0, 0), 2).state;
    state = drawStep(state, move(3, 4), 2).state;
    expect(previewPoints(state)).toEqual([{ x: 0, y: 0 }, { x: 3, y: 4 }]);
    expect(drawStep(state, { type: 'cancel' }, 2).state).toEqual({ phase: 'idle' });
    expect(previewPoints(idle<P>())).toEqual([]);
  });

  it('a release without a press is ignored', () => {
    expect(run([up(5, 5)], 2)).toEqual({ state: { phase: 'idle' }, completed: [] });
  });
});

describe('drag tools', () => {
  it('W/L: right widens, down raises the level; width never below 1', () => {
    const start = { windowWidth: 400, windowCenter: 40 };
    const v = dragWindowLevel(start, 30, -30);
    expect(v.windowWidth).toBeCloseTo(440);
    expect(v.windowCenter).toBeCloseTo(0);
    expect(dragWindowLevel(start, -10000, 0).windowWidth).toBe(1);
    expect(dragWindowLevel({ windowWidth: 80, windowCenter: 40 }, 10, 0).windowWidth).toBe(90); // 1 unit/px floor
  });

  it('pan divides canvas movement by the scale', () => {
    expect(dragPan({ x: 1, y: 2 }, 20, -10, 2)).toEqual({ x: 11, y: -3 });
  });

  it('zoom: up zooms in, down out, clamped', () => {
    expect(dragZoom(1, -69.3)).toBeCloseTo(2, 2);
    expect(dragZoom(1, 100)).toBeLessThan(1);
    expect(dragZoom(1, 1e6)).toBe(MIN_SCALE);
    expect(dragZoom(1, -1e6)).toBe(MAX_SCALE);
  });

  it('fit scale keeps the physical aspect for non-square pixels', () => {
    expect(fitScale({ width: 512, height: 512 }, { columns: 256, rows: 256, columnPixelSpacing: 1, rowPixelSpacing: 1 })).toBe(2);
    // rows twice as far apart as columns: the image is drawn twice as tall
    expect(fitScale({ width: 400, height: 400 }, { columns: 100, rows: 100, columnPixelSpacing: 1, rowPixelSpacing: 2 })).toBe(2);
  });
});

describe('hit testing', () => {
  const shapes = [
    { id: 'a', points: [{ x: 0, y: 0 }, { x: 100, y: 0 }], segments: segmentsFor('length', 2) },
    { id: 'b', points: [{ x: 50, y: 4 }, { x: 50, y: 100 }], segments: segmentsFor('length', 2) },
  ];
  it('a handle beats a nearer segment', () => {
    expect(hitTest(shapes, { x: 52, y: 3 })).toEqual({ id: 'b', kind: 'handle', index: 0 });
  });
  it('segments are picked along their length; far away picks nothing', () => {
    expect(hitTest(shapes, { x: 25, y: 3 })).toEqual({ id: 'a', kind: 'segment' });
    expect(hitTest(shapes, { x: 25, y: 50 })).toBeNull();
  });
  it('segments per kind', () => {
    expect(segmentsFor('cobb', 4)).toEqual([[0, 1], [2, 3]]);
    expect(segmentsFor('angle', 3)).toEqual([[0, 1], [1, 2]]);
    expect(segmentsFor('arrow', 1)).toEqual([]);
  });
});
