import { describe, expect, it, vi } from 'vitest';
import { installCloseHandshake } from '../../../src-main/window/close-handshake';
import type { ClosableWindow, CloseEvent } from '../../../src-main/window/close-handshake';

/** A BrowserWindow stand-in: close() emits 'close' and, unless prevented, destroys the window. */
function fakeWindow(options: { crashed?: boolean } = {}) {
  const listeners: ((e: CloseEvent) => void)[] = [];
  let destroyed = false;
  const window: ClosableWindow = {
    on: (_event, listener) => listeners.push(listener),
    close() {
      let prevented = false;
      for (const l of listeners) l({ preventDefault: () => (prevented = true) });
      if (!prevented) destroyed = true;
    },
    isDestroyed: () => destroyed,
    webContents: { isCrashed: () => options.crashed ?? false, isDestroyed: () => false },
  };
  return { window, destroyed: () => destroyed };
}

describe('window close handshake', () => {
  it('holds the first close, asks the renderer, and closes when it answers', () => {
    vi.useFakeTimers();
    const { window, destroyed } = fakeWindow();
    const ask = vi.fn();
    const handshake = installCloseHandshake(window, { askRenderer: ask, timeoutMs: 3000 });
    window.close();
    expect(destroyed()).toBe(false);
    expect(ask).toHaveBeenCalledWith(3000);
    window.close(); // a second request while waiting asks nothing new
    expect(ask).toHaveBeenCalledTimes(1);
    handshake.rendererReady();
    expect(destroyed()).toBe(true);
    vi.useRealTimers();
  });

  it('a renderer that never answers cannot block closing: the wait is bounded', () => {
    vi.useFakeTimers();
    const { window, destroyed } = fakeWindow();
    const log = vi.fn();
    installCloseHandshake(window, { askRenderer: () => undefined, timeoutMs: 3000, log });
    window.close();
    vi.advanceTimersByTime(2999);
    expect(destroyed()).toBe(false);
    vi.advanceTimersByTime(1);
    expect(destroyed()).toBe(true);
    expect(log.mock.calls[0]?.[0]).toMatch(/no answer within 3000 ms/);
    vi.useRealTimers();
  });

  it('a crashed renderer is not asked; a late answer after the timeout does nothing', () => {
    vi.useFakeTimers();
    const crashed = fakeWindow({ crashed: true });
    const ask = vi.fn();
    const h = installCloseHandshake(crashed.window, { askRenderer: ask });
    crashed.window.close();
    vi.advanceTimersByTime(0);
    expect(ask).not.toHaveBeenCalled();
    expect(crashed.destroyed()).toBe(true);
    h.rendererReady();
    expect(h.state()).toBe('closing');
    vi.useRealTimers();
  });
});
