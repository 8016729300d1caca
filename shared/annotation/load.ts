/**
 * Loading an annotation document from untrusted JSON: detect, migrate, repair, validate, normalise.
 * Never throws; the caller decides what to tell the reader.
 */
import type { Problem } from '../validation/parse';
import { formatPath } from '../validation/parse';
import { isRecord } from './json';
import { migrate, OLDEST_VERSION } from './migrations';
import { normaliseDocument } from './normalise';
import { repairAt } from './repairs';
import type { AnnotationDocument } from './schema';
import { ANNOTATION_KIND, AnnotationDocumentSchema, CURRENT_VERSION } from './schema';
import { parseJsonText } from '../validation/json-text';

export type LoadResult =
  | {
      readonly ok: true;
      readonly document: AnnotationDocument;
      readonly migrationsApplied: readonly string[];
      /** Values that were clamped, rounded, truncated or relinked while loading (empty for a clean file). */
      readonly problems: readonly Problem[];
    }
  | {
      readonly ok: false;
      /** corrupt: not JSON; newer-version: written by a newer build (never touch it); invalid: JSON but not a valid document. */
      readonly reason: 'corrupt' | 'newer-version' | 'invalid';
      readonly problems: readonly Problem[];
      readonly version?: number;
    };

const MAX_REPAIR_PASSES = 8;

export function loadDocumentText(text: string): LoadResult {
  const parsed = parseJsonText(text);
  return parsed.ok ? loadDocument(parsed.value) : { ok: false, reason: 'corrupt', problems: parsed.problems };
}

export function loadDocument(value: unknown): LoadResult {
  if (!isRecord(value) || value['kind'] !== ANNOTATION_KIND) {
    return { ok: false, reason: 'invalid', problems: [{ path: 'kind', message: `expected "${ANNOTATION_KIND}"` }] };
  }
  const version = value['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < OLDEST_VERSION) {
    return { ok: false, reason: 'invalid', problems: [{ path: 'version', message: `expected an integer from ${OLDEST_VERSION} to ${CURRENT_VERSION}` }] };
  }
  if (version > CURRENT_VERSION) {
    return {
      ok: false,
      reason: 'newer-version',
      version,
      problems: [{ path: 'version', message: `written by a newer version of the app (document version ${version}, this build reads up to ${CURRENT_VERSION})` }],
    };
  }
  const { doc: migrated, applied } = migrate(value, version);

  let raw: unknown = migrated;
  const repairs: Problem[] = [];
  for (let pass = 0; pass < MAX_REPAIR_PASSES; pass += 1) {
    const parsed = AnnotationDocumentSchema.safeParse(raw);
    if (parsed.success) {
      const { document, problems } = normaliseDocument(parsed.data);
      return { ok: true, document, migrationsApplied: applied, problems: [...repairs, ...problems] };
    }
    let repaired = false;
    for (const issue of parsed.error.issues) {
      const fix = repairAt(raw, issue.path);
      if (!fix) continue;
      raw = fix.root;
      repairs.push(fix.problem);
      repaired = true;
    }
    if (!repaired) {
      return {
        ok: false,
        reason: 'invalid',
        version,
        problems: parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
      };
    }
  }
  return { ok: false, reason: 'invalid', version, problems: [{ path: '(root)', message: 'too many repairs needed' }] };
}
