// Where the real test data lives (read in place, never copied into the repository) and temp-dir helpers.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Series, StudyIndex } from '@shared/dicom/index-model';
import { DICOM_DATA } from '../../support/shared-data';

export const DATA = DICOM_DATA;
export const LUMBAR_MR = join(DATA, 'spine/lumbar-mr-axial-t2');
export const THORACOLUMBAR_CT = join(DATA, 'spine/thoracolumbar-ct');
export const CORPUS = join(DATA, 'corpus');
export const REPO = join(import.meta.dirname, '../../..');

export function tempDir(name: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `dicom-index-${name}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export const allSeries = (index: StudyIndex): Series[] =>
  index.patients.flatMap((p) => p.studies.flatMap((s) => s.series));

export const lumbarFiles = (): string[] =>
  Array.from({ length: 12 }, (_, i) => join(LUMBAR_MR, `IM${String(i + 1).padStart(2, '0')}.dcm`));
