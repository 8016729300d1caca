import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS, methodName } from '@shared/ipc/channels';

// The preload's only dependency; mocked so the real module (which would try to download a binary) never loads.
const exposed = new Map<string, unknown>();
const ipc = {
  invoke: vi.fn((channel: string, request: unknown) => Promise.resolve({ ok: true, value: { channel, request } })),
  on: vi.fn(),
  removeListener: vi.fn(),
};
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer: ipc,
  webUtils: { getPathForFile: (file: { name: string }) => `/dropped/${file.name}` },
}));

type Exposed = Record<string, (...args: unknown[]) => unknown>;
let host: Exposed;

beforeAll(async () => {
  await import('../../../src-main/preload');
  host = exposed.get('host') as Exposed;
});

describe('preload', () => {
  it('exposes exactly one method per channel plus on — never ipcRenderer', () => {
    expect([...exposed.keys()]).toEqual(['host', 'droppedFiles']);
    expect(Object.keys(host).sort()).toEqual([...CHANNELS.map(methodName), 'on'].sort());
    expect(Object.isFrozen(host)).toBe(true);
  });

  it('invokes the channel with the request', async () => {
    await expect(host.appInfo?.({})).resolves.toEqual({ ok: true, value: { channel: 'app:info', request: {} } });
    expect(ipc.invoke).toHaveBeenCalledWith('app:info', {});
  });

  it('subscribes to events with the payload only (never the IPC event and its sender) and unsubscribes', () => {
    const handler = vi.fn();
    const unsubscribe = host.on?.('app:notice', handler) as () => void;
    const [channel, listener] = ipc.on.mock.calls[0] as [string, (event: unknown, payload: unknown) => void];
    expect(channel).toBe('event:app:notice');
    listener({ sender: 'secret' }, { level: 'info', message: 'hi' });
    expect(handler).toHaveBeenCalledWith({ level: 'info', message: 'hi' });
    unsubscribe();
    expect(ipc.removeListener).toHaveBeenCalledWith('event:app:notice', listener);
  });

  it('exposes only the path of a dropped file (webUtils), frozen', () => {
    const dropped = exposed.get('droppedFiles') as { pathOf(file: { name: string }): string };
    expect(Object.keys(dropped)).toEqual(['pathOf']);
    expect(Object.isFrozen(dropped)).toBe(true);
    expect(dropped.pathOf({ name: 'scan.dcm' })).toBe('/dropped/scan.dcm');
  });

  it('refuses unknown events', () => {
    expect(() => host.on?.('app:secrets', () => undefined)).toThrow(/unknown host event/);
  });
});
