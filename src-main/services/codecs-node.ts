import { createRequire } from 'node:module';
import type { Codecs } from '@shared/dicom/decode/codecs';
import { inflateRawNode } from './inflate-raw';
import { QUIET, codecsFromModules, type EmscriptenFactory, type WasmCodecModule } from '@shared/dicom/decode/wasm-adapters';

/**
 * The wasm codecs in Node. Each @cornerstonejs package's `*wasmjs` export is a CommonJS emscripten
 * factory that, under Node, reads its .wasm from beside itself with fs (no locateFile needed).
 * Loaded once per process, lazily; a package that fails to load leaves that codec out (its frames
 * then report 'unsupported-transfer-syntax' naming the codec) instead of failing every decode.
 */
const require = createRequire(import.meta.url);

const SPECIFIERS = {
  libjpegTurbo: '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs',
  charls: '@cornerstonejs/codec-charls/decodewasmjs',
  openjpeg: '@cornerstonejs/codec-openjpeg/decodewasmjs',
  openjph: '@cornerstonejs/codec-openjph/wasmjs',
} as const;

async function load(specifier: string): Promise<WasmCodecModule | undefined> {
  try {
    const factory = require(specifier) as EmscriptenFactory;
    return await factory({ ...QUIET });
  } catch {
    return undefined;
  }
}

export { inflateRawNode };

let cached: Promise<Codecs> | undefined;

/** All codecs available in this Node process (loaded on first call, then shared). */
export function nodeCodecs(): Promise<Codecs> {
  cached ??= (async () => {
    const [libjpegTurbo, charls, openjpeg, openjph] = await Promise.all([
      load(SPECIFIERS.libjpegTurbo),
      load(SPECIFIERS.charls),
      load(SPECIFIERS.openjpeg),
      load(SPECIFIERS.openjph),
    ]);
    return codecsFromModules(
      {
        ...(libjpegTurbo ? { libjpegTurbo } : {}),
        ...(charls ? { charls } : {}),
        ...(openjpeg ? { openjpeg } : {}),
        ...(openjph ? { openjph } : {}),
      },
      inflateRawNode,
    );
  })();
  return cached;
}
