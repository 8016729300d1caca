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

/** Header values of one file: institution, study ID, SOP class. */
async function headerExtras(bytes: Uint8Array): Promise<{ institutionName?: string; studyId?: string; sopClassUID?: string }> {
  const { dataSet } = await parseDicomBytes(bytes, { inflateRaw: inflateRawNode });
  const trimmed = (tagName: string): string | undefined => dataSet.string(tagName)?.trim() || undefined;
  const institutionName = trimmed('x00080080');
  const studyId = trimmed('x00200010');
  const sopClassUID = trimmed('x00080016');
  return { ...(institutionName ? { institutionName } : {}), ...(studyId ? { studyId } : {}), ...(sopClassUID ? { sopClassUID } : {}) };
}

/**
 * Indexes `paths` and returns the study `studyInstanceUID` (or the only/first study). SOP classes are read for
 * the instances in `sopInstanceUIDs` (the ones the report references), plus one file for the study header.
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
  const sopClasses: Record<string, string> = {};
  let institutionName: string | undefined;
  let studyId: string | undefined;
  const wanted = new Set(sopInstanceUIDs);
  const firstInstance = first.series[0]?.instances[0]?.sopInstanceUID;
  if (firstInstance !== undefined) wanted.add(firstInstance);
  for (const sop of wanted) {
    const bytes = await readBytes(sop);
    if (bytes === null) continue;
    const extras = await headerExtras(bytes);
    if (extras.sopClassUID !== undefined) sopClasses[sop] = extras.sopClassUID;
    institutionName ??= extras.institutionName;
    studyId ??= extras.studyId;
  }
  const info = studyInfoFromIndex(index, first.studyInstanceUID, {
    sopClasses,
    ...(institutionName !== undefined ? { institutionName } : {}),
    ...(studyId !== undefined ? { studyId } : {}),
  });
  if (info === null) throw new Error('study vanished from its own index');
  return { index, info, readBytes, close };
}
