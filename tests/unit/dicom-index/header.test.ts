import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DicomLoadError } from '@shared/dicom/decode/errors';
import { parseInstanceHeader } from '@shared/dicom/header';
import type { Inflater, InstanceHeader } from '@shared/dicom/header';
import { sniffDicom } from '@shared/dicom/sniff';
import { classifyObject } from '@shared/dicom/sop-classes';
import { CORPUS, LUMBAR_MR, THORACOLUMBAR_CT } from './data';

// Whole test files are trusted: a plain synchronous inflater (the indexer's own inflates piece by piece, bounded).
const inflateDataSet: Inflater = (bytes, position) => {
  const inflated = inflateRawSync(bytes.subarray(position));
  const out = new Uint8Array(position + inflated.length);
  out.set(bytes.subarray(0, position));
  out.set(inflated, position);
  return out;
};

const bytesOf = (path: string): Uint8Array => new Uint8Array(readFileSync(path));

function header(path: string): InstanceHeader {
  const parsed = parseInstanceHeader(bytesOf(path), { isWholeFile: true, file: path, inflater: inflateDataSet });
  if (parsed.kind !== 'header') throw new Error('expected a header');
  return parsed.header;
}

describe('parseInstanceHeader on real files', () => {
  it('reads the lumbar MR slice IM01 (implicit VR LE) with its geometry', () => {
    const h = header(join(LUMBAR_MR, 'IM01.dcm'));
    expect(h).toMatchObject({
      encoding: 'part10',
      transferSyntaxUid: '1.2.840.10008.1.2',
      sopClassUid: '1.2.840.10008.5.1.4.1.1.4',
      modality: 'MR',
      seriesNumber: 4,
      seriesDescription: 'Ax T2 FSE',
      instanceNumber: 1,
      acquisitionNumber: 1,
      rows: 256,
      columns: 256,
      numberOfFrames: 1,
      pixelSpacing: [1.0156, 1.0156],
      pixelSpacingSource: 'PixelSpacing',
      sliceThickness: 6,
      spacingBetweenSlices: 7,
      imagePositionPatient: [-122.095, -71.5655, 115.909],
      imageOrientationPatient: [0.999922, 0.00442523, 0.0116887, -0.0035096, 0.997027, -0.0769667],
      hasPixelData: true,
    });
    expect(h.studyInstanceUid).toMatch(/^2\.25\.7098/u);
    expect(h.frameOfReferenceUid).toMatch(/^2\.25\.1004/u);
  });

  it('reads CT rescale and window values', () => {
    const h = header(join(THORACOLUMBAR_CT, 'sagittal/IM0045.dcm'));
    expect(h).toMatchObject({
      modality: 'CT',
      bodyPartExamined: 'ABDOMEN',
      rescaleIntercept: -1024,
      rescaleSlope: 1,
      rescaleType: 'HU',
      windowCenter: [400],
      windowWidth: [1800],
      instanceNumber: 45,
      imageOrientationPatient: [0, 1, 0, 0, 0, -1],
    });
  });

  it('asks for more bytes when a prefix ends inside the header, and succeeds once the pixel data is reached', () => {
    const bytes = bytesOf(join(LUMBAR_MR, 'IM01.dcm'));
    expect(parseInstanceHeader(bytes.subarray(0, 600), { isWholeFile: false }).kind).toBe('need-more');
    const parsed = parseInstanceHeader(bytes.subarray(0, 16 * 1024), { isWholeFile: false });
    expect(parsed.kind).toBe('header');
  });

  it('reads a deflated data set through the injected inflater', () => {
    const h = header(join(CORPUS, 'orthanc-tests/Database/TransferSyntaxes/1.2.840.10008.1.2.1.99.dcm'));
    expect(h.transferSyntaxUid).toBe('1.2.840.10008.1.2.1.99');
    expect(h.modality).toBe('CT');
    expect([h.rows, h.columns]).toEqual([358, 512]);
  });

  it('reads files without preamble or meta header', () => {
    const chest = join(CORPUS, 'fo-dicom/Tests/FO-DICOM.Tests/Test Data/CR-MONO1-10-chest');
    expect(header(chest)).toMatchObject({ encoding: 'raw-implicit-le', modality: 'CR', rows: 440, columns: 440 });
    const noPreamble = join(CORPUS, 'pydicom-data/data_store/data/JLSL_RGB_ILV2.dcm');
    expect(header(noPreamble)).toMatchObject({ encoding: 'meta-without-preamble', transferSyntaxUid: '1.2.840.10008.1.2.4.80' });
    // A raw explicit data set whose value bytes happen to spell "DICM" at offset 128.
    const tricky = join(CORPUS, 'dcm4che/dcm4che-test-data/src/main/resources/no_preamble_dicm_in_data');
    expect(sniffDicom(bytesOf(tricky))).toBe('raw-explicit-le');
    expect(header(tricky).modality).toBe('MG');
  });

  it('rejects non-DICOM bytes with a typed error', () => {
    const text = new TextEncoder().encode('path\tsource\ttransfer_syntax_uid\n'.repeat(20));
    expect(sniffDicom(text)).toBeNull();
    expect(() => parseInstanceHeader(text, { isWholeFile: true })).toThrow(DicomLoadError);
  });

  it('wraps dicom-parser failures on a truncated file in DicomLoadError with the file', () => {
    const file = join(CORPUS, 'fo-dicom/Tests/FO-DICOM.Tests/Test Data/GH179B.dcm');
    try {
      parseInstanceHeader(bytesOf(file), { isWholeFile: true, file });
      expect.unreachable();
    } catch (thrown) {
      expect(thrown).toBeInstanceOf(DicomLoadError);
      expect((thrown as DicomLoadError).code).toBe('truncated');
      expect((thrown as DicomLoadError).file).toBe(file);
    }
  });

  it('classifies non-image objects by SOP class or content', () => {
    const sr = header(join(CORPUS, 'dcm4che/dcm4che-test-data/src/main/resources/Tag-0040-A170-VR-CS.dcm'));
    expect(classifyObject(sr.sopClassUid, sr)).toEqual({ kind: 'sr', name: 'Detail SR Storage - Trial (Retired)' });
    const seg = header(join(CORPUS, 'pydicom-data/data_store/data/liver_rle.dcm'));
    expect(classifyObject(seg.sopClassUid, seg).kind).toBe('seg');
    expect(seg.frames).toHaveLength(3);
    const worklist = header(join(CORPUS, 'orthanc-tests/Database/Worklists/Encodings/issue49-latin1.wl'));
    expect(classifyObject(worklist.sopClassUid, worklist)).toEqual({ kind: 'other-non-image', name: 'Modality worklist item' });
  });

  it('reads per-frame geometry of an enhanced multi-frame CT', () => {
    const h = header(join(CORPUS, 'dicomParser/testImages/encapsulated/multi-frame/CT0012.fragmented_no_bot_jpeg_lossless.57.dcm'));
    expect(h.numberOfFrames).toBe(2);
    expect(h.frames).toHaveLength(2);
    for (const frame of h.frames ?? []) {
      expect(frame.imagePositionPatient).toHaveLength(3);
      expect(frame.imageOrientationPatient).toHaveLength(6);
    }
  });
});
