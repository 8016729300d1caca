import { describe, expect, it } from 'vitest';
import { initialViewerState, viewerReducer } from '../../../src-renderer/viewer/model/viewer-state';
import type { ViewerAction, ViewerState } from '../../../src-renderer/viewer/model/viewer-state';

const apply = (actions: ViewerAction[], state: ViewerState = initialViewerState()): ViewerState => actions.reduce(viewerReducer, state);

describe('viewer reducer', () => {
  it('hangs series into viewports with their initial slices', () => {
    const s = apply([{ type: 'hang', hanging: { layout: '1x2', viewports: ['sag', 'ax'], reformatCandidate: null }, initialSlice: (k) => (k === 'sag' ? 20 : 50) }]);
    expect(s.layout).toBe('1x2');
    expect(s.viewports.map((v) => [v.seriesKey, v.sliceIndex])).toEqual([['sag', 20], ['ax', 50], [null, 0], [null, 0]]);
  });

  it('slices are clamped to the series and unchanged slices keep the same state object', () => {
    const s = apply([{ type: 'slice', viewport: 0, index: 500, count: 112 }]);
    expect(s.viewports[0]?.sliceIndex).toBe(111);
    expect(viewerReducer(s, { type: 'slice', viewport: 0, index: 111, count: 112 })).toBe(s);
    expect(apply([{ type: 'slice', viewport: 0, index: -3, count: 112 }]).viewports[0]?.sliceIndex).toBe(0);
  });

  it('W/L, invert, zoom, pan, and reset back to the defaults (slice kept)', () => {
    const s = apply([
      { type: 'slice', viewport: 1, index: 7, count: 10 },
      { type: 'voi', viewport: 1, voi: { windowWidth: 0, windowCenter: 10 }, preset: 'custom' },
      { type: 'invert', viewport: 1 },
      { type: 'scale', viewport: 1, scale: 1000 },
      { type: 'translate', viewport: 1, translation: { x: 5, y: 6 } },
    ]);
    expect(s.viewports[1]).toMatchObject({ voi: { windowWidth: 1, windowCenter: 10 }, invert: true, scale: 40, translation: { x: 5, y: 6 } });
    const reset = viewerReducer(s, { type: 'reset', viewport: 1 });
    expect(reset.viewports[1]).toMatchObject({ voi: null, invert: false, scale: null, translation: { x: 0, y: 0 }, sliceIndex: 7 });
  });

  it('layout change keeps the active viewport inside the layout; activate ignores hidden viewports', () => {
    let s = apply([{ type: 'layout', layout: '2x2' }, { type: 'activate', viewport: 3 }]);
    expect(s.active).toBe(3);
    s = viewerReducer(s, { type: 'layout', layout: '1x2' });
    expect(s.active).toBe(1);
    expect(viewerReducer(s, { type: 'activate', viewport: 2 })).toBe(s);
  });

  it('toggles and tools', () => {
    const s = apply([{ type: 'toggle', what: 'help' }, { type: 'tool', tool: 'cobb' }, { type: 'toggle', what: 'referenceLines' }]);
    expect(s).toMatchObject({ help: true, tool: 'cobb', referenceLines: false });
    expect(viewerReducer(s, { type: 'close-help' }).help).toBe(false);
  });
});
