import { Decoder } from 'jpeg-lossless-decoder-js';
import type { CodecOutput } from './codecs';
import { DicomLoadError, thrownText } from './errors';
import { decodeLosslessFast } from './jpeg-lossless-fast';

/** JPEG Lossless (Process 14, any predictor) with the pure-JS decoder; output little-endian bytes. */
export function decodeJpegLossless(encoded: Uint8Array): CodecOutput {
  // The plain single-component case in one table-driven pass; anything else (or damage) through the library.
  const fast = decodeLosslessFast(encoded);
  if (fast !== undefined) {
    const s = fast.samples;
    const bytes = s instanceof Uint16Array ? new Uint8Array(s.buffer, s.byteOffset, s.byteLength) : s;
    return { bytes, width: fast.width, height: fast.height, bitsPerSample: fast.precision, componentCount: 1 };
  }
  return decodeWithLibrary(encoded);
}

/** The library decoder (jpeg-lossless-decoder-js): every JPEG Lossless the fast path does not take. */
export function decodeWithLibrary(encoded: Uint8Array): CodecOutput {
  const decoder = new Decoder();
  let samples: Uint8Array | Uint16Array;
  const padded = padBeforeEoi(encoded);
  try {
    samples = decoder.decode(padded.buffer as ArrayBuffer, padded.byteOffset, padded.byteLength);
  } catch (thrown) {
    throw new DicomLoadError('decode-failed', `JPEG Lossless decoder failed: ${thrownText(thrown)}`, { cause: thrown });
  }
  if (decoder.yLoc < decoder.yDim) {
    throw new DicomLoadError('decode-failed', `JPEG Lossless data ends early: ${decoder.yLoc} of ${decoder.yDim} rows decoded`);
  }
  const bitsPerSample = decoder.precision ?? (samples instanceof Uint16Array ? 16 : 8);
  const bytes =
    samples instanceof Uint16Array
      ? new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength) // platform little endian (all our targets)
      : samples;
  return { bytes, width: decoder.xDim, height: decoder.yDim, bitsPerSample, componentCount: decoder.numComp };
}

/**
 * jpeg-lossless-decoder-js drops the last pixel when its Huffman look-ahead runs into the EOI marker
 * (seen on CTImage .70: last pixel left 0). Four zero bytes before EOI give it bits to look ahead
 * into; they lie after the last code, so they change no decoded value.
 */
function padBeforeEoi(encoded: Uint8Array): Uint8Array {
  let end = encoded.length;
  while (end > 2 && encoded[end - 1] === 0x00) end--; // even-length padding after EOI
  if (encoded[end - 2] !== 0xff || encoded[end - 1] !== 0xd9) return encoded;
  const out = new Uint8Array(end + 4);
  out.set(encoded.subarray(0, end - 2));
  out.set([0xff, 0xd9], end + 2);
  return out;
}
