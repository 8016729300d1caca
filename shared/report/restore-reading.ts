/**
 * An SR read back (issue 13, item 5): our own SR restores the reading it was written from (its reading record,
 * reading-record.ts, through loadDocument, which validates and migrates it); any other SR is shown read-only as
 * text, with a note saying why it cannot be restored. Pure: the caller has parsed the bytes (readSr).
 */
import { loadDocument, loadDocumentText } from '../annotation/load';
import type { AnnotationDocument } from '../annotation/schema';
import type { ReadSr } from '../dicom/sr/index';
import { readSr, renderSrText, SrReadError } from '../dicom/sr/index';
import { sniffDicom } from '../dicom/sniff';
import { decodeText } from '../dicom/charset';
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

export type ReadingFile =
  | { readonly ok: true; readonly document: AnnotationDocument; readonly from: 'json' | 'sr' }
  /** `text`: an SR that cannot be restored, to show read-only ('' when there is nothing to show). */
  | { readonly ok: false; readonly message: string; readonly text: string };

/** A reading file as the reader picked it: the JSON export, or a DICOM SR (ours restores; another is text). */
export function readingFromFile(bytes: Uint8Array): ReadingFile {
  if (sniffDicom(bytes) !== null) {
    let sr: ReadSr;
    try {
      sr = readSr(bytes);
    } catch (e) {
      if (e instanceof SrReadError) return { ok: false, message: e.message, text: '' };
      throw e;
    }
    const result = restoreReadingFromSr(sr);
    return result.kind === 'restored' ? { ok: true, document: result.document, from: 'sr' } : { ok: false, message: result.note, text: result.text };
  }
  const loaded = loadDocumentText(decodeText(bytes, ['ISO_IR 192']));
  if (!loaded.ok) return { ok: false, message: `It is not a reading this app can open: ${loaded.problems.slice(0, 3).map((p) => p.message).join('; ')}.`, text: '' };
  return { ok: true, document: loaded.document, from: 'json' };
}
