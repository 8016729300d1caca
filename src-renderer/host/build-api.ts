import { CHANNELS, methodName, type ChannelName, type EventName } from '@shared/ipc/channels';
import type { EventHandler, HostApi, Unsubscribe } from '@shared/ipc/contract';
import type { HostResult } from '@shared/ipc/result';
import { unwrap } from './host-error';

export type Invoke = (channel: ChannelName, request: unknown) => Promise<HostResult<unknown>>;
export type Subscribe = <E extends EventName>(event: E, handler: EventHandler<E>) => Unsubscribe;

/** Builds the HostApi from one transport's invoke and subscribe: both bindings share the method table. */
export function buildHostApi(invoke: Invoke, subscribe: Subscribe): HostApi {
  const api: Record<string, unknown> = { on: subscribe };
  for (const channel of CHANNELS) {
    api[methodName(channel)] = async (request: unknown) => unwrap(await invoke(channel, request));
  }
  // Built from the channel list at runtime; the per-channel types come from the contract (HostApi).
  return api as HostApi;
}
