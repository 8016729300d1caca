/*
 * The preload: sandboxed CommonJS, so it imports nothing from node_modules but 'electron' (our own zod-free channel
 * list is bundled in). It exposes one method per contract channel and `on` for push events — never ipcRenderer
 * itself, never the IPC event object (which carries the sender).
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { HostBridge } from '@shared/ipc/bridge';
import { CHANNELS, eventIpcChannel, isEventName, methodName } from '@shared/ipc/channels';

type Listener = (payload: unknown) => void;

const api: Record<string, unknown> = {};
for (const channel of CHANNELS) {
  api[methodName(channel)] = (request: unknown): Promise<unknown> => ipcRenderer.invoke(channel, request);
}

api.on = (event: unknown, handler: Listener): (() => void) => {
  if (!isEventName(event)) throw new Error(`unknown host event: ${String(event)}`);
  const channel = eventIpcChannel(event);
  const listener = (_event: unknown, payload: unknown): void => handler(payload);
  ipcRenderer.on(channel, listener);
  return () => {
    ipcRenderer.removeListener(channel, listener);
  };
};

// Built from the channel list at runtime, so the compiler cannot see the method names; the shape is HostBridge.
contextBridge.exposeInMainWorld('host', Object.freeze(api) as HostBridge);

// Drag and drop: a dropped File's filesystem path (empty for files that have none), and nothing more.
// The renderer's twin of this shape is DroppedFilesBridge in src-renderer/study/drop-paths.ts.
const droppedFiles = Object.freeze({
  pathOf: (file: File): string => webUtils.getPathForFile(file),
});
contextBridge.exposeInMainWorld('droppedFiles', droppedFiles);
