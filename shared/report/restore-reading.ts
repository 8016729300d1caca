/**
 * An SR read back (issue 13, item 5): our own SR restores the reading it was written from (its reading record,
 * reading-record.ts, through loadDocument, which validates and migrates it); any other SR is shown read-only as
 * text, with a note saying why it cannot be restored. Pure: the caller has parsed the bytes (readSr).
 */
import { loadDocument } from '../annotation/load';
import type { AnnotationDocument } from '../annotation/schema';
import type { ReadSr } from '../dicom/sr/index';
import { renderSrText } from '../dicom/sr/index';
import { documentFromRecord, findReadingRecord } from './reading-record';

export type SrRestore =
  | { readonly kind: 'restored'; readonly document: AnnotationDocument; readonly studyInstanceUID: string }
  /** Not restorable: the SR as text and why. */
  | { readonly kind: 'text-only'; readonly note: string; readonly text: string };

export const FOREIGN_SR_NOTE = 'This structured report was not written by this app, so the reading cannot be restored from it; it is shown read-only, as text.';
const NO_RECORD_NOTE = 'This structured report does not carry the reading it was made from (a de-identified export, or one written by an older version of this app), so the reading cannot be restored from it; it is shown read-only, as text.';

export function restoreReadingFromSr(sr: ReadSr): SrRestore {
  const textOnly = (note: string): SrRestore => ({ kind: 'text-only', note, text: renderSrText(sr) });
  const record = findReadingRecord(sr.root.children);
  if (record === undefined) return textOnly(sr.manufacturer === 'spine-met-annotator' ? NO_RECORD_NOTE : FOREIGN_SR_NOTE);
  const decoded = documentFromRecord(record);
  if (!decoded.ok) return textOnly(`The reading in this structured report is damaged (${decoded.problem}), so it cannot be restored; the report is shown read-only, as text.`);
  const loaded = loadDocument(decoded.value);
  if (!loaded.ok) {
    const why = loaded.reason === 'newer-version' ? 'it was written by a newer version of this app' : `it is not a valid reading (${loaded.problems.slice(0, 3).map((p) => `${p.path}: ${p.message}`).join('; ')})`;
    return textOnly(`The reading in this structured report cannot be restored: ${why}. The report is shown read-only, as text.`);
  }
  // A reading belongs to one study: the SR's own. A record naming another study is not restored.
  if (loaded.document.studyInstanceUID !== sr.studyInstanceUID) {
    return textOnly('The reading in this structured report names another study than the report itself, so it cannot be restored; the report is shown read-only, as text.');
  }
  return { kind: 'restored', document: loaded.document, studyInstanceUID: sr.studyInstanceUID };
}

/** The identity rule of a restore into an open study: the SR's study must be the open one. Null when it is. */
export function restoreRefusal(srStudyInstanceUID: string, openStudyUID: string | null): string | null {
  if (openStudyUID === null) return null;
  return srStudyInstanceUID === openStudyUID ? null : 'This structured report belongs to another study than the one open, so its reading cannot be restored here. Open its own study first.';
}
