import { readFile } from 'node:fs/promises';
import { decodeFrame, type DecodedFrame } from '@shared/dicom/decode/decode-frame';
import { DicomLoadError, toDicomLoadError } from '@shared/dicom/decode/errors';
import { parseDicomBytes, type ParsedDicom } from '@shared/dicom/decode/parse';
import { nodeCodecs, inflateRawNode } from './codecs-node';

/** Reads and parses a DICOM file; every failure is a DicomLoadError naming the file. */
export async function loadDicomFile(file: string): Promise<ParsedDicom> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (thrown) {
    throw new DicomLoadError('not-dicom', `cannot read the file: ${(thrown as Error).message}`, { file, cause: thrown });
  }
  try {
    return await parseDicomBytes(bytes, { inflateRaw: inflateRawNode });
  } catch (thrown) {
    throw toDicomLoadError(thrown, 'malformed', 'cannot parse the file', file);
  }
}

/** Decodes one frame (0-based) of a DICOM file in Node with all available codecs. */
export async function decodeFileFrame(file: string, frameIndex = 0): Promise<DecodedFrame> {
  const parsed = await loadDicomFile(file);
  try {
    return await decodeFrame(parsed, frameIndex, await nodeCodecs());
  } catch (thrown) {
    throw toDicomLoadError(thrown, 'decode-failed', 'cannot decode the pixel data', file);
  }
}
