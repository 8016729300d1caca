// Issue 13, item 5: a reading read back from its own SR. Property: on 1,000 random documents (every field of the
// schema, seeded) document → report model → SR content → Comprehensive SR bytes → readSr → restored document is the
// same document (ids included: the record carries them, so links between lesions and measurements hold).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '@shared/annotation/load';
import type { AnnotationDocument } from '@shared/annotation/schema';
import { buildComprehensiveSr, readSr } from '@shared/dicom/sr/index';
import { writePart10 } from '@shared/dicom/write/index';
import { deriveReading } from '@shared/reading/derive';
import { buildReport } from '@shared/report/model';
import { LOCAL_SCHEME, SR_SCHEMES, buildSrContent } from '@shared/report/sr-content';
import { READING_RECORD, RECORD_SCHEME_DESIGNATOR } from '@shared/report/reading-record';
import { restoreReadingFromSr } from '@shared/report/restore-reading';
import { randomDocumentJson } from '../../support/random-document';
import { sampleDocument, sampleStudyInfo } from '../../support/sample-document';
import { seededRandom } from '../../support/seeded-random';

const OUT = resolve(__dirname, '../../output/report/sr-round-trip');
const study = sampleStudyInfo();
const instance = {
  seriesInstanceUID: '2.25.11', sopInstanceUID: '2.25.12', seriesNumber: 9001, instanceNumber: 1, contentDate: '20250601',
  contentTime: '080000', manufacturer: 'spine-met-annotator', softwareVersion: 'test', seriesDescription: 'test',
};

/** The SR the app writes for a document (the report's own content builder), as bytes. */
function srOf(doc: AnnotationDocument): Uint8Array {
  const model = buildReport({ document: doc, study, reading: deriveReading(doc) });
  const content = buildSrContent(model, doc, study);
  return writePart10(buildComprehensiveSr({ study: { ...study, studyInstanceUID: doc.studyInstanceUID }, instance, content: content.items, evidence: content.evidence, localSchemes: SR_SCHEMES }));
}

function randomDocument(seed: number): AnnotationDocument {
  const loaded = loadDocument(randomDocumentJson(seededRandom(seed)));
  if (!loaded.ok) throw new Error(`seed ${seed}: the random document is not valid: ${JSON.stringify(loaded.problems.slice(0, 3))}`);
  return loaded.document;
}

describe('reading read back from its SR', () => {
  it('the record uses the SR local scheme', () => {
    expect(RECORD_SCHEME_DESIGNATOR).toBe(LOCAL_SCHEME.designator);
    expect(READING_RECORD.value.length).toBeLessThanOrEqual(16);
  });

  it('the sample reading comes back whole', () => {
    const doc = sampleDocument();
    const back = restoreReadingFromSr(readSr(srOf(doc)));
    expect(back.kind).toBe('restored');
    if (back.kind === 'restored') expect(back.document).toEqual(loadDocument(doc).ok ? doc : null);
  });

  // 1,000 documents in four batches of 250 (seeds 1–1000), so a slow shared machine stays within each test's limit.
  it.each([1, 251, 501, 751])('random documents %i to +249: document → SR → document is the same document', (first) => {
    const failures: string[] = [];
    for (let seed = first; seed < first + 250; seed++) {
      const doc = randomDocument(seed);
      const back = restoreReadingFromSr(readSr(srOf(doc)));
      if (back.kind !== 'restored') failures.push(`seed ${seed}: ${back.note}`);
      else if (JSON.stringify(back.document) !== JSON.stringify(doc)) {
        try {
          expect(back.document).toEqual(doc);
        } catch (e) {
          failures.push(`seed ${seed}: ${String(e).slice(0, 1500)}`);
        }
      }
      if (failures.length >= 3) break;
    }
    expect(failures).toEqual([]);
  });

  it('random documents exercise what they should (signed, amended, key images, every measurement kind, unicode)', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 200; seed++) {
      const doc = randomDocument(seed);
      seen.add(`state ${doc.signoff.state}`);
      if (doc.signoff.previous.length > 0) seen.add('previous');
      if (doc.report.keyImages.length > 0) seen.add('key images');
      for (const m of doc.measurements) seen.add(m.kind);
      if (/[^\x20-\x7e]/.test(JSON.stringify(doc.lesions.map((l) => l.note)))) seen.add('unicode');
    }
    expect([...seen].sort()).toEqual(['angle', 'arrow', 'cobb', 'key images', 'length', 'previous', 'state amended', 'state draft', 'state final', 'text', 'translation', 'unicode', 'vertebral-heights'].sort());
  });

  it('SRs of random documents pass dciodvfy with no errors', () => {
    mkdirSync(OUT, { recursive: true });
    const errors: string[] = [];
    for (const seed of [3, 17, 99]) {
      const file = join(OUT, `random-${seed}.dcm`);
      writeFileSync(file, srOf(randomDocument(seed)));
      const v = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
      errors.push(...`${v.stdout}${v.stderr}`.split('\n').filter((l) => l.startsWith('Error')).map((l) => `seed ${seed}: ${l}`));
    }
    expect(errors).toEqual([]);
  });
});
