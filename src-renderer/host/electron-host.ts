import type { HostBridge } from '@shared/ipc/bridge';
import { methodName } from '@shared/ipc/channels';
import type { HostApi } from '@shared/ipc/contract';
import type { HostResult } from '@shared/ipc/result';
import { buildHostApi } from './build-api';

/** The binding over the preload's `window.host` (Electron). */
export function electronHost(bridge: HostBridge): HostApi {
  return buildHostApi(
    (channel, request) => {
      // The bridge's methods are keyed by name; the request type was checked by the caller's HostApi signature.
      const method = bridge[methodName(channel)] as (req: unknown) => Promise<HostResult<unknown>>;
      return method(request);
    },
    (event, handler) => bridge.on(event, handler),
  );
}
