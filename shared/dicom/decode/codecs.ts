/**
 * The wasm codecs, injected: shared/ may not import @cornerstonejs/* (layering), so the Node side
 * (src-main/services/codecs-node.ts) and the renderer (src-renderer/viewer/decode/codecs-browser.ts)
 * load them and pass this object to decodeFrame. Every member is optional: a missing one makes
 * frames of that kind fail with 'unsupported-transfer-syntax' rather than crash.
 */

/** What the file says about the frame; codecs may use it as a hint (e.g. expected size). */
export interface FrameHint {
  readonly rows: number;
  readonly columns: number;
  readonly samplesPerPixel: number;
  readonly bitsAllocated: number;
  readonly bitsStored: number;
  readonly signed: boolean;
}

/** A codec's output: raw little-endian samples plus what the bitstream itself reported. */
export interface CodecOutput {
  /** A copy owned by the caller (never a view into wasm memory). 1 or 2 bytes per sample, little endian. */
  readonly bytes: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly bitsPerSample: number;
  readonly componentCount: number;
  /** True when colour components come plane by plane (JPEG-LS interleave mode 0); default interleaved. */
  readonly planar?: boolean;
}

export type CodecFn = (encoded: Uint8Array, hint: FrameHint) => Promise<CodecOutput>;

export interface Codecs {
  /** 8-bit DCT JPEG (baseline, extended 8-bit, progressive); YCbCr is converted to RGB by the codec. */
  readonly decodeJpegBaseline?: CodecFn;
  readonly decodeJpegLs?: CodecFn;
  /** JPEG 2000 Part 1 (J2K or JP2); RCT/ICT colour transforms are undone by the codec. */
  readonly decodeJ2k?: CodecFn;
  readonly decodeHtj2k?: CodecFn;
  /**
   * Raw DEFLATE (RFC 1951, no zlib header) for the deflated transfer syntaxes. Node: a zlib stream;
   * browser: new DecompressionStream('deflate-raw').
   */
  readonly inflateRaw?: InflateRaw;
}

/** What a bounded inflate gave: at most `limit` bytes (after `head`, when one was given). */
export interface Inflated {
  /** `head` followed by the inflated bytes. */
  readonly bytes: Uint8Array;
  /** False when the stream had more to give than `limit` (it was stopped there, nothing past it was produced). */
  readonly complete: boolean;
}

/**
 * Raw DEFLATE with an output limit: a deflate bomb (1 MB inflating to 1 GiB) costs at most `limit` bytes of memory
 * and the time to produce them. `head` is put in front of the output in the same buffer (a data set's meta header:
 * no second copy to join them). Rejects when the stream is corrupt.
 */
export type InflateRaw = (deflated: Uint8Array, limit: number, head?: Uint8Array) => Promise<Inflated>;
