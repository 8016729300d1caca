import type { PixelSource } from '../viewer';

/**
 * DICOM bytes of one session's instances: `pixels/<sessionId>/<instanceId>`, relative to the page, so the same
 * fetch reaches the web host (browser mode, token cookie) and Electron's app:// handler.
 */
export function fetchPixelSource(sessionId: string): PixelSource {
  return {
    async fetchInstance(instanceId, signal) {
      const url = `pixels/${encodeURIComponent(sessionId)}/${encodeURIComponent(instanceId)}`;
      const response = await fetch(url, { credentials: 'same-origin', cache: 'no-store', ...(signal === undefined ? {} : { signal }) });
      if (!response.ok) throw new Error(`cannot load image ${instanceId}: HTTP ${response.status} ${(await response.text()).trim()}`);
      return response.arrayBuffer();
    },
  };
}
