// Public surface of the DICOM writer.
export type { VR, TextVR, NumberVR, BigIntVR, BinaryVR } from './vr';
export type { Tag, DataElement, Dataset, TextElement, NumberElement, BigIntElement, AttributeTagElement, BinaryElement, SequenceElement, RawElement, BinaryInput, ValueFor } from './element';
export { tag, tagGroup, tagElement, formatTag, element, text, sequence, binary, raw } from './element';
export { encodeDataset, writePart10, DicomWriteError, EXPLICIT_VR_LITTLE_ENDIAN, IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME } from './writer';
export type { Part10Options } from './writer';
export { uidFromSeed, uidFromRandomBytes, uidUnderRoot, isValidUid } from './uid';
export { sha256 } from './sha256';
export { hmacSha256 } from './hmac';
export { formatDA, formatTM, formatDT, parseDA, parseTM } from './dicom-date';
export type { DicomDateParts, DicomTimeParts } from './dicom-date';
export { formatDS, formatIS, utf8Encode } from './text';
