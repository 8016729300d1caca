import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileRefLabel } from '@shared/dicom/index-model';
import { StudyIndexSchema } from '@shared/dicom/index-model';
import { indexSources } from '../../../src-main/services/study-index/indexer';
import { CORPUS, allSeries } from './data';

/** The DICOM files listed in the corpus INDEX.tsv (first column). */
const listed = readFileSync(join(CORPUS, 'INDEX.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => join(CORPUS, line.split('\t')[0] ?? ''));

describe('the malformed-and-varied corpus folder', () => {
  it('indexes every file or lists it as a problem with a reason, with a schema-valid result', async () => {
    const index = await indexSources([CORPUS]);
    expect(StudyIndexSchema.safeParse(index).success).toBe(true);
    // JSON round trip: the index is plain data.
    expect(JSON.parse(JSON.stringify(index))).toEqual(index);

    const indexed = new Set(index.files.map(fileRefLabel));
    const problems = [...index.problems, ...allSeries(index).flatMap((s) => s.problems)];
    const withProblem = new Set(problems.filter((p) => p.code !== 'parse-warning').map((p) => p.file));
    expect(listed).toHaveLength(93);
    for (const file of listed) {
      expect(indexed.has(file) || withProblem.has(file), file).toBe(true);
    }
    for (const p of problems) expect(p.reason.length, p.file).toBeGreaterThan(0);
    // Both broken files (dcmdump fails on them too) are reported as truncated; READMEs and INDEX.tsv are skipped silently.
    for (const broken of ['GH179B.dcm', 'GH626.dcm']) {
      expect(index.problems).toContainEqual(
        expect.objectContaining({ file: join(CORPUS, 'fo-dicom/Tests/FO-DICOM.Tests/Test Data', broken), code: 'truncated' }),
      );
    }
    expect(index.stats.skipped).toBe(8);
    expect(index.stats).toMatchObject({ scanned: 101, found: 91, failed: 2 });
    // Headers only: far less read than the corpus holds (11 MB).
    expect(index.stats.bytesRead).toBeLessThan(4_000_000);
  });

  it('lists non-image objects for what they are', async () => {
    const index = await indexSources([CORPUS]);
    const objects = allSeries(index).flatMap((s) => s.objects.map((o) => ({ ...o, path: fileRefLabel(index.files[o.file] ?? { path: '' }) })));
    const at = (suffix: string) => objects.find((o) => o.path.endsWith(suffix));
    expect(at('Tag-0040-A170-VR-CS.dcm')).toMatchObject({ kind: 'sr', name: 'Detail SR Storage - Trial (Retired)' });
    expect(at('liver_rle.dcm')).toMatchObject({ kind: 'seg', name: 'Segmentation Storage' });
    expect(at('issue49-latin1.wl')).toMatchObject({ kind: 'other-non-image', name: 'Modality worklist item' });
    expect(at('ZeissOCT-cfind-query.dcm')).toMatchObject({ kind: 'other-non-image', name: 'Query/retrieve identifier' });
    const segSeries = allSeries(index).filter((s) => s.nonImage === 'seg');
    expect(segSeries.length).toBeGreaterThan(0);
    for (const s of segSeries) expect(s.stacks).toEqual([]);
  });

  it('expands multi-frame objects into frames with their own ids and per-frame positions', async () => {
    const index = await indexSources([join(CORPUS, 'dicomParser/testImages/encapsulated/multi-frame')]);
    const stacks = allSeries(index).flatMap((s) => s.stacks);
    const frames = stacks.flatMap((s) => s.instances).filter((i) => i.frame !== undefined);
    expect(frames.length).toBeGreaterThanOrEqual(2);
    for (const f of frames) expect(f.id).toMatch(/^[0-9a-f]{16}\.\d+$/u);
    expect(frames.every((f) => f.imagePositionPatient !== undefined)).toBe(true);
  });
});
