import type { ReformatRequest, ReformatResponse } from './protocol';
import { allocateVolume, cutSlice, writeSlice } from './reformat-core';
import type { HeldVolume } from './reformat-core';

// Module worker: receives a volume slice by slice, answers reformat requests with transferable pixel buffers.
// The renderer program is typed with the DOM lib; the few worker-scope members used here are declared locally.
interface WorkerScope {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<ReformatRequest>) => void) | null;
}
const scope = self as unknown as WorkerScope;
const volumes = new Map<string, HeldVolume>();

const reply = (message: ReformatResponse): void => {
  if (message.type === 'slice') scope.postMessage(message, [message.pixels.buffer]);
  else scope.postMessage(message);
};

scope.onmessage = (event: MessageEvent<ReformatRequest>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      volumes.set(message.volumeId, allocateVolume(message.geometry, message.voxelType));
      return;
    case 'slice-data': {
      const volume = volumes.get(message.volumeId);
      if (volume !== undefined) writeSlice(volume, message.index, message.pixels as unknown as ArrayLike<number>);
      return;
    }
    case 'drop':
      volumes.delete(message.volumeId);
      return;
    case 'reformat': {
      const volume = volumes.get(message.volumeId);
      if (volume === undefined) {
        reply({ type: 'error', requestId: message.requestId, reason: `volume ${message.volumeId} is not loaded` });
        return;
      }
      const result = cutSlice(volume, message.orientation, message.index);
      if (result.ok) reply({ type: 'slice', requestId: message.requestId, ...result.value });
      else reply({ type: 'error', requestId: message.requestId, reason: result.reason });
    }
  }
};
