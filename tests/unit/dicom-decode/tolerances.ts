import { transferSyntaxInfo } from '@shared/dicom/decode/transfer-syntax';

export interface Tolerance {
  readonly max: number;
  readonly why: string;
}

/** How far our decode may be from the reference, and why (0 for anything lossless). */
export function toleranceFor(syntax: string, colourConverted: boolean, _bitsStored: number): Tolerance {
  const info = transferSyntaxInfo(syntax);
  if (colourConverted) return { max: 1, why: 'pydicom converts YBR→RGB in float32, we in float64: rounding at .5' };
  if (info?.codec === 'jpeg-dct') return { max: 2, why: 'libjpeg-turbo vs GDCM libjpeg: IDCT and upsampling rounding' };
  return { max: 0, why: 'lossless or same codec' };
}
