import { describe, expect, it } from 'vitest';
import type { InstanceHeader } from '@shared/dicom/header';
import { buildPatients, buildSeries } from '@shared/dicom/grouping';
import type { IndexedObject } from '@shared/dicom/indexed-object';

const AXIAL = [1, 0, 0, 0, 1, 0];
const SAGITTAL = [0, 1, 0, 0, 0, -1];

let counter = 0;
function object(h: Partial<InstanceHeader>, label = `f${counter}`): IndexedObject {
  counter++;
  return {
    id: `id${counter}`,
    file: counter,
    label,
    header: {
      encoding: 'part10',
      pixelSpacingSource: 'PixelSpacing',
      numberOfFrames: 1,
      hasPixelData: true,
      isWorklistItem: false,
      isQueryIdentifier: false,
      warnings: [],
      studyInstanceUid: '1.2.3',
      seriesInstanceUid: '1.2.3.4',
      sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
      sopInstanceUid: `1.2.3.4.${counter}`,
      rows: 4,
      columns: 4,
      pixelSpacing: [1, 1],
      ...h,
    },
  };
}

describe('buildSeries (synthetic headers)', () => {
  it('orders by position along the normal, not by instance number', () => {
    const s = buildSeries([
      object({ instanceNumber: 1, imagePositionPatient: [0, 0, 10], imageOrientationPatient: AXIAL }),
      object({ instanceNumber: 2, imagePositionPatient: [0, 0, 0], imageOrientationPatient: AXIAL }),
      object({ instanceNumber: 3, imagePositionPatient: [0, 0, 5], imageOrientationPatient: AXIAL }),
    ]);
    expect(s.stacks[0]?.instances.map((i) => i.instanceNumber)).toEqual([2, 3, 1]);
    expect(s.stacks[0]?.instances.map((i) => i.position)).toEqual([0, 5, 10]);
    expect(s.stacks[0]).toMatchObject({ regularVolume: true, sliceSpacing: 5, orientation: 'axial' });
  });

  it('falls back to InstanceNumber without geometry, and says why the stack is no volume', () => {
    const s = buildSeries([object({ instanceNumber: 3 }), object({ instanceNumber: 1 }), object({ instanceNumber: 2 })]);
    expect(s.stacks[0]).toMatchObject({ sortedBy: 'instance-number', regularVolume: false, orientation: 'unknown' });
    expect(s.stacks[0]?.instances.map((i) => i.instanceNumber)).toEqual([1, 2, 3]);
    expect(s.stacks[0]?.regularReason).toMatch(/ImagePositionPatient/u);
  });

  it('splits a series by orientation and reports it as mixed', () => {
    const s = buildSeries([
      object({ instanceNumber: 1, imagePositionPatient: [0, 0, 0], imageOrientationPatient: AXIAL }),
      object({ instanceNumber: 2, imagePositionPatient: [0, 0, 0], imageOrientationPatient: SAGITTAL }),
    ]);
    expect(s.orientation).toBe('mixed');
    expect(s.stacks.map((k) => k.orientation)).toEqual(['axial', 'sagittal']);
  });

  it('flags an irregular gap', () => {
    const s = buildSeries([0, 5, 10, 20].map((z, i) => object({ instanceNumber: i + 1, imagePositionPatient: [0, 0, z], imageOrientationPatient: AXIAL })));
    expect(s.stacks[0]?.regularVolume).toBe(false);
    expect(s.stacks[0]?.regularReason).toMatch(/gap/u);
  });

  it('expands multi-frame objects into frames with per-frame positions', () => {
    const frames = [0, 1, 2].map((f) => ({ imagePositionPatient: [0, 0, 2 - f], imageOrientationPatient: AXIAL, pixelSpacing: [1, 1] }));
    const o = object({ numberOfFrames: 3, frames });
    const s = buildSeries([o]);
    expect(s.stacks[0]?.instances.map((i) => i.id)).toEqual([`${o.id}.2`, `${o.id}.1`, `${o.id}.0`]);
    expect(s.instanceCount).toBe(3);
  });

  it('keeps a duplicate SOPInstanceUID once and names the copy', () => {
    const a = object({ sopInstanceUid: '9.9' }, 'a/one.dcm');
    const b = object({ sopInstanceUid: '9.9' }, 'b/copy.dcm');
    const s = buildSeries([b, a]);
    expect(s.instanceCount).toBe(1);
    expect(s.problems).toEqual([{ file: 'b/copy.dcm', code: 'duplicate-instance', reason: 'same SOPInstanceUID as a/one.dcm; not listed twice' }]);
  });

  it('lists non-image objects by kind in their own series', () => {
    const sr = object({ sopClassUid: '1.2.840.10008.5.1.4.1.1.88.33', seriesInstanceUid: '7', hasPixelData: false });
    const s = buildSeries([sr]);
    expect(s).toMatchObject({ nonImage: 'sr', stacks: [], objects: [{ kind: 'sr', name: 'Comprehensive SR Storage' }] });
  });
});

describe('buildPatients', () => {
  it('groups by patient, then study, then series, deterministically', () => {
    const objects = [
      object({ patientId: 'P1', studyInstanceUid: '1.9.1', seriesInstanceUid: '1.9.1.1', seriesNumber: 2 }),
      object({ patientId: 'P1', studyInstanceUid: '1.9.1', seriesInstanceUid: '1.9.1.2', seriesNumber: 1 }),
      object({ patientId: 'P2', studyInstanceUid: '1.9.2', seriesInstanceUid: '1.9.2.1', modality: 'CT' }),
    ];
    const forward = buildPatients(objects);
    expect(forward.map((p) => p.id)).toEqual(['P1', 'P2']);
    expect(forward[0]?.studies[0]?.series.map((s) => s.uid)).toEqual(['1.9.1.2', '1.9.1.1']);
    expect(forward[1]?.studies[0]?.modalities).toEqual(['CT']);
    expect(buildPatients([...objects].reverse())).toEqual(forward);
  });

  it('carries the study ID and the first institution found (equipment is per series) for the report header', () => {
    const study = buildPatients([
      object({ seriesInstanceUid: 'S1', studyId: '42' }),
      object({ seriesInstanceUid: 'S2', institutionName: 'General Hospital' }),
    ])[0]?.studies[0];
    expect(study?.studyId).toBe('42');
    expect(study?.institutionName).toBe('General Hospital');
    const bare = buildPatients([object({ seriesInstanceUid: 'S3' })])[0]?.studies[0];
    expect(bare?.institutionName).toBeUndefined();
  });
});
