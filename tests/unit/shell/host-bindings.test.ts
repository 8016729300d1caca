import { describe, expect, it, vi } from 'vitest';
import type { HostBridge } from '@shared/ipc/bridge';
import { CHANNELS, methodName } from '@shared/ipc/channels';
import { electronHost } from '../../../src-renderer/host/electron-host';
import { HostError } from '../../../src-renderer/host/host-error';

function fakeBridge(overrides: Partial<HostBridge> = {}): HostBridge {
  // Channels these tests never call are refused; built from the list so a new channel needs no edit here.
  const unused = Object.fromEntries(
    CHANNELS.map((channel) => [methodName(channel), async () => ({ ok: false, refusal: { code: 'unknown-channel', channel, problems: [] } })]),
  );
  // The stubs above are typed loosely (one per channel name); the named ones below carry the real types.
  return {
    ...(unused as unknown as HostBridge),
    appInfo: async () => ({ ok: true, value: { name: 'Spine Met Annotator', version: '1.0.0', mode: 'electron' } }),
    appLogRendererError: async () => ({ ok: true, value: {} }),
    on: () => () => undefined,
    ...overrides,
  };
}

describe('electronHost (renderer binding over the preload bridge)', () => {
  it('unwraps a successful call', async () => {
    await expect(electronHost(fakeBridge()).appInfo({})).resolves.toEqual({ name: 'Spine Met Annotator', version: '1.0.0', mode: 'electron' });
  });

  it('turns a refusal into a HostError carrying the problems', async () => {
    const bridge = fakeBridge({
      appLogRendererError: async () => ({ ok: false, refusal: { code: 'invalid-request', channel: 'app:log-renderer-error', problems: ['message: Required'] } }),
    });
    const call = electronHost(bridge).appLogRendererError({ message: 'x' });
    await expect(call).rejects.toBeInstanceOf(HostError);
    await expect(call).rejects.toThrow('app:log-renderer-error refused (invalid-request): message: Required');
  });

  it('passes event subscriptions through', () => {
    const off = vi.fn();
    const on = vi.fn(() => off);
    const unsubscribe = electronHost(fakeBridge({ on })).on('app:notice', () => undefined);
    expect(on).toHaveBeenCalledWith('app:notice', expect.any(Function));
    unsubscribe();
    expect(off).toHaveBeenCalledOnce();
  });
});
