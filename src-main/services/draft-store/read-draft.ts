/** Reads and classifies one draft file: missing, ok (migrated/repaired), corrupt or newer-version. Never throws for content. */
import { readFile } from 'node:fs/promises';
import type { Problem } from '@shared/validation/parse';
import { loadDocument } from '@shared/annotation/load';
import type { AnnotationDocument } from '@shared/annotation/schema';
import { decodeDraft } from './envelope';
import { isCode } from './durable-fs';

/** Anything this large is not a draft of ours: refuse to parse it (and report it as corrupt). */
const MAX_DRAFT_BYTES = 64 * 1024 * 1024;

export type DraftFileState =
  | { readonly kind: 'missing' }
  | { readonly kind: 'ok'; readonly document: AnnotationDocument; readonly migrationsApplied: readonly string[]; readonly problems: readonly Problem[] }
  | { readonly kind: 'corrupt' | 'newer-version'; readonly problems: readonly Problem[] };

export async function readDraftFile(path: string): Promise<DraftFileState> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if (isCode(error, 'ENOENT')) return { kind: 'missing' };
    throw error;
  }
  if (bytes.length > MAX_DRAFT_BYTES) return { kind: 'corrupt', problems: [{ path: '(file)', message: `${bytes.length} bytes: too large for a draft` }] };
  const decoded = decodeDraft(bytes.toString('utf8'));
  if (!decoded.ok) return { kind: decoded.reason, problems: decoded.problems };
  const loaded = loadDocument(decoded.document);
  if (loaded.ok) return { kind: 'ok', document: loaded.document, migrationsApplied: loaded.migrationsApplied, problems: [...decoded.problems, ...loaded.problems] };
  // 'invalid' (valid JSON, not a valid document) is reported as corrupt: either way it cannot be opened.
  return { kind: loaded.reason === 'newer-version' ? 'newer-version' : 'corrupt', problems: loaded.problems };
}
