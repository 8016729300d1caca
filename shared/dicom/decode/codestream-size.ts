import { readJpegFrameHeader } from './jpeg-markers';

/** What a codestream's own frame header says about the image, read before any decoder runs. */
export interface CodestreamSize {
  readonly width: number;
  readonly height: number;
  readonly components: number;
  /** The marker it came from, for messages ("SOF", "SOF55", "SIZ"). */
  readonly marker: string;
}

/** How far into a JP2 file the codestream's SIZ is looked for (the boxes before it are small). */
const JP2_SEARCH_BYTES = 64 * 1024;

/**
 * JPEG 2000 / HTJ2K: the SIZ segment right after SOC (FF4F FF51), or inside a JP2 wrapper. SIZ is Lsiz, Rsiz,
 * Xsiz, Ysiz, XOsiz, YOsiz, XTsiz, YTsiz, XTOsiz, YTOsiz, Csiz (ISO 15444-1 A.5.1); the image is Xsiz−XOsiz wide.
 */
export function readSizMarker(bytes: Uint8Array): CodestreamSize | undefined {
  const end = Math.min(bytes.length, JP2_SEARCH_BYTES);
  for (let p = 0; p + 42 <= end; p++) {
    if (bytes[p] !== 0xff || bytes[p + 1] !== 0x4f || bytes[p + 2] !== 0xff || bytes[p + 3] !== 0x51) continue;
    const view = new DataView(bytes.buffer, bytes.byteOffset + p + 4);
    return {
      width: view.getUint32(4) - view.getUint32(12),
      height: view.getUint32(8) - view.getUint32(16),
      components: view.getUint16(36),
      marker: 'SIZ',
    };
  }
  return undefined;
}

/** JPEG (SOFn) and JPEG-LS (SOF55) frame headers. */
export function readSofMarker(bytes: Uint8Array): CodestreamSize | undefined {
  const sof = readJpegFrameHeader(bytes);
  if (sof === undefined) return undefined;
  return { width: sof.width, height: sof.height, components: sof.components, marker: sof.marker === 0xf7 ? 'SOF55' : 'SOF' };
}
