import type { ChannelName, EventName, MethodNameOf } from './channels';
import type { EventPayloadOf, RequestOf, ResponseOf, Unsubscribe } from './contract';
import type { HostResult } from './result';

/**
 * What the Electron preload exposes as `window.host`: the raw envelopes, unwrapped by the renderer's
 * electron-host.ts. (Errors cannot cross the context bridge with their type, so refusals travel as data.)
 */
export type HostBridge = {
  readonly [C in ChannelName as MethodNameOf<C>]: (request: RequestOf<C>) => Promise<HostResult<ResponseOf<C>>>;
} & {
  on<E extends EventName>(event: E, handler: (payload: EventPayloadOf<E>) => void): Unsubscribe;
};
