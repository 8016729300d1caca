import type { ParseDicomOptions } from 'dicom-parser';
import { dicomParser, type DataSet } from './dicom-parser';
import { DicomLoadError } from './errors';
import { MAX_SEQUENCE_DEPTH, nestsDeeperThan } from './sequence-depth';

const IMPLICIT_LE = '1.2.840.10008.1.2';
const EXPLICIT_BE = '1.2.840.10008.1.2.2';
const DEFLATED = '1.2.840.10008.1.2.1.99';

function refuseDeepNesting(bytes: Uint8Array, start: number, syntax: string): void {
  if (nestsDeeperThan(bytes, start, syntax !== IMPLICIT_LE, syntax !== EXPLICIT_BE)) {
    throw new DicomLoadError(
      'malformed',
      `sequences are nested more than ${MAX_SEQUENCE_DEPTH} levels deep (real files nest fewer than 10), so the file is refused`,
    );
  }
}

/**
 * dicomParser.parseDicom (every parse of ours goes through here), refusing sequences nested deeper than
 * MAX_SEQUENCE_DEPTH before its recursion could overflow the stack. Otherwise throws what parseDicom throws.
 */
export function parseDicomBounded(byteArray: Uint8Array, options: ParseDicomOptions = {}): DataSet {
  let meta: DataSet & { position?: number };
  try {
    meta = dicomParser.readPart10Header(byteArray, options as { untilTag: string });
  } catch {
    return dicomParser.parseDicom(byteArray, options); // reports the meta header's damage its own way
  }
  // Given a TransferSyntaxUID (raw data sets), dicom-parser returns a bare object, not a DataSet.
  const named = typeof meta.string === 'function' ? meta.string('x00020010') : undefined;
  const syntax = (named ?? options.TransferSyntaxUID ?? '').replace(/\0/gu, '').trim();
  const position = meta.position ?? 0;
  if (syntax !== DEFLATED) {
    refuseDeepNesting(byteArray, position, syntax);
    return dicomParser.parseDicom(byteArray, options);
  }
  const inflater = options.inflater as ((arr: Uint8Array, at: number) => Uint8Array) | undefined;
  if (inflater === undefined) return dicomParser.parseDicom(byteArray, options);
  const checked = (arr: Uint8Array, at: number): Uint8Array => {
    const whole = inflater(arr, at);
    refuseDeepNesting(whole, at, syntax);
    return whole;
  };
  return dicomParser.parseDicom(byteArray, { ...options, inflater: checked as unknown as ParseDicomOptions['inflater'] });
}
