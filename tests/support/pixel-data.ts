// What "identical pixel data" means in the PACS tests: the bytes of (7FE0,0010) as stored (for encapsulated pixel
// data, the fragments' bytes in order), keyed by SOP Instance UID, plus the file's transfer syntax.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseDicomBounded } from '../../shared/dicom/decode/parse-bounded';

export interface PixelIdentity {
  readonly sopInstanceUid: string;
  readonly transferSyntaxUid: string;
  readonly pixelSha: string;
}


export function pixelIdentity(file: string): PixelIdentity {
  const bytes = readFileSync(file);
  const ds = parseDicomBounded(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
  const element = ds.elements.x7fe00010;
  if (element === undefined) throw new Error(`${file} has no pixel data`);
  const hash = createHash('sha256');
  if (element.encapsulatedPixelData === true) for (const f of element.fragments ?? []) hash.update(bytes.subarray(f.position, f.position + f.length));
  else hash.update(bytes.subarray(element.dataOffset, element.dataOffset + element.length));
  return { sopInstanceUid: (ds.string('x00080018') ?? '').trim(), transferSyntaxUid: (ds.string('x00020010') ?? '').replace(/\0/g, '').trim(), pixelSha: hash.digest('hex') };
}

/** Pixel identities of files, sorted by SOP Instance UID (order of arrival does not matter). */
export const pixelIdentities = (files: readonly string[]): PixelIdentity[] => files.map(pixelIdentity).sort((a, b) => a.sopInstanceUid.localeCompare(b.sopInstanceUid));
