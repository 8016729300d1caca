import type { DecodePool } from '../decode/decode-pool';
import type { DecodedPixels, FrameDecoder } from './types';

/**
 * FrameDecoder over the decode engineer's worker pool. Every request is 'viewed' priority here because the
 * viewport asks for the slice on screen first and prefetches after; the pool orders the rest.
 * Palette colour is refused with a clear message for now (the pool returns indices plus the palette).
 */
export function poolFrameDecoder(pool: DecodePool): FrameDecoder {
  return {
    async decode(bytes, request): Promise<DecodedPixels> {
      const frame = await pool.decode({ bytes, key: request.instanceId }, request.frame, 'viewed').promise;
      if (frame.photometricInterpretation === 'PALETTE COLOR') throw new Error('PALETTE COLOR images are not displayed yet');
      return {
        rows: frame.rows,
        columns: frame.columns,
        samplesPerPixel: frame.samplesPerPixel,
        photometricInterpretation: frame.photometricInterpretation,
        pixels: frame.pixels,
      };
    },
  };
}
