import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_RECENT_STUDIES } from '@shared/ipc/study-schemas';
import { browserDataDir, recentStudiesFile } from '../../../src-main/services/app-paths';
import { recentEntriesOf, recentStudiesAt } from '../../../src-main/services/recent-studies';
import { indexSources } from '../../../src-main/services/study-index/indexer';
import { makeUidlessStudies } from '../../support/uidless-studies';
import { createStudySessions } from '../../../src-main/services/study-session';
import { DICOM_DATA } from '../../support/shared-data';

const entry = (n: number) => ({ paths: [`/studies/${n}`], patientName: `P ${n}`, description: 'MR L-spine', studyDate: '20240101', openedAt: new Date(n).toISOString() });

describe('recent studies', () => {
  it('persists newest first, de-duplicated by paths, bounded', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'recent-')), 'nested', 'recent.json');
    const recent = recentStudiesAt(file);
    expect(await recent.list()).toEqual([]);
    for (let n = 0; n < MAX_RECENT_STUDIES + 3; n++) await recent.add(entry(n));
    await recent.add(entry(5));
    const again = await recentStudiesAt(file).list();
    expect(again).toHaveLength(MAX_RECENT_STUDIES);
    expect(again[0]?.paths).toEqual(['/studies/5']);
    expect(again.filter((s) => s.paths[0] === '/studies/5')).toHaveLength(1);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 1 });
  });

  it('reads a damaged file as empty and overwrites it on the next add', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'recent-')), 'recent.json');
    writeFileSync(file, '{not json');
    const recent = recentStudiesAt(file);
    expect(await recent.list()).toEqual([]);
    await recent.add(entry(1));
    expect(await recent.list()).toHaveLength(1);
  });

  it('an opened study is remembered with its patient and description (the sample is not)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sessions-'));
    const sessions = createStudySessions({ dataDir });
    const id = sessions.open([`${DICOM_DATA}/spine/lumbar-mr-axial-t2`]);
    await sessions.getIndex(id);
    const [first] = await sessions.recent();
    expect(first?.paths).toEqual([`${DICOM_DATA}/spine/lumbar-mr-axial-t2`]);
    expect(first?.patientName).not.toBe('');
    expect(recentStudiesFile(dataDir).startsWith(dataDir)).toBe(true);
    sessions.closeAll();
  });

  it('browser mode keeps its data under XDG_CACHE_HOME, else ~/.cache', () => {
    expect(browserDataDir({ XDG_CACHE_HOME: '/x/cache' }, '/home/u')).toBe('/x/cache/spine-met-annotator');
    expect(browserDataDir({}, '/home/u')).toBe('/home/u/.cache/spine-met-annotator');
    expect(browserDataDir({ XDG_CACHE_HOME: 'relative' }, '/home/u')).toBe('/home/u/.cache/spine-met-annotator');
  });

  it('keeps one entry per study, with what tells similar studies apart (real UID-less copies of one series)', async () => {
    const data = makeUidlessStudies();
    try {
      const index = await indexSources([data.root]);
      const entries = recentEntriesOf([data.root], index, '2026-12-01T00:00:00.000Z');
      expect(entries.map((e) => [e.patientName, e.patientId, e.modalities, e.seriesCount, e.instanceCount])).toEqual([
        ['OTHER ALPHA', 'ALPHA-1', ['MR'], 1, 12],
        ['OTHER BETA', 'BETA-2', ['MR'], 1, 12],
        ['ANON THORACOLUMBAR_CT', 'SPINE-CT-0001', ['CT'], 1, 7],
      ]);
      const file = join(mkdtempSync(join(tmpdir(), 'recent-')), 'recent.json');
      const recent = recentStudiesAt(file);
      for (const e of entries) await recent.add(e);
      // The same study opened again from elsewhere replaces its entry; the others stay.
      const beta = entries[1];
      if (beta === undefined) throw new Error('no entry for OTHER^BETA');
      await recent.add({ ...beta, paths: [data.beta] });
      const listed = await recent.list();
      expect(listed).toHaveLength(3);
      expect(listed[0]?.paths).toEqual([data.beta]);
      expect(new Set(listed.map((e) => e.studyUid)).size).toBe(3);
    } finally {
      data.remove();
    }
  });
});
