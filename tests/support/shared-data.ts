// Where the provided test material lives: ../shared beside the repository (a fresh clone in CI has its own copy
// there), never a fixed absolute path.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const SHARED_DATA = resolve(repoRoot, '../shared/data');
export const DICOM_DATA = resolve(SHARED_DATA, 'dicom');
