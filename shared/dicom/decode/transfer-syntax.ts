/**
 * Transfer syntaxes (PS3.5 §10 and Annex A, PS3.6 Table A-1) and how this app decodes each.
 * One table: the decoder, the CLI and the UI's "why can't I see this" message all read it.
 */

/** Which decoder handles the pixel data. */
export type CodecKind =
  | 'native' // uncompressed, possibly big endian or deflated as a whole data set
  | 'encapsulated-native' // uncompressed frames inside fragments (1.2.1.98)
  | 'deflated-frame' // each frame raw-deflated in its own fragment (1.2.8.1)
  | 'rle'
  | 'jpeg-dct' // baseline / extended / progressive DCT JPEG (libjpeg-turbo, 8-bit only)
  | 'jpeg-lossless'
  | 'jpeg-ls'
  | 'j2k'
  | 'htj2k'
  | 'jpeg-xl'
  | 'video'
  | 'reference'; // JPIP: pixel data is elsewhere

export interface TransferSyntaxInfo {
  readonly uid: string;
  readonly name: string;
  readonly encapsulated: boolean;
  readonly lossy: boolean;
  readonly codec: CodecKind;
  /** False when no decoder is available here at all; 'jpeg-dct' is supported for 8-bit samples only. */
  readonly supported: boolean;
  readonly endian: 'little' | 'big';
  readonly explicitVr: boolean;
  /** The whole data set after the meta header is raw-deflated (1.2.1.99). */
  readonly deflated: boolean;
}

type Row = [uid: string, name: string, codec: CodecKind, lossy: boolean, supported: boolean];

const LE = '1.2.840.10008.1.2';
const ROWS: readonly Row[] = [
  [`${LE}`, 'Implicit VR Little Endian', 'native', false, true],
  [`${LE}.1`, 'Explicit VR Little Endian', 'native', false, true],
  [`${LE}.1.98`, 'Encapsulated Uncompressed Explicit VR Little Endian', 'encapsulated-native', false, true],
  [`${LE}.1.99`, 'Deflated Explicit VR Little Endian', 'native', false, true],
  [`${LE}.2`, 'Explicit VR Big Endian', 'native', false, true],
  [`${LE}.5`, 'RLE Lossless', 'rle', false, true],
  [`${LE}.8.1`, 'Deflated Image Frame Compression', 'deflated-frame', false, true],
  [`${LE}.4.50`, 'JPEG Baseline (Process 1)', 'jpeg-dct', true, true],
  [`${LE}.4.51`, 'JPEG Extended (Process 2 and 4)', 'jpeg-dct', true, true],
  [`${LE}.4.53`, 'JPEG Spectral Selection, Non-Hierarchical (Process 6 and 8)', 'jpeg-dct', true, true],
  [`${LE}.4.55`, 'JPEG Full Progression, Non-Hierarchical (Process 10 and 12)', 'jpeg-dct', true, true],
  [`${LE}.4.57`, 'JPEG Lossless, Non-Hierarchical (Process 14)', 'jpeg-lossless', false, true],
  [`${LE}.4.70`, 'JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, Selection Value 1)', 'jpeg-lossless', false, true],
  [`${LE}.4.80`, 'JPEG-LS Lossless', 'jpeg-ls', false, true],
  [`${LE}.4.81`, 'JPEG-LS Lossy (Near-Lossless)', 'jpeg-ls', true, true],
  [`${LE}.4.90`, 'JPEG 2000 (Lossless Only)', 'j2k', false, true],
  [`${LE}.4.91`, 'JPEG 2000', 'j2k', true, true],
  [`${LE}.4.92`, 'JPEG 2000 Part 2 Multi-component (Lossless Only)', 'j2k', false, true],
  [`${LE}.4.93`, 'JPEG 2000 Part 2 Multi-component', 'j2k', true, true],
  [`${LE}.4.94`, 'JPIP Referenced', 'reference', true, false],
  [`${LE}.4.95`, 'JPIP Referenced Deflate', 'reference', true, false],
  [`${LE}.4.201`, 'High-Throughput JPEG 2000 (Lossless Only)', 'htj2k', false, true],
  [`${LE}.4.202`, 'High-Throughput JPEG 2000 with RPCL Options (Lossless Only)', 'htj2k', false, true],
  [`${LE}.4.203`, 'High-Throughput JPEG 2000', 'htj2k', true, true],
  [`${LE}.4.204`, 'JPIP HTJ2K Referenced', 'reference', true, false],
  [`${LE}.4.205`, 'JPIP HTJ2K Referenced Deflate', 'reference', true, false],
  [`${LE}.4.100`, 'MPEG2 Main Profile / Main Level', 'video', true, false],
  [`${LE}.4.101`, 'MPEG2 Main Profile / High Level', 'video', true, false],
  [`${LE}.4.102`, 'MPEG-4 AVC/H.264 High Profile / Level 4.1', 'video', true, false],
  [`${LE}.4.103`, 'MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1', 'video', true, false],
  [`${LE}.4.104`, 'MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video', 'video', true, false],
  [`${LE}.4.105`, 'MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video', 'video', true, false],
  [`${LE}.4.106`, 'MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2', 'video', true, false],
  [`${LE}.4.107`, 'HEVC/H.265 Main Profile / Level 5.1', 'video', true, false],
  [`${LE}.4.108`, 'HEVC/H.265 Main 10 Profile / Level 5.1', 'video', true, false],
  [`${LE}.4.110`, 'JPEG XL Lossless', 'jpeg-xl', false, false],
  [`${LE}.4.111`, 'JPEG XL JPEG Recompression', 'jpeg-xl', false, false],
  [`${LE}.4.112`, 'JPEG XL', 'jpeg-xl', true, false],
];

const TABLE: ReadonlyMap<string, TransferSyntaxInfo> = new Map(
  ROWS.map(([uid, name, codec, lossy, supported]) => [
    uid,
    {
      uid,
      name,
      codec,
      lossy,
      supported,
      encapsulated: codec !== 'native',
      endian: uid === `${LE}.2` ? 'big' : 'little',
      explicitVr: uid !== LE,
      deflated: uid === `${LE}.1.99`,
    } satisfies TransferSyntaxInfo,
  ]),
);

export const IMPLICIT_VR_LITTLE_ENDIAN = LE;
export const EXPLICIT_VR_LITTLE_ENDIAN = `${LE}.1`;
export const DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = `${LE}.1.99`;

/** Strips the NUL/space padding UIDs carry in files. */
export function normalizeUid(uid: string): string {
  return uid.replace(/[\0\s]+$/u, '').trim();
}

/** The table row, or undefined for a UID this table does not know (e.g. retired JPEG processes). */
export function transferSyntaxInfo(uid: string): TransferSyntaxInfo | undefined {
  return TABLE.get(normalizeUid(uid));
}

/** A name for messages, falling back to the UID itself. */
export function transferSyntaxName(uid: string): string {
  return transferSyntaxInfo(uid)?.name ?? `unknown transfer syntax ${normalizeUid(uid)}`;
}

export function allTransferSyntaxes(): readonly TransferSyntaxInfo[] {
  return [...TABLE.values()];
}
