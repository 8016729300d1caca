import type { DataSet } from 'dicom-parser';
import { items, text } from './dataset-values';
import { DicomLoadError, thrownText } from './decode/errors';
import { parseDicomBounded } from './decode/parse-bounded';
import { TAG } from './tags';

/** A file a DICOMDIR refers to. */
export interface DicomdirEntry {
  /** ReferencedFileID split into path components, relative to the DICOMDIR's folder (e.g. ["DICOM", "ST000001", "IM000001"]). */
  readonly components: string[];
  /** Directory record type (IMAGE, SR DOCUMENT, PRESENTATION, …). */
  readonly recordType: string;
  /** Number of the SERIES record above this entry (entries sharing it belong to one series), when known. */
  readonly seriesGroup?: number;
  readonly sopInstanceUid?: string;
}

const recordUint32 = (ds: DataSet, tag: string): number => {
  try {
    return ds.elements[tag] ? (ds.uint32(tag) ?? 0) : 0;
  } catch {
    return 0;
  }
};

function entryOf(record: DataSet, seriesGroup: number | undefined): DicomdirEntry | undefined {
  const fileId = text(record, TAG.referencedFileId);
  if (fileId === undefined) return undefined;
  const components = fileId.split('\\').map((c) => c.trim()).filter((c) => c !== '');
  if (components.length === 0) return undefined;
  const recordType = text(record, TAG.directoryRecordType) ?? 'UNKNOWN';
  const sopInstanceUid = text(record, TAG.referencedSopInstanceUidInFile);
  return {
    components,
    recordType,
    ...(seriesGroup === undefined ? {} : { seriesGroup }),
    ...(sopInstanceUid === undefined ? {} : { sopInstanceUid }),
  };
}

/**
 * Follows the record hierarchy through its offsets (first root record, next, lower level), as the standard defines
 * it. Returns undefined when an offset does not point at a record, so the caller can fall back to sequence order.
 */
function walkByOffsets(ds: DataSet, records: { offset: number; ds: DataSet }[]): DicomdirEntry[] | undefined {
  const byOffset = new Map(records.map((r) => [r.offset, r.ds]));
  const out: DicomdirEntry[] = [];
  const visited = new Set<number>();
  let seriesCount = 0;
  const visit = (start: number, series: number | undefined): boolean => {
    for (let offset = start; offset !== 0; ) {
      if (visited.has(offset)) return false; // a loop: corrupt offsets
      visited.add(offset);
      const record = byOffset.get(offset);
      if (!record) return false;
      const isSeries = text(record, TAG.directoryRecordType) === 'SERIES';
      const group = isSeries ? seriesCount++ : series;
      const entry = entryOf(record, group);
      if (entry) out.push(entry);
      const lower = recordUint32(record, TAG.offsetOfLowerLevelEntity);
      if (lower !== 0 && !visit(lower, group)) return false;
      offset = recordUint32(record, TAG.offsetOfNextRecord);
    }
    return true;
  };
  const root = recordUint32(ds, TAG.offsetOfFirstRootRecord);
  if (root === 0 || !visit(root, undefined)) return undefined;
  return out;
}

/** Sequence order: records are usually written depth-first, so a file belongs to the last SERIES seen. */
function walkInOrder(records: { ds: DataSet }[]): DicomdirEntry[] {
  const out: DicomdirEntry[] = [];
  let series: number | undefined;
  let seriesCount = 0;
  for (const r of records) {
    if (text(r.ds, TAG.directoryRecordType) === 'SERIES') series = seriesCount++;
    const entry = entryOf(r.ds, series);
    if (entry) out.push(entry);
  }
  return out;
}

/** Parses a DICOMDIR (whole file) into the files it references. Throws DicomLoadError when it is not one. */
export function parseDicomdir(bytes: Uint8Array, file?: string): DicomdirEntry[] {
  let ds: DataSet;
  const where = file === undefined ? {} : { file };
  try {
    ds = parseDicomBounded(bytes);
  } catch (thrown) {
    throw new DicomLoadError('malformed', `DICOMDIR: ${thrownText(thrown)}`, { ...where, cause: thrown });
  }
  const element = ds.elements[TAG.directoryRecordSequence];
  if (!element) throw new DicomLoadError('malformed', 'DICOMDIR: no Directory Record Sequence (0004,1220)', where);
  const records = (element.items ?? []).flatMap((item) =>
    item.dataSet ? [{ offset: item.dataOffset - 8, ds: item.dataSet }] : [],
  );
  if (records.length === 0 && items(ds, TAG.directoryRecordSequence).length === 0) return [];
  return walkByOffsets(ds, records) ?? walkInOrder(records);
}
