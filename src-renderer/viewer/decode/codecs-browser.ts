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
import type { Codecs } from '@shared/dicom/decode/codecs';
import { QUIET, codecsFromModules, type EmscriptenFactory, type WasmCodecModule } from '@shared/dicom/decode/wasm-adapters';

async function load(factory: EmscriptenFactory, wasmUrl: string): Promise<WasmCodecModule | undefined> {
  try {
    return await factory({ ...QUIET, locateFile: (path) => (path.endsWith('.wasm') ? wasmUrl : path) });
  } catch {
    // One codec failing to load must not stop the others; its frames report the codec as missing.
    return undefined;
  }
}

/** Raw DEFLATE with the platform's streams (Chromium ≥ 123 knows 'deflate-raw'). */
export async function inflateRawBrowser(deflated: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([deflated as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
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
