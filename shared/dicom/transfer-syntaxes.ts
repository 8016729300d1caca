/**
 * Transfer syntax names for the index. The table itself is owned by the decoder (decode/transfer-syntax.ts);
 * this module only re-exports what indexing needs, so there is one table.
 */
export {
  transferSyntaxInfo,
  transferSyntaxName,
  normalizeUid,
  IMPLICIT_VR_LITTLE_ENDIAN,
  EXPLICIT_VR_LITTLE_ENDIAN,
  DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
} from './decode/transfer-syntax';
export type { TransferSyntaxInfo } from './decode/transfer-syntax';
