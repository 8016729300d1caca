import type { HostBridge } from '@shared/ipc/bridge';
import type { HostApi } from '@shared/ipc/contract';
import { electronHost } from './electron-host';
import { httpHost } from './http-host';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    readonly host?: HostBridge;
  }
}

let cached: HostApi | undefined;

/** The one HostApi of this page: the preload's bridge inside Electron, the loopback web host otherwise. */
export function getHost(): HostApi {
  cached ??= window.host === undefined ? httpHost() : electronHost(window.host);
  return cached;
}
