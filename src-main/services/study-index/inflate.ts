import { constants, inflateRawSync } from 'node:zlib';
import type { Inflater } from '@shared/dicom/header';

/**
 * Inflater for Deflated Explicit VR Little Endian (the whole data set after the meta header is raw-deflated).
 * Sync-flush lets a header prefix inflate as far as it goes instead of failing on the cut-off stream, so
 * headers of deflated files are read without reading the whole file too.
 */
export const inflateDataSet: Inflater = (bytes, position) => {
  const inflated = inflateRawSync(bytes.subarray(position), { finishFlush: constants.Z_SYNC_FLUSH });
  const out = new Uint8Array(position + inflated.length);
  out.set(bytes.subarray(0, position), 0);
  out.set(inflated, position);
  return out;
};
