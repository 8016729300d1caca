// Hostile files made at run time from real corpus files (never stored): deflate bombs, patched headers and
// codestreams. Each is a few lines of byte surgery on a named corpus file, so a failing case can be rebuilt.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import dicomParser from 'dicom-parser';
import { DICOM_DATA } from './shared-data';

export const CORPUS = join(DICOM_DATA, 'corpus');
export const DEFLATED_CT = join(CORPUS, 'cornerstoneWADOImageLoader/testImages/CTImage.dcm_DeflatedExplicitVRLittleEndianTransferSyntax_1.2.840.10008.1.2.1.99.dcm');
export const DEFLATED_FRAMES_LIVER = join(CORPUS, 'pydicom-data/data_store/data/liver_deflate.dcm');

export const GIB = 2 ** 30;
const MIB = 2 ** 20;

/**
 * Raw DEFLATE of `size` zero bytes (a multiple of 1 MiB) in about size/1000 bytes, without ever holding the zeros:
 * one flushed 1 MiB block repeated (it starts with a literal, so it is valid after any history), byte aligned and
 * not final, so more DEFLATE can follow it.
 */
export function deflatedZeros(size: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(MIB), { finishFlush: constants.Z_SYNC_FLUSH });
  return Buffer.concat(Array.from({ length: Math.ceil(size / MIB) }, () => block));
}

const u16 = (value: number): Buffer => Buffer.from([value & 0xff, value >> 8]);
const u32 = (value: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value >>> 0);
  return b;
};
const tag = (group: number, element: number): Buffer => Buffer.concat([u16(group), u16(element)]);

/** Explicit VR little endian element header; OB/OW/SQ/UN/UT take the long form. */
export function elementHeader(group: number, element: number, vr: string, length: number): Buffer {
  const long = ['OB', 'OW', 'OF', 'SQ', 'UN', 'UT'].includes(vr);
  return long ? Buffer.concat([tag(group, element), Buffer.from(vr, 'latin1'), u16(0), u32(length)]) : Buffer.concat([tag(group, element), Buffer.from(vr, 'latin1'), u16(length)]);
}

/** Offset of an explicit-VR-LE element header at the top level of `bytes` (walks element by element from `start`). */
export function findElement(bytes: Buffer, start: number, group: number, element: number): number {
  let p = start;
  while (p + 8 <= bytes.length) {
    const g = bytes.readUInt16LE(p);
    const e = bytes.readUInt16LE(p + 2);
    if (g === group && e === element) return p;
    const vr = bytes.toString('latin1', p + 4, p + 6);
    const long = ['OB', 'OW', 'OF', 'OD', 'OL', 'SQ', 'UN', 'UT', 'UC', 'UR', 'OV', 'SV', 'UV'].includes(vr);
    const length = long ? bytes.readUInt32LE(p + 8) : bytes.readUInt16LE(p + 6);
    if (length === 0xffffffff) throw new Error(`undefined length before (${group.toString(16)},${element.toString(16)}) at ${p}: not supported by this helper`);
    p += (long ? 12 : 8) + length;
  }
  throw new Error(`element (${group.toString(16)},${element.toString(16)}) not found`);
}

/** Where a Part 10 file's data set starts (after the meta group, whose group length says how long it is). */
export function dataSetStart(file: Buffer): number {
  const groupLength = file.readUInt32LE(132 + 8);
  return 132 + 12 + groupLength;
}

/**
 * The deflated CT slice (512×512, 16-bit) with `bombSize` zero bytes inflated into its data set, about 1 MB on
 * disk: 'element' puts them in a private OB element before the pixel data (the header never ends), 'pixel-data'
 * makes the pixel data that long (the header promises 512 KiB).
 */
export function deflatedDataSetBomb(where: 'element' | 'pixel-data', bombSize = GIB): Buffer {
  const file = readFileSync(DEFLATED_CT);
  const start = dataSetStart(file);
  const dataSet = inflateRawSync(file.subarray(start));
  const pixels = findElement(dataSet, 0, 0x7fe0, 0x0010);
  const before = dataSet.subarray(0, pixels);
  const head =
    where === 'element'
      ? Buffer.concat([before, elementHeader(0x7fd1, 0x0010, 'LO', 4), Buffer.from('BOMB'), elementHeader(0x7fd1, 0x1010, 'OB', bombSize)])
      : Buffer.concat([before, elementHeader(0x7fe0, 0x0010, 'OW', bombSize)]);
  const tail = where === 'element' ? dataSet.subarray(pixels) : Buffer.alloc(0);
  return Buffer.concat([
    file.subarray(0, start),
    deflateRawSync(head, { finishFlush: constants.Z_SYNC_FLUSH }),
    deflatedZeros(bombSize),
    deflateRawSync(tail),
  ]);
}

/** Encapsulated pixel data holding one fragment: empty basic offset table, the fragment, the delimiter. */
export function encapsulated(fragment: Buffer): Buffer {
  const padded = fragment.length % 2 === 0 ? fragment : Buffer.concat([fragment, Buffer.alloc(1)]);
  return Buffer.concat([elementHeader(0x7fe0, 0x0010, 'OB', 0xffffffff), tag(0xfffe, 0xe000), u32(0), tag(0xfffe, 0xe000), u32(padded.length), padded, tag(0xfffe, 0xe0dd), u32(0)]);
}

/** Sets a US element's value in place (explicit VR LE, top level). */
export function setUs(file: Buffer, group: number, element: number, value: number): Buffer {
  const out = Buffer.from(file);
  out.writeUInt16LE(value, elementAt(out, group, element) + 8);
  return out;
}

/** Offset of a top-level element header in a Part 10 file (found by dicom-parser, which copes with any sequence). */
export function elementAt(file: Buffer, group: number, element: number): number {
  const key = `x${group.toString(16).padStart(4, '0')}${element.toString(16).padStart(4, '0')}`;
  const el = dicomParser.parseDicom(file, { untilTag: 'x7fe00010' }).elements[key];
  if (el === undefined) throw new Error(`no element ${key}`);
  return el.dataOffset - 8;
}

/** Sets an IS/DS value in place, padded to its current length. */
export function setText(file: Buffer, group: number, element: number, value: string): Buffer {
  const out = Buffer.from(file);
  const at = elementAt(out, group, element);
  const length = out.readUInt16LE(at + 6);
  if (value.length > length) throw new Error(`"${value}" does not fit in ${length} bytes`);
  out.write(value.padEnd(length, ' '), at + 8, 'latin1');
  return out;
}

/**
 * The liver segmentation (Deflated Image Frame Compression, 1-bit, 512×512) cut to one frame whose fragment is
 * `fragment` (default: its own first frame).
 */
export function deflatedFrameFile(fragment?: Buffer): Buffer {
  const file = readFileSync(DEFLATED_FRAMES_LIVER);
  // Its header has undefined-length sequences, so dicom-parser finds the pixel data (a long-form header, 12 bytes).
  const pixels = (dicomParser.parseDicom(file, { untilTag: 'x7fe00010' }).elements['x7fe00010']?.dataOffset ?? 0) - 12;
  const own = fragment ?? firstFragment(file, pixels);
  return setText(Buffer.concat([file.subarray(0, pixels), encapsulated(own)]), 0x0028, 0x0008, '1');
}

function firstFragment(file: Buffer, pixels: number): Buffer {
  let p = pixels + 12;
  const botLength = file.readUInt32LE(p + 4);
  p += 8 + botLength;
  const length = file.readUInt32LE(p + 4);
  return file.subarray(p + 8, p + 8 + length);
}

/** A 1 GiB Deflated Image Frame bomb behind a header promising one 512×512 1-bit frame (32 KiB). */
export function deflatedFrameBomb(bombSize = GIB): Buffer {
  return deflatedFrameFile(Buffer.concat([deflatedZeros(bombSize), deflateRawSync(Buffer.alloc(0))]));
}

export const EXPLICIT_CT = join(CORPUS, 'cornerstoneWADOImageLoader/testImages/CTImage.dcm_LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm');
export const IMPLICIT_MR = join(DICOM_DATA, 'spine/lumbar-mr-axial-t2/IM01.dcm');

/**
 * A real file with a private sequence nested `depth` levels deep (undefined lengths, one item per level) put
 * before its pixel data: explicit VR when the file is, implicit otherwise.
 */
export function deeplyNested(path: string, depth: number, explicit: boolean): Buffer {
  const file = readFileSync(path);
  const pixels = dicomParser.parseDicom(file, { untilTag: 'x7fe00010' }).elements['x7fe00010'];
  if (pixels === undefined) throw new Error(`${path} has no pixel data`);
  const at = pixels.dataOffset - (explicit ? 12 : 8);
  const undefinedLength = u32(0xffffffff);
  const open = explicit
    ? Buffer.concat([tag(0x7fd1, 0x1010), Buffer.from('SQ'), u16(0), undefinedLength, tag(0xfffe, 0xe000), undefinedLength])
    : Buffer.concat([tag(0x7fd1, 0x1010), undefinedLength, tag(0xfffe, 0xe000), undefinedLength]);
  const close = Buffer.concat([tag(0xfffe, 0xe00d), u32(0), tag(0xfffe, 0xe0dd), u32(0)]);
  const creator = explicit ? Buffer.concat([elementHeader(0x7fd1, 0x0010, 'LO', 4), Buffer.from('DEEP')]) : Buffer.concat([tag(0x7fd1, 0x0010), u32(4), Buffer.from('DEEP')]);
  return Buffer.concat([file.subarray(0, at), creator, ...Array.from({ length: depth }, () => open), ...Array.from({ length: depth }, () => close), file.subarray(at)]);
}

export const J2K_CT = join(CORPUS, 'cornerstoneWADOImageLoader/testImages/CTImage.dcm_JPEG2000LosslessOnlyTransferSyntax_1.2.840.10008.1.2.4.90.dcm');

/** A J2K file whose SIZ says `width`×`height` (Xsiz, Ysiz), and whose DICOM Rows/Columns too unless `headerToo` is false. */
export function j2kWithSize(width: number, height: number, headerToo = true): Buffer {
  let file: Buffer = readFileSync(J2K_CT);
  if (headerToo) file = setUs(setUs(file, 0x0028, 0x0010, height), 0x0028, 0x0011, width);
  else file = Buffer.from(file);
  const soc = file.indexOf(Buffer.from([0xff, 0x4f, 0xff, 0x51]));
  if (soc < 0) throw new Error('no SOC/SIZ in the J2K file');
  file.writeUInt32BE(width, soc + 8);
  file.writeUInt32BE(height, soc + 12);
  return file;
}

export const HTJ2K_RGB = join(CORPUS, 'pydicom-data/data_store/data/HTJ2KLossless_08_RGB.dcm');
export const JPEG_BASELINE_CT = join(CORPUS, 'cornerstoneWADOImageLoader/testImages/CTImage.dcm_JPEGProcess1TransferSyntax_1.2.840.10008.1.2.4.50.dcm');
export const JPEG_LS_CT = join(CORPUS, 'cornerstoneWADOImageLoader/testImages/CTImage.dcm_JPEGLSLosslessTransferSyntax_1.2.840.10008.1.2.4.80.dcm');
export const JPEG_LOSSLESS_CT = join(CORPUS, 'cornerstoneWADOImageLoader/testImages/CTImage.dcm_JPEGProcess14SV1TransferSyntax_1.2.840.10008.1.2.4.70.dcm');

/** A JPEG-family file whose first SOFn marker (0xC0 baseline, 0xC3 lossless, 0xF7 JPEG-LS) says `width`×`height`. */
export function jpegWithSize(path: string, marker: number, width: number, height: number): Buffer {
  const file = Buffer.from(readFileSync(path));
  const sof = file.indexOf(Buffer.from([0xff, marker]), dataSetStart(file));
  if (sof < 0) throw new Error(`no SOF ${marker.toString(16)} in ${path}`);
  file.writeUInt16BE(height, sof + 5);
  file.writeUInt16BE(width, sof + 7);
  return file;
}

/** A J2K/HTJ2K file whose SIZ says `width`×`height`, DICOM header unchanged. */
export function sizWithSize(path: string, width: number, height: number): Buffer {
  const file = Buffer.from(readFileSync(path));
  const soc = file.indexOf(Buffer.from([0xff, 0x4f, 0xff, 0x51]));
  if (soc < 0) throw new Error(`no SOC/SIZ in ${path}`);
  file.writeUInt32BE(width, soc + 8);
  file.writeUInt32BE(height, soc + 12);
  return file;
}
