// Concrete values from named files (values checked against pydicom when the test was written).

import { describe, expect, test } from 'vitest';
import { paletteFrameToRgb, type DecodedFrame } from '@shared/dicom/decode/decode-frame';
import { DicomLoadError } from '@shared/dicom/decode/errors';
import { readRescale, applyRescale } from '@shared/dicom/decode/modality-lut';
import { readWindows } from '@shared/dicom/decode/voi';
import { decodeFileFrame, loadDicomFile } from '../../../src-main/services/decode-file';
import { corpusPath } from './corpus-files';

const CT = 'cornerstoneWADOImageLoader/testImages/CTImage.dcm_';
const CT_LOSSLESS = [
  'LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm',
  'LittleEndianImplicitTransferSyntax_1.2.840.10008.1.2.dcm',
  'BigEndianExplicitTransferSyntax_1.2.840.10008.1.2.2.dcm',
  'DeflatedExplicitVRLittleEndianTransferSyntax_1.2.840.10008.1.2.1.99.dcm',
  'RLELosslessTransferSyntax_1.2.840.10008.1.2.5.dcm',
  'JPEGProcess14TransferSyntax_1.2.840.10008.1.2.4.57.dcm',
  'JPEGProcess14SV1TransferSyntax_1.2.840.10008.1.2.4.70.dcm',
  'JPEGLSLosslessTransferSyntax_1.2.840.10008.1.2.4.80.dcm',
  'JPEG2000LosslessOnlyTransferSyntax_1.2.840.10008.1.2.4.90.dcm',
];

const at = (f: DecodedFrame, row: number, col: number, sample = 0): number =>
  f.pixels[(row * f.columns + col) * f.samplesPerPixel + sample] ?? Number.NaN;

async function failure(path: string, frame = 0): Promise<DicomLoadError> {
  try {
    await decodeFileFrame(path, frame);
  } catch (error) {
    if (error instanceof DicomLoadError) return error;
    throw error;
  }
  throw new Error(`${path} decoded, an error was expected`);
}

describe('CTImage.dcm in every transfer syntax', () => {
  test('the lossless syntaxes decode to identical pixels, with the known CT values', async () => {
    const frames = await Promise.all(CT_LOSSLESS.map((name) => decodeFileFrame(corpusPath(CT + name))));
    const [first] = frames;
    if (first === undefined) throw new Error('no frames');
    expect([first.rows, first.columns, first.samplesPerPixel, first.bitsAllocated, first.pixelRepresentation]).toEqual([512, 512, 1, 16, 1]);
    expect(first.pixels).toBeInstanceOf(Int16Array);
    expect(at(first, 256, 256)).toBe(1091);
    expect(at(first, 100, 200)).toBe(64);
    expect([first.minValue, first.maxValue]).toEqual([-2000, 2402]);
    for (const [i, f] of frames.entries()) expect({ name: CT_LOSSLESS[i], same: Buffer.from(f.pixels.buffer).equals(Buffer.from(first.pixels.buffer)) }).toEqual({ name: CT_LOSSLESS[i], same: true });
  });

  test('lossy JPEG 2000 and JPEG-LS near-lossless stay close to the original', async () => {
    const original = await decodeFileFrame(corpusPath(CT + CT_LOSSLESS[0]));
    for (const name of ['JPEG2000TransferSyntax_1.2.840.10008.1.2.4.91.dcm', 'JPEGLSLossyTransferSyntax_1.2.840.10008.1.2.4.81.dcm']) {
      const lossy = await decodeFileFrame(corpusPath(CT + name));
      expect(lossy.lossy).toBe(true);
      let max = 0;
      for (let i = 0; i < lossy.pixels.length; i++) max = Math.max(max, Math.abs((lossy.pixels[i] ?? 0) - (original.pixels[i] ?? 0)));
      expect(max).toBeLessThan(100);
    }
  });

  test('12-bit JPEG (process 2/4, 6/8, 10/12) is reported unsupported, naming the syntax', async () => {
    for (const name of ['JPEGProcess2_4TransferSyntax_1.2.840.10008.1.2.4.51.dcm', 'JPEGProcess6_8TransferSyntax_1.2.840.10008.1.2.4.53.dcm', 'JPEGProcess10_12TransferSyntax_1.2.840.10008.1.2.4.55.dcm']) {
      const error = await failure(corpusPath(CT + name));
      expect(error.code).toBe('unsupported-transfer-syntax');
      expect(error.message).toMatch(/JPEG .*12-bit/u);
      expect(error.file).toBe(corpusPath(CT + name));
    }
  });

  test('8-bit JPEG baseline decodes (monochrome, values within the 8-bit range)', async () => {
    const f = await decodeFileFrame(corpusPath(CT + 'JPEGProcess1TransferSyntax_1.2.840.10008.1.2.4.50.dcm'));
    expect([f.rows, f.columns, f.bitsAllocated, f.photometricInterpretation]).toEqual([512, 512, 8, 'MONOCHROME2']);
    expect(f.pixels).toBeInstanceOf(Uint8Array);
  });
});

describe('other named files', () => {
  test('the liver 1-bit segmentation is identical in big endian, RLE, JPEG 2000 and deflated-frame encodings', async () => {
    const names = ['liver_expb.dcm', 'liver_rle.dcm', 'liver_j2k.dcm', 'liver_deflate.dcm'];
    for (const frame of [0, 1, 2]) {
      const decoded = await Promise.all(names.map((n) => decodeFileFrame(corpusPath(`pydicom-data/data_store/data/${n}`), frame)));
      const [ref] = decoded;
      if (ref === undefined) throw new Error('no frames');
      expect([ref.rows, ref.columns, ref.bitsAllocated]).toEqual([512, 512, 1]);
      expect(ref.maxValue).toBe(1);
      for (const f of decoded) expect(Array.from(f.pixels)).toEqual(Array.from(ref.pixels));
    }
  });

  test('HTJ2K lossless RGB decodes; the lossy version is close to it', async () => {
    const lossless = await decodeFileFrame(corpusPath('pydicom-data/data_store/data/HTJ2KLossless_08_RGB.dcm'));
    const lossy = await decodeFileFrame(corpusPath('pydicom-data/data_store/data/HTJ2K_08_RGB.dcm'));
    expect([lossless.rows, lossless.columns, lossless.samplesPerPixel, lossless.photometricInterpretation]).toEqual([480, 640, 3, 'RGB']);
    let sum = 0;
    for (let i = 0; i < lossy.pixels.length; i++) sum += Math.abs((lossy.pixels[i] ?? 0) - (lossless.pixels[i] ?? 0));
    expect(sum / lossy.pixels.length).toBeLessThan(4);
  });

  test('palette colour: indices as stored, RGB through the LUT (8- and 16-bit entries)', async () => {
    const face = await decodeFileFrame(corpusPath('pydicom-data/data_store/data/OT-PAL-8-face.dcm'));
    expect(face.photometricInterpretation).toBe('PALETTE COLOR');
    expect(at(face, 240, 320)).toBe(99);
    const faceRgb = paletteFrameToRgb(face);
    expect(faceRgb.pixels).toBeInstanceOf(Uint16Array);
    expect([at(faceRgb, 240, 320, 0), at(faceRgb, 240, 320, 1), at(faceRgb, 240, 320, 2)]).toEqual([27904, 27904, 27904]);
    const pattern = paletteFrameToRgb(await decodeFileFrame(corpusPath('fo-dicom/Tests/FO-DICOM.Tests/Test Data/TestPattern_Palette.dcm')));
    expect(pattern.pixels).toBeInstanceOf(Uint8Array);
    expect([at(pattern, 200, 100, 0), at(pattern, 200, 100, 1)]).toEqual([130, 130]);
  });

  test('YBR_FULL RLE comes out as RGB', async () => {
    const f = await decodeFileFrame(corpusPath('dcm4che/dcm4che-test-data/src/main/resources/YBR_FULL-RLE.dcm'));
    expect([f.rows, f.columns, f.samplesPerPixel, f.photometricInterpretation]).toEqual([480, 640, 3, 'RGB']);
  });

  test('float and double float pixel data', async () => {
    const f32 = await decodeFileFrame(corpusPath('pydicom-data/data_store/data/parametric_map_float.dcm'));
    const f64 = await decodeFileFrame(corpusPath('pydicom-data/data_store/data/parametric_map_double_float.dcm'));
    expect(f32.pixels).toBeInstanceOf(Float32Array);
    expect(f64.pixels).toBeInstanceOf(Float64Array);
  });

  test('rescale and windows from the CT header', async () => {
    const parsed = await loadDicomFile(corpusPath(CT + CT_LOSSLESS[0]));
    const rescale = readRescale(parsed.dataSet);
    expect(applyRescale(1091, rescale)).toBe(67);
    expect(readWindows(parsed.dataSet)).toEqual([{ center: 40, width: 400, function: 'LINEAR' }]);
  });

  test('malformed and truncated files give DicomLoadError codes, not crashes', async () => {
    expect((await failure(corpusPath('orthanc-tests/Database/2026-05-26-oob-monochrome-65535.dcm'))).code).toBe('too-large');
    expect((await failure(corpusPath('dcm4che/dcm4che-test-data/src/main/resources/3gb-bulk-data-truncated'))).code).toBe('truncated');
    expect((await failure(corpusPath('dcm4che/dcm4che-test-data/src/main/resources/Tag-0040-A170-VR-CS.dcm'))).code).toBe('no-pixel-data');
    expect((await failure(corpusPath(CT + CT_LOSSLESS[0]), 1)).code).toBe('frame-out-of-range');
    expect((await failure('/usr/lib/python3/dist-packages/pydicom/data/test_files/test1.json')).code).toBe('not-dicom');
  });
});
