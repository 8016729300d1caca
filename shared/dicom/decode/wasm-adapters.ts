import type { CodecFn, CodecOutput, Codecs } from './codecs';

/**
 * The shape of the @cornerstonejs emscripten codec modules (embind classes JpegLSDecoder, JPEGDecoder,
 * J2KDecoder, HTJ2KDecoder; read from their READMEs and exported names). Loading them is platform
 * specific (src-main/services/codecs-node.ts, src-renderer/viewer/decode/codecs-browser.ts); turning
 * an instantiated module into a CodecFn is not, so it lives here. Nothing here imports the packages.
 */
export interface WasmFrameInfo {
  readonly width: number;
  readonly height: number;
  readonly bitsPerSample: number;
  readonly componentCount: number;
  readonly isSigned?: boolean;
}

export interface WasmDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  readHeader?(): void;
  decode(): void;
  getFrameInfo(): WasmFrameInfo;
  getDecodedBuffer(): Uint8Array | Uint8ClampedArray;
  getInterleaveMode?(): number;
  delete(): void;
}

export interface WasmCodecModule {
  /** Present in builds that export it: turns a thrown C++ exception pointer into its message. */
  readonly getExceptionMessage?: (pointer: number) => string | readonly string[];
  readonly [className: string]: unknown;
}

/** Options every emscripten factory takes: where the .wasm is, and where its logging goes. */
export interface EmscriptenOptions {
  locateFile?: (path: string, prefix: string) => string;
  print?: (text: string) => void;
  printErr?: (text: string) => void;
}

export type EmscriptenFactory = (options?: EmscriptenOptions) => Promise<WasmCodecModule>;

/** Silences codec logging (OpenJPEG prints "[INFO]" lines, which would pollute the CLI's stdout). */
export const QUIET: Pick<EmscriptenOptions, 'print' | 'printErr'> = { print: () => undefined, printErr: () => undefined };

function decoderClass(module: WasmCodecModule, name: string): new () => WasmDecoder {
  const ctor = module[name];
  if (typeof ctor !== 'function') throw new Error(`codec module has no ${name} class`);
  return ctor as new () => WasmDecoder;
}

function wasmMessage(module: WasmCodecModule, thrown: unknown): unknown {
  if (typeof thrown !== 'number') return thrown;
  const message = module.getExceptionMessage?.(thrown);
  const text = Array.isArray(message) ? message.join(': ') : message;
  return new Error(typeof text === 'string' && text !== '' ? text : 'the codec rejected the bitstream');
}

/** Wraps one embind decoder class as a CodecFn: copy in, decode, copy out, always free. */
export function wasmCodec(module: WasmCodecModule, className: string): CodecFn {
  const Decoder = decoderClass(module, className);
  return (encoded) => {
    const decoder = new Decoder();
    try {
      decoder.getEncodedBuffer(encoded.length).set(encoded);
      decoder.decode();
      const info = decoder.getFrameInfo();
      const view = decoder.getDecodedBuffer();
      // Copy out of wasm memory before delete() frees it.
      const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength).slice();
      const planar = info.componentCount > 1 && decoder.getInterleaveMode?.() === 0;
      const out: CodecOutput = {
        bytes,
        width: info.width,
        height: info.height,
        bitsPerSample: info.bitsPerSample,
        componentCount: info.componentCount,
        planar,
      };
      return Promise.resolve(out);
    } catch (thrown) {
      return Promise.reject(wasmMessage(module, thrown));
    } finally {
      decoder.delete();
    }
  };
}

/** The instantiated modules, any of which may be missing. */
export interface WasmCodecModules {
  readonly libjpegTurbo?: WasmCodecModule;
  readonly charls?: WasmCodecModule;
  readonly openjpeg?: WasmCodecModule;
  readonly openjph?: WasmCodecModule;
}

/** Codecs from instantiated modules plus the platform's raw inflater. */
export function codecsFromModules(modules: WasmCodecModules, inflateRaw?: Codecs['inflateRaw']): Codecs {
  return {
    ...(modules.libjpegTurbo ? { decodeJpegBaseline: wasmCodec(modules.libjpegTurbo, 'JPEGDecoder') } : {}),
    ...(modules.charls ? { decodeJpegLs: wasmCodec(modules.charls, 'JpegLSDecoder') } : {}),
    ...(modules.openjpeg ? { decodeJ2k: wasmCodec(modules.openjpeg, 'J2KDecoder') } : {}),
    ...(modules.openjph ? { decodeHtj2k: wasmCodec(modules.openjph, 'HTJ2KDecoder') } : {}),
    ...(inflateRaw ? { inflateRaw } : {}),
  };
}
