/** Why a file or frame could not be loaded; callers match on `code`, users read `message`. */
export type DicomLoadErrorCode =
  | 'not-dicom'
  | 'malformed'
  | 'truncated'
  | 'no-pixel-data'
  | 'unsupported-transfer-syntax'
  | 'unsupported-pixel-format'
  | 'frame-out-of-range'
  | 'too-large'
  | 'decode-failed';

export class DicomLoadError extends Error {
  override readonly name = 'DicomLoadError';
  readonly code: DicomLoadErrorCode;
  /** The file (path or URL) when the caller knows it; decoders below the file layer leave it unset. */
  readonly file: string | undefined;

  constructor(code: DicomLoadErrorCode, message: string, options: { file?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.file = options.file;
  }

  /** The same error attributed to a file (decoders throw without knowing it). */
  withFile(file: string): DicomLoadError {
    if (this.file !== undefined) return this;
    return new DicomLoadError(this.code, this.message, { file, cause: this.cause });
  }
}

/** Text of whatever was thrown: dicom-parser throws strings and `{ exception, dataSet }` objects as well as Errors. */
export function thrownText(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message;
  if (typeof thrown === 'string') return thrown;
  if (typeof thrown === 'object' && thrown !== null && 'exception' in thrown) return thrownText(thrown.exception);
  return String(thrown);
}

/** Wraps anything thrown below us once, keeping a DicomLoadError as it is. */
export function toDicomLoadError(
  thrown: unknown,
  code: DicomLoadErrorCode,
  context: string,
  file?: string,
): DicomLoadError {
  if (thrown instanceof DicomLoadError) return file === undefined ? thrown : thrown.withFile(file);
  return new DicomLoadError(code, `${context}: ${thrownText(thrown)}`, { ...(file === undefined ? {} : { file }), cause: thrown });
}
