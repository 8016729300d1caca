// jpeg-lossless-decoder-js 2.1.2 names release/lossless.d.ts in package.json but does not ship it;
// this declares the part of its API we use (read from its src/decoder.ts).
declare module 'jpeg-lossless-decoder-js' {
  export class Decoder {
    constructor(buffer?: ArrayBuffer | null, numBytes?: number);
    /** Decodes a whole JPEG lossless codestream; 1 or 2 bytes per sample, components interleaved. */
    decode(buffer?: ArrayBuffer, offset?: number, length?: number, numBytes?: number): Uint8Array | Uint16Array;
    /** Where decoding stopped: yLoc < yDim means rows are missing. */
    xLoc: number;
    yLoc: number;
    xDim: number;
    yDim: number;
    numComp: number;
    precision: number | undefined;
  }
}
