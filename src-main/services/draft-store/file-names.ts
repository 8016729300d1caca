/**
 * File names derived from StudyInstanceUID. A conformant UID (digits and dots, ≤ 64 characters) is used as it is,
 * which keeps the folder readable; anything else (vendors do emit non-conformant UIDs) is hex-encoded, so no UID
 * can ever produce a path separator, `..`, a reserved device name or a case clash.
 */
import { DraftStoreError } from './errors';

const CONFORMANT_UID = /^[0-9]+(\.[0-9]+)*$/;
const HEX_PREFIX = 'x-';
const MAX_UID_LENGTH = 64;

export function stemForStudy(studyUid: string): string {
  if (studyUid.length === 0 || studyUid.length > MAX_UID_LENGTH) {
    throw new DraftStoreError('invalid-study-uid', `StudyInstanceUID must have 1–${MAX_UID_LENGTH} characters`);
  }
  if (CONFORMANT_UID.test(studyUid)) return studyUid;
  return HEX_PREFIX + Buffer.from(studyUid, 'utf8').toString('hex');
}

export function studyForStem(stem: string): string | null {
  if (CONFORMANT_UID.test(stem)) return stem;
  if (stem.startsWith(HEX_PREFIX) && /^[0-9a-f]+$/.test(stem.slice(HEX_PREFIX.length))) {
    return Buffer.from(stem.slice(HEX_PREFIX.length), 'hex').toString('utf8');
  }
  return null;
}

export const mainName = (stem: string) => `${stem}.json`;
export const previousName = (stem: string) => `${stem}.prev.json`;
/** Temp files carry the writer's pid, so a crashed writer's leftovers can be told from a live one's. */
export const tempName = (finalName: string, pid: number, n: number) => `${finalName}.tmp-${pid}-${n}`;
export const TEMP_PATTERN = /^(.+\.json)\.tmp-(\d+)-(\d+)$/;
export const quarantineName = (stem: string, why: 'corrupt' | 'newer' | 'other-patient' | 'replaced', at: Date) =>
  `${stem}.${why}-${at.toISOString().replace(/[:.]/g, '-')}.json`;
