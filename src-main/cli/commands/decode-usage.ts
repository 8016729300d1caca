// `decode`'s usage text, apart from its code: `--help` prints every usage without loading the commands.
export const DECODE_USAGE = `usage: decode FILE [--frame N] --out OUT

Decodes frame N (1-based, default 1) of the DICOM file FILE and writes its stored pixel values (before any
rescale or window) to OUT as raw little-endian samples, row by row, colour samples interleaved (R,G,B per
pixel; YBR colour is converted to RGB). Each sample takes Bits Allocated bits rounded up to whole bytes:
1 → one byte per pixel holding 0 or 1 (frames of 1-bit images need not start on a byte boundary, so they are
unpacked), 8 → 1 byte, 16 → 2, 32 → 4 (Float Pixel Data: float32), 64 → 8 (Double Float: float64).
Palette colour images are written as their palette indices.
Prints one JSON line: {"rows","columns","samplesPerPixel","bitsAllocated","pixelRepresentation","photometricInterpretation"}.

exit codes: 0 decoded; 2 bad arguments, unreadable, malformed or unsupported file (one line on standard error,
starting with the error code, e.g. "unsupported-transfer-syntax: …"); 1 unexpected internal error.`;
