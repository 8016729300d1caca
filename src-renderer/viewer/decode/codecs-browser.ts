// The wasm codecs in the renderer (page or worker): Vite bundles each emscripten factory and serves its
// .wasm as an asset; `locateFile` points the factory at that asset's URL (served as application/wasm).

import libjpegTurboFactory from '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs';
import libjpegTurboWasm from '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasm?url';
import charlsFactory from '@cornerstonejs/codec-charls/decodewasmjs';
import charlsWasm from '@cornerstonejs/codec-charls/decodewasm?url';
import openjpegFactory from '@cornerstonejs/codec-openjpeg/decodewasmjs';
import openjpegWasm from '@cornerstonejs/codec-openjpeg/decodewasm?url';
import openjphFactory from '@cornerstonejs/codec-openjph/wasmjs';
import openjphWasm from '@cornerstonejs/codec-openjph/wasm?url';
import type { Codecs, InflateRaw } from '@shared/dicom/decode/codecs';
import { QUIET, codecsFromModules, type EmscriptenFactory, type WasmCodecModule } from '@shared/dicom/decode/wasm-adapters';

async function load(factory: EmscriptenFactory, wasmUrl: string): Promise<WasmCodecModule | undefined> {
  try {
    return await factory({ ...QUIET, locateFile: (path) => (path.endsWith('.wasm') ? wasmUrl : path) });
  } catch {
    // One codec failing to load must not stop the others; its frames report the codec as missing.
    return undefined;
  }
}

/**
 * Raw DEFLATE with the platform's streams (Chromium ≥ 123 knows 'deflate-raw'), read chunk by chunk and cancelled
 * once past `limit`: a deflate bomb costs at most `limit` bytes.
 */
export const inflateRawBrowser: InflateRaw = async (deflated, limit, head) => {
  const stream = new Blob([deflated as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = head === undefined ? [] : [head];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = limit - length;
    chunks.push(value.length > room ? value.subarray(0, room) : value);
    length += Math.min(value.length, room);
    if (value.length > room) {
      await reader.cancel();
      return { bytes: joined(chunks, (head?.length ?? 0) + length), complete: false };
    }
  }
  return { bytes: joined(chunks, (head?.length ?? 0) + length), complete: true };
};

function joined(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

let cached: Promise<Codecs> | undefined;

/** All codecs, loaded once per page or worker on first use. */
export function browserCodecs(): Promise<Codecs> {
  cached ??= (async () => {
    const [libjpegTurbo, charls, openjpeg, openjph] = await Promise.all([
      load(libjpegTurboFactory, libjpegTurboWasm),
      load(charlsFactory, charlsWasm),
      load(openjpegFactory, openjpegWasm),
      load(openjphFactory, openjphWasm),
    ]);
    return codecsFromModules(
      {
        ...(libjpegTurbo ? { libjpegTurbo } : {}),
        ...(charls ? { charls } : {}),
        ...(openjpeg ? { openjpeg } : {}),
        ...(openjph ? { openjph } : {}),
      },
      inflateRawBrowser,
    );
  })();
  return cached;
}
