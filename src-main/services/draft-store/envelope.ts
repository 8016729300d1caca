/**
 * The draft file: the document wrapped with a SHA-256 of its canonical JSON.
 *
 * Why a checksum when the write protocol already never exposes a half-written file under the final name: the
 * protocol protects against our own crashes, not against a disk or file system that loses or mixes blocks on power
 * failure, a sync tool, or a person editing the file. JSON parsing catches truncation and zero-filled blocks;
 * schema validation catches most damage to structure; only a checksum catches damage that stays valid JSON of the
 * right shape (a digit changed in a coordinate). JSON.stringify(JSON.parse(s)) reproduces JSON.stringify's own
 * output exactly, so the canonical form needs no extra library.
 */
import { createHash } from 'node:crypto';
import type { Problem } from '@shared/validation/parse';
import { isRecord } from '@shared/annotation/json';
import type { AnnotationDocument } from '@shared/annotation/schema';
import { parseJsonText } from '@shared/validation/json-text';

export const DRAFT_FORMAT = 'spine-annotation-draft';
export const DRAFT_FORMAT_VERSION = 1;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function encodeDraft(document: AnnotationDocument): string {
  const envelope = { format: DRAFT_FORMAT, formatVersion: DRAFT_FORMAT_VERSION, sha256: sha256(JSON.stringify(document)), document };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

export type DecodedDraft =
  | { readonly ok: true; readonly document: unknown; readonly problems: Problem[] }
  | { readonly ok: false; readonly reason: 'corrupt' | 'newer-version'; readonly problems: Problem[] };

export function decodeDraft(text: string): DecodedDraft {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, reason: 'corrupt', problems: [{ path: '(file)', message: `${parsed.problems[0]?.message ?? 'not valid JSON'} (torn or damaged)` }] };
  const value = parsed.value;
  // A bare document (e.g. an exported file dropped into the folder) is accepted, without the checksum guarantee.
  if (!isRecord(value) || value['format'] !== DRAFT_FORMAT) {
    return { ok: true, document: value, problems: [{ path: '(file)', message: 'no draft envelope: checksum not verified' }] };
  }
  const formatVersion = value['formatVersion'];
  if (typeof formatVersion === 'number' && formatVersion > DRAFT_FORMAT_VERSION) {
    return { ok: false, reason: 'newer-version', problems: [{ path: 'formatVersion', message: `draft format ${formatVersion} is newer than this build reads (${DRAFT_FORMAT_VERSION})` }] };
  }
  const document = value['document'];
  if (formatVersion !== DRAFT_FORMAT_VERSION || typeof value['sha256'] !== 'string' || document === undefined) {
    return { ok: false, reason: 'corrupt', problems: [{ path: '(file)', message: 'damaged draft envelope' }] };
  }
  if (sha256(JSON.stringify(document)) !== value['sha256']) {
    return { ok: false, reason: 'corrupt', problems: [{ path: 'sha256', message: 'checksum mismatch: the file was damaged after it was written' }] };
  }
  return { ok: true, document, problems: [] };
}
