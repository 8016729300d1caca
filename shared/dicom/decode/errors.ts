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

/** What the JavaScript engine (or WebAssembly) throws: its text ("Maximum call stack size exceeded") is not for users. */
const ENGINE_ERRORS = new Set(['RangeError', 'TypeError', 'ReferenceError', 'SyntaxError', 'EvalError', 'URIError', 'InternalError', 'AggregateError', 'RuntimeError', 'CompileError', 'LinkError']);

/** Our sentence for an engine error, by what it was about. */
function engineSentence(message: string): string {
  if (/call stack|too much recursion/iu.test(message)) return 'its structure is nested too deeply to read';
  if (/allocation failed|invalid (typed )?array length|out of memory|too large/iu.test(message)) return 'it asks for more memory than this app allows';
  if (/offset is outside|out of (range|bounds)|beyond|past the end/iu.test(message)) return 'a length or offset in it points past the end of the data';
  return 'it is damaged in a way the reader does not recognise';
}

/** A library's own sentence without its function-name prefix ("dicomParser.readFixedString: …"). */
const libraryText = (message: string): string => message.replace(/^[A-Za-z]+[.:][A-Za-z0-9_]+:\s*/u, '');

/**
 * Text of whatever was thrown, fit for users: our messages as they are; library sentences (dicom-parser throws
 * strings and `{ exception, dataSet }` objects) without their prefix; engine errors (RangeError, TypeError,
 * WebAssembly traps) as a plain sentence of ours, never their own text or stack.
 */
export function thrownText(thrown: unknown): string {
  if (thrown instanceof DicomLoadError) return thrown.message;
  if (thrown instanceof Error) return ENGINE_ERRORS.has(thrown.name) || ENGINE_ERRORS.has(thrown.constructor.name) ? engineSentence(thrown.message) : libraryText(thrown.message);
  if (typeof thrown === 'string') return libraryText(thrown);
  if (typeof thrown === 'object' && thrown !== null && 'exception' in thrown) return thrownText(thrown.exception);
  return 'it is damaged in a way the reader does not recognise';
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
