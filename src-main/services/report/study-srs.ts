// The structured reports of an open study, read back (issue 13, item 5): each of ours restored into its reading,
// every other one as text with why it cannot be restored. Only objects the session's index holds are read.
import type { ResponseOf } from '@shared/ipc/contract';
import { MAX_SR_TEXT, MAX_STUDY_SRS } from '@shared/ipc/report-schemas';
import { readSr, SrReadError } from '@shared/dicom/sr/index';
import { restoreReadingFromSr } from '@shared/report/restore-reading';
import type { StudySessions } from '../study-session';

export async function studySrs(studies: StudySessions, sessionId: string, studyInstanceUID: string): Promise<ResponseOf<'report:study-srs'>> {
  const index = await studies.getIndex(sessionId);
  const study = index.patients.flatMap((p) => p.studies).find((s) => s.uid === studyInstanceUID);
  const objects = (study?.series ?? []).flatMap((series) => series.objects.filter((o) => o.kind === 'sr')).slice(0, MAX_STUDY_SRS);
  const readings: ResponseOf<'report:study-srs'>['readings'] = [];
  const others: ResponseOf<'report:study-srs'>['others'] = [];
  for (const object of objects) {
    const sopInstanceUID = object.sopInstanceUid ?? '';
    try {
      const sr = readSr(await studies.readInstance(sessionId, object.id));
      const result = restoreReadingFromSr(sr);
      // The identity rule: a reading restored here belongs to this study (the SR's own study must be it).
      if (result.kind === 'restored' && result.studyInstanceUID === studyInstanceUID) {
        readings.push({ sopInstanceUID, written: `${sr.contentDate}${sr.contentTime.slice(0, 6)}`, document: result.document });
      } else if (result.kind === 'text-only') others.push({ sopInstanceUID, note: result.note, text: result.text.slice(0, MAX_SR_TEXT) });
    } catch (error) {
      const why = error instanceof SrReadError ? error.message : 'The file could not be read.';
      others.push({ sopInstanceUID, note: `This structured report could not be read: ${why}`, text: '' });
    }
  }
  return { readings, others };
}
