// The source study as the report pipeline needs it: the index, the StudyInfo (with the header values the index
// does not keep: institution, study ID, SOP classes), and a way to read an instance's bytes by SOP instance UID.
import type { StudyIndex } from '@shared/dicom/index-model';
import { parseDicomBytes } from '@shared/dicom/decode/parse';
import type { StudyInfo } from '@shared/report/study-info';
import { studyInfoFromIndex } from '@shared/report/study-info';
import { indexSources } from '../study-index/indexer';
import { createInstanceBytesReader } from '../study-index/file-bytes';
import type { InstanceBytesReader } from '../study-index/file-bytes';
import { inflateRawNode } from '../codecs-node';

export interface ReportStudySource {
  readonly index: StudyIndex;
  readonly info: StudyInfo;
  /** The whole file of an instance (null when the study has no such instance). */
  readBytes(sopInstanceUID: string, frame?: number): Promise<Uint8Array | null>;
  close(): void;
}

function instanceIds(index: StudyIndex): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of index.patients) for (const st of p.studies) for (const se of st.series) for (const sk of se.stacks) {
    for (const i of sk.instances) if (i.sopInstanceUid !== undefined) out.set(`${i.sopInstanceUid}#${i.frame ?? 0}`, i.id);
  }
  return out;
}

/** The SOP class of one file (the index keeps it per series, the SR references each instance's own). */
async function sopClassOf(bytes: Uint8Array): Promise<string | undefined> {
  const { dataSet } = await parseDicomBytes(bytes, { inflateRaw: inflateRawNode });
  return dataSet.string('x00080016')?.trim() || undefined;
}

/**
 * Indexes `paths` and returns the study `studyInstanceUID` (or the only/first study). SOP classes are read for
 * the instances in `sopInstanceUIDs` (the ones the report references).
 */
export async function openReportStudy(paths: readonly string[], studyInstanceUID: string | null, sopInstanceUIDs: readonly string[]): Promise<ReportStudySource> {
  const index = await indexSources(paths);
  const reader: InstanceBytesReader = createInstanceBytesReader(index);
  try {
    return await reportStudyFromIndex(index, (id) => reader.read(id), studyInstanceUID, sopInstanceUIDs, () => reader.close());
  } catch (error) {
    reader.close();
    throw error;
  }
}

/**
 * The same over an index that is already open (the app's study session): instance bytes come through `readById`
 * (the session's allow-listed reader); `close` releases what the caller owns (nothing, for a session).
 */
export async function reportStudyFromIndex(
  index: StudyIndex,
  readById: (instanceId: string) => Promise<Uint8Array>,
  studyInstanceUID: string | null,
  sopInstanceUIDs: readonly string[],
  close: () => void = () => undefined,
): Promise<ReportStudySource> {
  const ids = instanceIds(index);
  const readBytes = async (sop: string, frame = 0): Promise<Uint8Array | null> => {
    const id = ids.get(`${sop}#${frame}`) ?? ids.get(`${sop}#0`);
    return id === undefined ? null : readById(id);
  };
  const first = studyInfoFromIndex(index, studyInstanceUID);
  if (first === null) {
    throw new Error(studyInstanceUID === null ? 'no study found in the given paths' : `study ${studyInstanceUID} not found in the given paths`);
  }
  // Institution and study ID come from the index (decoded with the file's character set); only the SOP classes of
  // the referenced instances are read here.
  const sopClasses: Record<string, string> = {};
  for (const sop of new Set(sopInstanceUIDs)) {
    const bytes = await readBytes(sop);
    if (bytes === null) continue;
    const sopClassUID = await sopClassOf(bytes);
    if (sopClassUID !== undefined) sopClasses[sop] = sopClassUID;
  }
  const info = studyInfoFromIndex(index, first.studyInstanceUID, { sopClasses });
  if (info === null) throw new Error('study vanished from its own index');
  return { index, info, readBytes, close };
}
