/**
 * What the image loader consumes. Both are injected, so the viewer neither knows how bytes travel (HTTP in browser
 * mode, the custom protocol in Electron) nor which decoder runs (the decode pool's workers).
 */
export interface PixelSource {
  /** The whole DICOM file (Part 10 bytes) of an indexed instance. */
  fetchInstance(instanceId: string, signal?: AbortSignal): Promise<ArrayBuffer>;
}

export type StoredPixelArray = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

/** A decoded frame as the viewer needs it (the adapter maps the decode pool's DecodedFrame onto this). */
export interface ViewerFrame {
  readonly rows: number;
  readonly columns: number;
  /** 1 = grey (stored values, before the modality LUT); 3 = colour, interleaved 8-bit RGB. */
  readonly samplesPerPixel: number;
  readonly photometricInterpretation: string;
  readonly pixels: StoredPixelArray;
  readonly rescaleSlope: number;
  readonly rescaleIntercept: number;
  /** First WindowCenter/Width of the file, when present. */
  readonly windowCenter: number | null;
  readonly windowWidth: number | null;
}

/** Pixels only: what a decoder knows. Rescale and window values come from the catalogue (the index). */
export type DecodedPixels = Omit<ViewerFrame, 'rescaleSlope' | 'rescaleIntercept' | 'windowCenter' | 'windowWidth'>;

export interface FrameDecoder {
  decode(bytes: ArrayBuffer, request: { readonly instanceId: string; readonly frame: number }): Promise<DecodedPixels>;
}

/** Produces a decoded frame for an imageId of one scheme (files, reformats, synthetic test images). */
export type FrameProvider = (imageId: string) => Promise<ViewerFrame>;
