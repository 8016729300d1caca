import { Decoder } from 'jpeg-lossless-decoder-js';
import type { CodecOutput } from './codecs';
import { DicomLoadError, thrownText } from './errors';

/** JPEG Lossless (Process 14, any predictor) with the pure-JS decoder; output little-endian bytes. */
export function decodeJpegLossless(encoded: Uint8Array): CodecOutput {
  const decoder = new Decoder();
  let samples: Uint8Array | Uint16Array;
  try {
    // The decoder reads an ArrayBuffer from an offset, so no copy is needed.
    samples = decoder.decode(encoded.buffer as ArrayBuffer, encoded.byteOffset, encoded.byteLength);
  } catch (thrown) {
    throw new DicomLoadError('decode-failed', `JPEG Lossless decoder failed: ${thrownText(thrown)}`, { cause: thrown });
  }
  const bitsPerSample = decoder.precision ?? (samples instanceof Uint16Array ? 16 : 8);
  const bytes =
    samples instanceof Uint16Array
      ? new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength) // platform little endian (all our targets)
      : samples;
  return { bytes, width: decoder.xDim, height: decoder.yDim, bitsPerSample, componentCount: decoder.numComp };
}
