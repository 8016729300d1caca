// Label propagation across series: labels placed on a sagittal image (in patient LPS mm) must name the right axial
// slices of the same frame of reference, on the synthetic sample study and on a real thoracolumbar CT.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LevelLabelRecord, Variants } from '@shared/annotation';
import { imageToPatient, patientToImage, planeFromDicom, signedDistanceToPlane, vec3 } from '@shared/geometry';
import type { ImagePlane } from '@shared/geometry';
import { ctGrid, mrGrid, PHANTOM, PHANTOM_GEOMETRY, SAGITTAL_ORIENTATION, SAMPLE_UIDS } from '@shared/sample';
import { labelDisplayFor, labelsHiddenReason, levelReadout, markersOn, proposeMissing } from '../../../src-renderer/reading/labels/propagation';
import { readFolder, SPINE_DATA } from '../../support/dicom-headers';

const STANDARD: Variants = { thoracicCount: 12, lumbarCount: 5, castellvi: null };
const FRAME = SAMPLE_UIDS.frameOfReference;

function plane(ipp: readonly number[], iop: readonly number[], spacing: number, rows: number, columns: number): ImagePlane {
  const result = planeFromDicom({ imagePositionPatient: ipp, imageOrientationPatient: iop, pixelSpacing: [spacing, spacing], rows, columns });
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

const mr = mrGrid(PHANTOM);
const ct = ctGrid(PHANTOM);
const mrPlanes = mr.x.map((x) => plane([x, mr.y0, mr.z0], SAGITTAL_ORIENTATION, mr.pixelSpacing, mr.rows, mr.columns));
const ctPlanes = ct.z.map((z) => plane([ct.x0, ct.y0, z], [1, 0, 0, 0, 1, 0], ct.pixelSpacing, ct.rows, ct.columns));

/** What a click on `target` at a point's projection records: the point moved onto that image's plane. */
function clickOn(target: ImagePlane, point: readonly [number, number, number]): [number, number, number] {
  const p = imageToPatient(target, patientToImage(target, vec3(point[0], point[1], point[2])).point);
  return [p[0], p[1], p[2]];
}

function label(name: string, point: [number, number, number], frame = FRAME, proposed = false): LevelLabelRecord {
  return { id: `lbl-${name}`, label: name, point, frameOfReferenceUID: frame, sourceInstance: { sopInstanceUID: '1.2.3', frame: 0 }, proposed };
}

/** Index of the plane whose |distance| to a point is smallest. */
function nearestPlane(planes: readonly ImagePlane[], point: readonly [number, number, number]): number {
  let best = 0;
  planes.forEach((p, i) => {
    const d = Math.abs(signedDistanceToPlane(p, vec3(point[0], point[1], point[2])));
    const b = Math.abs(signedDistanceToPlane(planes[best] as ImagePlane, vec3(point[0], point[1], point[2])));
    if (d < b) best = i;
  });
  return best;
}

describe('sample study: labels on the sagittal MR, read on the axial CT (same frame of reference)', () => {
  const midSagittal = mrPlanes[(mrPlanes.length - 1) / 2] as ImagePlane;
  const labels = PHANTOM_GEOMETRY.levels.map((l) => label(l.name, clickOn(midSagittal, l.centre)));

  it('shows every label as a marker on the mid-sagittal MR and on the CT nothing but the level readout', () => {
    expect(labelDisplayFor('sagittal')).toBe('markers');
    expect(labelDisplayFor('axial')).toBe('level-readout');
    expect(markersOn(labels, FRAME, midSagittal).map((m) => m.label).sort()).toEqual(['L1', 'L2', 'L3', 'L4', 'L5', 'T10', 'T11', 'T12']);
  });

  it.each(PHANTOM_GEOMETRY.levels.map((l) => [l.name, l.centre] as const))('the CT slice through the %s centre reads that level', (name, centre) => {
    const slice = ctPlanes[nearestPlane(ctPlanes, centre)] as ImagePlane;
    const readout = levelReadout(labels, FRAME, slice, STANDARD);
    expect(readout.ok && readout.label).toBe(name);
    if (!readout.ok) return;
    // The CT grid is 2 mm: the slice is within 1 mm of the centre, and the sign says above (+) or below (−).
    expect(Math.abs(readout.distance)).toBeLessThanOrEqual(1.0001);
    expect(readout.text).toMatch(new RegExp(`^${name} \\([+−]\\d+\\.\\d mm\\)$`));
  });

  it('a slice 5 mm above the L1 centre is L1 with +5.0 mm; below it, a minus sign', () => {
    const l1 = PHANTOM_GEOMETRY.levels.find((l) => l.name === 'L1');
    if (!l1) throw new Error('no L1');
    const above = plane([ct.x0, ct.y0, l1.centre[2] + 5], [1, 0, 0, 0, 1, 0], ct.pixelSpacing, ct.rows, ct.columns);
    const below = plane([ct.x0, ct.y0, l1.centre[2] - 5], [1, 0, 0, 0, 1, 0], ct.pixelSpacing, ct.rows, ct.columns);
    expect(levelReadout(labels, FRAME, above, STANDARD)).toMatchObject({ ok: true, label: 'L1', text: 'L1 (+5.0 mm)' });
    expect(levelReadout(labels, FRAME, below, STANDARD)).toMatchObject({ ok: true, label: 'L1', text: 'L1 (−5.0 mm)' });
  });

  it('a series of another frame of reference gets no labels, and says why', () => {
    expect(labelsHiddenReason(labels, FRAME)).toBeNull();
    expect(labelsHiddenReason(labels, '9.9.9')).toMatch(/different frame of reference/);
    expect(labelsHiddenReason(labels, null)).toMatch(/no FrameOfReferenceUID/);
    expect(labelsHiddenReason([], '9.9.9')).toBeNull();
    expect(levelReadout(labels, '9.9.9', ctPlanes[0] as ImagePlane, STANDARD).ok).toBe(false);
    expect(markersOn(labels, '9.9.9', midSagittal)).toEqual([]);
  });

  it('labelling T10 and L5 proposes T11–L4 in order, each near its true body (even spacing along the path)', () => {
    const ends = labels.filter((l) => l.label === 'T10' || l.label === 'L5');
    const proposals = proposeMissing(ends, FRAME, STANDARD);
    expect(proposals.map((p) => p.label)).toEqual(['T11', 'T12', 'L1', 'L2', 'L3', 'L4']);
    for (const p of proposals) {
      const truth = labels.find((l) => l.label === p.label)?.point ?? [0, 0, 0];
      const off = Math.hypot(p.point[0] - truth[0], p.point[1] - truth[1], p.point[2] - truth[2]);
      // Even spacing ignores that bodies (15–27 mm, L1 collapsed) and discs differ: within half a body of the truth.
      expect(off).toBeLessThan(13);
      // Every proposal names the CT slice through it with its own level.
      const readout = levelReadout([...ends, ...proposals.map((q) => label(q.label, q.point, FRAME, true))], FRAME, ctPlanes[nearestPlane(ctPlanes, p.point)] as ImagePlane, STANDARD);
      expect(readout.ok && readout.label).toBe(p.label);
    }
  });

  it('proposals respect the variants: with 13 thoracic vertebrae T13 is proposed between T12 and L1', () => {
    const t12 = labels.find((l) => l.label === 'T12') as LevelLabelRecord;
    const l1 = labels.find((l) => l.label === 'L1') as LevelLabelRecord;
    expect(proposeMissing([t12, l1], FRAME, { ...STANDARD, thoracicCount: 13 }).map((p) => p.label)).toEqual(['T13']);
    expect(proposeMissing([t12, l1], FRAME, STANDARD)).toEqual([]);
  });
});

describe('real thoracolumbar CT: labels at the known vertebra centres on the sagittal series name the axial slices', () => {
  const folder = join(SPINE_DATA, 'thoracolumbar-ct');
  const known = JSON.parse(readFileSync(join(folder, 'vertebrae.json'), 'utf8')) as { frameOfReferenceUID: string; vertebrae: Record<string, { lps_mm: [number, number, number] }> };
  const sagittal = readFolder(join(folder, 'sagittal'));
  const axial = readFolder(join(folder, 'axial'));
  const frame = known.frameOfReferenceUID;
  const names = ['T12', 'L1', 'L2'] as const;
  const points = names.map((n) => {
    const p = known.vertebrae[n]?.lps_mm;
    if (!p) throw new Error(`vertebrae.json has no ${n}`);
    return p;
  });
  // Each label is placed on the sagittal image nearest to its point, as a reader clicking there would.
  const labels = names.map((n, i) => {
    const p = points[i] as [number, number, number];
    const image = sagittal[nearestPlane(sagittal.map((s) => s.plane), p)];
    if (!image) throw new Error('no sagittal images');
    return label(n, clickOn(image.plane, p), image.frameOfReferenceUID);
  });

  it('both series share the frame of reference of vertebrae.json', () => {
    expect(new Set([...sagittal, ...axial].map((h) => h.frameOfReferenceUID))).toEqual(new Set([frame]));
  });

  it.each(names.map((n, i) => [n, i] as const))('the axial slice nearest to the %s centre reads that level', (name, i) => {
    const point = points[i] as [number, number, number];
    const slice = axial[nearestPlane(axial.map((a) => a.plane), point)];
    if (!slice) throw new Error('no axial images');
    const readout = levelReadout(labels, frame, slice.plane, STANDARD);
    expect(readout.ok && readout.label).toBe(name);
    // 3 mm sample volume: the nearest slice is within half a slice (+ the click's in-plane snap) of the centre.
    if (readout.ok) expect(Math.abs(readout.distance)).toBeLessThan(2);
  });

  it('every axial slice between T12 and L2 reads the label whose centre is nearest along the spine', () => {
    const zs = points.map((p) => p[2]);
    const inRange = axial.filter((a) => a.plane.imagePositionPatient[2] <= Math.max(...zs) && a.plane.imagePositionPatient[2] >= Math.min(...zs));
    expect(inRange.length).toBeGreaterThan(10);
    for (const a of inRange) {
      const readout = levelReadout(labels, frame, a.plane, STANDARD);
      const z = a.plane.imagePositionPatient[2];
      const expected = names[zs.reduce((best, zi, i) => (Math.abs(zi - z) < Math.abs((zs[best] ?? 0) - z) ? i : best), 0)];
      expect(readout.ok && readout.label).toBe(expected);
    }
  });
});
