// labels:propose over an open session: proposals for the series, refusals as data, the decoded series reused.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { proposeHandlers } from '../../../src-main/services/propose-channel';
import type { StudySessions } from '../../../src-main/services/study-session';
import { indexSources } from '../../../src-main/services/study-index/indexer';
import { createInstanceBytesReader } from '../../../src-main/services/study-index/file-bytes';
import { THORACOLUMBAR_CT } from '../dicom-index/data';

async function session(): Promise<{ studies: StudySessions; reads: () => number; seriesUid: string }> {
  const index = await indexSources([join(THORACOLUMBAR_CT, 'sagittal')]);
  const reader = createInstanceBytesReader(index);
  let count = 0;
  const studies = {
    getIndex: async () => index,
    readInstance: async (_session: string, id: string) => {
      count++;
      return reader.read(id);
    },
  } as unknown as StudySessions;
  return { studies, reads: () => count, seriesUid: index.patients[0]?.studies[0]?.series[0]?.uid ?? '' };
}

const L5 = [1.29, -125.75, 246.17] as [number, number, number];
const base = { sessionId: 's1', thoracicCount: 12, lumbarCount: 5, countingMethod: 'unknown' } as const;

describe('labels:propose', () => {
  it('proposes the series\' levels from the anchors, and proposes again without decoding the series again', async () => {
    const { studies, reads, seriesUid } = await session();
    const handle = proposeHandlers(studies)['labels:propose'];
    const first = await handle({ ...base, seriesUid, anchors: [{ level: 'L5', point: L5 }] });
    expect(first.status).toBe('proposed');
    if (first.status !== 'proposed') return;
    expect(first.levels.map((l) => l.level)).toEqual(['T12', 'L1', 'L2', 'L3', 'L4']);
    expect(first.warnings.map((w) => w.code)).toContain('count-unreferenced');
    const decoded = reads();
    expect(decoded).toBe(40);
    // The reader confirms L3 where it was proposed: counted again from both, no new decoding.
    const l3 = first.levels.find((l) => l.level === 'L3');
    const again = await handle({ ...base, seriesUid, anchors: [{ level: 'L5', point: L5 }, { level: 'L3', point: l3?.point ?? L5 }] });
    expect(again.status === 'proposed' && again.levels.map((l) => l.level)).toEqual(['T12', 'L1', 'L2', 'L4']);
    expect(reads()).toBe(decoded);
  });

  const refusals = [
    { name: 'a series not in the study', seriesUid: '1.2.3', anchors: [{ level: 'L5', point: L5 }], reason: /series 1\.2\.3 is not in this study/ },
    { name: 'a label outside the series', seriesUid: null, anchors: [{ level: 'L5', point: [400, 0, 0] as [number, number, number] }], reason: /outside this series/ },
  ];
  for (const c of refusals) {
    it(`refuses ${c.name}, in our words`, async () => {
      const { studies, seriesUid } = await session();
      const answer = await proposeHandlers(studies)['labels:propose']({ ...base, seriesUid: c.seriesUid ?? seriesUid, anchors: c.anchors });
      expect(answer.status).toBe('refused');
      if (answer.status === 'refused') expect(answer.reason).toMatch(c.reason);
    });
  }
});
