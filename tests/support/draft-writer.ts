/**
 * Child process for the draft-store kill test: loads the draft of one study, then saves increasing revisions as
 * fast as it can until it is killed. Protocol on stdout (one line each, written synchronously so a line is out
 * before the next save starts): `ready <status> <revision>` after loading, then `saved <revision>` after each save
 * has returned. Usage: tsx tests/support/draft-writer.ts DIR STUDY_UID
 */
import { writeSync } from 'node:fs';
import { createDocument, defaultLesion } from '@shared/annotation/defaults';
import type { AnnotationDocument } from '@shared/annotation/schema';
import { DraftStore } from '../../src-main/services/draft-store/index';

const [dir, studyUid] = process.argv.slice(2);
if (dir === undefined || studyUid === undefined) {
  process.stderr.write('usage: draft-writer DIR STUDY_UID\n');
  process.exit(2);
}

/** A document of realistic size (a few dozen KB), so each write takes real time and a kill can land inside it. */
function seed(uid: string): AnnotationDocument {
  const doc = createDocument({ studyInstanceUID: uid, readerName: 'Kill Test', now: new Date(0).toISOString(), appVersion: 'test', rulesVersion: 'test' });
  const levels = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5'];
  return { ...doc, lesions: levels.map((level, i) => ({ ...defaultLesion(`les-${i + 1}`, [level]), note: 'x'.repeat(1500) })) };
}

async function main(directory: string, uid: string): Promise<void> {
  const store = new DraftStore(directory);
  const loaded = await store.load(uid);
  let doc = loaded.document ?? seed(uid);
  writeSync(1, `ready ${loaded.status} ${doc.revision}\n`);
  for (;;) {
    const revision = doc.revision + 1;
    // The revision is also written into the content, so a file whose parts came from two saves cannot pass.
    doc = { ...doc, revision, updatedAt: new Date().toISOString(), report: { ...doc.report, freeText: `revision ${revision}` } };
    await store.save(uid, doc);
    writeSync(1, `saved ${revision}\n`);
  }
}

main(dir, studyUid).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
