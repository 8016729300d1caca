// Test-only helper: reads the real DICOM corpus in ../shared/data with dicom-parser (headers up to the pixel
// data, or the native pixel data when asked). Files are read in place, never copied into the repo.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as dicomParser from 'dicom-parser';
import { planeFromDicom } from '@shared/geometry';
import type { ImagePlane } from '@shared/geometry';
import { DICOM_DATA } from './shared-data';

export const SPINE_DATA = `${DICOM_DATA}/spine`;

export interface HeaderInfo {
  readonly file: string;
  readonly instanceNumber: number | undefined;
  readonly frameOfReferenceUID: string;
  readonly plane: ImagePlane;
}

function numbers(dataSet: dicomParser.DataSet, tag: string): number[] {
  const text = dataSet.string(tag) ?? '';
  return text === '' ? [] : text.split('\\').map((v) => Number(v));
}

export function readHeader(path: string): HeaderInfo {
  const dataSet = dicomParser.parseDicom(new Uint8Array(readFileSync(path)), { untilTag: 'x7fe00010' });
  const plane = planeFromDicom({
    imagePositionPatient: numbers(dataSet, 'x00200032'),
    imageOrientationPatient: numbers(dataSet, 'x00200037'),
    pixelSpacing: numbers(dataSet, 'x00280030'),
    rows: dataSet.uint16('x00280010') ?? 0,
    columns: dataSet.uint16('x00280011') ?? 0,
  });
  if (!plane.ok) throw new Error(`${path}: ${plane.reason}`);
  return {
    file: path,
    instanceNumber: dataSet.intString('x00200013'),
    frameOfReferenceUID: dataSet.string('x00200052') ?? '',
    plane: plane.value,
  };
}

/** Headers of every .dcm file in a folder, in file-name order. */
export function readFolder(folder: string): HeaderInfo[] {
  return readdirSync(folder)
    .filter((name) => name.toLowerCase().endsWith('.dcm'))
    .sort()
    .map((name) => readHeader(join(folder, name)));
}

/** Native (uncompressed) 16-bit unsigned pixel data of a single-frame file, as stored (no rescale). */
export function readUint16Pixels(path: string): Uint16Array {
  const dataSet = dicomParser.parseDicom(new Uint8Array(readFileSync(path)));
  const element = dataSet.elements['x7fe00010'];
  if (!element || element.encapsulatedPixelData) throw new Error(`${path}: no native pixel data`);
  if (dataSet.uint16('x00280100') !== 16 || dataSet.uint16('x00280103') !== 0) throw new Error(`${path}: not 16-bit unsigned`);
  const bytes = dataSet.byteArray.slice(element.dataOffset, element.dataOffset + element.length);
  return new Uint16Array(bytes.buffer, bytes.byteOffset, element.length / 2);
}
