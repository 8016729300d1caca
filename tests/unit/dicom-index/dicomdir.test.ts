import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDicomdir } from '@shared/dicom/dicomdir';
import { indexSources } from '../../../src-main/services/study-index/indexer';
import { cdNameKey } from '../../../src-main/services/study-index/resolve-cd-path';
import { LUMBAR_MR, THORACOLUMBAR_CT, allSeries, lumbarFiles, tempDir } from './data';

/**
 * A patient CD in miniature: real files under uppercase 8.3 names, DICOMDIR written by dcmtk's dcmmkdir. Then the
 * disc is "mounted" the way CDs often appear: some names lower-cased, one with an ISO 9660 ";1" version suffix.
 */
describe('DICOMDIR from dcmmkdir', () => {
  const dir = tempDir('dicomdir');
  beforeAll(() => {
    mkdirSync(join(dir.path, 'DICOM/MR1'), { recursive: true });
    mkdirSync(join(dir.path, 'DICOM/CT1'), { recursive: true });
    lumbarFiles().forEach((file, i) => copyFileSync(file, join(dir.path, `DICOM/MR1/IM${String(i + 1).padStart(2, '0')}`)));
    for (const n of ['0001', '0002', '0003']) copyFileSync(join(THORACOLUMBAR_CT, `axial/IM${n}.dcm`), join(dir.path, `DICOM/CT1/IM${n}`));
    // -Nxc: the real files are implicit VR, which the general-purpose CD profile would reject.
    execFileSync('dcmmkdir', ['-Nxc', '+r', '+id', dir.path, '+D', join(dir.path, 'DICOMDIR'), 'DICOM'], { stdio: 'pipe' });
    renameSync(join(dir.path, 'DICOM/MR1'), join(dir.path, 'DICOM/mr1'));
    renameSync(join(dir.path, 'DICOM/mr1/IM01'), join(dir.path, 'DICOM/mr1/im01'));
    renameSync(join(dir.path, 'DICOM/CT1/IM0001'), join(dir.path, 'DICOM/CT1/IM0001;1'));
  });
  afterAll(() => dir.remove());

  it('parses the directory records into referenced files grouped by series', () => {
    const entries = parseDicomdir(new Uint8Array(readFileSync(join(dir.path, 'DICOMDIR'))));
    expect(entries).toHaveLength(15);
    expect(entries.every((e) => e.recordType === 'IMAGE' && e.components[0] === 'DICOM')).toBe(true);
    expect(new Set(entries.map((e) => e.seriesGroup))).toEqual(new Set([0, 1]));
    expect(entries.map((e) => e.components.join('/'))).toContain('DICOM/MR1/IM01');
  });

  it('resolves every record case-insensitively and indexes the studies', async () => {
    const index = await indexSources([join(dir.path, 'DICOMDIR')]);
    expect(index.problems).toEqual([]);
    expect(index.stats).toMatchObject({ found: 15, failed: 0 });
    const series = allSeries(index);
    const mr = series.find((s) => s.modality === 'MR');
    const ct = series.find((s) => s.modality === 'CT');
    expect(mr?.stacks.map((s) => s.instances.length)).toEqual([3, 3, 3, 3]);
    expect(ct?.stacks.map((s) => s.instances.length)).toEqual([3]);
    const paths = index.files.map((f) => ('path' in f ? f.path : ''));
    expect(paths).toContain(join(dir.path, 'DICOM/mr1/im01'));
    expect(paths).toContain(join(dir.path, 'DICOM/CT1/IM0001;1'));
  });

  it('reports a referenced file that is missing, and still indexes the rest', async () => {
    rmSync(join(dir.path, 'DICOM/mr1/IM12'));
    const index = await indexSources([join(dir.path, 'DICOMDIR')]);
    expect(index.problems).toEqual([
      expect.objectContaining({ code: 'missing-file', file: join(dir.path, 'DICOM/MR1/IM12') }),
    ]);
    expect(index.stats.found).toBe(14);
    copyFileSync(join(LUMBAR_MR, 'IM12.dcm'), join(dir.path, 'DICOM/mr1/IM12'));
  });

  it('compares CD names without case, version suffix or trailing dot', () => {
    expect(cdNameKey('im000001;1')).toBe('IM000001');
    expect(cdNameKey('IM000001.')).toBe('IM000001');
    expect(cdNameKey('Dicom')).toBe('DICOM');
  });
});
