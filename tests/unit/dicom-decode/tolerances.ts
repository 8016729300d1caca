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
  // .201 is lossless only; .202/.203 may carry the irreversible 9/7 wavelet and ICT, computed in floating point by
  // both OpenJPH (ours) and OpenJPEG (the reference): rounding at .5 may differ by one.
  if (syntax === '1.2.840.10008.1.2.4.202' || syntax === '1.2.840.10008.1.2.4.203') return { max: 1, why: 'OpenJPH vs OpenJPEG: irreversible wavelet/ICT rounding' };
  return { max: 0, why: 'lossless or same codec' };
}
