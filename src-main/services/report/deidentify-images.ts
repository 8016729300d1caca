// De-identified copies of the images a report references (its labels, measurements and key images), made with the
// same salt as the report's other de-identified outputs so the SR's image references name these copies. The
// de-identification itself is pure (shared/report/deidentify-image); this service reads the source files and
// writes the copies to a folder.

import { join } from 'node:path';
import { deidentifyImage, DeidentifyImageError } from '@shared/report/deidentify-image';
import type { ImageDeidentification } from '@shared/report/deidentify-image';
import type { DeidentifyOptions } from '@shared/report/deidentify';
import { makePrivateDir, writePrivateFile } from '../private-files';

export interface DeidentifiedImage extends ImageDeidentification {
  /** File name inside the output folder (the new SOP Instance UID: nothing of the original). */
  readonly fileName: string;
}

export interface ImageDeidentificationResult {
  readonly images: readonly DeidentifiedImage[];
  /** Instances not copied, with the reason (not in the study, unsupported encoding…). */
  readonly skipped: ReadonlyArray<{ readonly sopInstanceUID: string; readonly reason: string }>;
}

export async function deidentifyImages(
  sopInstanceUIDs: readonly string[],
  readBytes: (sopInstanceUID: string) => Promise<Uint8Array | null>,
  options: DeidentifyOptions,
): Promise<ImageDeidentificationResult> {
  const images: DeidentifiedImage[] = [];
  const skipped: Array<{ sopInstanceUID: string; reason: string }> = [];
  for (const sop of new Set(sopInstanceUIDs)) {
    const bytes = await readBytes(sop);
    if (bytes === null) {
      skipped.push({ sopInstanceUID: sop, reason: 'not found in the study' });
      continue;
    }
    try {
      const copy = deidentifyImage(bytes, options);
      images.push({ ...copy, fileName: `${copy.sopInstanceUID}.dcm` });
    } catch (error) {
      if (!(error instanceof DeidentifyImageError)) throw error;
      skipped.push({ sopInstanceUID: sop, reason: error.message });
    }
  }
  return { images, skipped };
}

/** Writes the copies into `dir` (created when missing); returns the paths written. */
export async function writeDeidentifiedImages(dir: string, images: readonly DeidentifiedImage[]): Promise<string[]> {
  await makePrivateDir(dir);
  const paths: string[] = [];
  for (const image of images) {
    const path = join(dir, image.fileName);
    await writePrivateFile(path, image.bytes);
    paths.push(path);
  }
  return paths;
}
