import { describe, expect, it } from 'vitest';
import { ViewerStore } from '../../../src-renderer/viewer/model/viewer-store';

describe('ViewerStore runtime facts', () => {
  it('stores every fact, but only loading and error changes notify subscribers (scrolling renders once per slice)', () => {
    const store = new ViewerStore();
    let notified = 0;
    store.subscribe(() => notified++);
    store.setRuntime(0, { imageId: 'spine:a', imageVoi: { windowWidth: 400, windowCenter: 40 }, fitScale: 1.5 });
    expect(notified).toBe(0);
    expect(store.getRuntime(0)).toMatchObject({ imageId: 'spine:a', imageVoi: { windowWidth: 400, windowCenter: 40 }, fitScale: 1.5 });
    store.setRuntime(0, { loading: true });
    expect(notified).toBe(1);
    store.setRuntime(0, { loading: true });
    expect(notified).toBe(1);
    store.setRuntime(0, { loading: false, error: 'broken frame' });
    expect(notified).toBe(2);
    expect(store.getRuntime(0).error).toBe('broken frame');
    expect(store.getRuntime(1).imageId).toBeNull();
  });

  it('an equal window (a new object with the same values) is no change', () => {
    const store = new ViewerStore();
    store.setRuntime(0, { imageVoi: { windowWidth: 400, windowCenter: 40 } });
    const before = store.getRuntime(0);
    store.setRuntime(0, { imageVoi: { windowWidth: 400, windowCenter: 40 } });
    expect(store.getRuntime(0)).toBe(before);
    store.setRuntime(0, { imageVoi: { windowWidth: 1800, windowCenter: 400 } });
    expect(store.getRuntime(0).imageVoi).toEqual({ windowWidth: 1800, windowCenter: 400 });
  });
});
