// Real studies made UID-less at run time (never committed): two copies of the real lumbar MR series with their UIDs
// blanked and different patients, and real CT slices with their UIDs deleted. Built with pydicom in a temp folder.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DICOM_DATA } from './shared-data';

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const SCRIPT = join(import.meta.dirname, 'make_uidless_copies.py');
export const LUMBAR_MR_DIR = join(DICOM_DATA, 'spine/lumbar-mr-axial-t2');
export const CT_AXIAL_DIR = join(DICOM_DATA, 'spine/thoracolumbar-ct/axial');

export interface UidlessStudies {
  readonly root: string;
  readonly alpha: string;
  readonly beta: string;
  readonly ct: string;
  remove(): void;
}

function copies(out: string, mode: 'blank' | 'delete', name: string, id: string, files: readonly string[]): void {
  const r = spawnSync(PYTHON, [SCRIPT, out, mode, name, id, ...files], { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`could not write the UID-less copies (install Debian's python3-pydicom): ${r.stderr || r.error?.message || ''}`);
  }
}

/** OTHER^ALPHA and OTHER^BETA: the 12 lumbar MR slices, UIDs blanked; ct: 7 real CT slices without any UID. */
export function makeUidlessStudies(): UidlessStudies {
  const root = mkdtempSync(join(tmpdir(), 'uidless-'));
  const mr = readdirSync(LUMBAR_MR_DIR).filter((f) => f.endsWith('.dcm')).sort().map((f) => join(LUMBAR_MR_DIR, f));
  const ct = readdirSync(CT_AXIAL_DIR).sort().slice(50, 57).map((f) => join(CT_AXIAL_DIR, f));
  const s = { root, alpha: join(root, 'alpha'), beta: join(root, 'beta'), ct: join(root, 'ct') };
  copies(s.alpha, 'blank', 'OTHER^ALPHA', 'ALPHA-1', mr);
  copies(s.beta, 'blank', 'OTHER^BETA', 'BETA-2', mr);
  copies(s.ct, 'delete', '-', '-', ct);
  return { ...s, remove: () => rmSync(root, { recursive: true, force: true }) };
}
